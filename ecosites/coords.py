"""Chinese map datums: WGS-84 <-> GCJ-02 (Amap/Gaode, Tencent) <-> BD-09 (Baidu).

The forward WGS-84 -> GCJ-02 formula is the published one (krasovsky ellipsoid
constants as in the widely circulated reference code); outside mainland China it
applies no shift (see ``outside_china``). GCJ-02 -> BD-09 is Baidu's published formula. The inverses have
no closed form, so they iterate the forward transform until the residual is below
1e-9 degrees (about 0.1 mm), far tighter than the 0.1 m the product needs.
"""

from __future__ import annotations

import math
from collections.abc import Callable

DATUMS: tuple[str, ...] = ("wgs84", "gcj02", "bd09")

_A = 6378245.0  # semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # eccentricity squared used by GCJ-02
_X_PI = math.pi * 3000.0 / 180.0
_TOLERANCE_DEG = 1e-9
_MAX_ITERATIONS = 30


# (west, south, east, north) boxes: the widely circulated outline of mainland China used
# by GCJ-02 converters, and the neighbours inside it that are not shifted (Taiwan, northern
# Vietnam, Mongolia, Russia's Far East, North Korea's north-east).
_MAINLAND_BOXES: tuple[tuple[float, float, float, float], ...] = (
    (79.4462, 42.8899, 96.33, 49.2204),
    (109.6872, 39.3742, 135.0002, 54.1415),
    (73.1246, 29.5297, 124.143255, 42.8899),
    (82.9684, 26.7186, 97.0352, 29.5297),
    (97.0253, 20.414096, 124.367395, 29.5297),
    (107.975793, 17.871542, 111.744104, 20.414096),
)
_EXCLUDED_BOXES: tuple[tuple[float, float, float, float], ...] = (
    (119.921265, 21.785006, 122.497559, 25.398623),
    (101.8652, 20.0988, 106.665, 22.284),
    (106.4525, 20.4878, 108.051, 21.5422),
    (109.0323, 50.3257, 119.127, 55.8175),
    (127.4568, 49.5574, 137.0227, 55.8175),
    (131.2662, 42.5692, 137.0227, 44.8922),
)


def _in_any(boxes: tuple[tuple[float, float, float, float], ...], lon: float, lat: float) -> bool:
    return any(west <= lon <= east and south <= lat <= north
               for west, south, east, north in boxes)


def outside_china(lon: float, lat: float) -> bool:
    """True where GCJ-02 applies no shift.

    The published reference code tests only a rough box (72.004-137.8347 E,
    0.8293-55.8271 N), which also shifts Seoul, Hanoi or Ulaanbaatar; inside it the
    mainland outline above decides.
    """
    if not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271):
        return True
    return not _in_any(_MAINLAND_BOXES, lon, lat) or _in_any(_EXCLUDED_BOXES, lon, lat)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 (lon, lat) to GCJ-02, by the published formula; unchanged outside China."""
    if outside_china(lon, lat):
        return lon, lat
    d_lat = _transform_lat(lon - 105.0, lat - 35.0)
    d_lon = _transform_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = math.sin(rad_lat)
    magic = 1 - _EE * magic * magic
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lon + d_lon, lat + d_lat


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 (lon, lat) to BD-09, by Baidu's published formula."""
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def _invert(
    forward: Callable[[float, float], tuple[float, float]], lon: float, lat: float
) -> tuple[float, float]:
    """Solve forward(x) = (lon, lat) by fixed-point iteration from x0 = (lon, lat)."""
    guess_lon, guess_lat = lon, lat
    for _ in range(_MAX_ITERATIONS):
        shifted_lon, shifted_lat = forward(guess_lon, guess_lat)
        error_lon, error_lat = shifted_lon - lon, shifted_lat - lat
        if abs(error_lon) < _TOLERANCE_DEG and abs(error_lat) < _TOLERANCE_DEG:
            break
        guess_lon, guess_lat = guess_lon - error_lon, guess_lat - error_lat
    return guess_lon, guess_lat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """GCJ-02 to WGS-84, iterative inverse (residual under 1e-9 degrees)."""
    if outside_china(lon, lat):
        return lon, lat
    return _invert(wgs84_to_gcj02, lon, lat)


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """BD-09 to GCJ-02, iterative inverse of Baidu's formula."""
    return _invert(gcj02_to_bd09, lon, lat)


def wgs84_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    """WGS-84 to BD-09 (via GCJ-02)."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """BD-09 to WGS-84 (via GCJ-02), both steps iterative."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def _same(lon: float, lat: float) -> tuple[float, float]:
    return lon, lat


CONVERTERS: dict[tuple[str, str], Callable[[float, float], tuple[float, float]]] = {
    ("wgs84", "wgs84"): _same,
    ("gcj02", "gcj02"): _same,
    ("bd09", "bd09"): _same,
    ("wgs84", "gcj02"): wgs84_to_gcj02,
    ("gcj02", "wgs84"): gcj02_to_wgs84,
    ("gcj02", "bd09"): gcj02_to_bd09,
    ("bd09", "gcj02"): bd09_to_gcj02,
    ("wgs84", "bd09"): wgs84_to_bd09,
    ("bd09", "wgs84"): bd09_to_wgs84,
}


def convert(lon: float, lat: float, source: str, target: str) -> tuple[float, float]:
    """Convert (lon, lat) between 'wgs84', 'gcj02' and 'bd09'."""
    try:
        return CONVERTERS[(source, target)](lon, lat)
    except KeyError:
        raise ValueError(f"unknown datum pair {source!r} -> {target!r}; use {DATUMS}") from None
