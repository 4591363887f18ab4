"""The visit planner and comparison pages as a user sees them (AppTest)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from ecosites import state
from tests.app.conftest import APP_TIMEOUT_S, elements, layer_data, page_components, run_app, run_page
from tests.conftest import REPO

MUSEUM = "guizhou-geological-museum"


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def warnings(at: AppTest) -> list[str]:
    return [unescape(w.value) for w in at.warning]


def stop_cards(at: AppTest) -> list[list[str]]:
    """The timetable's cards: each a list of its lines (title, times, travel, warnings)."""
    cards: list[list[str]] = []
    for element in at.markdown:
        text = unescape(element.value)
        if re.match(r"\*\*\d+ · ", text):
            cards.append([text.strip("*")])
        elif cards and not text.startswith(("Travel times are estimates", "Link to this plan",
                                              "Then to ")):
            cards[-1].append(text)
    return cards


def route_payload(at: AppTest) -> dict[str, Any]:
    return layer_data(at, "route")


@pytest.mark.usefixtures("app_env")
def test_plan_from_a_link_shows_order_timetable_warnings_and_downloads() -> None:
    """On a Monday the museum is not booked: the top says so and offers Tuesday; the park is."""
    at = run_page("pages/plan.py", {"plan": f"qianling-park,{MUSEUM},bogus", "from": "efg",
                                    "date": "2099-11-30", "start": "09:00"})
    assert warnings(at)[0].startswith("1 unknown site id(s) left out of the plan: 'bogus'.")
    assert at.subheader[0].value == "Cannot be visited on these dates"
    assert any(unescape(m.value).startswith(
        ":material/event_busy: **Geological Museum of Guizhou · 贵州省地质博物馆**: Closed on every "
        "day of the plan (30 November 2099).") for m in at.markdown)
    # From the venue's sourced point; Qianling's hours are sourced, its closing days are not.
    assert stop_cards(at) == [["1 · Qianling Mountain Park · 黔灵山公园",
                               "Arrive 09:25 · Leave 10:55 · Visit ~90 min",
                               "Travel to it: 15–25 min · 9.6 km",
                               ":material/warning: Closing days not yet verified. Check with the "
                               "site before going."]]
    assert [m.label for m in at.metric] == ["Stops", "Travelling", "At the sites",
                                            "Distance (est.)", "Days"]
    assert at.metric[0].value == "1"
    labels = {b.label for b in elements(at, "download_button")}
    assert {"Calendar (.ics)", "GPS route (.gpx)", "Google Earth (.kml)", "Spreadsheet (.csv)",
            "Data (.json)", "Printable itinerary (English)",
            "Printable itinerary (Chinese)"} <= labels
    payload = route_payload(at)
    assert [s[2] for s in payload["stops"]] == [1]
    assert at.multiselect(key="plan.w.stops").value == ["qianling-park", MUSEUM]
    assert at.query_params["from"] == "efg"
    at.button(key=state.sub_key(state.PLAN_UNPLACED, f"move.{MUSEUM}")).click().run()
    assert at.query_params["date"] == "2099-12-01"
    assert [card[0] for card in stop_cards(at)] == [
        "1 · Geological Museum of Guizhou · 贵州省地质博物馆", "2 · Qianling Mountain Park · 黔灵山公园"]
    assert not at.subheader or at.subheader[0].value != "Cannot be visited on these dates"


@pytest.mark.usefixtures("app_env")
def test_changing_mode_and_start_updates_plan_and_link() -> None:
    at = run_page("pages/plan.py", {"plan": "guanshanhu-park,qianling-park",
                                    "date": "2099-12-01"})
    by_car = at.metric[1].value
    at.radio(key="plan.w.mode").set_value("walk").run()
    assert at.query_params["mode"] == "walk"
    assert at.metric[1].value != by_car
    at.selectbox(key="plan.w.start_kind").set_value("coords").run()
    at.text_input(key="plan.w.start_coords").input("121.47,31.23").run()
    assert any(w.startswith("The start point 121.47,31.23 lies outside the Guiyang region")
               for w in warnings(at))
    assert len(stop_cards(at)) == 2
    at.text_input(key="plan.w.start_coords").input("106.630,26.647").run()
    assert at.query_params["from"] == "106.630,26.647"
    assert not any("outside" in w for w in warnings(at))


