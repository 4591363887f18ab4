"""View queries on the PostGIS store at 100,000 and 1,000,000 sites (``CatalogStore.query_sites``).

    python benchmarks/pg_query.py                       # 100,000 and 1,000,000
    python benchmarks/pg_query.py 100000 --repeats 9    # chosen sizes
    python benchmarks/pg_query.py --url postgresql://...  # default: $ECOSITES_TEST_DATABASE_URL

Each size gets a schema of its own on the server (dropped afterwards) and ``db init``'s
migrations; the synthetic catalogue of ``benchmarks/generate.py`` is then loaded the way
staff load one: a single ``publish`` (one transaction: the version's features in chunks,
the sites, their marker rows with search keys, the kept cell counts), then VACUUM ANALYZE.

Then each view is asked ``repeats`` times after one warm-up, through a new store object
as a page would (connections come from the process's pool, as in the app), and the
median is reported: the views a page asks for on a first visit, and the reruns after a
filter or a search is changed. Results replace the PostGIS section of
``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import psycopg  # noqa: E402

from benchmarks.generate import DEFAULT_SEED, EAST, NORTH, SOUTH, WEST, _tag_slugs, synthetic_feature  # noqa: E402
from ecosites.filters import Criteria  # noqa: E402
from ecosites.pgstore import PostgisCatalogStore  # noqa: E402
from ecosites.sitequery import Bounds, SiteQuery  # noqa: E402
from tests.conftest import fresh_schema  # noqa: E402  # a schema of its own, dropped afterwards

RESULTS_PATH = REPO / "benchmarks" / "RESULTS.md"
SECTION_START = "<!-- postgis-view-queries:start -->"
SECTION_END = "<!-- postgis-view-queries:end -->"
DEFAULT_COUNTS = (100_000, 1_000_000)
CHUNK = 50_000
CENTRE = (106.63, 26.65)


def around(half_width: float) -> Bounds:
    """A square view of 2 × ``half_width`` degrees around the city centre."""
    lon, lat = CENTRE
    return (lon - half_width, lat - half_width, lon + half_width, lat + half_width)


@dataclass(frozen=True)
class View:
    """One timed view: a name for the table, its query, and how often to repeat it."""

    name: str
    query: SiteQuery
    repeats_cap: int | None = None  # fewer runs for the slowest views


REGION: Bounds = (WEST, SOUTH, EAST, NORTH)
VIEWS = (
    View("city (zoomed out), no filter", SiteQuery(REGION, Criteria())),
    View("city, one category", SiteQuery(REGION, Criteria(categories=("urban-restoration",)))),
    View("city, two tags", SiteQuery(REGION, Criteria(tags=("wetland", "forest")))),
    View("city, one district", SiteQuery(REGION, Criteria(districts=("Huaxi",)))),
    View("district (0.3° square)", SiteQuery(around(0.15), Criteria())),
    View("street (0.02° square)", SiteQuery(around(0.01), Criteria())),
    View("street, one category", SiteQuery(around(0.01), Criteria(categories=("green-industry",)))),
    View("district, two tags", SiteQuery(around(0.15), Criteria(tags=("wetland", "forest")))),
    View("street, text 'huaxi'", SiteQuery(around(0.01), Criteria(text="huaxi"))),
    View("district, text 'wetland'", SiteQuery(around(0.15), Criteria(text="wetland"))),
    View("district, text '湿地公园'", SiteQuery(around(0.15), Criteria(text="湿地公园"))),
    View("district, text 'huaxi shidi' (pinyin)", SiteQuery(around(0.15), Criteria(text="huaxi shidi"))),
    View("district, text 'geologcal' (misspelt)", SiteQuery(around(0.15), Criteria(text="geologcal"))),
    View("district, text 'park 12', one category",
         SiteQuery(around(0.15), Criteria(text="park 12", categories=("urban-restoration",)))),
    View("city, text 'wetland'", SiteQuery(REGION, Criteria(text="wetland")), 1),
)


def feature_chunks(count: int, seed: int = DEFAULT_SEED) -> Iterator[list[dict[str, Any]]]:
    """The synthetic catalogue of ``generate.py`` (same seed, same sites), ``CHUNK`` at a time."""
    rng = random.Random(seed)
    tag_slugs = _tag_slugs()
    for start in range(1, count + 1, CHUNK):
        yield [synthetic_feature(n, rng, tag_slugs) for n in range(start, min(start + CHUNK, count + 1))]


def load(url: str, count: int) -> dict[str, float]:
    """Publish ``count`` sites into an empty catalogue, then VACUUM ANALYZE; seconds of each."""
    features = [feature for chunk in feature_chunks(count) for feature in chunk]
    store = PostgisCatalogStore(url)
    started = time.perf_counter()
    store.publish(features, author="benchmark", expected_sha256=store.current_sha256())
    published = time.perf_counter()
    del features
    with psycopg.connect(url, autocommit=True) as connection:
        for table in ("sites", "site_markers", "site_cells", "version_features"):
            connection.execute(f"VACUUM ANALYZE {table}")
    return {"publish_s": published - started, "vacuum_s": time.perf_counter() - published}


def time_view(url: str, view: View, repeats: int) -> dict[str, Any]:
    """Median, fastest and slowest seconds of ``query_sites`` (a new store each time), and the answer."""
    print(f"  {view.name}", file=sys.stderr, flush=True)
    answer = PostgisCatalogStore(url).query_sites(view.query)  # warm-up
    times = []
    for _ in range(min(repeats, view.repeats_cap or repeats)):
        started = time.perf_counter()
        answer = PostgisCatalogStore(url).query_sites(view.query)
        times.append(time.perf_counter() - started)
    shape = (f"{len(answer.cells)} cells" if answer.grouped else f"{len(answer.markers)} markers")
    return {"view": view.name, "median": statistics.median(times), "min": min(times),
            "max": max(times), "runs": len(times), "total": answer.total, "answer": shape}


def table_size_mb(url: str, table: str) -> float:
    """The table's size with its indexes, in MB."""
    with psycopg.connect(url) as connection:
        row = connection.execute("SELECT pg_total_relation_size(%s)", (table,)).fetchone()
    return float(row[0]) / 1e6 if row else 0.0


