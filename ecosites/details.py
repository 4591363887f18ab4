"""What a site's detail panel says, as plain text rows: pure, so it is tested without Streamlit.

Unknown values are never guessed: they come back as ``None`` and the panel shows
"not yet verified". Text is returned unescaped; the component escapes it on render.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ecosites import schema
from ecosites.directions import Directions, site_directions
from ecosites.formatting import format_distance
from ecosites.i18n import STRINGS, bilingual, labelled, own_first, pick, t
from ecosites.opening import OpeningKind, opening_text, site_opening_state
from ecosites.vocab import Category, district_label


@dataclass(frozen=True)
class Row:
    """One labelled value; ``value`` None means not yet verified."""

    label: str
    value: str | None
    link: str | None = None
    note: str = ""


@dataclass(frozen=True)
class SourceLine:
    """A source: title, optional http(s) link, and which properties it backs."""

    title: str
    url: str | None
    backs: str


@dataclass(frozen=True)
class Photo:
    """The first photo of a site: file name under the media folder, alt text and credit line."""

    file: str
    alt: str
    credit: str
    source_url: str


@dataclass(frozen=True)
class OpeningLine:
    """The open-now line: its kind (for the colour) and the words that say it."""

    kind: OpeningKind
    text: str


@dataclass(frozen=True)
class DetailView:
    """Everything the detail panel shows for one site."""

    site_id: str
    title: str
    subtitle: str
    category: str
    category_colour: str
    highlight: str | None
    facts: list[tuple[str, str]] = field(default_factory=list)  # (text, source title)
    visit: list[Row] = field(default_factory=list)
    place: list[Row] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    location_note: str = ""
    sources: list[SourceLine] = field(default_factory=list)
    fallback_note: str = ""
    status: str | None = None
    status_note: str = ""
    parts: list[str] = field(default_factory=list)
    photo: Photo | None = None
    opening: OpeningLine | None = None
    directions: Directions | None = None


def _text(site: Mapping[str, Any], stem: str, lang: str) -> tuple[str | None, bool]:
    value, fell_back = pick({"en": site.get(f"{stem}_en"), "zh": site.get(f"{stem}_zh")}, lang)
    return (value or None), fell_back


def _mark(value: str | None, field_name: str, site: Mapping[str, Any], lang: str) -> str | None:
    if value is not None and field_name in (site.get(schema.UNVERIFIED) or []):
        return t("detail.unverified_value", lang, value=value)
    return value


def hours_text(site: Mapping[str, Any], lang: str) -> str | None:
    """Opening hours, last entry and closing days, or None when unknown."""
    hours = site.get(schema.HOURS)
    closed = site.get(schema.CLOSED_WEEKDAYS)
    parts: list[str] = []
    if hours:
        parts.append(t("detail.all_day", lang) if hours == "00:00-24:00" else hours)
        if site.get(schema.LAST_ENTRY):
            parts.append(t("detail.last_entry", lang, time=site[schema.LAST_ENTRY]))
    if closed:
        days = t("list.separator", lang).join(t(f"detail.weekday.{d}", lang) for d in closed)
        parts.append(labelled(t("detail.closed", lang), days, lang))
    elif closed is not None and len(closed) == 0 and hours:
        parts.append(t("detail.open_daily", lang))
    separator = t("detail.note_separator", lang)
    if not hours:
        return None if not parts else separator.join([t("detail.unverified", lang), *parts])
    return separator.join(parts)


def fee_text(site: Mapping[str, Any], lang: str) -> str | None:
    """'Free', '¥80' and the fee note, or None when the fee is unknown."""
    fee = site.get(schema.FEE)
    if fee is None:
        return None
    shown = t("detail.free", lang) if fee == 0 else t(
        "detail.fee_amount", lang, amount=f"{fee:g}")
    note, _ = _text(site, "fee_note", lang)
    return f"{shown} ({note})" if note else shown


def source_title(source: Mapping[str, Any], lang: str) -> str:
    """A source's title in ``lang`` (the other language when it has only one; an old ``title``)."""
    title, _ = pick({"en": source.get("title_en") or source.get("title"),
                     "zh": source.get("title_zh")}, lang)
    return title or str(source.get("id", ""))


