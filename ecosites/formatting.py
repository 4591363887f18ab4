"""Distances, durations and other values written out for people, in the user's language (light)."""

from __future__ import annotations

from ecosites.i18n import t


def format_distance(metres: float, lang: str) -> str:
    """'800 m' or '3 km' (Chinese units in Chinese)."""
    if metres >= 1000:
        km = metres / 1000
        shown = f"{km:.0f}" if km >= 10 or km.is_integer() else f"{km:.1f}"
        return t("units.km", lang, value=shown)
    return t("units.m", lang, value=f"{metres:.0f}")


def format_minutes(minutes: int, lang: str) -> str:
    """'2 h 05 min' style duration."""
    return t("plan.total.minutes", lang, hours=minutes // 60, minutes=f"{minutes % 60:02d}")
