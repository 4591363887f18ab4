"""Guiyang's green record: recognitions, the 2024 figures, the site kinds, the forum, the contact.

Everything the "green record" page states lives in one data file,
``geodata/green_record.json`` (described in ``geodata/README.md``), each item with the
id of its source. This module reads that file into typed records and refuses a file
that breaks a rule, naming the item and the field: a figure without a source must
never reach the page. What the page says about the forum is computed from an injected
``today``, so a past forum is never announced as upcoming. Light: no heavy imports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args

from ecosites.i18n import bilingual, format_date, format_number, own_first, t
from ecosites.vocab import CATEGORY_SLUGS

GREEN_RECORD_FILE = "green_record.json"

FigureUnit = Literal["percent", "count", "m2_per_person"]
FIGURE_UNITS: tuple[FigureUnit, ...] = get_args(FigureUnit)
ForumStatus = Literal["upcoming", "ongoing", "past"]
FORUM_STATUSES: tuple[ForumStatus, ...] = get_args(ForumStatus)
SourceLang = Literal["en", "zh"]
SOURCE_LANGS: tuple[SourceLang, ...] = get_args(SourceLang)
MAX_DECIMALS = 3
YEARS = range(1900, 2101)


class GreenRecordError(ValueError):
    """The green record file breaks a rule; the message names the file, the item and the field."""


@dataclass(frozen=True)
class Pair:
    """One text in English and in Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        """The text in ``lang``."""
        return bilingual(self.en, self.zh, lang)

    def own_first(self, lang: str) -> tuple[str, str]:
        """(the text in ``lang``, the text in the other language)."""
        return own_first(self.en, self.zh, lang)


@dataclass(frozen=True)
class Source:
    """Where a statement comes from: a short label per language, the full title, a link if any."""

    id: str
    short: Pair
    title: str
    title_lang: SourceLang
    url: str | None


@dataclass(frozen=True)
class Passage:
    """A sentence or paragraph with its sources."""

    text: Pair
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Recognition:
    """A title or selection the city received; ``year`` None when the source gives none."""

    id: str
    year: int | None
    title: Pair
    detail: Pair
    short: Pair | None  # label on the timeline; None keeps it off the timeline
    note: Pair | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """A measured figure for a year: value as published, with the decimals it was published with."""

    id: str
    year: int
    value: float
    decimals: int
    unit: FigureUnit
    label: Pair
    detail: Pair | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SiteKind:
    """A category of demonstration site and the sentence that explains it."""

    category: str
    text: Pair
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Milestone:
    """A dated step in the forum's history."""

    year: int
    text: Pair
    short: Pair
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Edition:
    """One forum, with its dates (inclusive) and theme."""

    id: str
    name: Pair
    short: Pair
    start: date
    end: date
    theme: Pair
    focus: Pair
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Forum:
    """Eco Forum Global Guiyang: name, history, what it does, the Consensus, editions, venue."""

    name: Pair
    history: tuple[Milestone, ...]
    about: Passage
    consensus: Passage
    editions: tuple[Edition, ...]
    venue_facts: tuple[Passage, ...]


@dataclass(frozen=True)
class Contact:
    """The Foreign Affairs Office as the brochure gives it (its address is in English only)."""

    name: Pair
    address_en: str
    phones: tuple[str, ...]
    website: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class GreenRecord:
    """The whole file, checked."""

    sources: Mapping[str, Source]
    intro: tuple[Passage, ...]
    recognitions: tuple[Recognition, ...]
    figures_intro: Passage
    figures: tuple[Figure, ...]
    site_kinds: tuple[SiteKind, ...]
    forum: Forum
    contact: Contact


@dataclass(frozen=True)
class TimelineEntry:
    """A year and a short label, for the milestones chart and its text alternative."""

    year: int
    label: Pair


