"""The offline vector basemap: reading an archive, serving it under static/, the map it gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from ecosites import vector_basemap
from ecosites.basemaps import available_basemaps, get_basemap, initial_basemap
from ecosites.catalog import load_catalog
from ecosites.mapview import build_base_map
from ecosites.paths import BUNDLED_GEODATA
from ecosites.settings import load_settings
from ecosites.vector_basemap import (
    SERVED_DIR,
    ArchiveError,
    VectorBasemap,
    archive_tiles,
    publish_archive,
    read_archive_info,
)
from tests.basemap_archive import build_archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' small Guiyang archive in the Protomaps schema."""
    return build_archive(tmp_path_factory.mktemp("archive") / "guiyang.pmtiles")


def test_the_archive_is_read_as_written(archive: Path) -> None:
    info = read_archive_info(archive)
    assert (info.min_zoom, info.max_zoom) == (0, 10)
    assert info.layers == ("earth", "water", "roads", "places")
    assert info.attribution == "Test basemap & co"  # tags removed, entities decoded
    assert info.is_protomaps_schema()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is not a PMTiles (version 3) archive"),
    (b"PMTiles\x02" + bytes(200), "is not a PMTiles (version 3) archive"),
    (b"<html>not found</html>" * 10, "is not a PMTiles (version 3) archive"),
])
def test_a_file_that_is_not_an_archive_is_refused_in_words(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.pmtiles"
    path.write_bytes(content)
    with pytest.raises(ArchiveError, match=re.escape(message)):
        read_archive_info(path)


def test_an_archive_in_another_schema_is_refused(tmp_path: Path) -> None:
    """An OpenMapTiles-style archive would draw nothing with the Protomaps style."""
    frame = gpd.GeoDataFrame({"class": ["lake"]}, geometry=[shapely.box(106, 26, 107, 27)], crs=4326)
    path = build_archive(tmp_path / "other.pmtiles", {"waterway": frame})
    with pytest.raises(ArchiveError, match="has the layers waterway, not the Protomaps basemap schema"):
        archive_tiles(path, tmp_path / "static")


def test_the_archive_is_served_under_static_with_a_name_that_follows_the_file(
    archive: Path, tmp_path: Path
) -> None:
    static = tmp_path / "static"
    tiles = archive_tiles(archive, static)
    (served,) = (static / SERVED_DIR).iterdir()
    assert tiles.urls == (f"../../app/static/{SERVED_DIR}/{served.name}",)
    assert served.read_bytes() == archive.read_bytes()
    assert (tiles.vector, tiles.data_max_zoom, tiles.attribution) == (True, 10, "Test basemap &amp; co")
    assert publish_archive(archive, static) == tiles.urls[0]  # the same file: the same URL
    replacement = tmp_path / "replaced.pmtiles"
    replacement.write_bytes(archive.read_bytes())
    newer = publish_archive(replacement, static)
    assert newer != tiles.urls[0]
    assert [p.name for p in (static / SERVED_DIR).iterdir()] == [newer.rsplit("/", 1)[1]]


def test_a_copy_is_made_when_a_hard_link_cannot_be(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_link(_source: object, _target: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr("ecosites.vector_basemap.os.link", no_link)
    url = publish_archive(archive, tmp_path / "static")
    served = tmp_path / "static" / SERVED_DIR / url.rsplit("/", 1)[1]
    assert served.read_bytes() == archive.read_bytes()
    assert served.stat().st_ino != archive.stat().st_ino


def test_an_archive_too_big_for_streamlit_is_refused(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_basemap, "MAX_SERVED_BYTES", 1000)
    with pytest.raises(ArchiveError, match="Streamlit serves at most 0 MB: extract a smaller area"):
        publish_archive(archive, tmp_path / "static")
    assert not (tmp_path / "static").exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_map_draws_the_archive_in_the_chosen_language(
    archive: Path, tmp_path: Path, lang: str
) -> None:
    tiles = archive_tiles(archive, tmp_path / "static")
    categories = load_catalog(BUNDLED_GEODATA).categories
    fmap = build_base_map(categories, get_basemap("pmtiles", "", tiles).tiles, lang)
    (layer,) = [c for c in fmap._children.values() if isinstance(c, VectorBasemap)]
    config = json.loads(layer.config)
    assert config == {"url": tiles.urls[0], "flavor": "light", "lang": lang,
                      "attribution": "Test basemap &amp; co", "maxDataZoom": 10}
    html = fmap.get_root().render()
    assert "https://" not in html.split("<body>")[0].replace("https://example.org/", "")
    assert "vendor/protomaps-leaflet/protomaps-leaflet.js" in html
    assert '"noTiles":false' in html


def test_the_offline_basemap_is_offered_only_when_served(archive: Path, tmp_path: Path) -> None:
    tiles = archive_tiles(archive, tmp_path / "static")
    assert "pmtiles" not in available_basemaps("")
    assert available_basemaps("", tiles) == ("osm", "amap", "pmtiles", "none")
    assert initial_basemap("pmtiles", "", tiles) == "pmtiles"
    assert initial_basemap("pmtiles", "", None) == "none"  # never an outside server instead
    with pytest.raises(ValueError, match="ECOSITES_PMTILES"):
        get_basemap("pmtiles", "")


@pytest.mark.parametrize(("environ", "tiles", "pmtiles", "problem"), [
    ({"ECOSITES_TILES": "pmtiles", "ECOSITES_PMTILES": "/srv/guiyang.pmtiles"}, "pmtiles",
     Path("/srv/guiyang.pmtiles"), None),
    ({"ECOSITES_TILES": "pmtiles"}, "none", None,
     "ECOSITES_TILES=pmtiles needs ECOSITES_PMTILES (an archive's path); using 'none'"),
    ({"ECOSITES_TILES": "pmtiles", "ECOSITES_PMTILES": "a\x00b"}, "none", None,
     "ECOSITES_PMTILES='a\\x00b' is not a file path; no offline vector basemap"),
])
def test_the_settings_name_the_archive(
    environ: dict[str, str], tiles: str, pmtiles: Path | None, problem: str | None
) -> None:
    settings = load_settings({}, environ)
    assert (settings.tiles, settings.pmtiles) == (tiles, pmtiles)
    if problem is None:
        assert settings.problems == ()
    else:
        assert problem in settings.problems
