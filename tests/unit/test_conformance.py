"""Conformance: public GeoJSON validators' labelled fixtures, judged by our validator.

Each fixture (tests/data/conformance, see its README) is moved into the Guiyang region
and given our site properties, keeping every structural defect: a bare geometry is
wrapped in a Feature, positions and bboxes are scaled and shifted uniformly (so rings
stay closed or open, crossings stay crossings, winding stays winding), a Feature's
``properties`` is replaced only when it is an object or null, and duplicate member
names, NaN and syntax errors reach the validator as they are. The expected verdict
comes from the suite's own label (its ``good``/``bad`` or ``valid``/``invalid``
folder), never from our validator; DIFFERENCES lists where our rules differ on purpose.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Literal

import pytest

from ecosites.readers import read_upload
from ecosites.validate import FileReport, validate_geojson_bytes
from ecosites.vocab import REGION_BBOX
from tests.conftest import REPO, make_site

CONFORMANCE = REPO / "tests" / "data" / "conformance"
Verdict = Literal["accepted", "structural", "refused"]
VALID_LABELS = ("good", "valid")
INVALID_LABELS = ("bad", "invalid")
GEOMETRY_KINDS = ("point", "multipoint", "linestring", "multilinestring", "polygon",
                  "multipolygon", "geometrycollection")
GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                  "MultiPolygon", "GeometryCollection")
UNSUPPORTED = "RFC 7946 §3.1: a site is a Point, MultiPoint, Polygon or MultiPolygon"
NEEDS_LOCATION = "RFC 7946 §3.2 allows a null or empty geometry; a site needs a location"
RIGHT_HAND = "RFC 7946 §3.1.6: parsers should not reject a polygon for its winding: a warning"
SLUG = "RFC 7946 §3.2 allows any string id; a site id is a lowercase slug"

# fixture -> (our verdict, why it differs from the label). "refused" means refused for a
# product rule rather than a rule of RFC 7946; "accepted" means accepted with a warning.
DIFFERENCES: dict[str, tuple[Verdict, str]] = {
    "geojsonhint/bad/bad-polygon-interiorring-rhr.geojson": ("accepted", RIGHT_HAND),
    "geojsonhint/bad/polygon_winding_order.geojson": ("accepted", RIGHT_HAND),
    "geojsonhint/bad/excessive_precision_truncated.geojson": (
        "refused", UNSUPPORTED + " (precision itself is no error: intake rounds to 7 decimals)"),
    "geojsonhint/bad/geometrycollection_nested.geojson": (
        "refused", UNSUPPORTED + " (§3.1.8 only advises against nesting)"),
    "geojsonhint/bad/geometrycollection_single.geojson": (
        "refused", UNSUPPORTED + " (§3.1.8 only advises against one member)"),
    "geojsonhint/good/good-featurecollection.geojson": ("refused", UNSUPPORTED),
    "geojsonhint/good/good-featurecollection-extensions.geojson": ("refused", UNSUPPORTED),
    "geojsonhint/good/good-geometrycollection.geojson": ("refused", UNSUPPORTED),
    "geojsonhint/good/good-linestring.geojson": ("refused", UNSUPPORTED),
    "geojsonhint/good/good-multilinestring.geojson": ("refused", UNSUPPORTED),
    "geojsonhint/good/nullgeometry.geojson": ("refused", NEEDS_LOCATION),
    "geojson-schema/valid/feature/null-geometry.json": ("refused", NEEDS_LOCATION),
    "geojson-schema/valid/feature/with-string-id.json": ("refused", SLUG + " ('feature.1')"),
    "geojson-schema/valid/feature/empty-polygon.json": (
        "refused", NEEDS_LOCATION + "; " + SLUG + " ('ABC')"),
    **{f"geojson-schema/valid/{kind}/{name}.json": ("refused", UNSUPPORTED)
       for kind in ("linestring", "multilinestring", "geometrycollection")
       for name in ("basic", "3d", "bbox")},
}


class Pairs(list[tuple[str, Any]]):
    """A JSON object as its member pairs, so duplicate names survive the round trip."""

    def get(self, name: str, default: Any = None) -> Any:
        """The last value of member ``name`` (as a JSON reader keeping the last would)."""
        return next((v for k, v in reversed(self) if k == name), default)

    def put(self, name: str, value: Any) -> None:
        """Replace every member ``name`` by one with ``value``."""
        self[:] = [(k, value if k == name else v) for k, v in self]


class Constant(str):
    """NaN or Infinity as the fixture wrote it."""


def load_pairs(text: str) -> Any:
    """Parse keeping duplicate member names and NaN/Infinity tokens as written."""
    return json.loads(text, object_pairs_hook=Pairs, parse_constant=Constant)


def dump_pairs(value: Any) -> str:
    """JSON text of a parsed fixture, duplicates and constants kept."""
    if isinstance(value, Pairs):
        return "{" + ", ".join(f"{json.dumps(k)}: {dump_pairs(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump_pairs(v) for v in value) + "]"
    if isinstance(value, Constant):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def is_number(value: Any) -> bool:
    """A finite JSON number (bool is not one)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def walk(value: Any) -> list[Pairs]:
    """Every object in a parsed fixture, outermost first."""
    found = []
    if isinstance(value, Pairs):
        found.append(value)
        for _, member in value:
            found += walk(member)
    elif isinstance(value, list):
        for member in value:
            found += walk(member)
    return found


