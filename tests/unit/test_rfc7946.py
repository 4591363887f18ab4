"""RFC 7946 rules one by one, the same verdict through every door, and no library text shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecosites.__main__ import main
from ecosites.catalog import load_catalog
from ecosites.crs import WGS84
from ecosites.intake import Upload, prepare_import
from ecosites.readers import read_upload
from ecosites.store import FileCatalogStore
from ecosites.validate import FileReport, validate_feature, validate_geojson_bytes
from ecosites.validate.geometry import _reason_values, _stored
from ecosites.validate.problem import Problem, finding, with_values
from tests.conftest import feature_collection, make_site, write_catalog

SQUARE = [[106.60, 26.60], [106.62, 26.60], [106.62, 26.62], [106.60, 26.62], [106.60, 26.60]]


def polygon(*rings: list[list[float]]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": list(rings)}


def feature_rules(feature: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(severity, rule, English text) of every problem validate_feature finds, at intake."""
    _, problems = validate_feature(feature, "f", 1, WGS84)
    return [(p.severity, p.rule, p.text()) for p in problems]


def file_rules(data: Any) -> list[tuple[str, str, str]]:
    """(severity, rule, English text) of every problem in a whole file, at intake."""
    report = read_upload("f.geojson", json.dumps(data).encode())
    return [(p.severity, p.rule, p.text()) for p in report.problems]


FLAT = [106.63, 26.64]
HIGH = [106.63, 26.64, 5.0]


@pytest.mark.parametrize(("point", "bbox", "words"), [
    (FLAT, [106.6, 26.6, 106.7], "the bbox has 3 values"),
    (FLAT, "106.6,26.6,106.7,26.7", "must be an array"),
    (FLAT, [106.6, 26.6, "106.7", 26.7], "only numbers"),
    (FLAT, [106.6, 26.7, 106.7, 26.6], "south edge 26.7 lies north of its north edge 26.6"),
    (FLAT, [106.6, 26.6, 0, 106.7, 26.7, 10], "6 values but its geometries have 2 dimensions"),
    (HIGH, [106.6, 26.6, 10, 106.7, 26.7, 0], "lowest height 10 is above its highest height 0"),
    (HIGH, [106.6, 26.6, 0, 106.7, 26.7, 10], None),
    (FLAT, [170.0, 26.6, -170.0, 26.7], None),  # across the antimeridian: allowed (§5.2)
    (FLAT, [106.6, 26.6, 106.7, 26.7], None),
])
def test_bbox(point: list[float], bbox: Any, words: str | None) -> None:
    found = feature_rules({**make_site(geometry={"type": "Point", "coordinates": point}), "bbox": bbox})
    if words is None:
        assert found == []
    else:
        assert [(severity, rule) for severity, rule, _ in found] == [("error", "RFC 7946 §5")]
        assert words in found[0][2]


def test_nan_in_a_bbox_or_an_ignored_member_is_refused() -> None:
    """Guards against NaN passing where no coordinate check looks (Python's json reads it)."""
    site = json.dumps(make_site())
    for text in (site.replace('"type": "Feature"', '"type": "Feature", "bbox": [NaN, 1, 2, 3]'),
                 site.replace('"type": "Feature"', '"type": "Feature", "note": Infinity')):
        report = read_upload("f.geojson", text.encode())
        assert not report.readable
        assert report.problems[0].rule == "RFC 8259 §6"
        assert "is not a JSON number" in report.problems[0].message


@pytest.mark.parametrize(("feature_id", "refused"), [
    ({"a": 1}, True), ([1], True), (None, True), (True, True), ("test-site", False),
])
def test_feature_id_is_a_string_or_a_number(feature_id: Any, refused: bool) -> None:
    found = feature_rules({**make_site(), "id": feature_id})
    assert [r for _, r, _ in found] == (["RFC 7946 §3.2"] if refused else [])