@pytest.mark.parametrize(("query", "message"), [
    ({"plan": ""}, None),
    ({"plan": ",".join(["guanshanhu-park"] * 2 + [f"x{k}" for k in range(30)])},
     "30 unknown site id(s) left out of the plan"),
    ({"plan": "guanshanhu-park", "date": "2020-01-01"}, "1 January 2020 is in the past."),
    ({"plan": f"{MUSEUM}", "date": "2099-11-30"}, "Every stop is closed on 30 November 2099."),
    ({"plan": "guanshanhu-park", "mode": "rocket"},
     "The link's mode 'rocket' is not valid; using car."),
])
@pytest.mark.usefixtures("app_env")
def test_bad_links_get_a_specific_message(query: dict[str, str],
                                          message: str | None) -> None:
    at = run_page("pages/plan.py", query)
    if message is None:
        assert "Add sites to start" in unescape(at.info[0].value)
        assert not stop_cards(at)
    else:
        assert any(w.startswith(message) for w in warnings(at)), warnings(at)


def test_too_many_stops_keeps_the_first_25(app_env: Callable[..., None],
                                            catalog_dir: object) -> None:
    """More than 25 stops in a link: the first 25 are planned, the rest named in a warning.

    Six days of 8 hours hold the 25 visits of 90 minutes (the day's hours are a constraint).
    """
    from pathlib import Path

    from tests.conftest import make_site, write_catalog

    directory = Path(str(catalog_dir))
    write_catalog(directory, [make_site(id=f"s{k:02d}", lon=106.5 + k * 0.005, lat=26.6,
                                        hours=None, closed_weekdays=None) for k in range(30)])
    app_env(geodata=str(directory))
    at = run_page("pages/plan.py", {"plan": ",".join(f"s{k:02d}" for k in range(30)),
                                    "date": "2099-12-01", "days": "6"})
    assert any(w.startswith("A plan can have at most 25 stops; 30 were given") for w in
               warnings(at))
    assert at.metric[0].value == "25"


@pytest.mark.usefixtures("app_env")
def test_add_to_plan_from_the_explore_detail_panel() -> None:
    """The open panel takes the list's place, so "add all listed" is reached after closing it."""
    at = run_app({"site": MUSEUM})
    at.button(key="explore.plan_toggle").click().run()
    assert at.session_state[state.PLAN_QUERY] == {"plan": MUSEUM}
    assert at.button(key="explore.plan_toggle").label == "Remove from visit plan"
    at.button(key="explore.detail.close").click().run()
    at.button(key="explore.plan_add_visible").click().run()
    plan = at.session_state[state.PLAN_QUERY]["plan"].split(",")
    assert plan[0] == MUSEUM
    assert len(plan) == 15
    at.selectbox(key="explore.table.pick").select(MUSEUM).run()
    at.button(key="explore.plan_toggle").click().run()
    assert MUSEUM not in at.session_state[state.PLAN_QUERY]["plan"].split(",")


