"""Planning an import: diff by id, merge, cross-file rules, form edits, the per-feature report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecosites.catalog import site_row
from ecosites.diff import diff_catalog, merge_catalog
from ecosites.intake import (
    Upload,
    edited_feature,
    prepare_edit,
    prepare_import,
    preview_sites,
    preview_view,
    report_rows,
    try_publish,
)
from ecosites.store import FileCatalogStore
from tests.conftest import feature_collection, make_site, write_catalog


def upload(name: str, *features: dict[str, Any]) -> Upload:
    return Upload(name, json.dumps(feature_collection(list(features))).encode())


@pytest.fixture
def store(catalog_dir: Path) -> FileCatalogStore:
    write_catalog(catalog_dir, [make_site(id="keep"), make_site(id="change", name_en="Old name")])
    return FileCatalogStore(catalog_dir)


A, B, C = make_site(id="a"), make_site(id="b"), make_site(id="c")


@pytest.mark.parametrize(
    ("current", "incoming", "replace", "summary", "order"),
    [
        ([A, B], [C], False, (["c"], [], ["a", "b"], []), ["a", "b", "c"]),
        ([A, B], [C], True, (["c"], [], [], ["a", "b"]), ["c"]),
        ([A, B], [make_site(id="b", fee=5)], False, ([], ["b"], ["a"], []), ["a", "b"]),
        ([A, B], [B], False, ([], [], ["b", "a"], []), ["a", "b"]),
        ([], [A], True, (["a"], [], [], []), ["a"]),
    ],
)
def test_diff_and_merge_by_id(
    current: list[dict[str, Any]], incoming: list[dict[str, Any]], replace: bool,
    summary: tuple[list[str], ...], order: list[str],
) -> None:
    diff = diff_catalog(current, incoming, replace)
    assert (list(diff.added), [c.site_id for c in diff.changed], list(diff.unchanged),
            list(diff.removed)) == summary
    assert [f["properties"]["id"] for f in merge_catalog(current, incoming, replace)] == order


def test_changes_are_listed_field_by_field() -> None:
    old = make_site(id="x", name_en="Old", fee=None, lon=106.63)
    new = make_site(id="x", name_en="New", fee=10, lon=106.64)
    change = diff_catalog([old], [new]).changed[0]
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("name_en", "Old", "New"), ("fee", "", "10.0"),
        ("geometry", "Point [106.63, 26.64]", "Point [106.64, 26.64]")]


def test_missing_optional_fields_equal_their_empty_default() -> None:
    """Guards against a diff full of 'changes' from None versus absent."""
    sparse = make_site(id="x")
    for name in ("address_en", "website", "guide_languages", "group_suitable"):
        del sparse["properties"][name]
    assert diff_catalog([make_site(id="x")], [sparse]).changed == ()


def test_import_merges_and_publishes_clean_features(store: FileCatalogStore) -> None:
    plan = prepare_import([upload("a.geojson", make_site(id="change", name_en="New name"),
                                  make_site(id="added", lon=106.7))], store)
    assert plan.can_publish
    assert plan.diff.summary() == "1 added, 1 changed, 1 unchanged, 0 removed"
    outcome = try_publish(plan, store, "Li Wei", plan.base_sha256)
    assert outcome.version is not None
    assert outcome.version.site_count == 3
    published = json.loads(store.path.read_text(encoding="utf-8"))
    assert [f["properties"]["id"] for f in published["features"]] == ["keep", "change", "added"]
    assert published["features"][2]["id"] == "added"  # published features carry the id at both levels
    assert published["features"][1]["properties"]["name_en"] == "New name"


@pytest.mark.parametrize(
    ("uploads", "replace", "message"),
    [
        ([upload("a.geojson", make_site(id="x")), upload("b.geojson", make_site(id="x"))], False,
         "duplicate id: a.geojson already has a site with this id"),
        ([upload("a.geojson", make_site(id="other-file-site"))], False,
         "this id is already used in extra.geojson, a catalogue file that staff intake does not manage"),
        ([upload("bad.geojson", make_site(id="Bad Id"))], True,
         "replacing the catalogue with no valid sites would remove every site; nothing is published"),
    ],
)
def test_rules_across_files_and_the_catalogue(
    store: FileCatalogStore, uploads: list[Upload], replace: bool, message: str
) -> None:
    write_catalog(store.directory, [make_site(id="other-file-site")], name="extra.geojson")
    plan = prepare_import(uploads, store, replace=replace)
    assert message in [p.message for p in plan.errors]
    assert not plan.can_publish


def test_a_stale_plan_is_not_published(store: FileCatalogStore) -> None:
    plan = prepare_import([upload("a.geojson", make_site(id="mine"))], store)
    store.publish([make_site(id="theirs")], author="other", expected_sha256=plan.base_sha256)
    outcome = try_publish(plan, store, "me", plan.base_sha256)
    assert outcome.conflict
    assert outcome.version is None
    assert "mine" not in store.path.read_text(encoding="utf-8")


def test_a_form_edit_goes_through_the_same_validation(store: FileCatalogStore) -> None:
    snapshot = store.snapshot()
    bad = prepare_edit(snapshot, "change", {"website": "javascript:alert(1)"})
    assert [(p.field, p.hint) for p in bad.errors] == [
        ("website", "only http:// and https:// links are allowed")]
    good = prepare_edit(snapshot, "change", {"name_en": "Fixed", "lon": 106.7, "lat": 26.6})
    assert [(c.site_id, [f.field for f in c.fields]) for c in good.diff.changed] == [
        ("change", ["name_en", "geometry"])]
    assert [f["properties"]["id"] for f in good.merged] == ["keep", "change"]
    gone = prepare_edit(snapshot, "nowhere", {"name_en": "x"})
    assert gone.errors[0].message == "there is no site 'nowhere' in the catalogue any more"


def test_edited_feature_leaves_the_original_alone() -> None:
    original = make_site(id="x")
    edited = edited_feature(original, {"name_en": "New", "lon": 106.7, "lat": 26.7})
    assert original["properties"]["name_en"] == "Test Site"
    assert edited["geometry"] == {"type": "Point", "coordinates": [106.7, 26.7]}


def test_report_rows_cover_every_feature_and_file_level_problems(store: FileCatalogStore) -> None:
    plan = prepare_import([
        upload("a.geojson", make_site(id="ok"), make_site(id="warned", name_en="<b>x</b>"),
               make_site(id="Bad Id")),
        Upload("junk.geojson", b"\x00\x01"),
    ], store)
    rows = [(r.file, r.feature, r.site_id, r.status) for r in report_rows(plan)]
    assert rows == [("a.geojson", 1, "ok", "ok"), ("a.geojson", 2, "warned", "warning"),
                    ("a.geojson", 3, "Bad Id", "error"), ("junk.geojson", None, "", "error")]
    assert plan.unreadable


def test_preview_gives_boundaries_a_marker_and_an_area() -> None:
    square = [[106.60, 26.60], [106.62, 26.60], [106.62, 26.62], [106.60, 26.62], [106.60, 26.60]]
    plan_sites = preview_sites([make_site(id="p", geometry={"type": "Polygon", "coordinates": [square]})])
    site = site_row(plan_sites, "p")
    assert site["geometry_type"] == "Polygon"
    # Geodesic area on the WGS-84 ellipsoid (pyproj.Geod) is 441.39 ha; UTM 48N agrees within 0.1 %.
    assert site["area_ha"] == pytest.approx(441.39, rel=1e-3)
    assert 106.60 < site["lon"] < 106.62


@pytest.mark.parametrize(
    ("points", "view"),
    [
        ([], None),
        ([(106.63, 26.64)], ((26.64, 106.63), 15)),
        ([(106.63, 26.64), (106.95, 26.95)], ((26.795, 106.79), 9)),
        ([(106.12, 26.18), (107.28, 27.37)], ((26.775, 106.7), 7)),
    ],
)
def test_the_preview_map_opens_on_the_uploaded_sites(
    points: list[tuple[float, float]], view: tuple[tuple[float, float], int] | None
) -> None:
    sites = preview_sites([make_site(id=f"s{n}", lon=lon, lat=lat) for n, (lon, lat) in enumerate(points)])
    got = preview_view(sites)
    if view is None:
        assert got is None
        return
    assert got is not None
    assert got[0] == pytest.approx(view[0])
    assert got[1] == view[1]
