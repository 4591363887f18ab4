"""The prepared catalogue: the same answers from the kept file as from a fresh load, never a stale one."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from geopandas.testing import assert_geodataframe_equal

from ecosites import prepared, prepared_format, schema
from ecosites.catalog import Catalog, load_catalog
from ecosites.filters import Criteria, filter_sites
from ecosites.paths import BUNDLED_GEODATA
from ecosites.prepared import PREPARED_FILE, load_prepared_catalog, prepared_paths
from ecosites.search import rank_sites
from ecosites.settings import load_settings
from ecosites.store import FileCatalogStore
from tests.conftest import make_site, write_catalog
from tests.unit.test_media import image_bytes, photo

QUERIES = ("wetland", "huaxi", "guanshanhu", "gshh", "观山湖", "Guan Shan Hu", "museum", "park",
           "qianlingshan", "xx", "Hongfeng Lake", "花溪")
CRITERIA = (
    Criteria(),
    Criteria(categories=("urban-restoration",)),
    Criteria(categories=("urban-restoration",), text="wetland"),
    Criteria(categories=("green-industry", "conservation-history"), text="museum"),
    Criteria(text="湖"),
)


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """The bundled catalogue (photos included) plus a file with a bad site and a repeated id."""
    directory = tmp_path / "geodata"
    shutil.copytree(BUNDLED_GEODATA, directory, ignore=shutil.ignore_patterns(PREPARED_FILE + "*"))
    (directory / "media" / "boardwalk.jpg").write_bytes(image_bytes("JPEG"))
    write_catalog(directory, [
        make_site(id="photo-park", media=[photo(file="boardwalk.jpg")]),
        make_site(id="extra-park", name_en="Extra Boundary Park", name_zh="额外边界公园",
                  geometry={"type": "Polygon", "coordinates": [[
                      [106.60, 26.60], [106.61, 26.60], [106.61, 26.61], [106.60, 26.60]]]}),
        make_site(id="guanshanhu-park"),
        make_site(id="bad-category", category="nope"),
    ], name="zz-extra.geojson")
    return directory


def assert_same_catalog(expected: Catalog, actual: Catalog) -> None:
    """Same frame (columns, order, dtypes), same Python types in every cell, same problems."""
    assert_geodataframe_equal(expected.sites, actual.sites)
    assert list(expected.sites.columns) == list(actual.sites.columns)
    for column in expected.sites.columns:
        for want, got in zip(expected.sites[column], actual.sites[column], strict=True):
            assert type(want) is type(got), column
    assert actual.problems == expected.problems
    assert actual.categories == expected.categories
    assert actual.tags == expected.tags


def no_fresh_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the catalogue is derived again instead of read from its prepared file."""
    def refuse(directory: Path) -> Catalog:
        raise AssertionError(f"{directory} was loaded again")

    monkeypatch.setattr(prepared, "load_catalog", refuse)


def test_cold_then_warm_gives_the_fresh_load(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load_catalog(catalogue)
    assert len(fresh.problems) >= 2
    assert "extra-park" in fresh.sites.index
    cold = load_prepared_catalog(catalogue)
    assert (catalogue / PREPARED_FILE).is_file()
    no_fresh_load(monkeypatch)
    warm = load_prepared_catalog(catalogue)
    assert_same_catalog(fresh, cold)
    assert_same_catalog(fresh, warm)


def test_search_and_filters_answer_the_same_on_both_paths(catalogue: Path) -> None:
    cold = load_prepared_catalog(catalogue)
    warm = load_prepared_catalog(catalogue)
    answers = [rank_sites(cold.sites, query) for query in QUERIES]
    assert any(answers)
    assert answers == [rank_sites(warm.sites, query) for query in QUERIES]
    for criteria in CRITERIA:
        expected = filter_sites(cold.sites, criteria, rank_sites)
        assert list(filter_sites(warm.sites, criteria, rank_sites).index) == list(expected.index)


def test_a_changed_catalogue_is_prepared_again(catalogue: Path) -> None:
    load_prepared_catalog(catalogue)
    write_catalog(catalogue, [make_site(id="late-park", name_en="Late Park")], name="zz-extra.geojson")
    warm = load_prepared_catalog(catalogue)
    assert "late-park" in warm.sites.index
    assert "extra-park" not in warm.sites.index
    assert_same_catalog(load_catalog(catalogue), warm)


def test_a_changed_photo_is_prepared_again(catalogue: Path) -> None:
    """The photo check drops a photo whose file is not an image: a replaced photo changes the key."""
    before = load_prepared_catalog(catalogue)
    assert [item["file"] for item in before.sites[schema.MEDIA].to_dict()["photo-park"]] == [
        "boardwalk.jpg"]
    (catalogue / "media" / "boardwalk.jpg").write_bytes(image_bytes("PNG"))
    after = load_prepared_catalog(catalogue)
    assert after.sites[schema.MEDIA].to_dict()["photo-park"] == []
    assert len(after.problems) == len(before.problems) + 1
    assert_same_catalog(load_catalog(catalogue), after)


def _damage_flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]