class _Reader:
    """Walks the parsed JSON, raising GreenRecordError with where the problem is."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.source_ids: set[str] = set()

    def fail(self, where: str, problem: str) -> GreenRecordError:
        return GreenRecordError(f"{self.name}: {where}: {problem}")

    def obj(self, value: Any, where: str, required: Iterable[str],
            optional: Iterable[str] = ()) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        required = set(required)
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(where, f"missing {', '.join(repr(m) for m in missing)}")
        unknown = sorted(set(value) - required - set(optional))
        if unknown:
            raise self.fail(where, f"unknown field(s) {', '.join(repr(u) for u in unknown)}")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "must be a non-empty list")
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, empty_ok: bool = False) -> str:
        value = data[key]
        if not isinstance(value, str) or (not empty_ok and not value.strip()):
            raise self.fail(where, f"{key!r} must be {'a' if empty_ok else 'a non-empty'} string")
        return value.strip()

    def pair(self, data: Mapping[str, Any], prefix: str, where: str) -> Pair:
        """``prefix_en``/``prefix_zh`` (or ``en``/``zh`` for an empty prefix), both required."""
        key = f"{prefix}_" if prefix else ""
        return Pair(self.text(data, f"{key}en", where), self.text(data, f"{key}zh", where))

    def optional_pair(self, data: Mapping[str, Any], prefix: str, where: str) -> Pair | None:
        """Both empty means none; one language alone is refused."""
        en = self.text(data, f"{prefix}_en", where, empty_ok=True)
        zh = self.text(data, f"{prefix}_zh", where, empty_ok=True)
        if bool(en) != bool(zh):
            raise self.fail(where, f"{prefix!r} must be given in both languages or in neither")
        return Pair(en, zh) if en else None

    def sources(self, data: Mapping[str, Any], where: str) -> tuple[str, ...]:
        value = data.get("source")
        ids = [value] if isinstance(value, str) else value
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
            raise self.fail(where, "'source' must name a source id (or a list of them)")
        unknown = [i for i in ids if i not in self.source_ids]
        if unknown:
            raise self.fail(where, f"unknown source {', '.join(repr(u) for u in unknown)}")
        return tuple(ids)

    def year(self, data: Mapping[str, Any], key: str, where: str) -> int:
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or value not in YEARS:
            raise self.fail(where, f"{key!r} must be a year between {YEARS[0]} and {YEARS[-1]}")
        return value

    def optional_year(self, data: Mapping[str, Any], key: str, where: str) -> int | None:
        return None if data[key] is None else self.year(data, key, where)

    def day(self, data: Mapping[str, Any], key: str, where: str) -> date:
        try:
            return date.fromisoformat(self.text(data, key, where))
        except ValueError:
            raise self.fail(where, f"{key!r} must be a date as YYYY-MM-DD") from None

    def unique(self, ids: Sequence[str], where: str) -> None:
        seen = [i for n, i in enumerate(ids) if i in ids[:n]]
        if seen:
            raise self.fail(where, f"duplicate id {seen[0]!r}")


def _where(section: str, index: int, data: Mapping[str, Any], key: str = "id") -> str:
    label = data.get(key) if isinstance(data, dict) else None
    return f"{section}[{index}]" + (f" ({label})" if isinstance(label, str) else "")


def _passage(r: _Reader, value: Any, where: str) -> Passage:
    data = r.obj(value, where, ("en", "zh", "source"))
    return Passage(r.pair(data, "", where), r.sources(data, where))


def _source(r: _Reader, value: Any, where: str) -> Source:
    data = r.obj(value, where, ("id", "short_en", "short_zh", "title", "title_lang", "url"))
    url = data["url"]
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise r.fail(where, "'url' must be null or start with http:// or https://")
    if data["title_lang"] not in SOURCE_LANGS:
        raise r.fail(where, f"'title_lang' must be one of {', '.join(SOURCE_LANGS)}")
    return Source(r.text(data, "id", where), r.pair(data, "short", where), r.text(data, "title", where),
                  data["title_lang"], url)


def _recognition(r: _Reader, value: Any, where: str) -> Recognition:
    data = r.obj(value, where, ("id", "year", "title_en", "title_zh", "detail_en", "detail_zh",
                                "short_en", "short_zh", "note_en", "note_zh", "source"))
    return Recognition(r.text(data, "id", where), r.optional_year(data, "year", where),
                       r.pair(data, "title", where), r.pair(data, "detail", where),
                       r.optional_pair(data, "short", where), r.optional_pair(data, "note", where),
                       r.sources(data, where))


def _figure(r: _Reader, value: Any, where: str) -> Figure:
    data = r.obj(value, where, ("id", "year", "value", "decimals", "unit", "label_en", "label_zh",
                                "detail_en", "detail_zh", "source"))
    number, decimals, unit = data["value"], data["decimals"], data["unit"]
    if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
        raise r.fail(where, "'value' must be a number of at least 0")
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= MAX_DECIMALS:
        raise r.fail(where, f"'decimals' must be a whole number from 0 to {MAX_DECIMALS}")
    if round(number, decimals) != number:
        raise r.fail(where, f"'value' {number} has more decimals than 'decimals' ({decimals})")
    if unit not in FIGURE_UNITS:
        raise r.fail(where, f"'unit' must be one of {', '.join(FIGURE_UNITS)}")
    if unit == "percent" and number > 100:
        raise r.fail(where, "a percentage cannot exceed 100")
    return Figure(r.text(data, "id", where), r.year(data, "year", where), float(number), decimals, unit,
                  r.pair(data, "label", where), r.optional_pair(data, "detail", where),
                  r.sources(data, where))


def _site_kind(r: _Reader, value: Any, where: str) -> SiteKind:
    data = r.obj(value, where, ("category", "en", "zh", "source"))
    if data["category"] not in CATEGORY_SLUGS:
        raise r.fail(where, f"'category' must be one of {', '.join(CATEGORY_SLUGS)}")
    return SiteKind(data["category"], r.pair(data, "", where), r.sources(data, where))


def _milestone(r: _Reader, value: Any, where: str) -> Milestone:
    data = r.obj(value, where, ("year", "en", "zh", "short_en", "short_zh", "source"))
    return Milestone(r.year(data, "year", where), r.pair(data, "", where), r.pair(data, "short", where),
                     r.sources(data, where))


def _edition(r: _Reader, value: Any, where: str) -> Edition:
    data = r.obj(value, where, ("id", "name_en", "name_zh", "short_en", "short_zh", "start", "end",
                                "theme_en", "theme_zh", "focus_en", "focus_zh", "source"))
    start, end = r.day(data, "start", where), r.day(data, "end", where)
    if end < start:
        raise r.fail(where, "'end' is before 'start'")
    return Edition(r.text(data, "id", where), r.pair(data, "name", where), r.pair(data, "short", where),
                   start, end, r.pair(data, "theme", where), r.pair(data, "focus", where),
                   r.sources(data, where))


def _forum(r: _Reader, value: Any) -> Forum:
    data = r.obj(value, "forum", ("name_en", "name_zh", "history", "about", "consensus", "editions",
                                  "venue_facts"))
    editions = tuple(_edition(r, e, _where("forum.editions", i, e))
                     for i, e in enumerate(r.items(data["editions"], "forum.editions")))
    r.unique([e.id for e in editions], "forum.editions")
    return Forum(
        r.pair(data, "name", "forum"),
        tuple(_milestone(r, m, f"forum.history[{i}]")
              for i, m in enumerate(r.items(data["history"], "forum.history"))),
        _passage(r, data["about"], "forum.about"),
        _passage(r, data["consensus"], "forum.consensus"),
        editions,
        tuple(_passage(r, p, f"forum.venue_facts[{i}]")
              for i, p in enumerate(r.items(data["venue_facts"], "forum.venue_facts"))),
    )


def _contact(r: _Reader, value: Any) -> Contact:
    data = r.obj(value, "contact", ("name_en", "name_zh", "address_en", "phones", "website", "source"))
    phones = r.items(data["phones"], "contact.phones")
    if not all(isinstance(p, str) and p.strip() and set(p) <= set("0123456789+-() ") for p in phones):
        raise r.fail("contact", "'phones' must be numbers of digits, spaces and + - ( )")
    website = r.text(data, "website", "contact")
    if not website.startswith(("http://", "https://")):
        raise r.fail("contact", "'website' must start with http:// or https://")
    return Contact(r.pair(data, "name", "contact"), r.text(data, "address_en", "contact"),
                   tuple(p.strip() for p in phones), website, r.sources(data, "contact"))


def parse_green_record(data: Any, name: str = GREEN_RECORD_FILE) -> GreenRecord:
    """Check the parsed JSON and build the record; raises GreenRecordError on the first problem."""
    r = _Reader(name)
    top = r.obj(data, "the file", ("sources", "intro", "recognitions", "figures_intro", "figures",
                                   "site_kinds", "forum", "contact"))
    sources = [_source(r, s, _where("sources", i, s))
               for i, s in enumerate(r.items(top["sources"], "sources"))]
    r.unique([s.id for s in sources], "sources")
    r.source_ids = {s.id for s in sources}

    def section(key: str, build: Any) -> tuple[Any, ...]:
        return tuple(build(r, item, _where(key, i, item, "category" if key == "site_kinds" else "id"))
                     for i, item in enumerate(r.items(top[key], key)))

    recognitions: tuple[Recognition, ...] = section("recognitions", _recognition)
    figures: tuple[Figure, ...] = section("figures", _figure)
    kinds: tuple[SiteKind, ...] = section("site_kinds", _site_kind)
    r.unique([x.id for x in recognitions], "recognitions")
    r.unique([x.id for x in figures], "figures")
    r.unique([x.category for x in kinds], "site_kinds")
    return GreenRecord(
        sources={s.id: s for s in sources},
        intro=section("intro", _passage),
        recognitions=recognitions,
        figures_intro=_passage(r, top["figures_intro"], "figures_intro"),
        figures=figures,
        site_kinds=kinds,
        forum=_forum(r, top["forum"]),
        contact=_contact(r, top["contact"]),
    )


def load_green_record(path: Path) -> GreenRecord:
    """Read and check the green record file; raises GreenRecordError naming what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GreenRecordError(f"{path.name}: not valid JSON at line {error.lineno}, "
                               f"column {error.colno}: {error.msg}") from None
    return parse_green_record(data, path.name)


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
