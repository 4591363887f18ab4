"""WCAG 2.1 A/AA by axe-core on every page, both languages, desktop and phone, and the
keyboard paths a mouse user has (map markers, clusters, list rows, details focus).

axe-core is vendored for the tests in tests/e2e/vendor (pinned by SHA-256, licence kept;
see its README). Each page is checked at its first view, then again with the viewport as
tall as the page (axe checks contrast only where something is on screen), and inside the
map frame. Runs on the bundled catalogue, with tiles off.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ecosites.staffauth import SHARED_ACCOUNT
from tests.e2e.conftest import MAP_IFRAME, map_frame, open_app, wait_for_app

pytestmark = pytest.mark.e2e

PASSWORD = "e2e accessibility password"
SERVER_ENV = {"ECOSITES_TILES": "none", "ECOSITES_STAFF_PASSWORD": PASSWORD}
AXE_JS = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1400, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
TITLE_END = {"en": " · Guiyang Eco Sites", "zh": " · 贵阳生态示范点"}  # after the page's own name
SITE = "huaxi-wetland-park"
# Violations inside Streamlit's own widgets that the app cannot fix: (rule id, a piece of
# the failing node's selector) -> the upstream issue. The list may only shrink: the test
# below fails if it grows past ALLOWED_MAX, so lower ALLOWED_MAX when an entry goes.
ALLOWED: dict[tuple[str, str], str] = {}
ALLOWED_MAX = 0

# (name, path and query) of every page state checked; "staff" signs in first.
STATES = [
    ("explore", ""),
    ("explore-site", f"?site={SITE}"),
    ("plan-empty", "plan"),
    ("plan-stops", "plan?plan=huaxi-wetland-park,guanshanhu-park,qianling-park&date=2099-11-30"),
    ("compare", "compare?compare=huaxi-wetland-park,guanshanhu-park"),
    ("about", "about"),
    ("staff-signin", "staff_signin"),
    ("staff", "staff"),
]
SIGN_IN = {"en": ("Account name (recorded with every change)", "Password", "Sign in"),
           "zh": ("账户名（随每次更改记录）", "密码", "登录")}


def run_axe(frame: Any) -> list[dict[str, Any]]:
    """axe's WCAG 2.1 A/AA violations in one document, as {id, targets, summary}."""
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.evaluate(AXE_JS)  # the page's CSP allows it; add_script_tag would too
    violations: list[dict[str, Any]] = frame.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => ({id: v.id, targets: v.nodes.map(n => n.target.join(" ")),
                                                summary: v.nodes[0].failureSummary}));
        }""",
        WCAG_TAGS,
    )
    return violations


def unexpected(violations: list[dict[str, Any]]) -> list[str]:
    """Violations not covered by ALLOWED, one line per failing node."""
    return [f"{v['id']}: {target} :: {v['summary'][:200]}"
            for v in violations for target in v["targets"]
            if not any(rule == v["id"] and part in target for rule, part in ALLOWED)]


def sign_in(page: Any, server: Any, lang: str) -> None:
    """Sign in through the sign-in page with the shared password (account ``staff``).

    The bundled catalogue gets no account written into it; the staff page then also shows
    the shared password's warning, which is checked with the rest.
    """
    name, password, button = SIGN_IN[lang]
    open_app(page, server, f"staff_signin?lang={lang}")
    page.get_by_label(name).fill(SHARED_ACCOUNT)
    page.get_by_label(password, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=button).click()
    page.locator("[data-testid='stHeading']").first.wait_for()
    wait_for_app(page)


def open_state(page: Any, server: Any, path: str, lang: str) -> None:
    """Open one page state in ``lang`` and wait for its map, if it has one, to draw."""
    joiner = "&" if "?" in path else "?"
    open_app(page, server, f"{path}{joiner}lang={lang}")
    if page.locator(MAP_IFRAME).count():
        map_frame(page).locator(".leaflet-marker-pane > *").first.wait_for()


def test_allow_list_never_grows() -> None:
    """The allow-list of upstream violations may only shrink."""
    assert len(ALLOWED) <= ALLOWED_MAX
    assert all(issue.startswith("https://github.com/") for issue in ALLOWED.values())


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("state", "path"), STATES, ids=[s for s, _ in STATES])
def test_page_has_no_wcag_violation(browser: Any, server: Any, state: str, path: str, lang: str,
                                    viewport: str) -> None:
    width = VIEWPORTS[viewport]["viewport"]["width"]
    context = browser.new_context(**VIEWPORTS[viewport], locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        if state == "staff":
            sign_in(page, server, lang)  # signing in opens the staff page
        else:
            open_state(page, server, path, lang)
        # static/page/page.js sets it when the sidebar renders, just after the run ends.
        page.wait_for_function("tag => document.documentElement.lang === tag", arg=HTML_LANG[lang])
        # Streamlit shows the page's path as the title until the run's page config lands.
        page.wait_for_function("end => document.title.endsWith(end)", arg=TITLE_END[lang])
        assert page.title() != TITLE_END[lang]  # the page's own name comes first
        found = unexpected(run_axe(page))
        if page.locator(MAP_IFRAME).count():
            frame = page.locator(MAP_IFRAME).first.element_handle().content_frame()
            found += [f"map frame: {line}" for line in unexpected(run_axe(frame))]
        # The whole page height: contrast is checked only for what is on screen.
        full = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
            ...[...document.querySelectorAll("[data-testid='stMain'], [data-testid='stSidebarContent']")]
                .map(e => e.scrollHeight))""")
        page.set_viewport_size({"width": width, "height": min(int(full) + 50, 8000)})
        wait_for_app(page)
        # A resize can start a run (the map reports its size); Streamlit fades what is stale.
        page.wait_for_function("() => !document.querySelector(\"[data-stale='true']\")")
        wait_for_app(page)
        found += [f"full height: {line}" for line in unexpected(run_axe(page))]
        assert found == []
    finally:
        context.close()