@pytest.mark.parametrize(("where", "member"), [
    ("feature", "features"), ("feature", "coordinates"), ("feature", "geometries"),
    ("geometry", "properties"), ("geometry", "geometry"), ("geometry", "features"),
    ("collection", "geometry"), ("collection", "properties"), ("collection", "coordinates"),
])
def test_members_rfc_7946_forbids(where: str, member: str) -> None:
    site = make_site()
    data: dict[str, Any] = feature_collection([site])
    target = {"feature": site, "geometry": site["geometry"], "collection": data}[where]
    target[member] = None
    found = file_rules(data)
    assert [(s, r) for s, r, _ in found] == [("error", "RFC 7946 §7.1")]
    assert f"'{member}'" in found[0][2]


def test_duplicate_member_names_are_refused() -> None:
    text = json.dumps(make_site()).replace('"type": "Feature"', '"type": "Feature", "type": "Point"')
    report = read_upload("f.geojson", text.encode())
    assert [p.rule for p in report.problems] == ["RFC 8259 §4"]
    assert '"type" twice' in report.problems[0].message


@pytest.mark.parametrize(("geometry", "rule", "severity", "words"), [
    (polygon([*SQUARE[:-1], [106.60, 26.60000004]]), "RFC 7946 §3.1.6", "error", "not closed"),
    (polygon([*SQUARE[:-1], [106.60, 26.60, 10.0]]), "RFC 7946 §3.1.1", "error", "same number"),
    (polygon(SQUARE[::-1]), "RFC 7946 §3.1.6", "warning", "outer ring runs clockwise"),
    (polygon(SQUARE, [[106.605, 26.605], [106.61, 26.605], [106.61, 26.61], [106.605, 26.605]]),
     "RFC 7946 §3.1.6", "warning", "hole runs counter-clockwise"),
    ({"type": "Point", "coordinates": [106.6, 26.6, 1.0, 2.0]}, "RFC 7946 §3.1.1", "error",
     "2 numbers, optionally a 3rd"),
    ({"type": "point", "coordinates": [106.6, 26.6]}, "RFC 7946 §1.4", "error", "wrong case"),
    ({"type": "LineString", "coordinates": [[106.6, 26.6]]}, "RFC 7946 §3.1.4", "error",
     "at least 2 positions"),
])
def test_geometry_rules(geometry: dict[str, Any], rule: str, severity: str, words: str) -> None:
    found = feature_rules(make_site(geometry=geometry))
    assert [(s, r) for s, r, _ in found] == [(severity, rule)]
    assert words in found[0][2]


