"""Declared coordinate systems: names staff type, legacy 'crs' members, combining, converting."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from ecosites.coords import wgs84_to_bd09, wgs84_to_gcj02
from ecosites.crs import SourceCrs, combine, parse_crs_choice, parse_crs_member, to_wgs84

GUANSHANHU = (106.63, 26.64)
METRES_PER_DEGREE_LAT = 110_574.0


def metres_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance; exact enough at 10 cm over a few metres."""
    d_lat = (a[1] - b[1]) * METRES_PER_DEGREE_LAT
    d_lon = (a[0] - b[0]) * METRES_PER_DEGREE_LAT * math.cos(math.radians(a[1]))
    return math.hypot(d_lat, d_lon)


@pytest.mark.parametrize(
    ("text", "label", "proj", "datum"),
    [
        ("wgs84", "WGS-84", None, "wgs84"),
        ("WGS-84", "WGS-84", None, "wgs84"),
        ("gcj02", "GCJ-02", None, "gcj02"),
        ("GCJ-02", "GCJ-02", None, "gcj02"),
        ("amap", "GCJ-02", None, "gcj02"),
        ("bd09", "BD-09", None, "bd09"),
        ("Baidu", "BD-09", None, "bd09"),
        ("cgcs2000", "CGCS2000", None, "wgs84"),
        ("EPSG:4326", "EPSG:4326", None, "wgs84"),
        ("epsg:4490", "EPSG:4490", None, "wgs84"),
        ("EPSG:3857", "EPSG:3857", "EPSG:3857", "wgs84"),
        (" EPSG:32648 ", "EPSG:32648", "EPSG:32648", "wgs84"),
    ],
)
def test_crs_names_staff_can_type(text: str, label: str, proj: str | None, datum: str) -> None:
    assert parse_crs_choice(text) == (SourceCrs(label, proj, datum), "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("mercator", "'mercator' is not a coordinate system this tool knows; use wgs84, gcj02"),
        ("EPSG:999999", "EPSG:999999 is not a known EPSG code"),
        ("4326", "'4326' is not a coordinate system this tool knows"),
    ],
)
def test_unknown_crs_names_are_explained(text: str, words: str) -> None:
    crs, message = parse_crs_choice(text)
    assert crs is None
    assert message.startswith(words)


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, (None, "wgs84")),
        ({"type": "name", "properties": {"name": "EPSG:4326"}}, (None, "wgs84")),
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4490"}}, (None, "wgs84")),
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, ("EPSG:3857", "wgs84")),
        ({"type": "EPSG", "properties": {"code": 32648}}, ("EPSG:32648", "wgs84")),
    ],
)
def test_legacy_crs_members_are_honoured(member: dict[str, object], expected: tuple[str | None, str]) -> None:
    crs, message = parse_crs_member(member)
    assert message == ""
    assert crs is not None
    assert (crs.proj, crs.datum) == expected


@pytest.mark.parametrize(
    ("member", "words"),
    [
        ({"type": "name", "properties": {"name": "EPSG:999999"}}, "which is not a known coordinate system"),
        ({"type": "link", "properties": {"href": "x"}}, "links to a definition elsewhere"),
        ({"type": "name", "properties": {}}, "does not name a coordinate system"),
        ("EPSG:4326", "must be an object"),
    ],
)
def test_bad_legacy_crs_members_are_refused_not_guessed(member: object, words: str) -> None:
    """Guards against GDAL's habit of silently treating an unknown 'crs' as WGS-84."""
    crs, message = parse_crs_member(member)
    assert crs is None
    assert words in message


WGS = SourceCrs("WGS-84")
GCJ = SourceCrs("GCJ-02", datum="gcj02")
MERC = SourceCrs("EPSG:3857", "EPSG:3857")
UTM = SourceCrs("EPSG:32648", "EPSG:32648")


@pytest.mark.parametrize(
    ("declared", "chosen", "expected", "conflict"),
    [
        (None, None, WGS, False),
        (None, GCJ, GCJ, False),
        (MERC, None, MERC, False),
        (WGS, GCJ, GCJ, False),  # GIS exports of Amap points usually claim WGS-84
        (MERC, MERC, MERC, False),
        (MERC, UTM, MERC, True),
        (MERC, GCJ, MERC, True),
        (MERC, WGS, MERC, True),
    ],
)
def test_declared_and_chosen_crs_combine(
    declared: SourceCrs | None, chosen: SourceCrs | None, expected: SourceCrs, conflict: bool
) -> None:
    crs, message = combine(declared, chosen)
    assert crs == expected
    assert bool(message) == conflict


@pytest.mark.parametrize(
    ("crs", "forward"),
    [
        (GCJ, wgs84_to_gcj02),
        (SourceCrs("BD-09", datum="bd09"), wgs84_to_bd09),
    ],
)
@pytest.mark.parametrize("point", [GUANSHANHU, (106.72, 26.57), (106.684, 26.334), (107.2, 27.3)])
def test_chinese_map_offsets_are_undone_to_under_ten_centimetres(
    crs: SourceCrs, forward: Callable[[float, float], tuple[float, float]], point: tuple[float, float]
) -> None:
    shifted = forward(*point)
    assert metres_apart(shifted, point) > 400  # the offset being undone is real
    lons, lats = to_wgs84(crs, np.array([shifted[0]]), np.array([shifted[1]]))
    assert metres_apart((float(lons[0]), float(lats[0])), point) < 0.1


@pytest.mark.parametrize(
    ("crs", "x", "y"),
    [
        (MERC, 11869997.3033, 3078566.0544),
        (UTM, 662245.728, 2947597.933),
    ],
)
def test_projected_coordinates_reproject_to_wgs84(crs: SourceCrs, x: float, y: float) -> None:
    lons, lats = to_wgs84(crs, np.array([x]), np.array([y]))
    assert metres_apart((float(lons[0]), float(lats[0])), GUANSHANHU) < 0.5


def test_unconvertible_coordinates_become_infinite_not_an_exception() -> None:
    lons, lats = to_wgs84(UTM, np.array([1e12]), np.array([1e12]))
    assert not np.isfinite(lons[0]) or not np.isfinite(lats[0])