def positions(coordinates: Any) -> list[list[Any]]:
    """Arrays with no array inside: the positions of a coordinates tree, well-formed or not."""
    if not isinstance(coordinates, list) or isinstance(coordinates, Pairs):
        return []
    if not any(isinstance(v, list) for v in coordinates):
        return [coordinates]
    return [p for item in coordinates for p in positions(item)]


def lon_lat_slots(obj: Pairs) -> list[tuple[list[Any], int, int]]:
    """(array, longitude index, latitude index) of every position and well-formed bbox."""
    slots = [(p, 0, 1) for p in positions(obj.get("coordinates"))]
    bbox = obj.get("bbox")
    if isinstance(bbox, list) and len(bbox) in (4, 6):
        half = len(bbox) // 2
        slots += [(bbox, 0, 1), (bbox, half, half + 1)]
    return slots


def move_into_region(root: Any) -> None:
    """Scale and shift every lon/lat uniformly into the middle of the Guiyang region."""
    slots = [s for obj in walk(root) for s in lon_lat_slots(obj)]
    pairs = [(a[i], a[j]) for a, i, j in slots
             if len(a) > j and is_number(a[i]) and is_number(a[j])]
    if not pairs:
        return
    west, south, east, north = REGION_BBOX
    lons, lats = [p[0] for p in pairs], [p[1] for p in pairs]
    spans = [s for s in (max(lons) - min(lons), max(lats) - min(lats)) if s > 0]
    scale = min(0.6 * (east - west), 0.6 * (north - south)) / max(spans) if spans else 1.0
    middle_lon, middle_lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    moved: set[tuple[int, int]] = set()
    for array, i, j in slots:
        for index, centre, target in ((i, middle_lon, (west + east) / 2),
                                      (j, middle_lat, (south + north) / 2)):
            if len(array) > index and is_number(array[index]) and (id(array), index) not in moved:
                array[index] = target + (array[index] - centre) * scale
                moved.add((id(array), index))


def site_properties(number: int, feature_id: Any) -> Pairs:
    """Our site properties; the id is the fixture's own Feature id where it has one."""
    properties = make_site()["properties"]
    has_id = isinstance(feature_id, str) or is_number(feature_id)
    properties["id"] = str(feature_id) if has_id else f"conformance-{number}"
    return Pairs(properties.items())


