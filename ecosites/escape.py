"""Escaping user-supplied text for every place it is rendered.

folium puts popup and tooltip strings raw into JavaScript template literals, and
Leaflet assigns string content to ``innerHTML``, so text is escaped for HTML *and*
for template literals (backtick, ``$`` and backslash become entities too).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

# (character, entity) in the order they are replaced: "&" first, so entities stay intact.
HTML_TEXT_ENTITIES: tuple[tuple[str, str], ...] = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("'", "&#x27;"),
    ("`", "&#x60;"),
    ("$", "&#x24;"),
    ("\\", "&#x5C;"),
)
# Chained str.replace is about three times faster than str.translate here, and the map
# payload of 10,000 sites goes through it on every rerun.
_SCRIPT_JSON: tuple[tuple[str, str], ...] = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def escape_text(value: object) -> str:
    """Text safe to place in HTML, an attribute or a JS template literal; shows literally."""
    if value is None:
        return ""
    text = str(value)
    for char, entity in HTML_TEXT_ENTITIES:
        if char in text:
            text = text.replace(char, entity)
    return text


def script_json(value: Any) -> str:
    """JSON safe to embed in a <script> or eval'd JavaScript (no tag or line breakout)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in _SCRIPT_JSON:
        text = text.replace(char, escaped)
    return text


# Longest id, field name or value quoted in a message; the whole value is never needed to find it.
SHOWN_CHARS = 60
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}


def shown_text(text: str, limit: int = SHOWN_CHARS) -> str:
    r"""Text for a message: control characters made visible (\x00) and cut to ``limit`` with '…'."""
    visible = text[:limit + 1].translate(_CONTROL)
    return visible if len(visible) <= limit else visible[:limit - 1] + "…"


def quoted_ids(ids: Sequence[str], shown: int = 5, limit: int = 40) -> str:
    """Ids from a link or a file for a Markdown message: the first few, each cut and escaped."""
    return ", ".join("'" + escape_markdown(shown_text(i, limit)) + "'" for i in ids[:shown])


def escape_markdown(value: object) -> str:
    """Text safe to pass to st.markdown: shows literally, with no markup, HTML or math.

    CommonMark lets a backslash escape any ASCII punctuation, which covers HTML (``<``),
    emphasis, links, ``$`` math and backticks; whitespace runs are folded so that
    indentation cannot start a code block, and web addresses, e-mail addresses and
    shortcodes get a word joiner (U+2060) so that they are not auto-linked or replaced.
    """
    if value is None:
        return ""
    text = _AUTOLINKED.sub("\\g<0>" + _WORD_JOINER, " ".join(str(value).split()))
    return "".join("\\" + char if char in _PUNCTUATION else char for char in text)


_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Streamlit's Markdown turns some plain text into elements *after* escapes are resolved:
# GFM auto-links (``https://``, ``www.``, ``name@host``) and ``:shortcode:`` emoji and
# icons. An invisible word joiner after the trigger keeps such text plain.
_WORD_JOINER = "\u2060"
_AUTOLINKED = re.compile(r"(?i)https?://|\bwww(?=\.)|@|:(?=[a-z_+][\w+-]*:|material/)")
