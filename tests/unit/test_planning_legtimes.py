"""Measured leg times: the loader checks every row, and a measured pair overrides the estimate."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecosites.planning.legtimes import COLUMNS, load_leg_times, parse_leg_times
from ecosites.planning.model import MeasuredLeg
from ecosites.planning.travel import PlannerConfig, make_leg
from tests.conftest import REPO

ROW = {"from_id": "a", "to_id": "b", "mode": "car", "quick_minutes": "20", "slow_minutes": "35",
       "source": "trip log 2026-11", "measured_on": "2026-11-20"}


@pytest.mark.parametrize(("change", "problem"), [
    ({}, None),
    ({"to_id": "a"}, "two different site ids"),
    ({"mode": "boat"}, "mode must be one of car, transit, walk"),
    ({"quick_minutes": "40"}, "quick not more than slow"),
    ({"slow_minutes": "x"}, "whole minutes"),
    ({"source": " "}, "needs its source"),
])
def test_rows_are_checked(change: dict[str, str], problem: str | None) -> None:
    legs, problems = parse_leg_times([{**ROW, **change}])
    if problem is None:
        assert (legs, problems) == ({("a", "b", "car"): MeasuredLeg(20, 35, "trip log 2026-11")},
                                    [])
    else:
        assert legs == {}
        assert len(problems) == 1
        assert problem in problems[0]


def test_bundled_table_matches_its_schema_and_is_empty(tmp_path: Path) -> None:
    """No source gives measured times yet: the shipped table has its header only."""
    header = (REPO / "geodata" / "leg_times.csv").read_text(encoding="utf-8").splitlines()
    assert header == [",".join(COLUMNS)]
    assert load_leg_times(REPO / "geodata") == ({}, [])
    assert load_leg_times(tmp_path) == ({}, [])


def test_a_measured_pair_overrides_the_estimate_both_ways() -> None:
    config = PlannerConfig(measured={("a", "b", "car"): MeasuredLeg(20, 35, "trip log")})
    there = make_leg(("b", 106.6, 26.5), ("a", 106.6, 26.59), "car", 1, config)
    assert (there.quick_minutes, there.minutes, there.source) == (20, 35, "trip log")
    estimate = make_leg(("b", 106.6, 26.5), ("a", 106.6, 26.59), "transit", 1, config)
    assert (estimate.quick_minutes, estimate.minutes, estimate.source) == (49, 70, "")