def test_a_ring_open_by_4e_8_degrees_gets_one_verdict_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards against validate rounding first and import storing the ring closed without a word."""
    ring = [*SQUARE[:-1], [106.60, 26.60000004]]
    data = json.dumps(feature_collection([make_site(geometry=polygon(ring))])).encode()
    path = tmp_path / "almost.geojson"
    path.write_bytes(data)
    catalogue = tmp_path / "geodata"
    write_catalog(catalogue, [make_site(id="other-site")])
    copy = write_catalog(tmp_path / "loader", [make_site(geometry=polygon(ring))])
    assert main(["validate", str(path)]) == 1
    assert main(["import", "--catalog", str(catalogue), str(path)]) == 1
    assert "a polygon ring is not closed" in capsys.readouterr().out
    plan = prepare_import([Upload(path.name, data)], FileCatalogStore(catalogue))
    assert not plan.can_publish
    assert plan.errors[0].rule == "RFC 7946 §3.1.6"
    loaded = load_catalog(copy.parent)
    assert loaded.sites.empty
    assert loaded.problems[0].rule == "RFC 7946 §3.1.6"


def test_the_right_hand_rule_is_reported_and_import_rewinds_without_moving_a_number() -> None:
    """Guards against import silently changing a geometry: the rewinding is said, numbers kept."""
    ring = [[106.123456789, 26.6], [106.123456789, 26.62], [106.62, 26.62], [106.62, 26.6],
            [106.123456789, 26.6]]
    feature, problems = validate_feature(make_site(geometry=polygon(ring)), "f", 1, WGS84)
    assert feature is not None
    assert [p.key for p in problems] == ["validate.rfc.winding_outer"]
    assert "import stores the rings the other way round" in problems[0].hint
    assert feature.geometry["coordinates"] == [ring[::-1]]


def test_rounding_that_would_break_a_converted_boundary_is_refused() -> None:
    """A notch 4e-8 degrees above the bottom edge touches it once rounded to 7 decimals."""
    ring = [[106.60, 26.60], [106.62, 26.60], [106.62, 26.62], [106.61, 26.60000004],
            [106.60, 26.62], [106.60, 26.60]]
    site = make_site(geometry=polygon(ring))
    as_is, _ = validate_feature(site, "f", 1, WGS84)
    assert as_is is not None  # WGS-84 keeps its numbers, so the boundary stays valid
    stored, problems = _stored(polygon(ring), rounded=True)
    assert stored is None
    assert [p.key for p in problems] == ["validate.geo.rounding"]


@pytest.mark.parametrize(("reason", "key"), [
    ("Self-intersection[106.61 26.61]", "validate.geos.self_intersection"),
    ("Too few points[106.6 26.6]", "validate.geos.too_few_points"),
    ("Some reason GEOS adds one day[106.6 26.6]", "validate.geos.other"),
    ("gibberish", "validate.geos.other_nowhere"),
])
def test_geos_reasons_become_our_words(reason: str, key: str) -> None:
    """No GEOS text reaches a user: unknown reasons get a generic message of our own."""
    values = _reason_values(reason)
    assert values["reason_key"] == key
    problem = with_values("validate.geo.invalid", values).at("f", 1)
    assert "GEOS" not in problem.text()
    assert "gibberish" not in problem.text()
    assert problem.text("zh") != problem.text("en")


def test_mixed_2d_and_3d_ring_gets_a_plain_message_not_a_numpy_error() -> None:
    ring = [[106.60, 26.60], [106.62, 26.60, 5.0], [106.62, 26.62], [106.60, 26.60]]
    for door in ("intake", "loader"):
        data = json.dumps(make_site(geometry=polygon(ring))).encode()
        report: FileReport = (read_upload("f.geojson", data) if door == "intake"
                              else validate_geojson_bytes(data, "f.geojson"))
        assert [p.key for p in report.problems] == ["validate.rfc.mixed_dimensions"]
        assert "array" not in report.problems[0].message.lower()


def test_problems_render_in_chinese() -> None:
    problem: Problem = finding("validate.rfc.bbox_length", "RFC 7946 §5", count=3).at("f", 2, "x")
    assert problem.describe("zh") == ("f，第 2 个要素，编号“x”：bbox 有 3 个值；"
                                      "应为 4 个（[西, 南, 东, 北]），含高度时为 6 个（RFC 7946 §5）")
    assert problem.describe() == ("f, feature 2, id 'x': the bbox has 3 values; it needs 4 "
                                  "([west, south, east, north]) or 6 with heights (RFC 7946 §5)")


@pytest.mark.parametrize(("name", "data", "words"), [
    ("broken.gpkg", b"SQLite format 3\x00" + b"junk" * 100, "damaged or incomplete"),
    ("broken.kml", b"<kml><Placemark>", "damaged or incomplete"),
    ("broken.zip", b"PK\x03\x04 not really a zip", "zip file is damaged"),
])
def test_gdal_and_zip_failures_are_said_in_our_words(name: str, data: bytes, words: str) -> None:
    """Guards against GDAL's SQL, temporary paths and driver hints reaching staff."""
    report = read_upload(name, data)
    line = report.problems[0].describe()
    assert not report.readable
    assert words in line
    assert not any(raw in line for raw in ("sqlite3", "/tmp", "DRIVER", "offset", "Error"))


@pytest.mark.parametrize(("lang", "summary"), [
    ("en", "bbox.geojson: 1 of 1 site(s) valid · 1 error(s) · 0 warning(s)"),
    ("zh", "bbox.geojson：1 个示范点中 1 个有效 · 1 个错误 · 0 个警告"),
])
def test_validate_sums_up_in_the_chosen_language(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 lang: str, summary: str) -> None:
    """The command's last line was English whatever --lang said."""
    path = tmp_path / "bbox.geojson"
    data = feature_collection([make_site(coordinate_accuracy_m=10, coordinate_source="survey")])
    data["bbox"] = [106.9, 26.5, 106.6]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", "--lang", lang, str(path)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == summary
