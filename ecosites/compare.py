"""Sites side by side for delegations: one row per field, one column per site.

Unknown values are never guessed: they come back as None and are shown as
"not yet verified", and which site suits a group better is said only from values a
source gives (or, for travel, the planner's stated estimate). Text is returned
unescaped; the component escapes on render.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ecosites import schema
from ecosites.details import fee_text, hours_text, transit_text
from ecosites.i18n import own_first, pick, t
from ecosites.planning.codec import split_ids
from ecosites.vocab import Category, district_label

MIN_SITES = 2
MAX_SITES = 4
QUERY_COMPARE = "compare"
ROW_KEYS: tuple[str, ...] = ("category", "district", "themes", "visit", "hours", "fee",
                             "accessibility", "groups", "languages", "contact")


@dataclass(frozen=True)
class Comparison:
    """Column titles (site names) and rows of (field label, value per site or None)."""

    site_ids: list[str]
    titles: list[str]
    rows: list[tuple[str, list[str | None]]] = field(default_factory=list)

    @property
    def known_rows(self) -> list[tuple[str, list[str | None], bool]]:
        """Rows with at least one known value, and whether the sites differ there."""
        return [(label, values, len(set(values)) > 1) for label, values in self.rows
                if any(v is not None for v in values)]

    @property
    def unknown_labels(self) -> list[str]:
        """Labels of the rows unknown for every site: shown together on one line."""
        return [label for label, values in self.rows if all(v is None for v in values)]


@dataclass(frozen=True)
class TravelComparison:
    """Travel between the compared sites and from the venue, as range texts ('25–40 min')."""

    from_venue: list[str]  # per site, in the comparison's order
    between: list[tuple[str, str, str]]  # (title a, title b, range) for each pair
    from_venue_minutes: list[int] = field(default_factory=list)  # the slow end, per site


@dataclass(frozen=True)
class GroupHighlight:
    """One way a site suits a group better: what, which sites (indices), and the line to show."""

    label: str
    best: list[int]
    text: str


def _visit_text(site: Mapping[str, Any], lang: str) -> str | None:
    minutes = site.get(schema.VISIT_MINUTES)
    return None if minutes is None else t("detail.minutes", lang, minutes=int(minutes))


def _groups_text(site: Mapping[str, Any], lang: str) -> str | None:
    value = site.get(schema.GROUP_SUITABLE)
    if value is None:
        return None
    return t("compare.yes", lang) if bool(value) else t("compare.no", lang)


def _value(site: Mapping[str, Any], key: str, categories: Sequence[Category],
           tag_labels: Mapping[str, Mapping[str, str]], lang: str) -> str | None:
    sep = t("list.separator", lang)
    if key == "category":
        category = next((c for c in categories if c.slug == site.get(schema.CATEGORY)), None)
        return category.short(lang) if category else None
    if key == "district":
        return district_label(site.get(schema.DISTRICT), lang) or None
    if key == "themes":
        return sep.join(tag_labels.get(tag, {}).get(lang) or tag
                        for tag in site[schema.TAGS]) or None
    if key == "visit":
        return _visit_text(site, lang)
    if key == "hours":
        return hours_text(site, lang)
    if key == "fee":
        return fee_text(site, lang)
    if key == "accessibility":
        text, _ = pick({"en": site.get(schema.ACCESSIBILITY_EN),
                        "zh": site.get(schema.ACCESSIBILITY_ZH)}, lang)
        return text or None
    if key == "groups":
        return _groups_text(site, lang)
    if key == "languages":
        return sep.join(site[schema.GUIDE_LANGUAGES]) or None
    if key == "contact":
        parts = [p for p in (site.get(schema.PHONE), site.get(schema.WEBSITE)) if p]
        return " · ".join(parts) or None
    raise KeyError(key)


def compare_sites(sites: Sequence[Mapping[str, Any]], categories: Sequence[Category],
                  tag_labels: Mapping[str, Mapping[str, str]], lang: str) -> Comparison:
    """The comparison table for catalogue rows (as mappings), in the given order."""
    titles = []
    for site in sites:
        first, second = own_first(site.get(schema.NAME_EN), site.get(schema.NAME_ZH), lang)
        titles.append(str(first or second or site[schema.ID]))
    rows = [(t(f"compare.row.{key}", lang),
             [_value(site, key, categories, tag_labels, lang) for site in sites])
            for key in ROW_KEYS]
    return Comparison([str(s[schema.ID]) for s in sites], titles, rows)


def read_compare_ids(value: str | None, site_ids: Sequence[str] | Any
                     ) -> tuple[list[str], list[str], bool]:
    """Known ids from ``?compare=``, the unknown ones, and whether more than 4 were given."""
    wanted = list(dict.fromkeys(split_ids(value)))
    unknown = [s for s in wanted if s not in site_ids]
    kept = [s for s in wanted if s in site_ids]
    return kept[:MAX_SITES], unknown, len(kept) > MAX_SITES


def compare_travel(sites: Sequence[Mapping[str, Any]], titles: Sequence[str],
                   venue: Mapping[str, Any] | None, lang: str, mode: str = "car"
                   ) -> TravelComparison:
    """Leg ranges from the Eco Forum Global venue to each site and between every pair."""
    # The travel model loads pyproj: imported here so that this module stays light.
    from ecosites.planning.timetable import minutes_range
    from ecosites.planning.travel import make_leg

    def point(site: Mapping[str, Any]) -> tuple[str, float, float]:
        return str(site[schema.ID]), float(site[schema.LON]), float(site[schema.LAT])

    legs = [make_leg(point(venue), point(s), mode, 1) for s in sites] if venue is not None else []
    from_venue = [minutes_range(leg, lang) for leg in legs] or [""] * len(sites)
    between = [(titles[i], titles[j], minutes_range(make_leg(point(a), point(b), mode, 1), lang))
               for i, a in enumerate(sites) for j, b in enumerate(sites) if i < j]
    return TravelComparison(from_venue, between, [leg.minutes for leg in legs])


def _least(values: Sequence[float | None]) -> list[int]:
    """Indices of the smallest known value, when the known values differ (else none: no winner)."""
    known = [v for v in values if v is not None]
    if len(set(known)) < 2:
        return []
    return [i for i, v in enumerate(values) if v == min(known)]


def _group_candidates(sites: Sequence[Mapping[str, Any]], travel: TravelComparison, lang: str
                      ) -> list[tuple[str, list[int], dict[int, str]]]:
    """(label key, best indices, detail per site) for each criterion; no best: it tells none apart."""
    status = [site.get(schema.STATUS) for site in sites]
    not_open = [i for i, value in enumerate(status) if value not in (None, "open")]
    suits = [site.get(schema.GROUP_SUITABLE) is True for site in sites]
    fees = [None if site.get(schema.FEE) is None else float(site[schema.FEE]) for site in sites]
    languages = [list(site.get(schema.GUIDE_LANGUAGES) or []) for site in sites]
    most = max(len(v) for v in languages)
    transit = [transit_text(site, lang)[0] for site in sites]
    access = [pick({"en": site.get(schema.ACCESSIBILITY_EN), "zh": site.get(schema.ACCESSIBILITY_ZH)},
                   lang)[0] or None for site in sites]
    minutes: list[float | None] = list(travel.from_venue_minutes) or [None] * len(sites)
    sep = t("list.separator", lang)
    return [
        ("open", [i for i in range(len(sites)) if i not in not_open] if not_open else [],
         {i: t(f"status.{status[i]}", lang) for i in not_open}),
        ("groups", [i for i, v in enumerate(suits) if v] if not all(suits) else [], {}),
        ("languages", [i for i, v in enumerate(languages) if most and len(v) == most
                       and any(len(w) < most for w in languages)],
         {i: sep.join(v) for i, v in enumerate(languages)}),
        ("fee", _least(fees), {i: fee_text(site, lang) or "" for i, site in enumerate(sites)}),
        ("venue", _least(minutes), dict(enumerate(travel.from_venue))),
        ("transit", [i for i, v in enumerate(transit) if v] if None in transit else [],
         {i: v or "" for i, v in enumerate(transit)}),
        ("access", [i for i, v in enumerate(access) if v] if None in access else [], {}),
    ]


def group_highlights(sites: Sequence[Mapping[str, Any]], titles: Sequence[str],
                     travel: TravelComparison, lang: str) -> list[GroupHighlight]:
    """Where the sourced values say one site suits a visiting group better than the others.

    A criterion counts only when it tells the sites apart: open to visitors (by
    ``status``), stated as suiting groups, the most guiding languages, the lowest fee,
    nearest the Eco Forum Global venue (the slow end of the estimate), near a metro
    station, and accessibility described. Unknown values never win.
    """
    sep = t("list.separator", lang)

    def named(indices: Sequence[int], details: Mapping[int, str]) -> str:
        return sep.join(t("compare.group.site_detail", lang, site=titles[i], detail=details[i])
                        if details.get(i) else titles[i] for i in indices)

    highlights = []
    for key, best, details in _group_candidates(sites, travel, lang):
        if not best:
            continue
        label = t(f"compare.group.{key}", lang)
        others = [i for i in range(len(sites)) if i not in best]
        text = (t("compare.group.open_line", lang, label=label, sites=named(best, {}),
                  closed=named(others, details)) if key == "open"
                else t("compare.group.line", lang, label=label, sites=named(best, details)))
        highlights.append(GroupHighlight(label, best, text))
    return highlights
