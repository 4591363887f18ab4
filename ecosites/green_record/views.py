"""What the green record page says: the forum's tense for an injected ``today``, figures, the timeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from ecosites.green_record.model import (
    Edition,
    Figure,
    ForumStatus,
    GreenRecord,
    Pair,
    TimelineEntry,
)
from ecosites.i18n import format_date, format_number, t


def forum_status(edition: Edition, today: date) -> ForumStatus:
    """'upcoming' before its first day, 'ongoing' on its days (inclusive), 'past' after."""
    if today < edition.start:
        return "upcoming"
    return "ongoing" if today <= edition.end else "past"


def featured_edition(editions: Sequence[Edition], today: date) -> Edition | None:
    """The forum to show: one on today, else the next to come, else the latest one."""
    ongoing = [e for e in editions if forum_status(e, today) == "ongoing"]
    upcoming = [e for e in editions if forum_status(e, today) == "upcoming"]
    if ongoing or upcoming:
        return min(ongoing or upcoming, key=lambda e: e.start)
    return max(editions, key=lambda e: e.end, default=None)


def format_day_range(start: date, end: date, lang: str) -> str:
    """'5–6 July 2025' / '2025年7月5日至6日'; across months or years both dates in full."""
    if start == end:
        return format_date(start, lang)
    if (start.year, start.month) == (end.year, end.month):
        return t("about.forum.days", lang, first=start.day, last=end.day, year=start.year,
                 month_name=t(f"format.month.{start.month}", lang))
    return t("about.forum.day_span", lang, first=format_date(start, lang), last=format_date(end, lang))


def forum_when(edition: Edition, today: date, lang: str) -> str:
    """The dated sentence about a forum, in the right tense for ``today``."""
    status = forum_status(edition, today)
    return t(f"about.forum.when.{status}", lang, name=edition.name.get(lang),
             dates=format_day_range(edition.start, edition.end, lang))


def format_figure(figure: Figure, lang: str) -> str:
    """The value as published, with its unit: '42.06%', '14.85 m²', '10'."""
    return t(f"about.unit.{figure.unit}", lang, value=format_number(figure.value, lang, figure.decimals))


def source_labels(record: GreenRecord, ids: Iterable[str], lang: str) -> str:
    """The short labels of these sources, joined for a caption."""
    return t("list.separator", lang).join(dict.fromkeys(record.sources[i].short.get(lang) for i in ids))


def timeline(record: GreenRecord) -> list[TimelineEntry]:
    """Every dated recognition, forum milestone and forum edition, oldest first."""
    entries = [TimelineEntry(m.year, m.short) for m in record.forum.history]
    entries += [TimelineEntry(r.year, r.short) for r in record.recognitions
                if r.year is not None and r.short is not None]
    entries += [TimelineEntry(e.start.year, e.short) for e in record.forum.editions]
    return sorted(entries, key=lambda e: e.year)


def share_figures(record: GreenRecord) -> list[Figure]:
    """The percentages, for one chart on a 0-100 scale."""
    return [f for f in record.figures if f.unit == "percent"]


def sites_by_category(rows: Iterable[tuple[str, str, Pair]]) -> dict[str, list[tuple[str, Pair]]]:
    """(site id, category, names) rows grouped by category, in the order given."""
    grouped: dict[str, list[tuple[str, Pair]]] = {}
    for site_id, category, names in rows:
        grouped.setdefault(category, []).append((site_id, names))
    return grouped