def focused_tag(page: Any) -> str:
    """The tag name of the element that has focus in the main document."""
    return str(page.evaluate("document.activeElement ? document.activeElement.tagName : ''"))


def test_keyboard_opens_sites_from_map_and_list_and_focus_follows(page: Any, server: Any) -> None:
    """Guards against a map that only a mouse can use: Enter on a marker opens the site, focus
    moves to the details and is announced, closing returns focus, Enter on a cluster zooms."""
    open_state(page, server, "", "en")
    frame = map_frame(page)
    container = frame.locator(".leaflet-container")
    shown = page.get_by_text(re.compile(r"^\d+ of \d+ sites$")).inner_text().split()[0]
    assert container.get_attribute("aria-label") == f"Map of {shown} sites"
    assert page.locator(MAP_IFRAME).get_attribute("title") == "Map of the sites"
    # A cluster first: once a site is open the map stays zoomed in on it.
    cluster = frame.locator(".marker-cluster[aria-label^='Cluster of']").first
    label = cluster.get_attribute("aria-label") or ""
    assert label.endswith(" sites: zoom in")
    zoom = frame.locator(".leaflet-container").evaluate("() => window.map.getZoom()")
    cluster.focus()
    cluster.press("Enter")
    frame.locator(".leaflet-container").evaluate(
        "(el, before) => new Promise(done => { const check = () => window.map.getZoom() > before"
        " ? done(true) : requestAnimationFrame(check); check(); })", zoom)
    marker = frame.locator(".leaflet-marker-icon:has(.eco-pin[data-site-id])").first
    site_id = marker.locator(".eco-pin").get_attribute("data-site-id")
    marker.focus()
    marker.press("Enter")
    page.wait_for_url(lambda url: f"site={site_id}" in url)
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H3'")
    page.wait_for_function("(document.getElementById('eco-live') || {}).textContent"
                           " && document.getElementById('eco-live').textContent.startsWith('Details of')")
    close = page.get_by_role("button", name="Close details")
    close.focus()
    close.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'IFRAME'")


ACTIVE_IN_GRID = "document.activeElement && !!document.activeElement.closest(\"[data-testid='stDataFrame']\")"
HEADING_FOCUSED = ("name => document.activeElement && document.activeElement.tagName === 'H3'"
                   " && document.activeElement.textContent.startsWith(name)")
MOST_TAB_PRESSES = 150  # more than every stop on the explore page, the map's markers included


def tab_to(page: Any, target: Any, key: str = "Tab") -> int:
    """Press ``key`` until ``target`` has focus; the number of presses it took."""
    handle = target.element_handle()
    for presses in range(MOST_TAB_PRESSES):
        if page.evaluate("el => document.activeElement === el", handle):
            return presses
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {target}")


FOCUSED_CELL = "[data-testid='stDataFrame'] td[aria-selected='true']"  # in the grid's own table


def next_row(page: Any) -> str:
    """Press ArrowDown in the list; the English name of the row whose cell then has focus."""
    page.locator(FOCUSED_CELL).wait_for(state="attached")
    before = page.locator(FOCUSED_CELL).text_content()
    page.keyboard.press("ArrowDown")
    # The grid updates its table a moment after it redraws.
    page.wait_for_function("([cell, before]) => document.querySelector(cell).textContent !== before",
                           arg=[FOCUSED_CELL, before])
    return str(page.locator(FOCUSED_CELL).text_content()).split(" · ")[0]