def status_text(site: Mapping[str, Any], lang: str) -> str | None:
    """The site's status label in ``lang``, or None when no status is stated."""
    status = site.get(schema.STATUS)
    return t(f"status.{status}", lang) if status else None


def _dated_shown(name: str, value: Any, lang: str) -> str:
    if name == "fee":
        return t("detail.free", lang) if float(value) == 0 else t(
            "detail.fee_amount", lang, amount=f"{float(value):g}")
    return str(value)


def dated_note(site: Mapping[str, Any], name: str, lang: str) -> str:
    """For a field sources date: 'as of <date>' of the value used, and the other dated values."""
    dated = [d for d in site.get(schema.DATED_VALUES) or [] if d.get("field") == name]
    if not dated:
        return ""
    titles = {s.get("id"): source_title(s, lang) for s in site.get(schema.SOURCES) or []}
    newest = max(dated, key=lambda d: str(d.get("as_of", "")))
    others = [t("detail.dated_value", lang, date=d["as_of"],
                value=_dated_shown(name, d["value"], lang),
                source=titles.get(d.get("source"), d.get("source", "")))
              for d in sorted(dated, key=lambda d: str(d.get("as_of", "")), reverse=True)
              if d is not newest]
    separator = t("detail.note_separator", lang)
    parts = [t("detail.as_of", lang, date=newest["as_of"])]
    if others:
        parts.append(t("detail.also_given", lang, values=separator.join(others)))
    return separator.join(parts)


def transit_text(site: Mapping[str, Any], lang: str) -> tuple[str | None, bool]:
    """The nearest metro station (and line) in ``lang``; True when it fell back to the other."""
    transit = site.get(schema.TRANSIT)
    if not transit:
        return None, False
    station, fell_back = pick({"en": transit.get("station_en"), "zh": transit.get("station_zh")},
                              lang)
    line, _ = pick({"en": transit.get("line_en"), "zh": transit.get("line_zh")}, lang)
    if line:
        return t("detail.transit_line", lang, station=station, line=line), fell_back
    return station, fell_back


def field_label(field: str, lang: str) -> str:
    """A catalogue field as readers call it ("name_en" -> "English name"); unknown ones as they are."""
    key = f"detail.field.{field}"
    return t(key, lang) if key in STRINGS else field


def location_note(site: Mapping[str, Any], lang: str) -> str:
    """How approximate the position is, or that its accuracy is not stated, and the area."""
    accuracy = site.get(schema.COORDINATE_ACCURACY_M)
    # Where a position comes from is a staff note kept in English only: a Chinese page says
    # how approximate it is without it.
    origin = bilingual(site.get(schema.COORDINATE_SOURCE) or "", "", lang)
    if accuracy is None or accuracy <= 0:
        note = (t("detail.accuracy_not_stated", lang, source=origin) if origin
                else t("detail.accuracy_not_stated_bare", lang))
    else:
        note = t("detail.accuracy" if origin else "detail.accuracy_bare", lang,
                 metres=format_distance(float(accuracy), lang), source=origin)
    area = site.get(schema.AREA_HA)
    if area is not None:
        note += " · " + t("detail.area", lang, hectares=f"{float(area):,.1f}")
    return note


def first_photo(site: Mapping[str, Any], lang: str) -> Photo | None:
    """The site's first photo with its alt text in ``lang`` and credit line, if it has one."""
    media = site.get(schema.MEDIA) or []
    if not media:
        return None
    item = media[0]
    alt, _ = pick({"en": item.get("alt_en"), "zh": item.get("alt_zh")}, lang)
    credit = t("detail.photo_credit", lang, credit=item.get("credit", ""),
               licence=t(f"licence.{item.get('licence')}", lang))
    return Photo(str(item["file"]), alt, credit, str(item.get("source_url") or ""))