@pytest.mark.parametrize("damage", [
    pytest.param(_damage_flip, id="one byte flipped"),
    pytest.param(lambda data: data[: len(data) // 3], id="truncated"),
    pytest.param(lambda data: data + b"x", id="a byte appended"),
    pytest.param(lambda _data: b"", id="empty"),
    pytest.param(lambda _data: b"\x80\x04garbage" * 100, id="not a prepared file"),
    pytest.param(lambda data: data.replace(b'"length": ', b'"length": -', 1), id="bad header"),
    pytest.param(lambda data: data[:18] + b"{" * 5000, id="header without end"),
])
def test_a_damaged_file_is_ignored_and_prepared_again(catalogue: Path, damage: Any) -> None:
    load_prepared_catalog(catalogue)
    path = catalogue / PREPARED_FILE
    good = path.read_bytes()
    path.write_bytes(damage(good))
    assert_same_catalog(load_catalog(catalogue), load_prepared_catalog(catalogue))
    assert path.read_bytes() == good


def test_a_new_code_version_never_trusts_the_old_preparation(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_prepared_catalog(catalogue)
    loads: list[Path] = []

    def counted(directory: Path) -> Catalog:
        loads.append(directory)
        return load_catalog(directory)

    monkeypatch.setattr(prepared, "load_catalog", counted)
    load_prepared_catalog(catalogue)
    assert loads == []
    monkeypatch.setattr(prepared, "code_version", lambda: "a later release")
    load_prepared_catalog(catalogue)
    load_prepared_catalog(catalogue)
    assert loads == [catalogue]


def test_the_code_version_follows_the_preparation_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = prepared.code_version()
    prepared.code_version.cache_clear()
    monkeypatch.setattr(prepared, "PREPARATION_VERSION", prepared.PREPARATION_VERSION + 1)
    try:
        assert prepared.code_version() != before
    finally:
        prepared.code_version.cache_clear()


def _refuse_writes_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` behave as read-only for the prepared file (tests may run as root)."""
    real_write = prepared._write_atomically

    def write(path: Path, data: bytes) -> None:
        if path.parent == folder:
            raise PermissionError(13, "Permission denied", str(path))
        real_write(path, data)

    monkeypatch.setattr(prepared, "_write_atomically", write)


def test_a_read_only_catalogue_keeps_it_in_the_cache_folder(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_writes_in(catalogue, monkeypatch)
    cache = tmp_path / "cache"
    cold = load_prepared_catalog(catalogue, cache)
    assert not (catalogue / PREPARED_FILE).exists()
    assert [path.exists() for path in prepared_paths(catalogue, cache)] == [False, True]
    no_fresh_load(monkeypatch)
    assert_same_catalog(cold, load_prepared_catalog(catalogue, cache))


def test_a_read_only_catalogue_without_a_cache_folder_still_loads(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_writes_in(catalogue, monkeypatch)
    assert_same_catalog(load_catalog(catalogue), load_prepared_catalog(catalogue))
    assert sorted(p.name for p in catalogue.iterdir() if "prepared" in p.name) == []


def test_a_missing_catalogue_folder_is_reported_not_cached(tmp_path: Path) -> None:
    catalog = load_prepared_catalog(tmp_path / "absent", tmp_path / "cache")
    assert len(catalog.sites) == 0
    assert [p.message for p in catalog.problems] == ["the catalogue directory does not exist"]
    assert not (tmp_path / "cache").exists()


def test_the_store_reads_through_the_cache_folder_setting(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings({}, {"ECOSITES_GEODATA": str(catalogue),
                                  "ECOSITES_CACHE_DIR": str(tmp_path / "cache")})
    assert settings.cache_dir == tmp_path / "cache"
    _refuse_writes_in(catalogue, monkeypatch)
    catalog = FileCatalogStore(settings.geodata_dir, cache_dir=settings.cache_dir).read_catalog()
    assert schema.NAME_ZH in catalog.sites.columns
    assert len(list((tmp_path / "cache").iterdir())) == 1


class _Label(str):
    """A str subclass: marshal cannot write it, so its column is keyed by repr, as JSON keeps it."""


@pytest.mark.parametrize(("values", "codes", "kept"), [
    pytest.param([1, 1.0, True, None, 1, True], [0, 1, 2, 3, 0, 2], [1, 1.0, True, None],
                 id="1, 1.0 and True apart"),
    pytest.param([0.0, -0.0, 0.0], [0, 1, 0], [0.0, -0.0], id="signed zeros apart"),
    pytest.param([[], [{"a": 1}], [{"a": 1.0}], [{"a": 1}], []], [0, 1, 2, 1, 0],
                 [[], [{"a": 1}], [{"a": 1.0}]], id="nested"),
    pytest.param([{"a": 1, "b": 2}, {"b": 2, "a": 1}], [0, 1], [{"a": 1, "b": 2}, {"b": 2, "a": 1}],
                 id="key order kept"),
    pytest.param([["x"], [_Label("x")], ["y"]], [0, 0, 1], [["x"], ["y"]], id="a str subclass"),
    pytest.param([], [], [], id="no rows"),
])
def test_equal_nested_values_are_shared_and_unequal_ones_never(
    values: list[Any], codes: list[int], kept: list[Any]
) -> None:
    """Guards the cheap sharing keys: equal as JSON would keep them, never merged across types."""
    got_codes, got_kept = prepared_format.shared_values(values)
    assert got_codes.tolist() == codes
    assert repr(got_kept) == repr(kept)  # repr tells 1, 1.0, True and -0.0 apart


def test_a_warm_catalogue_does_not_hold_on_to_the_file(catalogue: Path) -> None:
    """Guards memory: columns read zero-copy from the file (Arrow text) would keep its bytes alive."""
    load_prepared_catalog(catalogue)
    data = (catalogue / PREPARED_FILE).read_bytes()
    references = sys.getrefcount(data)
    warm = prepared_format.decode_catalog(data, {})
    assert warm is not None
    assert [str(warm.sites[column].dtype) for column in schema.SEARCH_COLUMNS] == [
        "str"] * len(schema.SEARCH_COLUMNS)
    gc.collect()
    assert sys.getrefcount(data) == references
