"""The plan in the URL: query parameters read and written, id lists, and the codec staying light."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, time

import pytest

from ecosites.planning.codec import (
    choose_plan,
    parse_plan_query,
    plan_query,
    split_ids,
    stored_plan,
    toggle_id,
    url_plan,
)
from ecosites.planning.model import PlanRequest
from tests.conftest import REPO

MONDAY = date(2026, 11, 30)
TODAY = date(2026, 11, 1)


@pytest.mark.parametrize(("params", "expected", "bad_names"), [
    ({}, PlanRequest(day=TODAY), []),
    ({"plan": "a,b", "from": "efg", "mode": "walk", "date": "2026-11-30", "start": "08:30",
      "days": "2", "round": "1", "lock": "1", "hours": "6.5"},
     PlanRequest(("a", "b"), "efg", None, True, "walk", MONDAY, time(8, 30), 2, True, 6.5), []),
    ({"mode": "plane", "date": "30/11/2026", "start": "25:00", "days": "99", "hours": "99"},
     PlanRequest(day=TODAY), ["mode", "date", "start", "days", "hours"]),
])
def test_parse_plan_query(params: dict[str, str], expected: PlanRequest,
                          bad_names: list[str]) -> None:
    request, notices = parse_plan_query(params, TODAY)
    assert request == expected
    assert [n.values["name"] for n in notices] == bad_names


def test_plan_query_round_trips() -> None:
    request = PlanRequest(("a", "b"), "106.630000,26.640000", "efg", False, "transit", MONDAY,
                          time(10, 15), 3, True, 6.0)
    params = plan_query(request)
    assert params == {"plan": "a,b", "from": "106.630000,26.640000", "to": "efg",
                      "mode": "transit", "date": "2026-11-30", "start": "10:15", "days": "3",
                      "lock": "1", "hours": "6"}
    assert parse_plan_query(params, TODAY) == (request, [])


@pytest.mark.parametrize(("ids", "site_id", "expected"), [
    ((), "a", ("a",)), (("a", "b"), "a", ("b",)), (("a", "b"), "c", ("a", "b", "c")),
])
def test_toggle_id(ids: tuple[str, ...], site_id: str, expected: tuple[str, ...]) -> None:
    assert toggle_id(ids, site_id) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("a, b,,c ", ("a", "b", "c")), ("", ()), (None, ()),
])
def test_split_ids(value: str | None, expected: tuple[str, ...]) -> None:
    assert split_ids(value) == expected


def test_codec_imports_no_heavy_library() -> None:
    """Guards against the URL codec (used by the comparison page) loading the travel model."""
    heavy = ("pyproj", "pandas", "geopandas", "numpy", "shapely", "pydantic", "folium")
    script = ("import sys, ecosites.planning.codec; "
              f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                            text=True, check=True).stdout.strip()
    assert loaded == ""


@pytest.mark.parametrize(("raw", "expected"), [
    ({"plan": "a,b", "mode": "walk"}, {"plan": "a,b", "mode": "walk"}),
    ({"plan": " a ", "evil": "x", "mode": 3, "to": ""}, {"plan": "a"}),
    ({"plan": "a", "date": "2026-10-31"}, {"plan": "a"}),  # a day that has passed
    ({"plan": "a", "date": TODAY.isoformat()}, {"plan": "a", "date": TODAY.isoformat()}),
    ({"plan": "a", "date": "someday"}, {"plan": "a", "date": "someday"}),  # the parser's notice
    ({"plan": "x" * 4001}, {}),
    (["plan", "a"], {}),
    (None, {}),
])
def test_a_plan_kept_in_the_browser_is_read_like_a_link(raw: object, expected: dict[str, str]) -> None:
    assert stored_plan(raw, TODAY) == expected


@pytest.mark.parametrize(("url", "session", "stored", "expected"), [
    ({"plan": "a"}, {"plan": "a"}, {"plan": "b,c"}, ({"plan": "a"}, "url")),
    ({"mode": "walk"}, {"mode": "walk"}, {"plan": "b"}, ({"mode": "walk"}, "url")),
    ({}, {"plan": "d"}, {"plan": "b"}, ({"plan": "d"}, "session")),
    ({}, {}, {"plan": "b", "mode": "walk"}, ({"plan": "b", "mode": "walk"}, "stored")),
    ({}, {}, {"mode": "walk"}, ({}, "none")),
    ({}, {}, {}, ({}, "none")),
])
def test_the_link_wins_over_the_kept_plan(url: dict[str, str], session: dict[str, str],
                                          stored: dict[str, str],
                                          expected: tuple[dict[str, str], str]) -> None:
    assert choose_plan(url, session, stored) == expected


def test_url_plan_takes_only_the_plans_parameters() -> None:
    assert url_plan({"plan": "a", "cat": "x", "lang": "zh", "mode": "", "days": "2"}) == {
        "plan": "a", "days": "2"}