def test_keyboard_opens_sites_from_list_and_picker_and_adds_to_plan(page: Any, server: Any) -> None:
    """Guards against a list, picker and plan button that only a mouse can use: Enter and Space
    on a list row open its site, focus moves to the details and returns to the list on close,
    the picker opens a site after a row was chosen, and the plan button works by keyboard."""
    open_state(page, server, "", "en")
    page.locator("[data-testid='stDataFrame'] [data-testid='data-grid-canvas']").focus()
    name = next_row(page)
    page.keyboard.press("Enter")
    page.wait_for_function(HEADING_FOCUSED, arg=name)
    page.wait_for_function("name => (document.getElementById('eco-live') || {}).textContent"
                           " === `Details of ${name} opened.`", arg=name)
    wait_for_app(page)
    assert tab_to(page, page.get_by_role("button", name="Close details")) > 0
    page.keyboard.press("Enter")
    page.wait_for_function(ACTIVE_IN_GRID)
    wait_for_app(page)
    # The list is drawn anew where the panel was: focus is back in it, at its first row.
    page.locator(FOCUSED_CELL).wait_for(state="attached")

    next_row(page)
    second = next_row(page)
    page.keyboard.press(" ")
    page.wait_for_function(HEADING_FOCUSED, arg=second)
    wait_for_app(page)
    assert second != name
    # The plan button sits just before the details it belongs to.
    assert tab_to(page, page.get_by_role("button", name="Add to visit plan"), "Shift+Tab") > 0
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Remove from visit plan").wait_for()
    page.get_by_role("link", name="1 site(s) in your visit plan").wait_for()
    wait_for_app(page)

    # The picker belongs to the list, which is back once the details are closed.
    assert tab_to(page, page.get_by_role("button", name="Close details")) > 0
    page.keyboard.press("Enter")
    page.wait_for_function(ACTIVE_IN_GRID)
    wait_for_app(page)
    tab_to(page, page.get_by_role("combobox", name="Open a site's details (type to search)"), "Shift+Tab")
    page.keyboard.type("Qianling")
    page.keyboard.press("Enter")
    page.wait_for_function(HEADING_FOCUSED, arg="Qianling Mountain Park")
    page.wait_for_url(lambda url: "site=qianling-park" in url)
    wait_for_app(page)
    assert page.evaluate(HEADING_FOCUSED, "Qianling Mountain Park")  # the old row did not take it back


# 200% zoom of a 1400x900 window is 700x450 CSS pixels at twice the pixel density; 320 CSS
# pixels wide is the reflow width of WCAG 1.4.10.
REFLOW: dict[str, dict[str, Any]] = {
    "zoom-200": {"viewport": {"width": 700, "height": 450}, "device_scale_factor": 2},
    "width-320": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2,
                  "is_mobile": True, "has_touch": True},
}
# Elements sticking out of the viewport sideways, outside the list grid (a data table may
# scroll sideways on its own, WCAG 1.4.10's exception).
OUTSIDE = """vw => [...document.querySelectorAll("[data-testid='stMain'] *, [data-testid='stHeader'] *")]
    .filter(e => !e.closest("[data-testid='stDataFrame']"))
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && (r.left < -1 || r.right > vw + 1); })
    .map(e => e.tagName + "." + (e.dataset.testid || String(e.className).slice(0, 40)))"""
SCROLLERS = """() => [document.documentElement, document.body,
    ...document.querySelectorAll("[data-testid='stAppViewContainer'], [data-testid='stMain']")]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + " " + e.scrollWidth + ">" + e.clientWidth)"""
# (page, path, a control that must be on screen in full) in the page's language.
REFLOW_PAGES = [
    ("explore-site", f"?site={SITE}", ("button", "Add to visit plan")),
    ("plan-stops", "plan?plan=huaxi-wetland-park,guanshanhu-park&date=2099-11-30",
     ("heading", "Visit planner")),
    ("compare", "compare?compare=huaxi-wetland-park,guanshanhu-park", ("heading", "Compare sites")),
    ("about", "about", ("heading", "Guiyang's green record")),
    ("staff-signin", "staff_signin", ("button", "Sign in")),
]


@pytest.mark.parametrize("size", list(REFLOW))
@pytest.mark.parametrize(("path", "control"), [(p, c) for _, p, c in REFLOW_PAGES],
                         ids=[s for s, _, _ in REFLOW_PAGES])
