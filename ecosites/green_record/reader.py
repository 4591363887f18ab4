"""Reading ``geodata/green_record.json``: every item checked, a broken one named with its field."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ecosites.green_record.model import (
    FIGURE_UNITS,
    GREEN_RECORD_FILE,
    SOURCE_LANGS,
    Contact,
    Edition,
    Figure,
    Forum,
    GreenRecord,
    GreenRecordError,
    Milestone,
    Pair,
    Passage,
    Recognition,
    SiteKind,
    Source,
)
from ecosites.vocab import CATEGORY_SLUGS

MAX_DECIMALS = 3
YEARS = range(1900, 2101)


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
