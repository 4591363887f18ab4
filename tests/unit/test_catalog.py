"""Loading the catalogue: the bundled files, and bad files that must not stop the app."""

from __future__ import annotations

import gc
import json
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest

from ecosites import schema
from ecosites.catalog import catalog_signature, cyclic_gc_paused, empty_sites, load_catalog
from ecosites.intake import preview_sites
from ecosites.paths import BUNDLED_GEODATA
from tests.conftest import make_site, write_catalog

BROCHURE_SITES = {
    "huaxi-wetland-park", "guanshanhu-park", "xiaolanshan-eco-village", "guizhou-geological-museum",
}


def test_bundled_catalogue_loads_cleanly_with_the_brochure_sites() -> None:
    catalog = load_catalog(BUNDLED_GEODATA)
    assert catalog.problems == []
    assert len(catalog.sites) >= 12
    assert set(catalog.sites.index) >= BROCHURE_SITES
    assert {"nanming-river-jiaxiu-pavilion", "eco-conference-center"} <= set(catalog.sites.index)
    assert [c.slug for c in catalog.categories] == list(schema.CATEGORY_SLUGS)
    guanshanhu = catalog.sites.loc["guanshanhu-park"]
    facts = " ".join(f["en"] for f in guanshanhu[schema.FACTS])
    assert "675" in facts
    assert "78" in facts
    assert guanshanhu[schema.LAT] == pytest.approx(26.645, abs=0.01)
    museum = catalog.sites.loc["guizhou-geological-museum"]
    assert museum[schema.CLOSED_WEEKDAYS] == ["mon"]


def test_every_bundled_fact_cites_a_source_of_its_site() -> None:
    for _, site in load_catalog(BUNDLED_GEODATA).sites.iterrows():
        source_ids = {s["id"] for s in site[schema.SOURCES]}
        assert site[schema.SOURCES], site[schema.ID]
        assert {f["source"] for f in site[schema.FACTS]} <= source_ids