TABLES = ("version_features", "sites", "site_markers", "site_cells")


def measure(server_url: str, count: int, repeats: int) -> dict[str, Any]:
    """Publish one size into a fresh schema and time every view."""
    with fresh_schema(server_url) as url:
        PostgisCatalogStore(url).init_schema()
        result: dict[str, Any] = {"count": count, **load(url, count)}
        print(f"  publish {result['publish_s']:.1f} s, VACUUM ANALYZE {result['vacuum_s']:.1f} s",
              file=sys.stderr, flush=True)
        result["sizes_mb"] = {table: table_size_mb(url, table) for table in TABLES}
        result["load_avg"] = os.getloadavg()[0]
        result["views"] = [time_view(url, view, repeats) for view in VIEWS]
    return result


def server_version(url: str) -> str:
    """PostgreSQL and PostGIS versions of the server."""
    with psycopg.connect(url) as connection:
        pg = connection.execute("SHOW server_version").fetchone()
        postgis = connection.execute("SELECT postgis_lib_version()").fetchone()
    return f"PostgreSQL {pg[0] if pg else '?'}, PostGIS {postgis[0] if postgis else '?'}"


def section(results: list[dict[str, Any]], server: str) -> str:
    """The PostGIS block of RESULTS.md."""
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [SECTION_START, "", "## PostGIS view queries", "",
             f"Written by `python benchmarks/pg_query.py` on {stamp}; {server}; {os.cpu_count()} cores. "
             "Load: one `publish` of every site into an empty catalogue (one transaction), then "
             "VACUUM ANALYZE. Views: seconds for one `query_sites` call through a new store object, "
             "connections from the pool (median of the runs after one warm-up); the rows with a "
             "filter or text are the reruns after a filter or search changes. Views with more "
             "matching sites than the limit (2,000) are answered as counts per lattice cell, from "
             "kept counts per category, district and set of tags; text is narrowed in SQL by the "
             "search keys kept per site and ranked in Python (see `ecosites/pgstore/textsearch.py`).",
             ""]
    for result in results:
        sizes = ", ".join(f"`{table}` {mb:,.0f} MB" for table, mb in result["sizes_mb"].items())
        lines += [f"### {result['count']:,} sites", "",
                  f"`publish`: {result['publish_s']:.1f} s; VACUUM ANALYZE {result['vacuum_s']:.1f} s; "
                  f"{sizes} (with indexes); load average {result['load_avg']:.1f} when the views were "
                  "timed (the machine is shared).",
                  "", "| view | matching | answer | median (s) | fastest (s) | slowest (s) | runs |",
                  "|---|---:|---|---:|---:|---:|---:|"]
        lines += [f"| {v['view']} | {v['total']:,} | {v['answer']} | {v['median']:.3f} | {v['min']:.3f} | "
                  f"{v['max']:.3f} | {v['runs']} |" for v in result["views"]]
        lines.append("")
    lines.append(SECTION_END)
    return "\n".join(lines) + "\n"


def write_section(block: str, path: Path = RESULTS_PATH) -> None:
    """Replace (or append) the PostGIS block of RESULTS.md, leaving the rest as ``run.py`` wrote it."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = text.find(SECTION_START), text.find(SECTION_END)
    if start >= 0 and end > start:
        text = text[:start] + block + text[end + len(SECTION_END):].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: time the views at each size, print the block and write it to RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=list(DEFAULT_COUNTS))
    parser.add_argument("--url", default=os.environ.get("ECOSITES_TEST_DATABASE_URL", ""))
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args(argv)
    if not args.url:
        parser.error("give --url or set ECOSITES_TEST_DATABASE_URL (bash scripts/pg-test-cluster.sh start)")
    results = []
    for count in args.counts:
        print(f"{count:,} sites", file=sys.stderr, flush=True)
        results.append(measure(args.url, count, args.repeats))
    block = section(results, server_version(args.url))
    print(block)
    if not args.no_write:
        write_section(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
