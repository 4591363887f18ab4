"""Reading a GeoJSON file's text: UTF-8 only, and JSON as RFC 8259 has it (strictly).

Split from ``core`` so that reading text and judging features stay apart.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ecosites.validate.problem import Finding, Problem, finding, short_json

# (byte-order mark, Python codec, name in messages); UTF-32 first: its LE mark starts like UTF-16's.
_WIDE_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32 (little-endian, with a byte-order mark)"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32 (big-endian, with a byte-order mark)"),
    (b"\xff\xfe", "utf-16", "UTF-16 (little-endian, with a byte-order mark)"),
    (b"\xfe\xff", "utf-16", "UTF-16 (big-endian, with a byte-order mark)"),
)


def wide_encoding(raw: bytes) -> tuple[str, str] | None:
    """(codec, name) when the text is UTF-16 or UTF-32, else None.

    By the byte-order mark or, without one, by where the zero bytes of the first ASCII
    character fall (the RFC 4627 rule).
    """
    for bom, codec, name in _WIDE_BOMS:
        if raw.startswith(bom):
            return codec, name
    head = raw[:4]
    if len(head) < 4:
        return None
    no_mark = "no byte-order mark"
    patterns = (
        (head[:3] == b"\0\0\0" and head[3] != 0, "utf-32-be", f"UTF-32 (big-endian, {no_mark})"),
        (head[0] != 0 and head[1:] == b"\0\0\0", "utf-32-le", f"UTF-32 (little-endian, {no_mark})"),
        (head[0] == 0 and head[1] != 0 and head[2] == 0, "utf-16-be",
         f"UTF-16 (big-endian, {no_mark})"),
        (head[0] != 0 and head[1] == 0 and head[3] == 0, "utf-16-le",
         f"UTF-16 (little-endian, {no_mark})"),
    )
    return next(((codec, name) for matched, codec, name in patterns if matched), None)


def decode_text(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (a BOM is fine); any other encoding is refused with a message."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    wide = wide_encoding(raw)
    if wide is not None:
        return None, finding("validate.core.utf16", encoding=wide[1]).at(file)
    if b"\x00" in raw[:4096]:
        return None, finding("validate.core.binary").at(file)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, finding("validate.core.not_utf8", byte=exc.start + 1).at(file)


class _NotJson(ValueError):
    """Raised while parsing for what Python's json accepts but JSON does not."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.key)
        self.finding = finding


_CONSTANT_OR_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|(?P<constant>-?Infinity|NaN)')


def _constant_position(text: str) -> tuple[int, int]:
    """(line, column) of the first NaN/Infinity outside a string, 1-based."""
    for match in _CONSTANT_OR_STRING.finditer(text):
        if match["constant"]:
            before = text[:match.start()]
            return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
    return 1, 1


def _refuse_constant(token: str) -> Any:
    raise _NotJson(finding("validate.json.not_a_number", "RFC 8259 §6", token=token))


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        twice = ""
        for name, _ in pairs:
            if name in seen:
                twice = name
                break
            seen.add(name)
        raise _NotJson(finding("validate.json.duplicate_member", "RFC 8259 §4",
                               name=short_json(twice, 40)))
    return obj


def parse_json(text: str, file: str) -> tuple[Any, Problem | None]:
    """Parse JSON text strictly (RFC 8259); a syntax error says the line and column.

    Python's parser accepts NaN and Infinity and keeps the last of two equal member
    names; JSON has neither, and GeoJSON readers disagree on them, so both are refused.
    """
    try:
        return json.loads(text, parse_constant=_refuse_constant,
                          object_pairs_hook=_unique_members), None
    except _NotJson as exc:
        found = exc.finding
        if found.key == "validate.json.not_a_number":
            token = dict(found.values)["token"]
            line, column = _constant_position(text)
            found = finding(found.key, found.rule, token=token, line=line, column=column)
        return None, found.at(file)
    except json.JSONDecodeError as exc:
        # json's own words for the error ("Expecting ',' delimiter") are kept: they are short,
        # and the line and column say where to look.
        return None, finding("validate.core.syntax", "RFC 8259", line=exc.lineno, column=exc.colno,
                             reason=exc.msg).at(file)
    except RecursionError:
        return None, finding("validate.core.too_deep").at(file)
    except ValueError:  # integer strings longer than Python's limit
        return None, finding("validate.core.huge_number").at(file)
