"""Every text a page shows, gathered from the AppTest tree, and the rule for text of the other script.

Shared by the AppTest and browser checks that every word is in the chosen language.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
from google.protobuf.message import Message  # type: ignore[import-untyped]
from streamlit.testing.v1 import AppTest

# Proto fields that hold no words a reader sees: ids, keys, machine values, styles, scripts.
SKIPPED_FIELDS = frozenset({
    "id", "key", "form_id", "json_args", "url", "icon", "type", "css", "src", "component_name",
    "default", "value", "set_value", "format", "style", "height", "width", "mime", "data",
    "deltaPath", "delta_path", "script_hash", "page_script_hash", "url_path", "page", "fragment_id",
    "shortcut", "styles", "column_config", "styler", "uuid", "display_values", "selection_mode",
    "text_alignment", "scroll_to_bottom", "language", "main_script_path", "icon_name",
})
# Fields whose value is the words themselves even though they are called "value" or "body".
TEXT_FIELDS = frozenset({"body", "label", "help", "placeholder", "options", "caption", "text",
                         "title", "file_name", "accept_new_options"})
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def _proto_texts(message: Message, lang: str) -> Iterator[str]:
    for descriptor, value in message.ListFields():
        name = descriptor.name
        if name in SKIPPED_FIELDS and name not in TEXT_FIELDS:
            continue
        if isinstance(value, (bool, int, float)):
            continue
        items = [value] if isinstance(value, (str, bytes, Message)) else list(value)
        for item in items:
            if isinstance(item, Message):
                yield from _proto_texts(item, lang)
            elif isinstance(item, str):
                yield from _visible(item, lang)


# Text the page marks as the other language (lang="en" / lang="zh-Hans" on its element) is shown
# that way on purpose, as a name's other-language form; accessibility rules require the mark.
_OTHER_LANG = {"zh": re.compile(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', re.S),
               "en": re.compile(r'<(\w+)[^>]*\blang="zh[^"]*"[^>]*>.*?</\1>', re.S)}
# Machine values that reach a proto as strings: hashes, query strings, element kinds.
_MACHINE = re.compile(r"[0-9a-f]{32}|\??[\w.-]+=\S*|streamlit|plain(?:text)?")


def _visible(text: str, lang: str) -> Iterator[str]:
    """The words of a string; HTML bodies lose their scripts, styles and tags; JSON settings
    (a table's column configuration) are no words."""
    if text.startswith("{"):
        try:
            json.loads(text)
        except ValueError:
            pass
        else:
            return
    if _MACHINE.fullmatch(text):
        return
    if "<" in text and ">" in text:
        text = _OTHER_LANG[lang].sub(" ", text)
        text = html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", text)))
    if text.strip():
        yield text


def _table_texts(data: bytes) -> Iterator[str]:
    """Column names and cell texts of an Arrow table (dataframes, tables)."""
    table = pa.ipc.open_stream(io.BytesIO(data)).read_all()
    for name in table.column_names:
        if not name.startswith("__") and name != "_index":
            yield name
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            yield from (str(v) for v in column.to_pylist() if v)


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def page_texts(at: AppTest, lang: str) -> list[str]:
    """Every text the page shows: Markdown, captions, labels, help, options, placeholders, metric
    labels, table columns and cells, download file names, button, expander and tab labels."""
    found: list[str] = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        if getattr(node, "type", "") == "component_instance":
            continue  # maps and the plan keeper: their words are checked in the browser
        found.extend(_proto_texts(proto, lang))
        for arrow in _arrow_payloads(proto):
            found.extend(_table_texts(arrow))
    return found


def _arrow_payloads(message: Message) -> Iterator[bytes]:
    for descriptor, value in message.ListFields():
        if isinstance(value, bytes) and descriptor.name == "data" and value:
            yield value
        elif isinstance(value, Message):
            yield from _arrow_payloads(value)


CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")
URL = re.compile(r"(https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|hk|org|net)\b|\b[\w.-]+\.(?:geojson|json|csv|ics|gpx|kml|kmz|"
                 r"pdf|html|zip|gpkg|shp|txt|png|jpg)\b", re.I)
ID = re.compile(r"\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b|--[a-z-]+")  # slugs, field names, command options


_DIRECTIVE = re.compile(r":(?:material/[a-z_]+:|[a-z]+(?=\[)|[a-z_]+:)")  # :gray[...], :material/x:
_ESCAPE = re.compile(r"\\(.)")


def strip_allowed(text: str, allowed: Iterable[str]) -> str:
    """``text`` without Markdown syntax, URLs, file names, ids and the allowed phrases (longest first)."""
    text = _DIRECTIVE.sub(" ", _ESCAPE.sub(r"\1", text.replace("\u2060", "")))
    for phrase in sorted(set(allowed), key=len, reverse=True):
        if phrase:
            text = text.replace(phrase, " ")
    return ID.sub(" ", URL.sub(" ", text))


def english_leaks(texts: Iterable[str], allowed_phrases: Iterable[str],
                  allowed_words: frozenset[str]) -> list[tuple[str, str]]:
    """(word, text) for each Latin-letter word on a Chinese page that is not allowed."""
    phrases = list(allowed_phrases)
    leaks = []
    for text in texts:
        stripped = strip_allowed(text, phrases)
        for match in LATIN_WORD.finditer(stripped):
            if match.group().lower() not in allowed_words:
                leaks.append((match.group(), _around(stripped, match.start())))
    return leaks


def _around(text: str, at: int) -> str:
    """Some text either side of a position, to show where a leak is."""
    return " ".join(text[max(0, at - 60):at + 60].split())


def chinese_leaks(texts: Iterable[str], allowed_phrases: Iterable[str]) -> list[tuple[str, str]]:
    """(characters, text) for each run of Chinese script on an English page that is not allowed."""
    phrases = list(allowed_phrases)
    leaks = []
    for text in texts:
        stripped = strip_allowed(text, phrases)
        leaks += [(m.group(), _around(stripped, m.start())) for m in CJK.finditer(stripped)]
    return leaks
