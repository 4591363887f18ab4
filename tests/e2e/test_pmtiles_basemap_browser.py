"""In a real browser with ECOSITES_TILES=pmtiles: the archive the tests build is served by the app
with range requests and drawn as the basemap (its land and water colours appear on the map),
with no request to any other host."""

from __future__ import annotations

import io
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.basemap_archive import build_archive
from tests.e2e.conftest import (
    MAP_IFRAME,
    Server,
    map_frame,
    open_app,
    site_markers,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.e2e

EARTH_RGB = (0xE2, 0xDF, 0xDA)  # protomaps-leaflet's light flavour: earth
WATER_RGB = (0x80, 0xDE, 0xEA)  # and water
TOLERANCE = 6  # canvas anti-aliasing and colour management


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose basemap is an archive built for this module."""
    workdir = tmp_path_factory.mktemp("pmtiles")
    archive = build_archive(workdir / "guiyang-test.pmtiles")
    running = start_server({"ECOSITES_TILES": "pmtiles", "ECOSITES_PMTILES": str(archive)}, workdir)
    yield running
    stop_server(running)


def pixels_near(image: Image.Image, colour: tuple[int, int, int]) -> int:
    """How many pixels of ``image`` are within TOLERANCE of ``colour`` in every channel."""
    counted = 0
    for count, pixel in image.convert("RGB").getcolors(maxcolors=1 << 24) or []:
        assert isinstance(pixel, tuple)
        if all(abs(int(a) - b) <= TOLERANCE for a, b in zip(pixel, colour, strict=True)):
            counted += int(count)
    return counted


def wait_for_tile_colours(page: Any, *colours: tuple[int, int, int]) -> None:
    """Wait until the basemap's canvas tiles hold pixels of every colour (each tile paints on its own)."""
    frame = page.wait_for_selector(MAP_IFRAME).content_frame()
    frame.wait_for_function(
        """([colours, tolerance]) => {
             const found = colours.map(() => false);
             for (const c of document.querySelectorAll('.leaflet-tile-pane canvas')) {
               if (!c.width || !c.height) { continue; }
               const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
               for (let i = 0; i < data.length; i += 4) {
                 if (data[i + 3] !== 255) { continue; }
                 colours.forEach((rgb, k) => {
                   found[k] = found[k] || rgb.every((v, j) => Math.abs(data[i + j] - v) <= tolerance);
                 });
               }
             }
             return found.every(Boolean);
           }""", arg=[[list(colour) for colour in colours], TOLERANCE], polling=100)


@pytest.mark.parametrize("query", ["", "?lang=zh"])
def test_the_archive_draws_the_basemap_with_no_other_host(page: Any, server: Server, query: str) -> None:
    open_app(page, server, query)
    frame = map_frame(page)
    site_markers(frame).first.wait_for()
    wait_for_tile_colours(page, EARTH_RGB, WATER_RGB)
    shot = Image.open(io.BytesIO(frame.locator(".leaflet-container").screenshot()))
    area = shot.width * shot.height
    assert pixels_near(shot, EARTH_RGB) > area // 4
    assert pixels_near(shot, WATER_RGB) > 200
    assert page.request_log.hosts() == {urlsplit(server.url).netloc}
    archive_urls = {url for url in page.request_log.urls if url.split("?")[0].endswith(".pmtiles")}
    assert len(archive_urls) == 1
    assert not page.errors


def test_the_served_archive_answers_range_requests(page: Any, server: Server) -> None:
    """pmtiles reads headers and tiles by byte range; a full 200 answer would break it."""
    open_app(page, server)
    wait_for_tile_colours(page, EARTH_RGB)
    (url,) = {u for u in page.request_log.urls if u.split("?")[0].endswith(".pmtiles")}
    request = urllib.request.Request(url, headers={"Range": "bytes=0-126"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 206
        body = response.read()
    assert len(body) == 127
    assert body.startswith(b"PMTiles\x03")
    assert not list(Path(server.log.parent).glob("*.pmtiles.*.tmp"))