def build_detail_view(
    site: Mapping[str, Any], categories: Sequence[Category],
    tag_labels: Mapping[str, Mapping[str, str]], lang: str, now: datetime | None = None,
) -> DetailView:
    """The detail panel's content for one site (a catalogue row as a mapping).

    With ``now`` (aware) the panel says whether the site is open then; a row with a
    marker position (``lon``/``lat``) gets the "How to get there" links and metro line.
    """
    name_en, name_zh = site.get(schema.NAME_EN) or "", site.get(schema.NAME_ZH) or ""
    own, other = own_first(name_en, name_zh, lang)
    title, subtitle = own or other, other
    if subtitle == title:
        subtitle = ""
    subtitle = _mark(subtitle, bilingual(schema.NAME_ZH, schema.NAME_EN, lang), site,
                     lang) or ""
    category = next((c for c in categories if c.slug == site.get(schema.CATEGORY)), None)
    highlight, fell_back = _text(site, "highlight", lang)
    any_fallback = fell_back
    sources = site.get(schema.SOURCES) or []
    source_titles = {s["id"]: source_title(s, lang) for s in sources}
    facts = []
    for fact in site.get(schema.FACTS) or []:
        text, fact_fell_back = pick({"en": fact.get("en"), "zh": fact.get("zh")}, lang)
        any_fallback = any_fallback or fact_fell_back
        facts.append((text, source_titles.get(fact.get("source"), fact.get("source", ""))))
    minutes = site.get(schema.VISIT_MINUTES)
    website = site.get(schema.WEBSITE) or None
    visit = [
        Row(t("detail.hours", lang), _mark(hours_text(site, lang), schema.HOURS, site, lang),
            note=dated_note(site, schema.HOURS, lang)),
        Row(t("detail.fee", lang), _mark(fee_text(site, lang), schema.FEE, site, lang),
            note=dated_note(site, schema.FEE, lang)),
        Row(t("detail.visit_minutes", lang),
            t("detail.minutes", lang, minutes=int(minutes)) if minutes is not None else None),
        Row(t("detail.website", lang), website, link=website),
        Row(t("detail.phone", lang), site.get(schema.PHONE) or None),
    ]
    address, address_fell_back = _text(site, "address", lang)
    any_fallback = any_fallback or address_fell_back
    district_text = district_label(site.get(schema.DISTRICT), lang) or None
    place = [
        Row(t("detail.address", lang), _mark(address, schema.ADDRESS_EN, site, lang)),
        Row(t("detail.district", lang), district_text),
    ]
    transit, transit_fell_back = transit_text(site, lang)
    any_fallback = any_fallback or transit_fell_back
    directions = (site_directions(site, lang, metro=transit)
                  if site.get(schema.LON) is not None and site.get(schema.LAT) is not None
                  else None)
    if directions is None and transit is not None:
        place.append(Row(t("detail.transit", lang), transit))
    opening = None
    if now is not None:
        state = site_opening_state(site, now)
        opening = OpeningLine(state.kind, opening_text(state, now, lang))
    status_note, status_fell_back = _text(site, "status_note", lang)
    any_fallback = any_fallback or status_fell_back
    parts = []
    for part in site.get(schema.PARTS) or []:
        own_name, other_name = own_first(part.get("name_en") or "", part.get("name_zh") or "",
                                         lang)
        name = " ".join(n for n in (own_name, other_name) if n)
        note, _ = pick({"en": part.get("note_en"), "zh": part.get("note_zh")}, lang)
        parts.append(labelled(name, note, lang) if note else name)
    tags = [
        (tag_labels.get(tag, {}).get(lang) or tag) for tag in site.get(schema.TAGS) or []
    ]
    source_lines = [
        SourceLine(source_title(s, lang), s.get("url"),
                   t("detail.source_backs", lang, fields=t("list.separator", lang).join(
                       field_label(f, lang) for f in s.get("fields") or []))
                   if s.get("fields") else "")
        for s in sources
    ]
    return DetailView(
        site_id=str(site[schema.ID]),
        title=title,
        subtitle=subtitle,
        category=category.name(lang) if category else "",
        category_colour=category.colour if category else "#666666",
        highlight=highlight,
        facts=facts,
        visit=visit,
        place=place,
        tags=tags,
        location_note=location_note(site, lang),
        sources=source_lines,
        fallback_note=t("detail.fallback", lang) if any_fallback else "",
        status=status_text(site, lang),
        status_note=status_note or "",
        parts=parts,
        photo=first_photo(site, lang),
        opening=opening,
        directions=directions,
    )
