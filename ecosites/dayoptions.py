"""The days and times a page offers for a visit, with the ones already chosen among them.

Streamlit's own date and time controls take their calendar's words and the names of their
parts from the browser's language, not the page's: an English page on a Chinese phone
showed Chinese months, and a Chinese page in an English browser read "year, 日期",
"hour, 出发时间" and "Choose date" to a screen reader. The pages offer lists instead: days
labelled by ``i18n.format_date``, times as 24-hour clock times, alike in both languages.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from ecosites.i18n import format_date, t

DAYS_AHEAD = 366  # from today on: a visit planned for the same forum next year still fits
MINUTES_APART = 15  # between the times offered


def day_choices(today: date, chosen: date | None = None, days: int = DAYS_AHEAD) -> tuple[date, ...]:
    """Today and the ``days - 1`` days after it, with ``chosen`` in its place when it is outside them.

    A day from a link or a kept plan (last month's, or one years ahead) stays choosable, so
    showing the control never changes what was chosen.
    """
    offered = [today + timedelta(days=ahead) for ahead in range(days)]
    if chosen is not None and not today <= chosen < today + timedelta(days=days):
        offered.append(chosen)
        offered.sort()
    return tuple(offered)


def day_label(day: date, today: date, lang: str) -> str:
    """'Wed 2 December 2026 (today)' / '2026年12月2日（周三）（今天）'; other days without the mark."""
    text = format_date(day, lang, weekday=True)
    return t("format.today_date", lang, date=text) if day == today else text


def time_choices(chosen: time | None = None, minutes_apart: int = MINUTES_APART) -> tuple[time, ...]:
    """Every ``minutes_apart`` minutes of a day from 00:00, with ``chosen`` in its place when off them."""
    offered = [time(minute // 60, minute % 60) for minute in range(0, 24 * 60, minutes_apart)]
    if chosen is not None:
        chosen = chosen.replace(second=0, microsecond=0, tzinfo=None)
        if chosen not in offered:
            offered.append(chosen)
            offered.sort()
    return tuple(offered)


def time_label(moment: time) -> str:
    """'09:00': the 24-hour clock both languages use."""
    return moment.strftime("%H:%M")
