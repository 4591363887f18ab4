"""Planner page view model: start/end choices, route layer, timetable, totals and links."""

from __future__ import annotations

from datetime import date

import pytest

from ecosites.escape import escape_text
from ecosites.planning.model import PlanRequest
from ecosites.planning.plan import Plan
from ecosites.planning.schedule import plan_visit
from ecosites.planning.stops import StopInfo
from ecosites.planning.timetable import day_headings, timetable_rows
from ecosites.planning.view import (
    PlaceChoice,
    build_route_layer,
    closing_leg_lines,
    place_choice,
    place_value,
    share_url,
    stop_times_line,
    totals,
)
from tests.conftest import make_stop

TODAY = date(2026, 11, 1)
HOSTILE = "<img src=x onerror=alert(1)> ${x}"


@pytest.mark.parametrize(("value", "choice", "back"), [
    (None, PlaceChoice(), None),
    ("efg", PlaceChoice("venue"), "efg"),
    ("eco-conference-center", PlaceChoice("venue"), "efg"),
    ("park", PlaceChoice("site", site_id="park"), "park"),
    ("106.63,26.64", PlaceChoice("coords", coords="106.63,26.64"), "106.63,26.64"),
    ("nonsense", PlaceChoice("coords", coords="nonsense"), "nonsense"),
])
def test_place_choice_round_trip(value: str | None, choice: PlaceChoice, back: str | None) -> None:
    assert place_choice(value, ["park", "museum"]) == choice
    assert place_value(choice) == back


def two_day_plan() -> tuple[dict[str, StopInfo], Plan]:
    """Three stops in a 9-hour day: s0 and s1 do not fit together, s1 and s2 do.

    The day's hours are a constraint now (a stop that does not fit is left out rather
    than run past the day's end), so the first stop is the longer one.
    """
    stops = [make_stop(id=f"s{k}", name_en=f"Stop {k}", lon=106.6 + k * 0.01, lat=26.6,
                       visit_minutes=300 if k == 0 else 240, hours=None) for k in range(3)]
    hotel = make_stop(id="hotel-site", name_en=HOSTILE, lon=106.55, lat=26.6)
    known = {s.id: s for s in [*stops, hotel]}
    plan = plan_visit(PlanRequest(("s0", "s1", "s2"), start="hotel-site", round_trip=True,
                                  day=date(2026, 12, 1), days=2, locked=True, hours_per_day=9),
                      known, TODAY)
    return known, plan


def test_route_layer_numbers_days_and_escapes_labels() -> None:
    _, plan = two_day_plan()
    layer = build_route_layer(plan, "en")
    data = layer.data
    assert [(s[2], s[3]) for s in data["stops"]] == [(1, 1), (2, 2), (3, 2)]
    # Day 1: hotel -> s0 -> hotel; day 2: hotel -> s1 -> s2 -> hotel.
    assert [len(path) for path in data["paths"]] == [3, 4]
    assert data["points"] == [[26.6, 106.55, escape_text(f"{HOSTILE} · 测试点"), "start"]]
    assert data["legend"] == [
        ["#0072B2", "Day 1: Tue 1 December 2026", "1"], ["#D55E00", "Day 2: Wed 2 December 2026", "2"],
        ["#333", escape_text(f"Start: {HOSTILE} · 测试点"), "S"]]
    assert "<img" not in layer.payload
    assert "${x}" not in layer.payload


def test_timetable_cards_and_totals() -> None:
    """The page shows a card per stop (the wide table cut cells off on a phone)."""
    _, plan = two_day_plan()
    rows = timetable_rows(plan, "en")
    assert day_headings(plan, "en") == {1: "Day 1: Tue 1 December 2026",
                                        2: "Day 2: Wed 2 December 2026"}
    assert [r.day for r in rows] == [1, 2, 2]
    assert rows[0].arrive == "09:19"  # 4,975 m: 5 + 13.9 min by car
    assert rows[0].travel == "11–19 min · 7.0 km"  # the quick end is 60% of the estimate
    assert stop_times_line(rows[0], "en") == "Arrive 09:19 · Leave 14:19 · Visit 300 min"
    assert dict(totals(plan, "en"))["Days"] == "2"
    lines = closing_leg_lines(plan, "en")
    assert len(lines) == 2
    assert lines[0].startswith(f"Then to {HOSTILE} · 测试点: ")


@pytest.mark.parametrize(("url", "query", "expected"), [
    ("http://localhost:8501/plan?plan=x", {"plan": "a,b", "date": "2026-11-30"},
     "http://localhost:8501/plan?plan=a,b&date=2026-11-30"),
    ("http://h/plan", {"from": "106.63,26.64", "start": "09:30"},
     "http://h/plan?from=106.63,26.64&start=09:30"),
    ("http://h/plan", {}, "http://h/plan"),
])
def test_share_url(url: str, query: dict[str, str], expected: str) -> None:
    assert share_url(url, query) == expected
