"""Translations: complete in both languages, every key used exists; language choice; formats."""

from __future__ import annotations

import ast
import string
from datetime import date
from pathlib import Path

import pytest

from ecosites.filters import Notice, link_notice
from ecosites.i18n import (
    LANGS,
    STRINGS,
    choose_lang,
    format_date,
    format_number,
    lang_from_url,
    pick,
    preferred_lang,
    t,
)
from tests.conftest import REPO

SOURCE_FILES = sorted([REPO / "streamlit_app.py", *(REPO / "pages").rglob("*.py"),
                       *(REPO / "components").rglob("*.py"), *(REPO / "ecosites").rglob("*.py")])


def placeholders(text: str) -> set[str]:
    """The {names} a format string expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_exists_in_both_languages(key: str) -> None:
    assert set(STRINGS[key]) == set(LANGS), f"{key} must have exactly {LANGS}"
    assert all(STRINGS[key][lang].strip() for lang in LANGS), f"{key} has an empty translation"


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_both_languages_take_the_same_values(key: str) -> None:
    assert placeholders(STRINGS[key]["en"]) == placeholders(STRINGS[key]["zh"])


def used_keys(path: Path) -> list[tuple[str, bool]]:
    """(key, is_prefix) for every t("...") or t(f"...{x}") call in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "t" and node.args):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((first.value, False))
        elif isinstance(first, ast.JoinedStr) and first.values and isinstance(
                first.values[0], ast.Constant):
            found.append((str(first.values[0].value), True))
    return found


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_key_used_in_the_code_is_in_the_catalogue(path: Path) -> None:
    """Guards against a t("...") key added to a page or component but not to the catalogue."""
    missing = [key for key, is_prefix in used_keys(path)
               if (not any(k.startswith(key) for k in STRINGS) if is_prefix else key not in STRINGS)]
    assert missing == []


def test_the_scan_finds_keys() -> None:
    """The scan above would notice a missing key (it is not vacuous)."""
    keys = [key for path in SOURCE_FILES for key, _ in used_keys(path)]
    assert "app.title" in keys
    assert "near.header" in keys
    assert "detail.weekday." in keys


@pytest.mark.parametrize(("value", "expected"), [
    ("zh", "zh"), ("en", "en"), ("zh-CN", "zh"), ("ZH_hans", "zh"), ("en-GB", "en"),
    ("fr", None), ("", None), (None, None), ("zhx", None),
])
def test_lang_from_url(value: str | None, expected: str | None) -> None:
    assert lang_from_url(value) == expected


@pytest.mark.parametrize(("header", "expected"), [
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
    ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
    ("fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.4", "zh"),
    ("en;q=0.2, zh-TW;q=0.5", "zh"),
    ("zh;q=0, en;q=0.1", "en"),
    ("de, en;q=oops", "en"),
    ("fr", None),
    ("*", None),
    ("", None),
    (None, None),
])
def test_preferred_lang_from_accept_language(header: str | None, expected: str | None) -> None:
    assert preferred_lang(header) == expected


@pytest.mark.parametrize(("url", "locale", "header", "expected"), [
    ("zh", "en-US", "en", "zh"),          # the link wins
    ("en", "zh-CN", "zh", "en"),
    (None, "zh-CN", "en", "zh"),          # then the browser's locale
    ("fr", "zh-CN", None, "zh"),          # an unknown ?lang= is ignored
    (None, None, "zh-CN,zh;q=0.9", "zh"),  # then Accept-Language
    (None, "fr-FR", "fr, en;q=0.5", "en"),
    (None, None, None, "en"),             # else English
])
def test_choose_lang(url: str | None, locale: str | None, header: str | None, expected: str) -> None:
    assert choose_lang(url, locale, header) == expected


@pytest.mark.parametrize(("day", "lang", "weekday", "expected"), [
    (date(2025, 7, 5), "en", False, "5 July 2025"),
    (date(2025, 7, 5), "zh", False, "2025年7月5日"),
    (date(2025, 7, 5), "en", True, "Sat 5 July 2025"),
    (date(2025, 7, 5), "zh", True, "2025年7月5日（周六）"),
    (date(2024, 12, 30), "zh", True, "2024年12月30日（周一）"),
])
def test_format_date(day: date, lang: str, weekday: bool, expected: str) -> None:
    assert format_date(day, lang, weekday) == expected


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (10000, 0, "10,000"), (1234.56, 1, "1,234.6"), (7, 0, "7"),
])
@pytest.mark.parametrize("lang", LANGS)
def test_format_number(value: float, decimals: int, expected: str, lang: str) -> None:
    assert format_number(value, lang, decimals) == expected


@pytest.mark.parametrize(("values", "lang", "expected"), [
    ({"en": "Park", "zh": "公园"}, "zh", ("公园", False)),
    ({"en": "Park", "zh": ""}, "zh", ("Park", True)),
    ({"en": "", "zh": "公园"}, "en", ("公园", True)),
    ({"en": None, "zh": None}, "en", ("", False)),
])
def test_pick_falls_back_to_the_other_language(values: dict[str, str | None], lang: str,
                                               expected: tuple[str, bool]) -> None:
    assert pick(values, lang) == expected


def test_unknown_language_falls_back_to_english() -> None:
    assert t("app.title", "fr") == "Guiyang Eco Sites"


@pytest.mark.parametrize(("notice", "lang", "expected"), [
    (("link.unknown_category", ("parks",)), "en", "unknown category 'parks'"),
    (("link.unknown_category", ("parks", "zoo")), "zh", "未知类别 'parks', 'zoo'"),
    (("link.unknown_site", ("atlantis",)), "zh", "链接中的示范点 'atlantis' 不在目录中"),
    (("link.text_cut", ()), "en", "the search text in the link was cut to 100 characters"),
    (("link.unknown_tag", ("![x](https://e.example/p.png)",)), "en",
     "unknown tag '\\!\\[x\\]\\(https\\:\\/\\/\u2060e\\.example\\/p\\.png\\)'"),
])
def test_link_notices_are_translated_and_escaped(notice: Notice, lang: str, expected: str) -> None:
    """Regression: values from a link went into st.warning unescaped (a Markdown image in a
    link would load a remote picture) and were shown in English only. The address also gets
    a word joiner (U+2060) after '://', so that Markdown does not auto-link it."""
    assert link_notice(notice, lang) == expected
    assert "![" not in link_notice(notice, lang)
