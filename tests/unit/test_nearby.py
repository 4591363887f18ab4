"""Near me: reading a typed position, distances, the radius filter and the position layer."""

from __future__ import annotations

import json
from collections.abc import Callable

import geopandas as gpd
import pytest

from ecosites.catalog import load_catalog
from ecosites.coords import wgs84_to_bd09, wgs84_to_gcj02
from ecosites.nearby import (
    DISTANCE_M,
    PositionInput,
    distances_m,
    format_position,
    parse_position,
    position_layer,
    sites_near,
)
from tests.conftest import make_site, write_catalog

HERE = (106.629, 26.645)  # Guanshanhu Park


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> gpd.GeoDataFrame:
    """Sites at known distances east of HERE along the parallel (1 km is ~0.01004° here)."""
    directory = tmp_path_factory.mktemp("nearby")
    write_catalog(directory, [
        make_site(id="far", lon=106.729, lat=26.645),     # ~9.95 km
        make_site(id="here", lon=106.629, lat=26.645),    # 0 m
        make_site(id="near", lon=106.639, lat=26.645),    # ~995 m
        make_site(id="middle", lon=106.659, lat=26.645),  # ~2.99 km
    ])
    return load_catalog(directory).sites


@pytest.mark.parametrize(("text", "expected"), [
    ("106.629, 26.645", PositionInput(HERE)),
    ("106.629,26.645", PositionInput(HERE)),
    ("106.629 26.645", PositionInput(HERE)),
    ("106.629，26.645", PositionInput(HERE)),
    (" 106.629 ; 26.645 ", PositionInput(HERE)),
    ("26.645, 106.629", PositionInput(HERE, swapped=True)),
    ("116.404, 39.915", PositionInput((116.404, 39.915), outside_region=True)),
    ("39.915, 116.404", PositionInput((116.404, 39.915), swapped=True, outside_region=True)),
    ("abc", PositionInput(None, "near.bad_position")),
    ("106.6", PositionInput(None, "near.bad_position")),
    ("106.6, 26.6, 3", PositionInput(None, "near.bad_position")),
    ("200, 100", PositionInput(None, "near.bad_position")),
    ("", PositionInput(None, "near.bad_position")),
])
def test_parse_position(text: str, expected: PositionInput) -> None:
    assert parse_position(text) == expected


@pytest.mark.parametrize(("datum", "convert"), [("gcj02", wgs84_to_gcj02), ("bd09", wgs84_to_bd09)])
def test_positions_copied_from_chinese_maps_are_converted_back(
        datum: str, convert: Callable[[float, float], tuple[float, float]]) -> None:
    shifted = format_position(*convert(*HERE))
    parsed = parse_position(shifted, datum)
    assert parsed.position == pytest.approx(HERE, abs=1e-6)


def test_distances_are_geodesic_metres(sites: gpd.GeoDataFrame) -> None:
    metres = dict(zip(sites.index, distances_m(sites, *HERE), strict=True))
    assert metres["here"] == 0
    assert metres["near"] == pytest.approx(995.5, abs=1)
    assert metres["middle"] == pytest.approx(2986.4, abs=1)


@pytest.mark.parametrize(("radius_m", "expected"), [
    (0, ["here"]),
    (1000, ["here", "near"]),
    (5000, ["here", "near", "middle"]),
    (50_000, ["here", "near", "middle", "far"]),
])
def test_sites_near_filters_by_radius_and_sorts_by_distance(sites: gpd.GeoDataFrame, radius_m: float,
                                                            expected: list[str]) -> None:
    near = sites_near(sites, *HERE, radius_m)
    assert list(near.index) == expected
    assert list(near[DISTANCE_M]) == sorted(near[DISTANCE_M])
    assert DISTANCE_M not in sites.columns, "the catalogue itself is not changed"


def test_sites_near_of_nothing(sites: gpd.GeoDataFrame) -> None:
    assert list(sites_near(sites.iloc[:0], *HERE, 5000).index) == []


def test_format_position_round_trips() -> None:
    assert format_position(*HERE) == "106.629000, 26.645000"
    assert parse_position(format_position(*HERE)).position == HERE


def test_position_layer_is_drawn_in_display_coordinates_and_escaped() -> None:
    layer = position_layer(*HERE, 2000, "<b>You</b>", transform=wgs84_to_gcj02)
    lon, lat = wgs84_to_gcj02(*HERE)
    assert layer.data == {"at": [round(lat, 6), round(lon, 6)], "radius": 2000.0,
                          "colour": "#CC79A7", "label": "&lt;b&gt;You&lt;/b&gt;"}
    assert json.loads(layer.payload) == layer.data
