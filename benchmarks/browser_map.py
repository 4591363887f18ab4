"""Explore's map in Chromium: time to first markers, pan/zoom update, filter redraw.

Starts ``streamlit run`` on one catalogue folder (``ECOSITES_TILES=none``), opens Explore
in Debian's Chromium through Playwright, and measures inside the map's frame with
``performance.now()``: each pan or zoom is a ``setView`` without animation, timed until
the markers for the new view are drawn (``static/js/sites.js`` redraws on ``moveend``)
and the next frame is painted. It also checks that no pan or zoom sent anything to the
server (no rerun). Wall times include this shared machine's load. The server's own
resident memory (``/proc/PID/status`` of the ``streamlit run`` process) is read after its
first page and again after the pans and search reruns: now (VmRSS) and at its peak (VmHWM).

    python benchmarks/browser_map.py benchmarks/out/10000 benchmarks/out/100000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.e2e.conftest import (  # noqa: E402  -- the browser tests' own server and browser set-up
    CHROMIUM,
    CHROMIUM_ARGS,
    MAP_IFRAME,
    start_server,
    stop_server,
    wait_for_app,
)

FIRST_VIEW_TIMEOUT_MS = 600_000
SEARCH_LABEL = "Search names and highlights"  # ecosites/i18n.py filters.search (English)
# Pans of a fifth of the view and zooms in and out around the city: [kind, a, b].
MOVES: tuple[tuple[str, float, float], ...] = (
    ("pan", 140, 0), ("pan", 0, 100), ("pan", -140, 0), ("pan", 0, -100),
    ("zoom", 1, 0), ("pan", 140, 60), ("zoom", 1, 0), ("zoom", -1, 0), ("zoom", -1, 0),
    ("pan", -140, -60),
)

# One move in the map's frame: the time from the move until its markers are drawn and painted.
_MOVE_JS = """async ([kind, a, b]) => {
  const map = window.map, before = window.ecoSites.draws || 0;
  const start = performance.now();
  if (kind === "pan") { map.panBy([a, b], {animate: false}); }
  else { map.setZoom(map.getZoom() + a, {animate: false}); }
  await new Promise(requestAnimationFrame);
  return {ms: performance.now() - start, redrawn: (window.ecoSites.draws || 0) > before,
          markers: document.querySelectorAll(".leaflet-marker-pane .leaflet-marker-icon").length};
}"""


def process_memory_mb(pid: int) -> dict[str, float]:
    """Resident memory of process ``pid`` in MB: ``rss`` now (VmRSS) and ``peak`` (VmHWM)."""
    fields = {"VmRSS:": "rss", "VmHWM:": "peak"}
    memory: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, *rest = line.split()
        if name in fields:
            memory[fields[name]] = round(int(rest[0]) / 1024, 1)
    return memory


def _map_frame(page: Any) -> Any:
    """The st_folium frame (a Frame, so that scripts can run in it)."""
    page.wait_for_selector(MAP_IFRAME)
    return page.frame_locator(MAP_IFRAME).first.owner.element_handle().content_frame()


def measure(catalog_dir: Path, moves: int = len(MOVES), first_view_timeout_ms: int = FIRST_VIEW_TIMEOUT_MS,
            ) -> dict[str, Any]:
    """Browser timings (ms) of Explore's map for one catalogue folder, and the reruns seen."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as workdir:
        server = start_server({"ECOSITES_GEODATA": str(catalog_dir), "ECOSITES_TILES": "none"},
                              Path(workdir))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    return _measure_page(browser, server.url, server.process.pid, moves,
                                         first_view_timeout_ms)
                finally:
                    browser.close()
        finally:
            stop_server(server)


def _measure_page(browser: Any, url: str, server_pid: int, moves: int, timeout_ms: int,
                  ) -> dict[str, Any]:
    page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="en-US")
    page.set_default_timeout(timeout_ms)
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda _payload: sent.append(1)))
    start = time.perf_counter()
    page.goto(url)
    frame = _map_frame(page)
    frame.wait_for_function("() => (window.ecoSites && window.ecoSites.draws) > 0")
    first_markers_ms = (time.perf_counter() - start) * 1000
    wait_for_app(page)
    first_fill_ms = frame.evaluate("() => window.ecoSites.filled.ms")
    first_page_memory = process_memory_mb(server_pid)
    sent_before = len(sent)
    timed = [frame.evaluate(_MOVE_JS, list(MOVES[i % len(MOVES)])) for i in range(moves)]
    reruns = len(sent) - sent_before
    filter_ms: list[float] = []
    index_ms: list[float] = []
    box = page.get_by_label(SEARCH_LABEL)
    for text in ("wetland", "", "forest", ""):
        visible = frame.evaluate("() => window.ecoSites.filled.visible")
        start = time.perf_counter()
        box.fill(text)
        box.press("Enter")
        frame.wait_for_function("(old) => window.ecoSites.filled.visible !== old", arg=visible)
        filter_ms.append((time.perf_counter() - start) * 1000)
        index_ms.append(frame.evaluate("() => window.ecoSites.filled.ms"))
        wait_for_app(page)
    memory = process_memory_mb(server_pid)
    return {
        "first_markers_ms": round(first_markers_ms),
        "first_fill_in_page_ms": round(first_fill_ms, 1),
        "pan_zoom_median_ms": round(statistics.median(m["ms"] for m in timed), 1),
        "pan_zoom_max_ms": round(max(m["ms"] for m in timed), 1),
        "markers_per_view_median": statistics.median(m["markers"] for m in timed),
        "all_moves_redrawn": all(m["redrawn"] for m in timed),
        "messages_to_server_during_moves": reruns,
        "filter_redraw_median_ms": round(statistics.median(filter_ms)),
        "filter_index_in_page_median_ms": round(statistics.median(index_ms), 1),
        "server_rss_first_page_mb": first_page_memory["rss"],
        "server_rss_mb": memory["rss"],
        "server_peak_mb": memory["peak"],
    }


def main(argv: list[str] | None = None) -> int:
    """Measure each catalogue folder given and print one JSON line per folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogs", nargs="+", type=Path, help="catalogue folders (sites.geojson)")
    parser.add_argument("--moves", type=int, default=len(MOVES), help="pans and zooms to time")
    args = parser.parse_args(argv)
    for folder in args.catalogs:
        print(json.dumps({"catalog": str(folder), **measure(folder, args.moves)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
