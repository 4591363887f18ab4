"""Explorer speed at 1,000 / 10,000 / 100,000 / 200,000 synthetic sites: start, rerun, payload.

    python benchmarks/run.py                 # all sizes, writes benchmarks/RESULTS.md
    python benchmarks/run.py 1000 10000      # chosen sizes
    python benchmarks/run.py --profile 10000 # also cProfile one filter rerun (to stdout)

Each size runs in its own Python process (``--one N``), so the catalogue load is cold
and memory figures do not carry over; the cold and warm starts (``--prepared-load``) and
the app under AppTest (``--app``) each get a fresh process of their own, so the app's
memory is its own and not the pure timings' catalogue too. Times are medians of ``time.perf_counter``. When
``benchmarks/browser_map.py`` exists, its ``measure`` adds the browser's columns.
See benchmarks/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import folium  # noqa: E402
import streamlit_folium  # noqa: E402

from benchmarks.generate import OUT_DIR, write_catalogue  # noqa: E402
from benchmarks.pg_query import SECTION_START  # noqa: E402
from ecosites import schema, state  # noqa: E402
from ecosites.catalog import Catalog, load_catalog  # noqa: E402
from ecosites.escape import escape_text  # noqa: E402
from ecosites.filters import Criteria, filter_sites  # noqa: E402
from ecosites.mapview import build_base_map, build_site_layer  # noqa: E402
from ecosites.markers import browser_sites  # noqa: E402
from ecosites.search import rank_sites  # noqa: E402
from ecosites.sitefiles import gzip_copy  # noqa: E402

DEFAULT_COUNTS: tuple[int, ...] = (1_000, 10_000, 100_000, 200_000)
BASELINE_MAX_SITES = 10_000  # the textbook map takes minutes beyond this: shown as "–"
RESULTS_PATH = REPO / "benchmarks" / "RESULTS.md"
# Hand-written sections of measurements made in turn (before and after a change) start here.
IN_TURN_START = "<!-- measured-in-turn:start -->"
APP_PATH = REPO / "streamlit_app.py"
README_PATH = REPO / "README.md"
README_START = "<!-- benchmark-table -->"
README_END = "<!-- /benchmark-table -->"
# The targets the README states: at 10,000 sites a filter rerun and the map payload; at
# 100,000 a cold start (prepare and search keys included) in seconds waited, as a large
# catalogue file is prepared in two processes at once (ecosites/prepared_halves.py), and a warm
# one in CPU seconds (one process); and the server's resident memory after a start.
TARGET_RERUN_S = 0.1
TARGET_PAYLOAD_MB = 0.6
TARGET_COLD_S = 10.0
TARGET_WARM_CPU_S = 2.0
TARGET_RSS_MB = 700.0
MAP_HEIGHT_PX = 520  # as components/site_map.py
# Cold and warm starts per size, in turn: one start swings by a second or more on this machine.
STARTS = 3
# Filter states the reruns cycle through: (categories, search text). Every rerun changes
# at least one filter, as a user would; the last one shows every site again.
FILTER_STATES: tuple[tuple[list[str], str], ...] = (
    (["urban-restoration"], ""),
    (["urban-restoration"], "wetland"),
    (["green-industry", "conservation-history"], "museum"),
    ([], ""),
)
PACKAGES = ("streamlit", "streamlit-folium", "folium", "geopandas", "pandas", "shapely",
            "pyogrio", "pydantic")


def median_time(action: Callable[[], Any], repeats: int) -> float:
    """Median wall time of ``action`` over ``repeats`` calls, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _status_mb(field: str) -> float:
    """One memory line of this process's /proc status (``VmRSS:``, ``VmHWM:``), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc)."""
    return _status_mb("VmRSS:")


def peak_mb() -> float:
    """The most resident memory this process has held, in MB (Linux /proc VmHWM)."""
    return _status_mb("VmHWM:")


@contextmanager
def captured_component() -> Iterator[list[dict[str, Any]]]:
    """Run st_folium without Streamlit: capture the arguments it would send instead."""
    calls: list[dict[str, Any]] = []

    def capture(**kwargs: Any) -> None:
        calls.append(kwargs)

    with mock.patch.object(streamlit_folium, "_component_func", capture):
        yield calls


