"""Text from a link or the catalogue stays text in a real browser: no link, image or styling."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from tests.conftest import make_site
from tests.e2e.conftest import open_app

pytestmark = pytest.mark.e2e

CATALOG_FEATURES = [
    make_site(id="typed-links", name_en="Typed Links", lon=106.63, lat=26.64,
              highlight_en="Tickets at https://tickets.example/buy or www.tickets.example, "
                           "mail info@tickets.example :red[**now**]",
              website="https://official.example/"),
    make_site(id="second-site", name_en="Second Site", lon=106.70, lat=26.60),
]
SERVER_ENV = {"ECOSITES_TILES": "none"}
HOSTILE_IDS = ("[Session expired: sign in](https://x.co),![t](https://evil.example/t.png),"
               ":red[**ALERT**]")
STYLED = "strong, em, img, [class*='colorRed'], span[style*='color']"


def plain(text: str) -> str:
    """Shown text without the invisible word joiners that keep addresses from auto-linking."""
    return text.replace("\u2060", "")


def outside_links(page: Any, server: Any) -> list[str]:
    """Links in the main area that leave the app (headings' own anchors are not counted)."""
    hrefs: list[str] = page.locator("[data-testid='stMain'] a").evaluate_all(
        "links => links.map(a => a.href)")
    return [href for href in hrefs if not href.startswith(server.url)]


def test_ids_from_a_compare_link_are_shown_as_plain_text(page: Any, server: Any) -> None:
    """Guards against unknown ids put into a message as Markdown: a fake link, image and red text."""
    open_app(page, server, "compare?compare=" + quote(HOSTILE_IDS, safe=",:"))
    alert = page.locator("[data-testid='stAlert']").first
    alert.wait_for()
    shown = plain(alert.inner_text())
    assert "[Session expired: sign in](https://x.co)" in shown
    assert ":red[**ALERT**]" in shown
    assert outside_links(page, server) == []
    assert alert.locator(STYLED).count() == 0
    assert not {h for h in page.request_log.hosts() if "evil.example" in h or "x.co" in h}
    assert page.locator("[data-testid='stException']").count() == 0


def test_web_addresses_typed_in_site_text_are_not_links(page: Any, server: Any) -> None:
    """Guards against GFM auto-linking in the detail panel; the site's own website stays a link."""
    open_app(page, server, "?site=typed-links")
    page.get_by_role("heading", name="Typed Links").wait_for()
    # The panel's last link the app builds: the heading can reach the page before the rest.
    page.locator("[data-testid='stMain'] a[href^='geo:']").wait_for()
    panel = page.locator("[data-testid='stMain']")
    shown = plain(panel.inner_text())
    assert "https://tickets.example/buy or www.tickets.example, mail info@tickets.example" in shown
    # Only links the app builds itself: the website, and the directions to the site's position.
    links = outside_links(page, server)
    assert links[0] == "https://official.example/"
    assert [urlsplit(href).netloc or href.split(":")[0] for href in links[1:]] == [
        "uri.amap.com", "api.map.baidu.com", "www.openstreetmap.org", "geo"]
    assert not [href for href in links if "tickets.example" in href]
    assert panel.locator("[data-testid='stMarkdownContainer']").locator(
        "img, [class*='colorRed']").count() == 0
