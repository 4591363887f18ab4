"""The page's accessibility glue: theme contrast, the document language tag, page.js text."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from ecosites.i18n import html_lang

REPO = Path(__file__).resolve().parents[2]
CAPTION_OPACITY = 0.6  # Streamlit 1.67 draws st.caption in the text colour at 60% opacity


def _luminance(rgb: tuple[float, float, float]) -> float:
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def contrast(foreground: tuple[float, float, float], background: tuple[float, float, float]) -> float:
    """The WCAG contrast ratio of two sRGB colours."""
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("foreground", "background", "expected"), [
    ("#000000", "#ffffff", 21.0), ("#828180", "#ffffff", 3.88), ("#0072B2", "#ffffff", 5.19)])
def test_contrast_formula(foreground: str, background: str, expected: float) -> None:
    assert contrast(_rgb(foreground), _rgb(background)) == pytest.approx(expected, abs=0.01)


def test_caption_colour_meets_aa_on_white() -> None:
    """Regression guard: captions were #828180 on white, 3.88:1, below the 4.5:1 of WCAG AA."""
    theme = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    text = _rgb(theme["textColor"])
    white = (255.0, 255.0, 255.0)
    caption = tuple(CAPTION_OPACITY * t + (1 - CAPTION_OPACITY) * w for t, w in zip(text, white, strict=True))
    assert contrast(caption, white) >= 4.5  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "tag"), [("en", "en"), ("zh", "zh-Hans"), ("fr", "en")])
def test_html_lang(lang: str, tag: str) -> None:
    assert html_lang(lang) == tag


def test_page_script_survives_streamlit_sanitiser() -> None:
    """Regression guard: DOMPurify in st.html drops a whole script whose text holds "<"
    before a letter or "/", and the document language then silently stays "en"."""
    text = (REPO / "static" / "page" / "page.js").read_text(encoding="utf-8")
    assert re.findall(r"<[/\w]", text) == []