@contextmanager
def server_script_cache() -> Iterator[None]:
    """Compile each page script once, as a server does, instead of on every ``AppTest.run()``.

    A server keeps one ``ScriptCache`` for all sessions and reruns (its compiled pages,
    cleared when a file changes); AppTest makes a new one per run, so each of its reruns
    also parsed, rewrote (``st.write`` magic) and compiled every page script again: about
    25 ms of a rerun at any size, which a visitor never waits for.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    with mock.patch.object(app_test, "ScriptCache", return_value=shared), \
            mock.patch.object(local_script_runner, "ScriptCache", return_value=shared):
        yield


@contextmanager
def profiled_script_thread(profiler: cProfile.Profile) -> Iterator[None]:
    """Profile the app script, which AppTest runs in its own thread (cProfile is per thread)."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def run_profiled(runner: Any) -> None:
        profiler.enable()
        try:
            original(runner)
        finally:
            profiler.disable()

    with mock.patch.object(LocalScriptRunner, "_run_script_thread", run_profiled):
        yield


def wire_bytes(component_args: dict[str, Any]) -> int:
    """Bytes of json_args as Streamlit serialises them (json.dumps, ASCII-escaped)."""
    sent = {k: v for k, v in component_args.items() if k not in ("on_change",)}
    return len(json.dumps(sent).encode())


def render_ours(catalog: Catalog) -> dict[str, Any]:
    """The app's map (base map + site layer, every site) through st_folium's Python side."""
    base_map = build_base_map(catalog.categories, None, "en")
    layer = build_site_layer(catalog.sites, catalog.categories, "en")
    with captured_component() as calls:
        streamlit_folium.st_folium(base_map, key=state.SITE_MAP, height=MAP_HEIGHT_PX,
                                   use_container_width=True, feature_group_to_add=[layer])
    return calls[0]


def render_textbook(catalog: Catalog) -> dict[str, Any]:
    """The textbook map: one folium Marker with a Popup per site, through st_folium."""
    fmap = folium.Map(location=list(schema.REGION_CENTER), zoom_start=10, tiles=None)
    sites = catalog.sites
    for lat, lon, name_en, name_zh, highlight in zip(
        sites[schema.LAT], sites[schema.LON], sites[schema.NAME_EN], sites[schema.NAME_ZH],
        sites[schema.HIGHLIGHT_EN], strict=True,
    ):
        html = f"<b>{escape_text(name_en)}</b><br>{escape_text(name_zh)}<br>{escape_text(highlight)}"
        folium.Marker([lat, lon], popup=folium.Popup(html, max_width=300)).add_to(fmap)
    with captured_component() as calls:
        streamlit_folium.st_folium(fmap, key="textbook", height=MAP_HEIGHT_PX,
                                   use_container_width=True)
    return calls[0]


def measure_app(directory: Path, repeats: int, profile: bool) -> dict[str, Any]:
    """Start the real app with AppTest, then time filter reruns and size what is sent."""
    from streamlit.testing.v1 import AppTest

    os.environ["ECOSITES_GEODATA"] = str(directory)
    os.environ["ECOSITES_TILES"] = "none"
    with server_script_cache():
        return _measured_app(AppTest.from_file(str(APP_PATH), default_timeout=900), repeats, profile)


def _measured_app(app: Any, repeats: int, profile: bool) -> dict[str, Any]:
    start = time.perf_counter()
    app.run()
    start_s = time.perf_counter() - start
    if app.exception:
        raise RuntimeError(f"the app failed: {app.exception[0].message}")
    full_map = app.get("component_instance")[0].proto
    full_table = app.dataframe[0].proto if app.dataframe else None
    result: dict[str, Any] = {
        "app_start_s": start_s,
        "map_bytes": full_map.ByteSize(),
        "map_args": {k: len(json.dumps(v)) for k, v in json.loads(full_map.json_args).items()},
        "table_bytes": full_table.ByteSize() if full_table is not None else 0,
        "rss_after_start_mb": rss_mb(),
    }
    times: list[float] = []
    for _ in range(repeats):
        for categories, text in FILTER_STATES:
            app.multiselect(key=state.FILTER_CATEGORIES).set_value(categories)
            app.text_input(key=state.FILTER_TEXT).set_value(text)
            start = time.perf_counter()
            app.run()
            times.append(time.perf_counter() - start)
            if app.exception:
                raise RuntimeError(f"the app failed: {app.exception[0].message}")
    result["rerun_s"] = statistics.median(times)
    result["rerun_max_s"] = max(times)
    result["rss_after_reruns_mb"] = rss_mb()
    result["app_peak_mb"] = peak_mb()
    if profile:  # the costliest rerun: from a narrow filter back to every site
        for categories, text in (FILTER_STATES[1], FILTER_STATES[-1]):
            app.multiselect(key=state.FILTER_CATEGORIES).set_value(categories)
            app.text_input(key=state.FILTER_TEXT).set_value(text)
            if text:
                app.run()
        profiler = cProfile.Profile()
        with profiled_script_thread(profiler):
            app.run()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        result["profile"] = out.getvalue()
    return result


