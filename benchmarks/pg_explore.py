"""Server time of an Explore rerun in database mode, on a PostGIS catalogue of synthetic sites.

    python benchmarks/pg_explore.py 100000 --url postgresql://...  # default: $ECOSITES_TEST_DATABASE_URL
    python benchmarks/pg_explore.py 100000 --geodata DIR  # generate.py's DIR, loaded by `db load`
    python benchmarks/pg_explore.py 100000 --marker-limit 20000  # the app's default limit

The catalogue gets a schema of its own (dropped afterwards): with ``--geodata`` it is loaded
as ``python -m ecosites db load DIR`` loads it (a publish), else by COPY as
``benchmarks/pg_query.py`` does. Then the real page runs in AppTest with
``ECOSITES_DATABASE_URL`` set, and each step is timed as the server spends it:

- the first run (summary, count, the list's first rows, the zoomed-out map);
- pans: the map reports a new view, so the store is asked for it and the layer rebuilt
  (nothing else changes, so the rest comes from the cache);
- a filter change (a new count, list and map);
- and, for each view alone, ``query_sites`` plus building the layer and rendering the folium
  map to HTML (the "view query plus map build" of the target, under 0.5 s at 1,000,000).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks.pg_query import REGION, around, load  # noqa: E402
from ecosites import state  # noqa: E402
from ecosites.catalog import empty_sites, load_categories  # noqa: E402
from ecosites.filters import Criteria  # noqa: E402
from ecosites.mapview import build_base_map  # noqa: E402
from ecosites.paths import BUNDLED_GEODATA  # noqa: E402
from ecosites.pgstore import PostgisCatalogStore  # noqa: E402
from ecosites.querymap import answer_layer, query_bounds  # noqa: E402
from ecosites.sitequery import Bounds, SiteQuery  # noqa: E402
from tests.conftest import fresh_schema  # noqa: E402

PANS: tuple[tuple[str, Bounds], ...] = (
    ("city (zoomed out)", REGION),
    ("district (0.3° square)", around(0.15)),
    ("neighbourhood (0.06° square)", around(0.03)),
    ("street (0.02° square)", around(0.01)),
)
DEFAULT_MARKER_LIMIT = 2_000  # markers per view before counts per cell (ECOSITES_MAP_MARKER_LIMIT)


def event_bounds(view: Bounds) -> dict[str, Any]:
    """The ``bounds`` value st_folium reports for a view."""
    west, south, east, north = view
    return {"bounds": {"_southWest": {"lng": west, "lat": south}, "_northEast": {"lng": east, "lat": north}}}


def shifted(view: Bounds, round_number: int) -> Bounds:
    """The view moved a little for each round, so no answer comes from the cache."""
    step = 0.001 * (round_number + 1)
    west, south, east, north = view
    return west + step, south + step, east + step, north + step


def timed(step: Any) -> float:
    """Seconds one call takes."""
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def page_times(url: str, repeats: int, marker_limit: int) -> dict[str, Any]:
    """Seconds of the page's reruns (AppTest, the whole script) in database mode."""
    os.environ.update({"ECOSITES_DATABASE_URL": url, "ECOSITES_TILES": "none",
                       "ECOSITES_MAP_MARKER_LIMIT": str(marker_limit)})
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=600)
    first = timed(at.run)
    assert not at.exception, at.exception
    pans: dict[str, list[float]] = {name: [] for name, _ in PANS}
    for round_number in range(repeats):
        for name, view in PANS:
            at.session_state[state.SITE_MAP] = event_bounds(shifted(view, round_number))
            pans[name].append(timed(at.run))
    at.session_state[state.FILTER_CATEGORIES] = ["green-industry"]
    filtered = timed(at.run)
    return {"first": first, "pans": {k: statistics.median(v) for k, v in pans.items()}, "filter": filtered}


def view_times(url: str, repeats: int, marker_limit: int) -> list[dict[str, Any]]:
    """Seconds of ``query_sites`` and of the map build (layer and folium HTML) per view."""
    categories, _ = load_categories(BUNDLED_GEODATA)
    rows = []
    for name, view in PANS:
        query_s, build_s = [], []
        for round_number in range(repeats):
            query = SiteQuery(query_bounds(shifted(view, round_number)), Criteria(), limit=marker_limit)
            started = time.perf_counter()
            answer = PostgisCatalogStore(url).query_sites(query)
            query_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            base = build_base_map(categories, None, "en")
            layer = answer_layer(answer, categories, "en", empty_sites())
            layer.add_to(base)
            base.get_root().render()
            build_s.append(time.perf_counter() - started)
        shape = f"{len(answer.cells)} cells" if answer.grouped else f"{len(answer.markers)} markers"
        rows.append({"view": name, "answer": shape, "query": statistics.median(query_s),
                     "build": statistics.median(build_s)})
    return rows


def db_load(url: str, geodata: Path) -> float:
    """Seconds of ``python -m ecosites db init`` and ``db load DIR``, as an operator runs them."""
    import subprocess

    started = time.perf_counter()
    for action in (["init"], ["load", str(geodata)]):
        subprocess.run([sys.executable, "-m", "ecosites", "db", *action], cwd=REPO, check=True,
                       env={**os.environ, "ECOSITES_DATABASE_URL": url})
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Command line: load one size, time the page and the views, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--url", default=os.environ.get("ECOSITES_TEST_DATABASE_URL", ""))
    parser.add_argument("--geodata", type=Path, help="a generate.py catalogue to `db load`")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--marker-limit", type=int, default=DEFAULT_MARKER_LIMIT)
    args = parser.parse_args(argv)
    if not args.url:
        parser.error("give --url or set ECOSITES_TEST_DATABASE_URL (bash scripts/pg-test-cluster.sh start)")
    with fresh_schema(args.url) as url:
        if args.geodata:
            loaded = f"`db init` + `db load`: {db_load(url, args.geodata):.1f} s"
        else:
            PostgisCatalogStore(url).init_schema()
            loaded = f"COPY load: {load(url, args.count):.1f} s"
        page = page_times(url, args.repeats, args.marker_limit)
        views = view_times(url, args.repeats, args.marker_limit)
    print(f"### Explore in database mode, {args.count:,} sites, marker limit {args.marker_limit:,} "
          f"({loaded}; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f})\n")
    print(f"First run {page['first']:.2f} s; a filter change {page['filter']:.2f} s "
          f"(AppTest, the whole script).\n")
    print("| view | answer | page rerun on a pan (s) | query_sites (s) | layer + folium HTML (s) |")
    print("|---|---|---:|---:|---:|")
    for row in views:
        print(f"| {row['view']} | {row['answer']} | {page['pans'][row['view']]:.3f} | {row['query']:.3f} | "
              f"{row['build']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