def give_site_properties(root: Any) -> None:
    """Replace each Feature's properties by ours when they are an object or null."""
    features = root.get("features") if isinstance(root, Pairs) else None
    candidates = [f for f in features if isinstance(f, Pairs)] if isinstance(features, list) else []
    if isinstance(root, Pairs) and root.get("type") != "FeatureCollection":
        candidates = [root]
    for number, feature in enumerate(candidates, start=1):
        if any(k == "properties" for k, _ in feature) and (
                feature.get("properties") is None or isinstance(feature.get("properties"), Pairs)):
            feature.put("properties", site_properties(number, feature.get("id")))


def is_geometry(path: Path, root: Any) -> bool:
    """Whether the suite means the fixture as a bare geometry (its folder, or its type)."""
    if path.parent.name in GEOMETRY_KINDS:
        return True
    return isinstance(root, Pairs) and root.get("type") in GEOMETRY_TYPES


def transformed(path: Path) -> bytes:
    """The fixture as a site file in the Guiyang region, every structural defect kept."""
    text = path.read_text(encoding="utf-8")
    try:
        root = load_pairs(text)
    except json.JSONDecodeError:
        return text.encode("utf-8")  # a syntax error stays exactly as it is
    if is_geometry(path, root):
        root = Pairs([("type", "Feature"), ("geometry", root), ("properties", None)])
    move_into_region(root)
    give_site_properties(root)
    return dump_pairs(root).encode("utf-8")


def label(path: Path) -> Verdict:
    """What the suite says: its valid files must be accepted, its invalid ones refused."""
    parts = path.relative_to(CONFORMANCE).parts
    if parts[1] in VALID_LABELS:
        return "accepted"
    assert parts[1] in INVALID_LABELS, f"{path} is in no labelled folder"
    return "structural"


def verdict(report: FileReport) -> Verdict:
    """Accepted (every feature valid), refused for an RFC rule, or refused for our own."""
    if report.readable and not report.errors and len(report.features) == report.feature_count:
        return "accepted"
    return "structural" if any(p.rule.startswith("RFC") for p in report.errors) else "refused"


FIXTURES = sorted(p for p in CONFORMANCE.rglob("*") if p.suffix in (".json", ".geojson"))
IDS = [str(p.relative_to(CONFORMANCE)) for p in FIXTURES]


def test_the_suites_are_there() -> None:
    """Guards against a conformance run over nothing, and a table naming a missing file."""
    assert len(FIXTURES) >= 120
    assert set(DIFFERENCES) <= set(IDS)


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_fixture_gets_the_suites_verdict(path: Path) -> None:
    name = str(path.relative_to(CONFORMANCE))
    expected, _why = DIFFERENCES.get(name, (label(path), ""))
    data = transformed(path)
    report = read_upload(path.name, data)
    found = [(p.rule, p.describe()) for p in report.problems]
    assert verdict(report) == expected, found
    if name in DIFFERENCES and DIFFERENCES[name][1] == RIGHT_HAND:
        assert [p.rule for p in report.problems] == ["RFC 7946 §3.1.6"]


@pytest.mark.parametrize("path", FIXTURES, ids=IDS)
def test_catalogue_loader_gives_the_same_verdict(path: Path) -> None:
    """One validator, one verdict: the loader's door refuses and accepts what intake does."""
    data = transformed(path)
    assert verdict(validate_geojson_bytes(data, path.name)) == verdict(read_upload(path.name, data))


def test_transform_keeps_defects_and_moves_into_the_region() -> None:
    """The transform is not vacuous: an open ring stays open, and positions land in Guiyang."""
    path = CONFORMANCE / "geojsonhint" / "bad" / "different-first-last.geojson"
    feature = json.loads(transformed(path))
    ring = feature["geometry"]["coordinates"][0]
    west, south, east, north = REGION_BBOX
    assert all(west <= lon <= east and south <= lat <= north for lon, lat in ring)
    assert ring[0] != ring[-1]
    assert len(ring) == 4
    assert feature["properties"]["id"] == "conformance-1"
    duplicate = transformed(CONFORMANCE / "geojsonhint" / "bad" / "bad-duplicate-properties.geojson")
    assert duplicate.count(b'"type"') == 2