def test_zoomed_and_narrow_pages_lose_no_content_sideways(browser: Any, server: Any, size: str, path: str,
                                                          control: tuple[str, str]) -> None:
    """Guards against content lost at 200% zoom or 320 px wide: nothing scrolls or sticks out
    sideways, and the page's key control lies wholly inside the viewport's width."""
    context = browser.new_context(**REFLOW[size], locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    width = REFLOW[size]["viewport"]["width"]
    try:
        open_state(page, server, path, "en")
        assert page.evaluate(SCROLLERS) == []
        assert page.evaluate(OUTSIDE, width) == []
        role, name = control
        target = page.get_by_role(role, name=name).first
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
        assert target.is_visible()
    finally:
        context.close()


# The focused element's outline colour against what lies behind the outline: the element's
# own background when the ring is drawn inside it (negative offset), else its parent's,
# walking up to the first opaque background. Contrast by the WCAG relative-luminance formula.
RING = """(el, ringSelector) => {
    const ring = ringSelector ? el.closest(ringSelector) : el;
    const rgba = text => { const v = text.match(/[\\d.]+/g).map(Number);
                           return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
    const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const style = getComputedStyle(ring);
    let behind = parseFloat(style.outlineOffset) < 0 ? ring : ring.parentElement;
    let background = [255, 255, 255, 1];
    for (; behind; behind = behind.parentElement) {
        const colour = rgba(getComputedStyle(behind).backgroundColor);
        if (colour[3] > 0) { background = colour; break; }
    }
    const [light, dark] = [luminance(rgba(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
    return {focused: document.activeElement === el, style: style.outlineStyle,
            width: parseFloat(style.outlineWidth), ratio: (light + 0.05) / (dark + 0.05)};
}"""
# The grid draws its focused cell's ring on its canvas: the pixels a few rows of pixels either
# side of the boundary above a row, at the middle of the canvas, against white.
GRID_RING = """(canvas, top) => {
    const context = canvas.getContext("2d"), scale = window.devicePixelRatio;
    const x = Math.round(canvas.clientWidth / 2 * scale);
    const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    let best = 1;
    for (let y = Math.round((top - 3) * scale); y <= Math.round((top + 3) * scale); y++) {
        const [r, g, b] = context.getImageData(x, y, 1, 1).data;
        const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        best = Math.max(best, 1.05 / (luminance + 0.05));
    }
    return best;
}"""
GRID_ROW_PX = 35  # Streamlit's data grid row (and header) height
FOCUS_CONTRAST = 3.0  # WCAG 1.4.11 non-text contrast


def test_focus_indicators_have_three_to_one_contrast(page: Any, server: Any) -> None:
    """Guards against faint or missing focus rings: a sample of every kind of focusable element
    (sidebar link, language radio, buttons, picker, list toolbar, list cell, map container,
    marker, cluster, zoom control) shows a solid ring of at least 3:1 against its background."""
    open_state(page, server, "", "en")
    grid = page.locator("[data-testid='stDataFrame']")
    # The filters fold away; they are opened by keyboard, so focus rings show as for Tab.
    page.locator("summary", has_text="Filters: category, theme, district").focus()
    page.keyboard.press("Enter")
    samples: list[tuple[str, Any, str | None]] = [
        ("sidebar link", page.locator("[data-testid='stSidebarNavLink']").first, None),
        ("language radio", page.locator("[data-testid='stRadio'] input[type='radio']").first, "label"),
        ("button", page.get_by_role("button", name="Clear filters"), None),
        ("picker", page.get_by_role("combobox", name="Open a site's details (type to search)"), None),
        ("plan button", page.get_by_role("button", name="Add all 15 listed sites to the plan"), None),
    ]
    frame = map_frame(page)
    samples += [(f"map {selector}", frame.locator(selector).first, None) for selector in (
        ".leaflet-container", ".leaflet-marker-icon:has(.eco-pin)", ".marker-cluster",
        ".leaflet-control-zoom-in")]
    rings = {}
    for name, target, ring_selector in samples:
        target.focus()
        rings[name] = target.evaluate(RING, ring_selector)
    grid.locator("[data-testid='data-grid-canvas']").focus()  # the toolbar shows while the list has focus
    toolbar = grid.locator("[data-testid='stElementToolbar'] button")
    assert toolbar.count() >= 3
    for index in range(toolbar.count()):
        button = toolbar.nth(index)
        button.focus()
        rings[f"toolbar {button.get_attribute('aria-label')}"] = button.evaluate(RING, None)
    weak = {name: ring for name, ring in rings.items()
            if not (ring["focused"] and ring["style"] != "none" and ring["width"] >= 2
                    and ring["ratio"] >= FOCUS_CONTRAST)}
    assert weak == {}
    canvas = grid.locator("[data-testid='data-grid-canvas']")
    canvas.focus()
    page.keyboard.press("ArrowDown")  # the second row's cell: the ring runs along the row's top
    assert page.evaluate(ACTIVE_IN_GRID)
    assert canvas.evaluate(GRID_RING, GRID_ROW_PX * 2) >= FOCUS_CONTRAST
    assert canvas.evaluate(GRID_RING, GRID_ROW_PX * 4) < FOCUS_CONTRAST  # an unfocused row: grid line only
