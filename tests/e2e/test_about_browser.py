"""The green record page in a real browser, at desktop and phone size, in both languages: its
text, charts, other-language marks, heading order, source-line contrast, no outside request, and
links that land on the explorer and the planner with their filter or start applied."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import APP_IDLE_TIMEOUT_MS, RequestLog, open_app, wait_for_app, wait_for_url_parts

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_TILES": "none"}  # the bundled 15 sites and the bundled record
SIZES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1400, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
EXPECTED = {
    "en": {"title": "Guiyang's green record",
           "source": "2024 · Source: Guiyang Foreign Affairs Office brochure",
           "forum": "Eco Forum Global Guiyang 2025 was scheduled for 5–6 July 2025.", "other": "zh-Hans"},
    "zh": {"title": "贵阳生态文明建设", "source": "2024年 · 来源：贵阳市外事办公室宣传册",
           "forum": "生态文明贵阳国际论坛2025年年会的会期为2025年7月5日至6日。", "other": "en"},
}
CONTRAST = """(selector) => {
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const luminance = (rgb) => { const [r, g, b] = rgb.match(/[\\d.]+/g).map(Number);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b); };
  const background = (el) => { for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c && !c.startsWith("rgba(0, 0, 0, 0)") && c !== "transparent") { return c; } }
    return "rgb(255, 255, 255)"; };
  return [...document.querySelectorAll(selector)].map((el) => {
    const [a, b] = [luminance(getComputedStyle(el).color), luminance(background(el))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); });
}"""
HEADING_LEVELS = """() => [...document.querySelectorAll("[data-testid='stMain'] :is(h1,h2,h3,h4,h5,h6)")]
  .filter((h) => h.innerText.trim()).map((h) => Number(h.tagName[1]))"""


@pytest.fixture(params=sorted(SIZES))
def sized_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A page at desktop or phone size, recording requests and page errors."""
    context = browser.new_context(locale="en-US", **SIZES[request.param])
    page = context.new_page()
    page.request_log = RequestLog()
    page.errors = []
    page.on("request", lambda r: page.request_log.urls.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.set_default_timeout(APP_IDLE_TIMEOUT_MS)  # as the shared page fixture: a busy machine is slow
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_reads_in_its_language_with_sources_and_no_outside_request(sized_page: Any, server: Any,
                                                                       lang: str) -> None:
    page, expected = sized_page, EXPECTED[lang]
    open_app(page, server, f"about?lang={lang}")
    page.get_by_role("heading", name=expected["title"], level=1).wait_for()
    main = page.get_by_test_id("stMain")
    page.locator("[data-testid='stVegaLiteChart'] :is(svg, canvas)").nth(1).wait_for(state="attached")
    # Read the text once the figures have drawn.
    for figure in ("42.06%", "14.85"):
        main.get_by_text(figure).first.wait_for()
    wait_for_app(page)
    text = main.inner_text()
    assert text.count(expected["source"]) == 6
    assert expected["forum"] in text
    assert "42.06%" in text
    assert "14.85" in text
    assert main.locator(f"[lang='{expected['other']}']").count() >= 14  # one per site name, at least
    assert main.get_by_test_id("stException").count() == 0
    levels = page.evaluate(HEADING_LEVELS)
    assert levels[0] == 1, levels
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels
    ratios = page.evaluate(CONTRAST, ".eco-source")
    assert len(ratios) > 20
    assert min(ratios) >= 7, min(ratios)
    assert page.request_log.hosts() == {urlsplit(server.url).netloc}
    assert page.errors == []


def follow(page: Any, name: str) -> None:
    """Click a link of the green record page and wait for the page it opens."""
    link = page.get_by_role("link", name=name)
    link.scroll_into_view_if_needed()
    link.click()
    wait_for_app(page)


def open_record_in_session(page: Any, lang: str) -> None:
    """Open the record page from the navigation, in the same session (the sidebar opened on a phone)."""
    phone = page.viewport_size["width"] < SIZES["desktop"]["viewport"]["width"]
    sidebar = page.get_by_test_id("stSidebar")
    if phone:  # the phone's sidebar starts closed on every page
        page.get_by_test_id("stExpandSidebarButton").click()
        page.locator("[data-testid='stSidebar'][data-collapsed='false']").wait_for(state="attached")
    sidebar.get_by_test_id("stSidebarNav").get_by_role("link", name=EXPECTED[lang]["title"]).click()
    heading = page.get_by_role("heading", name=EXPECTED[lang]["title"], level=1)
    heading.wait_for(state="attached")
    wait_for_app(page)
    if phone and sidebar.get_attribute("data-collapsed") == "false":
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()  # let the page through
    if phone:
        page.locator("[data-testid='stSidebar'][data-collapsed='true']").wait_for(state="attached")
    heading.wait_for()


@pytest.mark.parametrize(
    ("lang", "kind_link", "count_text", "venue_link", "plan_link", "venue_heading", "start_label"), [
        ("en", "Show this site on the map", "1 of 15 sites", "Show the venue on the map",
         "Plan a programme around the venue", "Guiyang International Eco-Conference Center",
         "Eco Forum Global venue"),
        ("zh", "在地图上查看此示范点", "共 15 个示范点，显示 1 个", "在地图上查看会址",
         "以会址为起点规划参观行程", "贵阳国际生态会议中心", "生态文明贵阳国际论坛会址"),
    ])
def test_links_open_the_explorer_filtered_the_venue_and_the_planner(
        sized_page: Any, server: Any, lang: str, kind_link: str, count_text: str, venue_link: str,
        plan_link: str, venue_heading: str, start_label: str) -> None:
    page = sized_page
    open_app(page, server, f"?lang={lang}")  # the explorer has read its (empty) link in this session
    open_record_in_session(page, lang)
    follow(page, kind_link)
    wait_for_url_parts(page, "cat=green-industry", f"lang={lang}")
    # The category filter is set from the link: one site of fifteen, said above the map.
    page.get_by_test_id("stMain").get_by_text(count_text, exact=True).wait_for()

    open_record_in_session(page, lang)
    follow(page, venue_link)
    wait_for_url_parts(page, "site=eco-conference-center", f"lang={lang}")
    page.get_by_role("heading", name=venue_heading, level=3).wait_for()

    open_record_in_session(page, lang)
    follow(page, plan_link)
    wait_for_url_parts(page, "/plan", "from=efg", f"lang={lang}")
    # The planner's start (in its sidebar, which may be closed) is the venue.
    page.wait_for_function(
        "(label) => [...document.querySelectorAll(\"[data-testid='stSidebar'] "
        "[data-testid='stSelectbox'] input\")].some((box) => box.value === label)", arg=start_label)
    assert page.errors == []
