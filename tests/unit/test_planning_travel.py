"""Travel: great-circle distances and the minutes of a leg by mode."""

from __future__ import annotations

import pytest

from ecosites.planning.travel import (
    DEFAULT_CONFIG,
    PlannerConfig,
    TravelProfile,
    great_circle_m,
    travel_minutes_exact,
    with_config,
)


@pytest.mark.parametrize(("a", "b", "expected_m"), [
    ((106.6, 26.0), (106.6, 27.0), 110_795.7),  # one degree of meridian at 26.5°N
    ((106.6, 26.5), (106.6, 26.5), 0.0),
    ((106.6, 26.5), (106.61, 26.5), 996.9),
])
def test_great_circle_distance(a: tuple[float, float], b: tuple[float, float],
                               expected_m: float) -> None:
    assert great_circle_m(*a, *b) == pytest.approx(expected_m, abs=0.1)


@pytest.mark.parametrize(("metres", "mode", "config", "expected"), [
    (10_000, "car", DEFAULT_CONFIG, 5 + 10_000 * 1.4 / 500),  # 33.0
    (10_000, "transit", DEFAULT_CONFIG, 10 + 10_000 * 1.5 / 250),  # 70.0
    (1_000, "walk", DEFAULT_CONFIG, 1_300 / 75),
    (0, "car", DEFAULT_CONFIG, 0.0),
    (10_000, "car", PlannerConfig(profiles={"car": TravelProfile(1.0, 60.0, 0)}), 10.0),
    (10_000, "car", with_config(DEFAULT_CONFIG, "car", speed_kmh=60), 5 + 14.0),
])
def test_travel_minutes(metres: float, mode: str, config: PlannerConfig, expected: float) -> None:
    assert travel_minutes_exact(metres, mode, config) == pytest.approx(expected)