@pytest.mark.usefixtures("app_env")
def test_compare_page_from_a_link() -> None:
    """A card per site with differences marked, unknown rows on one line, travel times, a map."""
    at = run_page("pages/compare.py", {"compare": f"{MUSEUM},tianhetan,ghost"})
    assert warnings(at) == ["1 unknown site id(s) left out of the plan: 'ghost'."]
    lines = [unescape(m.value) for m in at.markdown]
    assert "#### Geological Museum of Guizhou" in lines
    assert "#### Tianhetan" in lines
    assert "≠ **Fee: Free**" in lines
    assert "≠ **Fee: ¥80**" in lines
    assert "≠ **Opening hours: 09:00-17:00; last entry 16:00; Closed: Mondays**" in lines
    unknown = next(line for line in lines if line.startswith("Not yet verified for any"))
    assert "Suits groups" in unknown
    assert "Guiding languages" in unknown
    assert not any(line.startswith(("Suits groups", "≠ **Suits groups")) for line in lines)
    assert any(line.startswith("From the Eco Forum Global venue by car: ") and "–" in line
               for line in lines)
    assert any(line.startswith("Geological Museum of Guizhou ↔ Tianhetan: ") for line in lines)
    assert "**Which suits a group better**" in lines
    assert "- Lowest fee: Geological Museum of Guizhou (Free)" in lines
    nearest = next(line for line in lines if line.startswith("- Nearest the Eco Forum Global venue: "))
    assert nearest.startswith("- Nearest the Eco Forum Global venue: Geological Museum of Guizhou (")
    assert "**Better for a group: Lowest fee, Nearest the Eco Forum Global venue**" in lines  # its card
    assert not any(line.startswith(("- Stated to suit groups", "- Most guiding")) for line in lines)
    assert len(page_components(at)) == 1  # the small map
    assert not at.dataframe  # cards: no cut-off table cells
    at.multiselect(key=state.COMPARE_PICK).set_value([MUSEUM]).run()
    assert "Pick at least two sites." in unescape(at.info[0].value)
    assert at.query_params["compare"] == MUSEUM


@pytest.mark.usefixtures("app_env")
def test_chinese_plan_page() -> None:
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
    at.session_state[state.LANG] = "zh"
    at.query_params["plan"] = MUSEUM
    at.query_params["date"] = "2099-11-30"
    at.switch_page("pages/plan.py")
    at.run()
    assert at.title[0].value == "参观路线规划"
    assert at.subheader[0].value == "这些日期无法参观"
    assert at.button[0].label == "将计划改到 2099年12月1日（周二）"


@pytest.mark.parametrize(("now", "day"), [("2031-06-03T08:30", "2031-06-03"),
                                          ("2031-06-03T23:30+08:00", "2031-06-03"),
                                          ("2031-06-03T17:30+00:00", "2031-06-04")])
def test_the_planner_default_date_follows_ecosites_now(app_env: Callable[..., None], now: str,
                                                        day: str) -> None:
    """Guards against the planner reading the machine's clock while open-now reads ECOSITES_NOW.

    The day is Guiyang's: 17:30 UTC is already the next morning there.
    """
    app_env(now=now)
    at = run_page("pages/plan.py", {"plan": MUSEUM})
    assert str(at.selectbox(key=state.PLAN_DATE).value) == day
    assert "date" not in at.query_params or at.query_params["date"] == day


@pytest.mark.parametrize(("lang", "today_label", "picked_label"), [
    ("en", "Tue 1 December 2026 (today)", "Mon 7 December 2026"),
    ("zh", "2026年12月1日（周二）（今天）", "2026年12月7日（周一）"),
])
def test_the_plan_day_is_chosen_from_days_named_in_the_page_language(
        app_env: Callable[..., None], lang: str, today_label: str, picked_label: str) -> None:
    """Streamlit's date control named its parts in the browser's language; this list never does."""
    app_env(now="2026-12-01T08:00+08:00")
    at = run_page("pages/plan.py", {"plan": MUSEUM, "lang": lang})
    day = at.selectbox(key=state.PLAN_DATE)
    assert (day.options[0], day.value) == (today_label, date(2026, 12, 1))
    assert picked_label in day.options
    other = r"[A-Za-z]" if lang == "zh" else r"[\u4e00-\u9fff]"
    assert not [option for option in day.options if re.search(other, option)]
    day.set_value(date(2026, 12, 7)).run()
    assert at.query_params["date"] == "2026-12-07"
    assert at.selectbox(key=state.PLAN_DATE).value == date(2026, 12, 7)
    start = at.selectbox(key=state.PLAN_TIME)
    assert (start.value, start.options[36], len(start.options)) == (time(9, 0), "09:00", 96)
    start.set_value(time(10, 30)).run()
    assert at.query_params["start"] == "10:30"
