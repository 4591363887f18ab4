"""Escaping: text shows literally in HTML, template literals, scripts and Markdown."""

from __future__ import annotations

import json

import pytest

from ecosites.escape import escape_markdown, escape_text, script_json


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("Guanshanhu Park", "Guanshanhu Park"),
        ("观山湖公园", "观山湖公园"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("${alert(2)}", "&#x24;{alert(2)}"),
        ("`x`", "&#x60;x&#x60;"),
        ("a & b", "a &amp; b"),
        ("\"q\" 'q'", "&quot;q&quot; &#x27;q&#x27;"),
        ("back\\slash", "back&#x5C;slash"),
        (None, ""),
    ],
)
def test_escape_text(raw: str | None, escaped: str) -> None:
    assert escape_text(raw) == escaped


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "line\u2028break", {"a": "<b>&</b>"}, ["${x}", "`"]],
)
def test_script_json_cannot_break_out_and_round_trips(value: object) -> None:
    text = script_json(value)
    assert "<" not in text
    assert ">" not in text
    assert "\u2028" not in text
    assert json.loads(text) == value


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("Plain words", "Plain words"),
        ("<b>x</b>", r"\<b\>x\<\/b\>"),
        ("$5 and $6", r"\$5 and \$6"),
        ("*em* [link](javascript:x)", r"\*em\* \[link\]\(javascript\:x\)"),
        ("    indented\n\ncode", "indented code"),
        ("观山湖", "观山湖"),
    ],
)
def test_escape_markdown(raw: str, escaped: str) -> None:
    assert escape_markdown(raw) == escaped
