"""WGS-84 / GCJ-02 / BD-09: published reference pairs, round trips in Guiyang, no shift abroad, CLI."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import numpy as np
import pytest
from pyproj import Geod

from ecosites import coords
from ecosites.__main__ import main
from ecosites.schema import REGION_BBOX
from tests.conftest import REPO

Convert = Callable[[float, float], tuple[float, float]]

GEOD = Geod(ellps="WGS84")


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between two (lon, lat) points."""
    return float(GEOD.inv(a[0], a[1], b[0], b[1])[2])


# (function, input lon/lat, published output) - the forward formulas must reproduce them to
# the last digit. Sources: wandergis/coordtransform test/app.js; googollee/eviltransform tests.
PUBLISHED_FORWARD = [
    (coords.wgs84_to_gcj02, (116.404, 39.915), (116.41024449916938, 39.91640428150164)),
    (coords.gcj02_to_bd09, (116.404, 39.915), (116.41036949371029, 39.92133699351021)),
    (coords.wgs84_to_gcj02, (121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
    (coords.wgs84_to_gcj02, (113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),
    (coords.wgs84_to_gcj02, (116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),
]


@pytest.mark.parametrize(("forward", "given", "published"), PUBLISHED_FORWARD)
def test_forward_formula_reproduces_published_pairs(forward: Convert, given: tuple[float, float],
                                                     published: tuple[float, float]) -> None:
    assert forward(*given) == pytest.approx(published, abs=1e-12)


# The iterative inverses recover the published WGS-84 inputs from their GCJ-02 outputs.
@pytest.mark.parametrize(("wgs", "gcj"), [(given, published)
                                          for forward, given, published in PUBLISHED_FORWARD
                                          if forward is coords.wgs84_to_gcj02])
def test_inverse_recovers_published_wgs84(wgs: tuple[float, float], gcj: tuple[float, float]) -> None:
    assert metres(coords.gcj02_to_wgs84(*gcj), wgs) < 0.001


# Published one-step or closed-form inverses (coordtransform) err by up to ~1 m; ours is
# the exact inverse, so it lies near them but not on them.
@pytest.mark.parametrize(("inverse", "given", "approximate", "within_m"), [
    (coords.gcj02_to_wgs84, (116.404, 39.915), (116.39775550083061, 39.91359571849836), 1.5),
    (coords.bd09_to_gcj02, (116.404, 39.915), (116.39762729119315, 39.90865673957631), 0.1),
])
def test_inverse_is_near_the_published_approximation(inverse: Convert, given: tuple[float, float],
                                                     approximate: tuple[float, float],
                                                     within_m: float) -> None:
    assert metres(inverse(*given), approximate) < within_m


def guiyang_grid(steps: int = 12) -> list[tuple[float, float]]:
    """Points on a regular grid over the Guiyang region (lon, lat)."""
    west, south, east, north = REGION_BBOX
    return [(float(lon), float(lat)) for lon in np.linspace(west, east, steps)
            for lat in np.linspace(south, north, steps)]


@pytest.mark.parametrize(("there", "back"), [
    (coords.wgs84_to_gcj02, coords.gcj02_to_wgs84),
    (coords.wgs84_to_bd09, coords.bd09_to_wgs84),
    (coords.gcj02_to_bd09, coords.bd09_to_gcj02),
], ids=["wgs84-gcj02", "wgs84-bd09", "gcj02-bd09"])
def test_round_trips_across_guiyang_are_under_a_tenth_of_a_metre(there: Convert, back: Convert) -> None:
    worst = max(metres(point, back(*there(*point))) for point in guiyang_grid())
    assert worst < 0.1


@pytest.mark.parametrize(("source", "target", "low_m", "high_m"), [
    ("wgs84", "gcj02", 500, 580),
    ("wgs84", "bd09", 950, 1150),
])
def test_shift_in_guiyang_is_the_documented_size(source: str, target: str, low_m: float,
                                                  high_m: float) -> None:
    """GCJ-02 is ~510-560 m from WGS-84 in Guiyang (571 m at the region margin), BD-09 ~1 km.

    The sizes are those in docs/reference/facts.md.
    """
    shifts = [metres(p, coords.convert(*p, source, target)) for p in guiyang_grid()]
    assert low_m < min(shifts)
    assert max(shifts) < high_m


def test_gcj02_shift_at_guanshanhu_park_is_south_east() -> None:
    lon, lat = coords.wgs84_to_gcj02(106.629, 26.645)
    assert (lon - 106.629, lat - 26.645) == pytest.approx((0.0035663, -0.0036707), abs=1e-7)


@pytest.mark.parametrize("place", [
    (-0.1276, 51.5072),   # London
    (139.6917, 35.6895),  # Tokyo (outside the rough box)
    (126.978, 37.5665),   # Seoul (inside the rough box)
    (121.5654, 25.033),   # Taipei
    (105.8342, 21.0278),  # Hanoi
    (106.9057, 47.8864),  # Ulaanbaatar
    (-74.006, 40.7128),   # New York
    (151.2093, -33.8688),  # Sydney
])
def test_no_shift_outside_mainland_china(place: tuple[float, float]) -> None:
    """Regression: the published rough box alone shifted Seoul, Hanoi and Ulaanbaatar."""
    assert coords.wgs84_to_gcj02(*place) == place
    assert coords.gcj02_to_wgs84(*place) == place


@pytest.mark.parametrize("place", [
    (106.63, 26.65), (87.6168, 43.8256), (91.1409, 29.6456), (126.63, 45.75), (109.5, 18.25),
    (114.17, 22.30),
], ids=["guiyang", "urumqi", "lhasa", "harbin", "sanya", "hong-kong"])
def test_mainland_points_are_shifted(place: tuple[float, float]) -> None:
    assert metres(place, coords.wgs84_to_gcj02(*place)) > 50


@pytest.mark.parametrize("datum", coords.DATUMS)
def test_converting_to_the_same_datum_changes_nothing(datum: str) -> None:
    assert coords.convert(106.63, 26.65, datum, datum) == (106.63, 26.65)


def test_unknown_datum_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown datum pair 'wgs84' -> 'cgcs'"):
        coords.convert(106.63, 26.65, "wgs84", "cgcs")


@pytest.mark.parametrize(("argv", "expected"), [
    (["--from", "wgs84", "--to", "gcj02", "116.404,39.915"], "116.4102445,39.9164043\n"),
    (["--from", "gcj02", "--to", "bd09", "116.404,39.915"], "116.4103695,39.9213370\n"),
    (["--from", "gcj02", "--to", "wgs84", "106.6325663,26.6413293"], "106.6290000,26.6450000\n"),
    (["--from", "wgs84", "--to", "wgs84", " 106.63 , 26.65 "], "106.6300000,26.6500000\n"),
    (["--from", "wgs84", "--to", "gcj02", "106.629,26.645", "116.404,39.915"],
     "106.6325663,26.6413293\n116.4102445,39.9164043\n"),
    (["--from", "wgs84", "--to", "gcj02", "--", "-0.1276,51.5072"], "-0.1276000,51.5072000\n"),
])
def test_coords_command_prints_lon_lat(argv: list[str], expected: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coords", *argv]) == 0
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize(("argv", "message"), [
    (["--from", "wgs84", "--to", "gcj02", "106.63"], "'106.63' is not a LON,LAT pair"),
    (["--from", "wgs84", "--to", "gcj02", "abc,def"], "'abc,def' is not a LON,LAT pair"),
    (["--from", "wgs84", "--to", "gcj02", "26.65,206.63"], "'26.65,206.63' is out of range"),
    (["--from", "wgs84", "--to", "gcj02", "nan,26"], "'nan,26' is out of range"),
    (["--from", "wgs", "--to", "gcj02", "106.63,26.65"], "invalid choice: 'wgs'"),
])
def test_coords_command_rejects_bad_input_plainly(argv: list[str], message: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["coords", *argv])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ecosites", "coords", "--from", "bd09", "--to", "wgs84",
         "116.41036949371029,39.92133699351021"],
        cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    lon, lat = (float(v) for v in result.stdout.strip().split(","))
    assert metres((lon, lat), coords.gcj02_to_wgs84(116.404, 39.915)) < 0.02