def site_file_bytes(catalog: Catalog) -> dict[str, int]:
    """The browser's site file (every site, English): as written, and the gzip copy it fetches.

    The page gets it once per catalogue version (named by its content, so it is cached);
    the first visit's map payload is the component's arguments plus this file.
    """
    content = browser_sites(catalog.sites, catalog.categories, "en").content()
    return {"site_file_bytes": len(content),
            "site_file_gzip_bytes": len(gzip_copy(content))}


def measure_pure(catalog: Catalog, repeats: int) -> dict[str, Any]:
    """Filter, layer building and st_folium's Python side, plus the textbook baseline."""
    count = len(catalog.sites)
    if count >= 100_000:
        repeats = max(1, repeats // 2)
    criteria = Criteria(categories=("urban-restoration",), text="wetland")
    result: dict[str, Any] = {
        "filter_s": median_time(lambda: filter_sites(catalog.sites, criteria), repeats),
        "ranked_filter_s": median_time(
            lambda: filter_sites(catalog.sites, criteria, rank_sites), repeats),
        "layer_s": median_time(
            lambda: build_site_layer(catalog.sites, catalog.categories, "en"), repeats),
        "render_s": median_time(lambda: render_ours(catalog), repeats),
        "render_bytes": wire_bytes(render_ours(catalog)),
        **site_file_bytes(catalog),
    }
    if count <= BASELINE_MAX_SITES:
        textbook_repeats = 3 if count <= 1_000 else 1
        result["textbook_s"] = median_time(lambda: render_textbook(catalog), textbook_repeats)
        result["textbook_bytes"] = wire_bytes(render_textbook(catalog))
    return result


def measure_load(directory: Path, count: int, repeats: int) -> dict[str, Any]:
    """Cold load time, then the pure pieces on the loaded catalogue."""
    start = time.perf_counter()
    catalog = load_catalog(directory)
    load_s = time.perf_counter() - start
    if len(catalog.sites) != count or catalog.problems:
        raise RuntimeError(f"expected {count} valid sites, got {len(catalog.sites)} and "
                           f"{len(catalog.problems)} problem(s)")
    return {"sites": count, "load_s": load_s, **measure_pure(catalog, repeats)}


def _cpu_seconds() -> tuple[float, float]:
    """(this process's CPU seconds, those of its children that have ended)."""
    times = os.times()
    return times.user + times.system, times.children_user + times.children_system


def measure_prepared_load() -> dict[str, Any]:
    """One ``load_prepared_catalog`` in this (fresh) process: seconds, CPU and memory.

    A cold start of a large file forks a child for half of it: its CPU counts in ``cpu_s``
    (``child_cpu_s`` too), and ``child_peak_mb`` is the most it held.
    """
    from ecosites.prepared import load_prepared_catalog

    start, (own_start, children_start) = time.perf_counter(), _cpu_seconds()
    catalog = load_prepared_catalog(Path(os.environ["ECOSITES_BENCH_DIR"]))
    seconds, (own_end, children_end) = time.perf_counter() - start, _cpu_seconds()
    child_cpu_s = children_end - children_start
    child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if child_cpu_s else 0.0
    return {"seconds": seconds, "cpu_s": own_end - own_start + child_cpu_s, "child_cpu_s": child_cpu_s,
            "rss_mb": rss_mb(), "peak_mb": peak_mb(), "child_peak_mb": child_peak_mb,
            "sites": len(catalog.sites)}


def in_fresh_process(what: str, directory: Path, *options: str) -> dict[str, Any]:
    """This script's hidden ``--<what>`` measurement on ``directory`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), f"--{what}", *options], cwd=REPO,
        env={**os.environ, "ECOSITES_BENCH_DIR": str(directory)},
        capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"--{what} on {directory} failed:\n{done.stderr[-4000:]}")
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return measured


def prepared_loads(directory: Path, starts: int = STARTS) -> dict[str, Any]:
    """Cold (prepare and keep) then warm (read what was kept) loads, each in a fresh process.

    ``starts`` pairs of them in turn; each figure is the median of its phase's, and
    ``cold_load_range_s`` the fastest and slowest cold start.
    """
    from ecosites.prepared import PREPARED_FILE

    runs: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": []}
    for _ in range(starts):
        (directory / PREPARED_FILE).unlink(missing_ok=True)
        for starts_of_phase in runs.values():  # cold, then warm on the file the cold one kept
            starts_of_phase.append(in_fresh_process("prepared-load", directory))
    return {**start_medians(runs), "starts": starts,
            "cold_load_range_s": (min(r["seconds"] for r in runs["cold"]),
                                  max(r["seconds"] for r in runs["cold"]))}


def start_medians(runs: dict[str, list[dict[str, Any]]]) -> dict[str, float]:
    """Per phase (cold, warm), the median of each figure of its starts, under the table's names."""
    names = {"seconds": "load_s", "cpu_s": "cpu_s", "rss_mb": "rss_mb", "peak_mb": "peak_mb",
             "child_peak_mb": "child_peak_mb"}
    return {f"{phase}_{name}": statistics.median(run[field] for run in measured)
            for phase, measured in runs.items() for field, name in names.items()}


def browser_measurements(directory: Path) -> dict[str, Any]:
    """Optional hook: ``benchmarks/browser_map.py``'s ``measure`` (time to first markers, pan/zoom).

    That module comes from another change and may be absent; then there are no browser
    columns. Each value it returns becomes a column named ``browser <key>``.
    """
    try:
        from benchmarks import browser_map
    except ImportError:
        return {}
    measured: dict[str, Any] = browser_map.measure(directory)
    return {f"{BROWSER_PREFIX}{key}": value for key, value in measured.items()}


BROWSER_PREFIX = "browser "


def measure_one(count: int, repeats: int, profile: bool) -> dict[str, Any]:
    """Every measurement for one catalogue size (run in a fresh process)."""
    directory = OUT_DIR / str(count)
    if not (directory / "sites.geojson").exists():
        write_catalogue(count)
    busy = os.getloadavg()[0]
    prepared = prepared_loads(directory)  # leaves the prepared file: the app below starts warm
    result = {**measure_load(directory, count, repeats), **prepared}
    result["load_average_before"] = busy
    app_repeats = 1 if count >= 100_000 else 2  # the app in a process of its own: its memory only
    result.update(in_fresh_process("app", directory, "--repeats", str(app_repeats),
                                   *(["--profile"] if profile else [])))
    result.update(browser_measurements(directory))
    return result


def machine_info() -> dict[str, str]:
    """CPU, cores, Python and library versions, date."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in PACKAGES)
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "python": f"{platform.python_implementation()} {platform.python_version()} "
                  f"on {platform.system()} {platform.release()}",
        "libraries": versions,
    }


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1e6:.2f}"


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _whole(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _browser_columns(results: list[dict[str, Any]]) -> list[str]:
    """The browser hook's columns, in the order the first size that has them gives them."""
    return list(dict.fromkeys(key for r in results for key in r if key.startswith(BROWSER_PREFIX)))


def _value(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "–" if value is None else str(value).lower()
    return _s(float(value))


def results_table(results: list[dict[str, Any]]) -> str:
    """The Markdown results table, one row per catalogue size."""
    browser = _browser_columns(results)
    names = ["sites", "cold start (s)", "cold CPU, both processes (s)", "warm start CPU (s)",
             "warm wall (s)", "RSS after cold (MB)", "cold peak (MB)", "cold peak of the forked half (MB)",
             "RSS after warm (MB)", "load_catalog (s)", "app start (s)",
             "filter rerun (s)", "rerun max (s)", "map payload (MB)", "site file gzip (MB)",
             "site file (MB)", "table payload (MB)",
             "filter_sites (s)", "with rank_sites (s)", "build_site_layer (s)",
             "st_folium render (s)", "textbook render (s)", "textbook payload (MB)",
             "app RSS after start (MB)", "app RSS after reruns (MB)", "app peak (MB)", *browser]
    header = "| " + " | ".join(names) + " |\n|" + "---:|" * len(names) + "\n"
    rows = [
        f"| {r['sites']:,} | {_s(r['cold_load_s'])} | {_s(r['cold_cpu_s'])} | {_s(r['warm_cpu_s'])} "
        f"| {_s(r['warm_load_s'])} | {r['cold_rss_mb']:.0f} | {_whole(r.get('cold_peak_mb'))} "
        f"| {_whole(r.get('cold_child_peak_mb') or None)} | {r['warm_rss_mb']:.0f} "
        f"| {_s(r['load_s'])} | {_s(r['app_start_s'])} | {_s(r['rerun_s'])} "
        f"| {_s(r['rerun_max_s'])} | {_mb(r['map_bytes'])} | {_mb(r.get('site_file_gzip_bytes'))} "
        f"| {_mb(r.get('site_file_bytes'))} | {_mb(r['table_bytes'])} "
        f"| {_s(r['filter_s'])} | {_s(r['ranked_filter_s'])} | {_s(r['layer_s'])} "
        f"| {_s(r['render_s'])} "
        f"| {_s(r.get('textbook_s'))} | {_mb(r.get('textbook_bytes'))} "
        f"| {_whole(r.get('rss_after_start_mb'))} | {_whole(r.get('rss_after_reruns_mb'))} "
        f"| {_whole(r.get('app_peak_mb'))} |"
        + "".join(f" {_value(r.get(key))} |" for key in browser)
        for r in results
    ]
    return header + "\n".join(rows) + "\n"


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def payload_target(r: dict[str, Any]) -> str:
    """The first visit's map payload against the target: the component's arguments and the site file."""
    site_file = r.get("site_file_gzip_bytes")
    first_visit = r["map_bytes"] + (site_file or 0)
    parts = (f"{r['map_bytes'] / 1e6:.2f} MB of map arguments + {site_file / 1e6:.2f} MB site file "
             "(gzip, once per catalogue version)" if site_file is not None
             else f"{r['map_bytes'] / 1e6:.2f} MB of map arguments (site file not measured)")
    return (f"map payload on a first visit {first_visit / 1e6:.2f} MB: {parts} (target ≤ "
            f"{TARGET_PAYLOAD_MB} MB: {_verdict(first_visit / 1e6 <= TARGET_PAYLOAD_MB)})")


def _spread(r: dict[str, Any]) -> str:
    """", the median of N starts (fastest–slowest s)" where the cold starts were measured more than once."""
    low, high = r.get("cold_load_range_s") or (None, None)
    starts = r.get("starts", 1)
    return "" if low is None or starts < 2 else f", the median of {starts} starts ({low:.1f}–{high:.1f} s)"


def target_lines(results: list[dict[str, Any]]) -> list[str]:
    """Whether the 10,000- and 100,000-site targets are met."""
    lines = []
    for r in results:
        if r["sites"] == 10_000:
            lines.append(
                f"Targets at 10,000 sites: filter rerun {r['rerun_s']:.3f} s median "
                f"(target ≤ {TARGET_RERUN_S} s: {_verdict(r['rerun_s'] <= TARGET_RERUN_S)}; slowest "
                f"{r['rerun_max_s']:.3f} s, usually the rerun back to all sites); {payload_target(r)}.")
        if r["sites"] == 100_000:
            lines.append(
                f"Targets at 100,000 sites: cold start {r['cold_load_s']:.1f} s{_spread(r)} (target ≤ "
                f"{TARGET_COLD_S:.0f} s: {_verdict(r['cold_load_s'] <= TARGET_COLD_S)}; "
                f"{r['cold_cpu_s']:.1f} s CPU in the two processes); warm "
                f"start {r['warm_cpu_s']:.2f} s CPU (target ≤ {TARGET_WARM_CPU_S:.0f} s: "
                f"{_verdict(r['warm_cpu_s'] <= TARGET_WARM_CPU_S)}); {memory_target(r)}.")
    return lines


def memory_target(result: dict[str, Any]) -> str:
    """The server's resident memory against the target: after its page and reruns, and at its peak.

    The real ``streamlit run`` server's figures (``browser_map.py``) when measured, else the
    app's under AppTest, each in a process that holds nothing else.
    """
    server = result.get(f"{BROWSER_PREFIX}server_rss_mb")
    if server is not None:
        what, now, peak = "server", server, result.get(f"{BROWSER_PREFIX}server_peak_mb")
    else:
        now = result.get("rss_after_reruns_mb", result.get("rss_after_start_mb"))
        what, peak = "app (AppTest)", result.get("app_peak_mb")
    if now is None:
        return "resident memory not measured"
    text = (f"{what} resident memory after its first page and reruns {now:.0f} MB (target < "
            f"{TARGET_RSS_MB:.0f} MB: {_verdict(now < TARGET_RSS_MB)})")
    if peak is not None:
        text += f", at its peak {peak:.0f} MB ({_verdict(peak < TARGET_RSS_MB)})"
    return text


def results_markdown(results: list[dict[str, Any]], info: dict[str, str]) -> str:
    """RESULTS.md: machine, table, targets, and the map payload's parts."""
    parts = [
        "# Benchmark results",
        "",
        "Written by `python benchmarks/run.py`; see README.md in this folder for the columns.",
        "",
        f"- Date: {info['date']}",
        f"- CPU: {info['cpu']}",
        f"- Python: {info['python']}",
        f"- Libraries: {info['libraries']}",
        "",
        results_table(results),
        *target_lines(results),
        "",
        "Map payload by component argument (bytes in json_args, all sites shown):",
        "",
    ]
    for r in results:
        largest = sorted(r["map_args"].items(), key=lambda kv: -kv[1])[:4]
        parts.append(f"- {r['sites']:,}: " + ", ".join(f"{k} {v:,}" for k, v in largest))
    parts += ["", "1-minute load average of the machine when each size started (above the core "
              "count, other work was competing and times are inflated):", ""]
    parts += [f"- {r['sites']:,}: {r['load_average_before']:.1f}" for r in results]
    return "\n".join(parts) + "\n"


def update_readme(path: Path, results: list[dict[str, Any]], info: dict[str, str]) -> None:
    """Replace the table between README.md's benchmark-table markers."""
    text = path.read_text(encoding="utf-8")
    start = text.index(README_START) + len(README_START)
    end = text.find(README_END, start)
    rest = text[end + len(README_END):] if end >= 0 else text[start:]
    block = (f"\n\n{results_table(results)}\n{' '.join(target_lines(results))}\n"
             f"({info['cpu']}; {info['date']}; details in `benchmarks/RESULTS.md`.)\n")
    path.write_text(text[:start] + block + README_END + rest, encoding="utf-8")


def kept_sections(path: Path = RESULTS_PATH) -> str:
    """What was written below this one's results: measurements in turn, ``pg_query.py``'s PostGIS block."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    starts = [start for start in (text.find(IN_TURN_START), text.find(SECTION_START)) if start >= 0]
    return "\n" + text[min(starts):] if starts else ""


def run_in_subprocess(count: int, repeats: int, profile: bool) -> dict[str, Any]:
    """``measure_one`` in a fresh interpreter; its JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--one", str(count),
               "--repeats", str(repeats)]
    if profile:
        command.append("--profile")
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"measuring {count} sites failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: measure the chosen sizes, print the table and write RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=list(DEFAULT_COUNTS))
    parser.add_argument("--repeats", type=int, default=5, help="repeats of the pure timings")
    parser.add_argument("--profile", action="store_true",
                        help="print a cProfile of one filter rerun per size")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--readme", action="store_true",
                        help="also put the table into README.md's Speed section")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--prepared-load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--app", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.prepared_load:
        print(json.dumps(measure_prepared_load()))
        return 0
    if args.app:
        print(json.dumps(measure_app(Path(os.environ["ECOSITES_BENCH_DIR"]), args.repeats,
                                     args.profile)))
        return 0
    if args.one:
        print(json.dumps(measure_one(args.one, args.repeats, args.profile)))
        return 0
    results = []
    for count in args.counts:
        print(f"measuring {count:,} sites…", file=sys.stderr, flush=True)
        result = run_in_subprocess(count, args.repeats, args.profile)
        if "profile" in result:
            print(f"\n--- cProfile of one filter rerun at {count:,} sites ---\n{result.pop('profile')}")
        results.append(result)
    print(results_table(results))
    for line in target_lines(results):
        print(line)
    if not args.no_write:
        RESULTS_PATH.write_text(results_markdown(results, machine_info()) + kept_sections(), encoding="utf-8")
        print(f"written to {RESULTS_PATH.relative_to(REPO)}")
    if args.readme:
        update_readme(README_PATH, results, machine_info())
        print(f"table put into {README_PATH.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