def test_bad_file_and_bad_features_are_reported_and_valid_sites_kept(catalog_dir: Path) -> None:
    write_catalog(catalog_dir, [
        make_site(id="good-one"),
        make_site(id="no-category", category="parks"),
        make_site(id="far-away", lon=116.4, lat=39.9),
    ], name="a.geojson")
    (catalog_dir / "b.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    write_catalog(catalog_dir, [make_site(id="good-one", name_en="Duplicate")], name="c.geojson")
    catalog = load_catalog(catalog_dir)
    assert list(catalog.sites.index) == ["good-one"]
    assert catalog.sites.loc["good-one", schema.NAME_EN] == "Test Site"
    lines = [p.describe() for p in catalog.problems]
    assert any(line.startswith("a.geojson, feature 2, id 'no-category', field 'category'") for line in lines)
    assert any(line.startswith("a.geojson, feature 3, id 'far-away', field 'geometry'") for line in lines)
    assert any(line.startswith("b.geojson: invalid JSON at line 1") for line in lines)
    assert any(line.startswith("c.geojson, feature 1, id 'good-one', field 'id': duplicate id")
               for line in lines)


def test_polygon_gets_a_marker_inside_and_an_area_in_hectares(catalog_dir: Path) -> None:
    # About 0.01 degrees square near Guiyang: ~1.0 km x 1.1 km, so roughly 111 ha.
    ring = [[106.60, 26.60], [106.61, 26.60], [106.61, 26.61], [106.60, 26.61], [106.60, 26.60]]
    write_catalog(catalog_dir, [make_site(geometry={"type": "Polygon", "coordinates": [ring]})])
    site = load_catalog(catalog_dir).sites.iloc[0]
    assert 106.60 < site[schema.LON] < 106.61
    assert 26.60 < site[schema.LAT] < 26.61
    assert site[schema.AREA_HA] == pytest.approx(111.2, abs=1.5)
    assert site[schema.GEOMETRY_TYPE] == "Polygon"


def test_empty_or_missing_directory_gives_no_sites_and_says_why(tmp_path: Path) -> None:
    catalog = load_catalog(tmp_path / "nowhere")
    assert len(catalog.sites) == 0
    assert "does not exist" in catalog.problems[0].message
    assert schema.LON in catalog.sites.columns


def test_signature_changes_when_a_file_changes(catalog_dir: Path) -> None:
    path = write_catalog(catalog_dir, [make_site()])
    before = catalog_signature(catalog_dir)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": []}) + " " * 10, "utf-8")
    assert catalog_signature(catalog_dir) != before


OPTIONAL_PROPERTIES = tuple(
    name for name, info in schema.SiteProperties.model_fields.items() if not info.is_required())
LIST_COLUMNS = (*schema.LIST_PROPERTIES, schema.FACTS)
SQUARE = [[106.60, 26.60], [106.61, 26.60], [106.61, 26.61], [106.60, 26.61], [106.60, 26.60]]


def _bare_site(site_id: str, **geometry: Any) -> dict[str, Any]:
    """A site with every optional property left out of the file."""
    feature = make_site(id=site_id, **geometry)
    feature["properties"] = {k: v for k, v in feature["properties"].items()
                             if k not in OPTIONAL_PROPERTIES or k in (schema.NAME_EN,)}
    return feature


def _missing_fields_catalog(directory: Path) -> gpd.GeoDataFrame:
    write_catalog(directory, [
        make_site(id="full", visit_minutes=60, group_suitable=True, fee=12.5,
                  website="https://example.org", phone="0851 1234"),
        _bare_site("bare-point"),
        _bare_site("bare-boundary", geometry={"type": "Polygon", "coordinates": [SQUARE]}),
    ])
    return load_catalog(directory).sites


def _preview_of_missing_fields(_directory: Path) -> gpd.GeoDataFrame:
    return preview_sites([make_site(id="full"), _bare_site("bare-point")])


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


@pytest.mark.parametrize("build", [
    lambda _directory: load_catalog(BUNDLED_GEODATA).sites,
    _missing_fields_catalog,
    _preview_of_missing_fields,
    lambda _directory: empty_sites(),
], ids=["bundled", "missing-fields", "staff-preview", "empty"])
def test_every_cell_is_none_or_a_real_value_never_nan(build: Any, catalog_dir: Path) -> None:
    """Guards the one shape of a site: missing values are None, lists are lists (no NaN checks
    needed downstream in details, compare, the planner, exports or the map)."""
    sites = build(catalog_dir)
    assert list(sites.columns) == list(empty_sites().columns)
    nan_cells = [(site_id, column) for column in sites.columns if column != "geometry"
                 for site_id, value in sites[column].items() if _is_nan(value)]
    assert nan_cells == []
    for column in (*OPTIONAL_PROPERTIES, schema.AREA_HA):
        assert sites[column].dtype == object, column
    for column in LIST_COLUMNS:
        assert all(type(value) is list for value in sites[column]), column
    assert all(value is None or type(value) is list for value in sites[schema.CLOSED_WEEKDAYS])
    for site_id, row in sites.to_dict("index").items():
        assert set(row) == set(sites.columns), site_id


def test_missing_optional_fields_become_none_or_the_schema_default(catalog_dir: Path) -> None:
    """A property left out of the file is what the schema says: None, '' or []; numbers stay ints."""
    sites = _missing_fields_catalog(catalog_dir)
    bare = sites.loc["bare-point"]
    assert [bare[c] for c in (schema.FEE, schema.VISIT_MINUTES, schema.GROUP_SUITABLE,
                              schema.DISTRICT, schema.HOURS, schema.CLOSED_WEEKDAYS,
                              schema.AREA_HA)] == [None] * 7
    assert (bare[schema.TAGS], bare[schema.NAME_ZH], bare[schema.HIGHLIGHT_EN]) == ([], "", "")
    full = sites.loc["full"]
    assert (full[schema.VISIT_MINUTES], full[schema.FEE], full[schema.GROUP_SUITABLE]) == (60, 12.5, True)
    assert type(full[schema.VISIT_MINUTES]) is int
    assert sites.loc["bare-boundary", schema.AREA_HA] == pytest.approx(111.2, abs=1.5)


@pytest.mark.parametrize(
    ("geometry", "wkt"),
    [
        ({"type": "Point", "coordinates": [106.63, 26.64]}, "POINT (106.63 26.64)"),
        ({"type": "Point", "coordinates": [107, 27]}, "POINT (107 27)"),
        ({"type": "Point", "coordinates": [106.63, 26.64, 1100]}, "POINT Z (106.63 26.64 1100)"),
        ({"type": "MultiPoint", "coordinates": [[106.63, 26.64], [106.64, 26.65]]},
         "MULTIPOINT ((106.63 26.64), (106.64 26.65))"),
        ({"type": "Polygon", "coordinates": [SQUARE]},
         "POLYGON ((106.6 26.6, 106.61 26.6, 106.61 26.61, 106.6 26.61, 106.6 26.6))"),
    ],
)
def test_geometries_come_from_the_validated_coordinates(geometry: dict[str, Any], wkt: str,
                                                        catalog_dir: Path) -> None:
    """Each geometry type is built from the checked JSON (no second read of the file)."""
    write_catalog(catalog_dir, [make_site(id="other", lon=106.7, lat=26.7),
                                make_site(geometry=geometry)])
    sites = load_catalog(catalog_dir).sites
    assert sites.geometry.loc["test-site"].wkt == wkt
    assert sites.geometry.loc["other"].wkt == "POINT (106.7 26.7)"


@pytest.mark.parametrize("enabled", [True, False])
def test_a_load_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    """Nested pauses (a prepared load around a load) restore the state from before the first."""
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with cyclic_gc_paused():
            with cyclic_gc_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_derived_is_built_once_per_catalogue_and_arguments_and_not_copied_by_replace() -> None:
    """Guards the per-catalogue memo a filter rerun reads: built once, never shared by a narrowed copy."""
    import dataclasses

    catalog = load_catalog(BUNDLED_GEODATA)
    calls: list[tuple[int, str]] = []

    def count_named(sites: gpd.GeoDataFrame, column: str) -> int:
        calls.append((len(sites), column))
        return int((sites[column] != "").sum())

    first = catalog.derived(count_named, schema.NAME_EN)
    assert catalog.derived(count_named, schema.NAME_EN) == first == len(catalog.sites)
    catalog.derived(count_named, schema.NAME_ZH)
    assert calls == [(len(catalog.sites), schema.NAME_EN), (len(catalog.sites), schema.NAME_ZH)]
    narrowed = dataclasses.replace(catalog, sites=catalog.sites.iloc[:2])
    assert narrowed.derived(count_named, schema.NAME_EN) == 2
