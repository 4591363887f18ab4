"""Durations and other values written out for people, in the user's language (light)."""

from __future__ import annotations

from ecosites.i18n import t


def format_minutes(minutes: int, lang: str) -> str:
    """'2 h 05 min' style duration."""
    return t("plan.total.minutes", lang, hours=minutes // 60, minutes=f"{minutes % 60:02d}")
