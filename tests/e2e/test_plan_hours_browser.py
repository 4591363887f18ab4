"""The planner around opening hours in a real browser: a Monday with the museum, and a phone.

Dates are given in the link (never today's), on the bundled catalogue.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import MAP_IFRAME, open_app, wait_for_app, wait_for_url_parts

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_TILES": "none"}
MONDAY_PLAN = ("plan?plan=guizhou-geological-museum,guanshanhu-park,qianling-park,"
               "qingyan-ancient-town&date=2026-12-07&mode=transit")


def stop_card(page: Any, number: int) -> Any:
    """The timetable card of stop ``number`` (a keyed container: class st-key-plan-stop-N)."""
    return page.locator(f"[class*='st-key-plan-stop-{number}']").first


def card_texts(page: Any) -> list[str]:
    """Every timetable card's text, in order, once the first is drawn."""
    stop_card(page, 1).wait_for()
    texts: list[str] = page.locator("[class*='st-key-plan-stop-']").all_inner_texts()
    return texts


def test_monday_leaves_the_museum_out_and_moving_the_date_books_it(page: Any,
                                                                    server: Any) -> None:
    open_app(page, server, MONDAY_PLAN)
    box = page.locator("[class*='st-key-plan-unplaced']").first
    box.get_by_text("Cannot be visited on these dates").wait_for()
    assert "Geological Museum of Guizhou" in box.inner_text()
    assert "Closed on every day of the plan" in box.inner_text()
    # With public transport, Qingyan Ancient Town does not fit the 8-hour day either: it is
    # listed too rather than booked for the evening.
    assert "Qingyan Ancient Town" in box.inner_text()
    cards = card_texts(page)
    assert len(cards) == 2
    assert not any("Geological Museum" in c for c in cards)
    assert all("Arrive" in c for c in cards)
    assert "–" in cards[1]

    box.get_by_role("button", name="Move the plan to Tue 8 December 2026").click()
    wait_for_url_parts(page, "date=2026-12-08")
    wait_for_app(page)
    titles = [c.splitlines()[0] for c in card_texts(page)]
    assert any("Geological Museum of Guizhou" in title for title in titles)
    assert not any("Geological Museum" in text for text in page.locator(
        "[class*='st-key-plan-unplaced']").all_inner_texts())
    assert page.errors == []


def test_phone_timetable_shows_arrival_and_warnings_on_cards(browser: Any, server: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True, locale="en-US")
    try:
        phone = context.new_page()
        phone.set_default_timeout(60_000)
        open_app(phone, server, MONDAY_PLAN)
        card = stop_card(phone, 1)
        card.wait_for()
        text = card.inner_text()
        assert "Arrive" in text
        assert "Leave" in text
        box = card.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 390
        assert any("not yet verified" in w for w in card_texts(phone))
        assert phone.locator("[data-testid='stDataFrame']").count() == 0
    finally:
        context.close()


def test_planner_map_numbers_stops_apart_with_a_day_legend(page: Any, server: Any) -> None:
    """The museum and Guanshanhu Park lie about 300 m apart: their badges must not cover each other.

    (Xiaolanshan, which shares Baihua Lake's point, is under construction and never scheduled.)
    """
    from tests.e2e.conftest import map_frame, site_markers

    # Four hours a day: three 90-minute visits do not fit one day, so the plan takes two.
    open_app(page, server, "plan?plan=guizhou-geological-museum,guanshanhu-park,qianling-park"
                           "&date=2026-12-08&from=efg&days=2&hours=4")
    frame = map_frame(page)
    frame.locator("[data-stop-number='3']").wait_for()
    boxes = [frame.locator(f"[data-stop-number='{n}']").bounding_box() for n in (1, 2, 3)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a is not None
            assert b is not None
            apart = (a["x"] + a["width"] <= b["x"] + 1 or b["x"] + b["width"] <= a["x"] + 1
                     or a["y"] + a["height"] <= b["y"] + 1 or b["y"] + b["height"] <= a["y"] + 1)
            assert apart, (a, b)
    # A badge moved aside keeps a line from under its centre down to the stop's true point.
    moved = frame.locator(".eco-route-stop:has(.eco-badge[style*='translateX'])")
    assert moved.count() >= 1
    for index in range(moved.count()):
        marker = moved.nth(index)
        own, badge = marker.bounding_box(), marker.locator(".eco-badge").bounding_box()
        line = marker.locator("[data-leader]").bounding_box()
        assert own is not None
        assert badge is not None
        assert line is not None
        assert abs(line["x"] + line["width"] - (badge["x"] + badge["width"] / 2)) <= 2
        assert abs(line["y"] - (badge["y"] + badge["height"])) <= 2
        assert (round(line["x"] - own["x"]), round(line["y"] + line["height"] - own["y"])) == (13, 37)
    still = frame.locator(".eco-route-stop:not(:has(.eco-badge[style*='translateX'])) [data-leader]")
    assert [still.nth(i).is_visible() for i in range(still.count())] == [False] * still.count()
    legend = frame.locator("[data-route-legend]").inner_text()
    assert "Day 1: Tue 8 December 2026" in legend
    assert "Day 2: Wed 9 December 2026" in legend
    assert "Start: Guiyang International Eco-Conference Center" in legend
    assert frame.locator(".leaflet-tooltip").count() == 0  # no permanent label on the map
    shown = site_markers(frame).count()
    page.get_by_text("Show the other sites (faint)").click()
    wait_for_app(page)
    frame.locator("[data-stop-number='3']").wait_for()
    page.wait_for_function(f"n => document.querySelector({MAP_IFRAME!r})"
                           ".contentDocument.querySelectorAll('.leaflet-marker-pane .eco-pin[data-site-id]')"
                           ".length < n", arg=shown)
    assert site_markers(frame).count() <= 3
