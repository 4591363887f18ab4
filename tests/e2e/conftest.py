"""Browser tests: a real ``streamlit run`` per module, driven by Playwright in Debian Chromium.

A module sets ``SERVER_ENV = {...}`` (merged into the server's environment) and, if it
needs its own catalogue, ``CATALOG_FEATURES = [...]`` (written to a temporary directory
that ``ECOSITES_GEODATA`` points at). Readiness is Streamlit's own signals: the health
endpoint answers ``ok``, then the app element reports a connected, idle script.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO, write_catalog

CHROMIUM = os.environ.get("ECOSITES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SERVER_START_TIMEOUT_S = 90
APP_IDLE_TIMEOUT_MS = 60_000
# By source: the map script retitles the frame (see static/js/sites.js).
MAP_IFRAME = 'iframe[src*="/component/streamlit_folium.st_folium/"]'

pytestmark = pytest.mark.e2e


@dataclass
class Server:
    """A running Streamlit server and where its log goes."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path
    catalog_dir: Path | None = None


@dataclass
class RequestLog:
    """Every URL a page requested, to assert no outside host is contacted."""

    urls: list[str] = field(default_factory=list)

    def hosts(self) -> set[str]:
        """The distinct host:port values requested over http(s)."""
        return {urlsplit(u).netloc for u in self.urls if u.startswith(("http://", "https://"))}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling interval while waiting on the health signal, not a fixed wait
    raise RuntimeError(f"streamlit did not become healthy:\n{log.read_text(errors='replace')}")


def start_server(env: dict[str, str], workdir: Path) -> Server:
    """Start ``streamlit run streamlit_app.py`` on a free port and wait until healthy."""
    port = _free_port()
    log = workdir / f"streamlit-{port}.log"
    full_env = {**os.environ, "ECOSITES_TILES": "none", **env}
    command = [
        sys.executable, "-m", "streamlit", "run", str(REPO / "streamlit_app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]
    handle = log.open("wb")
    process = subprocess.Popen(command, cwd=REPO, env=full_env, stdout=handle,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log)
    except RuntimeError:
        process.kill()
        raise
    return Server(url, process, log)


def stop_server(server: Server) -> None:
    """Stop the server and wait for it."""
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One Streamlit server for the test module, configured by its SERVER_ENV/CATALOG_FEATURES."""
    workdir = tmp_path_factory.mktemp("server")
    env = dict(getattr(request.module, "SERVER_ENV", {}))
    features = getattr(request.module, "CATALOG_FEATURES", None)
    catalog_dir = None
    if features is not None:
        catalog_dir = workdir / "geodata"
        write_catalog(catalog_dir, features)
        for extra in ("categories.json", "tags.json"):
            shutil.copy(REPO / "geodata" / extra, catalog_dir / extra)
        env["ECOSITES_GEODATA"] = str(catalog_dir)
    running = start_server(env, workdir)
    running.catalog_dir = catalog_dir
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (no downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


ARTIFACTS = REPO / "test-results"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Any:
    """Remember each phase's report on the test item, so fixtures can see a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; ``page.request_log`` records every requested URL, ``page.errors`` page errors.

    When the test fails, a screenshot goes to ``test-results/``.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    new_page = context.new_page()
    new_page.request_log = RequestLog()
    new_page.errors = []
    new_page.dialogs = []
    new_page.on("request", lambda r: new_page.request_log.urls.append(r.url))
    new_page.on("pageerror", lambda e: new_page.errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        new_page.dialogs.append(dialog.message)
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    new_page.set_default_timeout(APP_IDLE_TIMEOUT_MS)
    yield new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        # A screenshot of what the browser showed, for CI logs (test-results/ is git-ignored).
        ARTIFACTS.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() else "_" for c in request.node.nodeid)[-120:]
        new_page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def wait_for_app(page: Any) -> None:
    """Wait until the app is connected and its script has finished running."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
        "[data-test-script-state='notRunning']",
        state="attached",
    )


def open_app(page: Any, server: Server, query: str = "") -> None:
    """Open the app (optionally with a query string) and wait until it is idle."""
    page.goto(f"{server.url}/{query}")
    wait_for_app(page)


def wait_for_url_parts(page: Any, *parts: str) -> None:
    """Wait until the page's URL contains every part (the link is written when a run ends)."""
    page.wait_for_url(lambda url: all(part in url for part in parts))


def map_frame(page: Any) -> Any:
    """The st_folium map iframe's frame locator."""
    page.wait_for_selector(MAP_IFRAME)
    return page.frame_locator(MAP_IFRAME).first


# Counts, in the page, each value a component's frame sends: every one reruns the page.
_COUNT_COMPONENT_VALUES = """(name) => {
  window.componentValues = window.componentValues || {};
  window.componentValues[name] = 0;
  window.addEventListener("message", (event) => {
    const frame = event.source && event.source.frameElement;
    const data = event.data || {};
    if (frame && frame.src.includes(name) && data.type === "streamlit:setComponentValue") {
      window.componentValues[name] += 1;
    }
  });
}"""


def count_component_values(page: Any, component: str) -> Callable[[], int]:
    """From the next load on, count the values sent by the frames of ``component`` (e.g.
    "st_folium"); returns a function giving the count so far."""
    page.add_init_script(f"({_COUNT_COMPONENT_VALUES})({json.dumps(component)})")
    return lambda: int(page.evaluate("(name) => window.componentValues[name]", component))


def site_markers(frame: Any) -> Any:
    """Locator of individual site markers (not legend icons, not clusters)."""
    return frame.locator(".leaflet-marker-pane .eco-pin[data-site-id]")


def cluster_counts(frame: Any) -> list[int]:
    """The numbers shown on marker clusters."""
    return [int(text) for text in frame.locator(".marker-cluster span").all_inner_texts()]


def shown_site_total(frame: Any) -> int:
    """Sites represented on the map: single markers plus the counts of clusters."""
    single: int = site_markers(frame).count()
    return single + sum(cluster_counts(frame))
