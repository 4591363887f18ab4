"""WCAG 2.1 A/AA by axe-core on every page, both languages, desktop and phone, and the
keyboard paths a mouse user has (map markers, clusters, list rows, details focus).

axe-core is vendored for the tests in tests/e2e/vendor (pinned by SHA-256, licence kept;
see its README). Each page is checked at its first view, then again with the viewport as
tall as the page (axe checks contrast only where something is on screen), and inside the
map frame. Runs on the bundled catalogue, with tiles off.
"""

from __future__ import annotations

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
VIEWPORTS = {"desktop": (1400, 900), "phone": (390, 844)}
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
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        if state == "staff":
            sign_in(page, server, lang)  # signing in opens the staff page
        else:
            open_state(page, server, path, lang)
        # static/page/page.js sets it when the sidebar renders, just after the run ends.
        page.wait_for_function("tag => document.documentElement.lang === tag", arg=HTML_LANG[lang],
                               timeout=15_000)
        title = page.title()
        assert title.endswith(TITLE_END[lang])
        assert title != TITLE_END[lang]  # the page's own name comes first
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
        found += [f"full height: {line}" for line in unexpected(run_axe(page))]
        assert found == []
    finally:
        context.close()


def focused_tag(page: Any) -> str:
    """The tag name of the element that has focus in the main document."""
    return str(page.evaluate("document.activeElement ? document.activeElement.tagName : ''"))


def test_keyboard_opens_sites_from_map_and_list_and_focus_follows(page: Any, server: Any) -> None:
    """Guards against a map and list that only a mouse can use: Enter on a marker opens the
    site, focus moves to the details and is announced, closing returns focus, Enter on a
    cluster zooms, and Enter on a list cell selects its row."""
    open_state(page, server, "", "en")
    frame = map_frame(page)
    container = frame.locator(".leaflet-container")
    assert container.get_attribute("aria-label") == "Map of 14 sites"
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
