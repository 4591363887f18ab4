"""Explore's browser-held sites: the static file, the per-rerun layer, clicks back to ids."""

from __future__ import annotations

import base64
import gzip
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from ecosites.basemaps import get_basemap
from ecosites.catalog import Catalog, load_catalog
from ecosites.escape import script_json
from ecosites.mapfit import map_fit
from ecosites.mapview import build_browser_layer
from ecosites.markers import BrowserSites, browser_sites, site_layer_payload, visible_bits
from ecosites.paths import STATIC_URL
from ecosites.sitefiles import (
    GZIP_SUFFIX,
    KEPT_SITE_FILES,
    SITE_FILES_DIR,
    publish_site_file,
    site_file_exists,
)
from tests.conftest import make_site, write_catalog

# Two sites share one point (spread on the map), one has an approximate position, one is a
# polygon (its boundary is drawn), and one name needs escaping.
FEATURES = [
    make_site(id="a", name_en="A", name_zh="甲", lon=106.60, lat=26.60),
    make_site(id="b", name_en="B <b>", name_zh="乙", lon=106.60, lat=26.60, coordinate_accuracy_m=None),
    make_site(id="c", name_en="C", name_zh="丙", lon=106.70, lat=26.70, coordinate_accuracy_m=250),
    make_site(id="d", name_en="D", name_zh="丁", category="green-industry",
              geometry={"type": "Polygon", "coordinates": [[[106.8, 26.8], [106.81, 26.8],
                                                            [106.81, 26.81], [106.8, 26.8]]]}),
]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    directory = tmp_path_factory.mktemp("browser")
    write_catalog(directory, FEATURES)
    loaded = load_catalog(directory)
    assert list(loaded.sites.index) == ["a", "b", "c", "d"]
    return loaded


@pytest.fixture(scope="module")
def data(catalog: Catalog) -> BrowserSites:
    return browser_sites(catalog.sites, catalog.categories, "en")


def _decoded_bits(payload: dict[str, Any]) -> list[int]:
    raw = np.frombuffer(base64.b64decode(payload["visible"]), dtype=np.uint8)
    return np.flatnonzero(np.unpackbits(raw, bitorder="little")[:payload["rows"]]).tolist()


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ([], ""),
        ([True], "AQ=="),
        ([False, True], "Ag=="),
        ([True] * 8 + [False, True], "/wI="),
    ],
)
def test_visible_bits_put_row_i_at_bit_i_mod_8(shown: list[bool], expected: str) -> None:
    assert visible_bits(np.array(shown, dtype=bool)) == expected


def test_the_file_holds_every_site_once_as_the_fill_rows_do(catalog: Catalog, data: BrowserSites) -> None:
    """Same positions (spread), category indexes and escaped labels as site_layer_payload."""
    content = json.loads(data.content())
    rows = site_layer_payload(catalog.sites, catalog.categories, "en")["sites"]
    assert content["ids"] == [row[3] for row in rows] == ["a", "b", "c", "d"]
    assert list(zip(content["lat"], content["lon"], content["cat"], content["labels"], strict=True)) == [
        (row[0], row[1], row[2], row[4]) for row in rows]
    assert content["labels"][1] == "B &lt;b&gt; · 乙"
    assert content["lat"][0] != content["lat"][1]  # the shared point is spread
    assert [f["properties"] for f in content["boundaries"]] == [{"c": 1, "i": 3}]


@pytest.mark.parametrize(
    ("lang", "datum", "first_label", "lon_shifted"),
    [("en", "wgs84", "A · 甲", False), ("zh", "wgs84", "甲 · A", False), ("en", "gcj02", "A · 甲", True)],
)
def test_the_file_follows_language_and_display_datum(
    catalog: Catalog, lang: str, datum: str, first_label: str, lon_shifted: bool
) -> None:
    basemap = get_basemap("amap" if datum == "gcj02" else "none", "", None)
    assert basemap.datum == datum
    built = browser_sites(catalog.sites, catalog.categories, lang, basemap.to_display)
    assert built.labels[0] == first_label
    assert bool(abs(built.lon[2] - 106.70) > 1e-3) is lon_shifted


@pytest.mark.parametrize(
    ("visible", "selected", "rows", "total", "selected_row", "radius"),
    [
        (["a", "b", "c", "d"], None, [0, 1, 2, 3], 4, None, None),
        (["b", "d"], "b", [1, 3], 2, 1, 0),
        (["a"], "c", [0], 2, 2, 250.0),  # open outside the filter: sent as itself
        ([], None, [], 0, None, None),
        (["a", "gone"], "gone", [0], 1, None, None),  # ids not in the catalogue are ignored
    ],
)
def test_layer_payload_sends_visible_rows_and_the_selection(
    data: BrowserSites, visible: list[str], selected: str | None, rows: list[int], total: int,
    selected_row: int | None, radius: float | None,
) -> None:
    layer = build_browser_layer(data, "u.json", visible, selected)
    payload = layer.data
    assert _decoded_bits(payload) == rows
    assert (payload["url"], payload["rows"]) == ("u.json", 4)
    assert (payload["total"], layer.site_count) == (total, total)
    assert payload["selectedRow"] == selected_row
    assert (payload["selected"][5] if payload["selected"] else None) == radius
    assert json.loads(layer.payload) == payload


