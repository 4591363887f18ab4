"""Loading the catalogue: the bundled files, and bad files that must not stop the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecosites import schema
from ecosites.catalog import catalog_signature, load_catalog
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
    assert "675" in facts and "78" in facts
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
    assert 106.60 < site[schema.LON] < 106.61 and 26.60 < site[schema.LAT] < 26.61
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
