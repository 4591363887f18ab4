"""Distances and durations as text, in both languages."""

from __future__ import annotations

import pytest

from ecosites.formatting import format_distance, format_minutes


@pytest.mark.parametrize(
    ("metres", "lang", "text"),
    [(500, "en", "500 m"), (1000, "en", "1 km"), (2500, "en", "2.5 km"), (3000, "zh", "3 公里")],
)
def test_format_distance(metres: float, lang: str, text: str) -> None:
    assert format_distance(metres, lang) == text


@pytest.mark.parametrize(
    ("minutes", "lang", "text"),
    [(0, "en", "0 h 00 min"), (125, "en", "2 h 05 min"), (90, "zh", "1 小时 30 分钟")],
)
def test_format_minutes(minutes: int, lang: str, text: str) -> None:
    assert format_minutes(minutes, lang) == text
