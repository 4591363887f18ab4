"""The visit planner in a real browser: numbered route, timetable, a marker click, an ICS download."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import icalendar
import pytest

from tests.conftest import make_site
from tests.e2e.conftest import MAP_IFRAME, map_frame, open_app, wait_for_app, wait_for_url_parts

pytestmark = pytest.mark.e2e

INJECTION = "<img src=x onerror=alert(1)>${alert(2)}"
CATALOG_FEATURES = [
    make_site(id="north-park", name_en="North Park", name_zh="北公园", lon=106.70, lat=26.90,
              hours=None, closed_weekdays=None),
    make_site(id="south-museum", name_en="South Museum", name_zh="南博物馆", lon=106.60,
              lat=26.40, closed_weekdays=["mon"]),
    make_site(id="script-site", name_en=INJECTION, name_zh=INJECTION, lon=106.95, lat=26.45,
              category="conservation-history", address_en=INJECTION),
    make_site(id="west-lake", name_en="West Lake", name_zh="西湖", lon=106.30, lat=26.65),
    make_site(id="north-garden", name_en="North Garden", name_zh="北花园", lon=106.72, lat=26.91,
              hours=None, closed_weekdays=None),
]
SERVER_ENV = {"ECOSITES_TILES": "none"}


def test_plan_link_draws_route_and_downloads_a_calendar(page: Any, server: Any,
                                                         tmp_path: Path) -> None:
    open_app(page, server, "plan?plan=north-park,script-site,south-museum&date=2099-12-01&days=2")
    frame = map_frame(page)
    frame.locator("[data-stop-number='3']").wait_for()
    assert frame.locator("[data-stop-number]").count() == 3
    page.get_by_text("Timetable", exact=True).wait_for()
    page.locator("[class*='st-key-plan-stop-3']").first.wait_for()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Calendar (.ics)").click()
    target = tmp_path / "plan.ics"
    download_info.value.save_as(target)
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert len(events) == 3
    assert {str(e["summary"]).split(". ", 1)[1] for e in events} >= {f"{INJECTION} · {INJECTION}"}
    assert page.dialogs == []
    assert page.errors == []


def test_clicking_a_marker_adds_the_site(page: Any, server: Any) -> None:
    open_app(page, server, "plan?plan=north-park&date=2099-12-01")
    frame = map_frame(page)
    frame.locator("[data-stop-number='1']").wait_for()
    frame.locator(".eco-pin[data-site-id='west-lake']").click()
    frame.locator("[data-stop-number='2']").wait_for()
    wait_for_app(page)
    wait_for_url_parts(page, "west-lake")


def test_the_map_looks_at_the_plans_stops(page: Any, server: Any) -> None:
    """Two stops 2 km apart in the north: with the other sites hidden, the map fits the stops.

    With the other sites shown too (the default, for picking) it looks at all of them.
    """
    open_app(page, server, "plan?plan=north-park,north-garden&date=2099-12-01")
    map_frame(page).locator("[data-stop-number='2']").wait_for()
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    frame.wait_for_function("() => window.ecoSites && window.ecoSites.fitKey")
    assert frame.evaluate("() => window.map.getBounds().contains([26.40, 106.60])")
    every_site = frame.evaluate("() => window.ecoSites.fitKey")
    page.get_by_text("Show the other sites (faint)", exact=True).click()
    frame.wait_for_function("(key) => window.ecoSites.fitKey !== key", arg=every_site)
    assert frame.evaluate(
        "() => [[26.90, 106.70], [26.91, 106.72]].every(p => window.map.getBounds().contains(p))")
    assert frame.evaluate("() => window.map.getZoom()") >= 13
    assert not frame.evaluate("() => window.map.getBounds().contains([26.40, 106.60])")


def test_phone_plan_day_and_time_are_named_in_chinese_in_an_english_browser(browser: Any,
                                                                             server: Any) -> None:
    """Streamlit's date and time controls read "year, 日期" and "hour, 出发时间" here; the lists do not."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True, locale="en-US")
    try:
        phone = context.new_page()
        phone.set_default_timeout(60_000)
        open_app(phone, server, "plan?plan=north-park&date=2099-12-01&start=09:10&lang=zh")
        phone.get_by_test_id("stExpandSidebarButton").click()
        day = phone.locator(".st-key-plan-w-date")
        day.scroll_into_view_if_needed()
        sidebar = phone.get_by_test_id("stSidebar")
        names = sidebar.evaluate("e => [...e.querySelectorAll('[aria-label]')].map(x => x.ariaLabel)")
        assert not [n for n in names if re.search(r"\b(year|month|day|hour|minute)\b|Choose date", n)]
        assert phone.locator(".st-key-plan-w-date input").get_attribute("aria-label") == "日期"
        assert day.locator("input").input_value() == "2099年12月1日（周二）"
        assert phone.locator(".st-key-plan-w-time input").input_value() == "09:10"
        day.locator("input").tap()
        options = phone.get_by_role("option").all_inner_texts()  # the ones around the chosen day
        assert options[-1] == "2099年12月1日（周二）"  # the link's day, after a year from today
        assert len(options) > 1
        assert not [o for o in options if not re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日（周.）(（今天）)?", o)]
        phone.get_by_role("option", name=options[-2], exact=True).tap()
        phone.wait_for_url(lambda url: "date=" in url and "date=2099-12-01" not in url)
        wait_for_app(phone)
        assert day.locator("input").input_value() == options[-2]
    finally:
        context.close()