def test_layer_payload_carries_notes_of_shown_sites_and_the_fit(catalog: Catalog, data: BrowserSites) -> None:
    fit = map_fit(catalog.sites, "all")
    notes = {"a": "Open <now>", "c": "Closed", "d": ""}
    payload = build_browser_layer(data, "u.json", ["a", "b"], "c", notes=notes, fit=fit).data
    assert payload["notes"] == {"a": "Open &lt;now&gt;", "c": "Closed"}
    assert payload["fit"] == fit.payload()


def test_layer_payload_is_small_and_quick_at_10000_sites() -> None:
    """The per-rerun part stays far below the map's 0.6 MB budget at 10,000 sites."""
    ids = [f"s{i:05d}" for i in range(10_000)]
    big = BrowserSites(
        ids=pd.Index(ids), lat=np.full(10_000, 26.6), lon=np.full(10_000, 106.6),
        category=np.zeros(10_000, dtype=np.int64), labels=["x"] * 10_000,
        accuracy_m=np.zeros(10_000), boundaries=[])
    start = time.perf_counter()
    layer = build_browser_layer(big, "u.json", ids[::2], "s00001")
    assert time.perf_counter() - start < 1.0  # generous: a shared 2-core machine
    assert len(script_json(layer.data)) < 2_000


@pytest.mark.parametrize(
    ("event", "shown", "expected"),
    [
        (None, [0, 1, 2, 3], None),
        ({"last_object_clicked": None}, [0, 1, 2, 3], None),
        ({"last_object_clicked": {"lat": 26.70, "lng": 106.70}}, [0, 1, 2, 3], "c"),
        ({"last_object_clicked": {"lat": 26.70, "lng": 106.70}}, [0, 1], None),  # not shown
        ({"last_object_clicked": {"lat": 26.0, "lng": 106.0}}, [0, 1, 2, 3], None),
    ],
)
def test_click_maps_back_to_a_shown_site(
    data: BrowserSites, event: dict[str, Any] | None, shown: list[int], expected: str | None
) -> None:
    mask = np.zeros(4, dtype=bool)
    mask[shown] = True
    assert data.site_at(event, mask) == expected


@pytest.mark.parametrize("row", [0, 1])
def test_click_on_a_spread_shared_point_finds_that_site(data: BrowserSites, row: int) -> None:
    """The two sites at one point are drawn apart; each click opens its own site."""
    event = {"last_object_clicked": {"lat": float(data.lat[row]), "lng": float(data.lon[row])},
             "last_object_clicked_tooltip": ["A · 甲", "B <b> · 乙"][row] + "\nUrban restoration"}
    assert data.site_at(event, np.ones(4, dtype=bool)) == ["a", "b"][row]


def test_publish_names_the_file_by_content_and_keeps_only_recent_ones(tmp_path: Path) -> None:
    first = publish_site_file(b'{"ids":[]}', tmp_path)
    assert first.startswith(f"{STATIC_URL}/{SITE_FILES_DIR}/")
    assert first.endswith(".json")
    assert publish_site_file(b'{"ids":[]}', tmp_path) == first
    name = first.rsplit("/", 1)[1]
    assert (tmp_path / SITE_FILES_DIR / name).read_bytes() == b'{"ids":[]}'
    urls = [publish_site_file(f'{{"n":{n}}}'.encode(), tmp_path) for n in range(KEPT_SITE_FILES + 3)]
    files = {p.name for p in (tmp_path / SITE_FILES_DIR).iterdir()}
    kept = sorted(name for name in files if name.endswith(".json"))
    assert len(kept) == KEPT_SITE_FILES
    assert files == {*kept, *(name + GZIP_SUFFIX for name in kept)}  # each with its copy
    assert urls[-1].rsplit("/", 1)[1] in kept
    assert site_file_exists(urls[-1], tmp_path)
    assert not site_file_exists(first, tmp_path)  # pruned: the page publishes it again
    assert not (tmp_path / SITE_FILES_DIR / (name + GZIP_SUFFIX)).exists()  # with its copy


def test_each_site_file_has_a_gzip_copy_of_the_same_bytes(tmp_path: Path) -> None:
    """Streamlit serves static files uncompressed: the page fetches the copy and unpacks it."""
    content = json.dumps({"labels": [f"Site {n} · 示范点{n}" for n in range(2_000)]},
                         ensure_ascii=False).encode()
    url = publish_site_file(content, tmp_path)
    packed = tmp_path / SITE_FILES_DIR / (url.rsplit("/", 1)[1] + GZIP_SUFFIX)
    assert gzip.decompress(packed.read_bytes()) == content
    assert len(packed.read_bytes()) < len(content) / 4
    packed.unlink()  # a copy gone (pruned by another process, say): the page publishes both again
    assert not site_file_exists(url, tmp_path)
    assert publish_site_file(content, tmp_path) == url
    assert site_file_exists(url, tmp_path)
    assert gzip.decompress(packed.read_bytes()) == content
