"""Every word in the chosen language where only the browser shows it: the map's legend, marker
titles, zoom buttons and attribution, and the frame's own title (AppTest covers the rest:
tests/app/test_every_word_app.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.language_leaks import chinese_leaks, english_leaks
from tests.app.test_every_word_app import EN_ALLOWED, EN_NAMES, ZH_ALLOWED_WORDS
from tests.e2e.conftest import MAP_IFRAME, map_frame, open_app, site_markers

pytestmark = pytest.mark.e2e

SERVER_ENV = {"ECOSITES_TILES": "none"}
# Texts Streamlit or Leaflet build in that the app cannot translate, with why; may only shrink.
BROWSER_ONLY_ALLOWED = frozenset({
    "leaflet",  # Leaflet's attribution link names the library
})


def map_texts(page: Any) -> list[str]:
    """The map's visible text, its controls' titles and labels, and its markers' titles."""
    frame = map_frame(page)
    frame.locator("[data-testid='map-legend']").wait_for()
    texts = [frame.locator("body").inner_text()]
    for attribute in ("title", "aria-label"):
        texts += [value for value in frame.locator(f"[{attribute}]").evaluate_all(
            f"nodes => nodes.map(n => n.getAttribute('{attribute}'))") if value]
    texts.append(page.locator(MAP_IFRAME).first.get_attribute("title") or "")
    return texts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_speaks_the_pages_language(page: Any, server: Any, lang: str) -> None:
    open_app(page, server, f"?lang={lang}")
    site_markers(map_frame(page)).first.wait_for()
    texts = map_texts(page)
    leaks = (english_leaks(texts, EN_NAMES, ZH_ALLOWED_WORDS | BROWSER_ONLY_ALLOWED) if lang == "zh"
             else chinese_leaks(texts, EN_ALLOWED))
    assert not leaks, "\n".join(f"{word!r} in {text!r}" for word, text in leaks)
