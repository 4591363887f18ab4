"""Filtering sites, and carrying the filters in the URL."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from ecosites import schema
from ecosites.escape import escape_markdown
from ecosites.i18n import t
from ecosites.opening import site_opening_state
from ecosites.planning.model import LOCAL_TZ

QUERY_CATEGORY = "cat"
QUERY_TAG = "tag"
QUERY_DISTRICT = "district"
QUERY_TEXT = "q"
QUERY_SITE = "site"
QUERY_OPEN = "open"  # "now" or a Guiyang date and time, "2026-12-02T10:00"
OPEN_NOW = "now"
OPEN_AT_FORMAT = "%Y-%m-%dT%H:%M"
MAX_QUERY_TEXT = 100
# What the open filter reads of a site: the opening rules and what StopInfo needs.
OPENING_COLUMNS: tuple[str, ...] = (
    schema.ID, schema.NAME_EN, schema.NAME_ZH, schema.LON, schema.LAT, schema.HOURS,
    schema.LAST_ENTRY, schema.CLOSED_WEEKDAYS, schema.OPEN_ON_PUBLIC_HOLIDAYS, schema.STATUS,
    schema.UNVERIFIED)


@dataclass(frozen=True)
class Criteria:
    """What the user narrowed the sites to; empty means no restriction."""

    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    text: str = ""
    open_on: str = ""  # "", OPEN_NOW or a Guiyang date and time in OPEN_AT_FORMAT


@dataclass(frozen=True)
class FilterOptions:
    """The values a filter may take, from the loaded catalogue."""

    categories: tuple[str, ...] = schema.CATEGORY_SLUGS
    tags: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()


# What was ignored in a link, for the page to say in the chosen language: an i18n key
# ("link.*") and the raw values it names (the page escapes them when it shows them).
Notice = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class UrlState:
    """Criteria and selected site read from the URL, and what was ignored there."""

    criteria: Criteria = Criteria()
    site_id: str | None = None
    notices: tuple[Notice, ...] = field(default_factory=tuple)


# Ranks sites for a free-text query: returns the ids of matches, best first.
TextMatcher = Callable[[gpd.GeoDataFrame, str], Sequence[str]]


def filter_options(sites: gpd.GeoDataFrame) -> FilterOptions:
    """Tags and districts present in the catalogue, sorted."""
    tags = sorted({tag for tags in sites[schema.TAGS] for tag in tags})
    districts = sorted({d for d in sites[schema.DISTRICT] if d})
    return FilterOptions(schema.CATEGORY_SLUGS, tuple(tags), tuple(districts))


def substring_matches(sites: gpd.GeoDataFrame, text: str) -> list[str]:
    """Ids of sites whose names or highlights contain every word of ``text``."""
    words = text.lower().split()
    mask = pd.Series(True, index=sites.index)
    haystack = sites[schema.SEARCH_TEXT]
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return list(sites.index[mask])


def filter_sites(
    sites: gpd.GeoDataFrame,
    criteria: Criteria,
    matcher: TextMatcher = substring_matches,
) -> gpd.GeoDataFrame:
    """The sites matching every criterion; with text, ordered by the matcher's ranking.

    Every row taken copies about fifty columns, so rows are taken once per step and not
    at all without a criterion (a shallow copy; pandas copies on write).
    """
    mask = np.ones(len(sites), dtype=bool)
    if criteria.categories:
        mask &= sites[schema.CATEGORY].isin(criteria.categories).to_numpy()
    if criteria.districts:
        mask &= sites[schema.DISTRICT].isin(criteria.districts).to_numpy()
    if criteria.tags:
        wanted = set(criteria.tags)
        mask &= np.fromiter((bool(wanted.intersection(tags or ())) for tags in sites[schema.TAGS]),
                            dtype=bool, count=len(sites))
    visible = sites.copy(deep=False) if mask.all() else sites[mask]
    text = criteria.text.strip()
    if text and len(visible):
        ranked = pd.Index(list(matcher(visible, text)), dtype=object)
        # The ids in the index's own dtype: a mismatch makes pandas convert and hash every row.
        rows = visible.index.get_indexer(ranked.astype(visible.index.dtype, copy=False))
        if (rows < 0).any():
            raise KeyError(f"the matcher returned ids not among the sites: {list(ranked[rows < 0])[:5]}")
        visible = visible.take(rows)
    return visible


def open_moment(open_on: str, now: datetime) -> datetime | None:
    """The moment the open filter asks about: ``now``, a chosen Guiyang time, or None (off)."""
    if open_on == OPEN_NOW:
        return now
    return parse_open_at(open_on)


def parse_open_at(text: str) -> datetime | None:
    """'2026-12-02T10:00' as an aware Guiyang datetime; None when it is not that form."""
    try:
        return datetime.strptime(text, OPEN_AT_FORMAT).replace(tzinfo=LOCAL_TZ)
    except ValueError:
        return None


def format_open_at(moment: datetime) -> str:
    """A chosen moment as the URL carries it (Guiyang time, to the minute)."""
    return moment.astimezone(LOCAL_TZ).strftime(OPEN_AT_FORMAT)


def split_open_at(
    sites: gpd.GeoDataFrame, moment: datetime
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(sites a visitor can enter at ``moment``, sites whose hours are not verified).

    Sites known to be closed then are dropped; unverified hours are never counted open
    and never dropped silently: they come back on their own for the page to list.
    """
    columns = [c for c in OPENING_COLUMNS if c in sites.columns]
    rows: list[dict[str, Any]] = pd.DataFrame(sites[columns]).to_dict("records")  # type: ignore[assignment]
    states = [site_opening_state(row, moment) for row in rows]
    is_open = pd.Series([s.is_open for s in states], index=sites.index, dtype=bool)
    unverified = pd.Series([s.kind == "unverified" for s in states], index=sites.index, dtype=bool)
    return sites[is_open], sites[unverified]


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def _keep_known(
    name: str, values: list[str], allowed: Sequence[str], notices: list[Notice]
) -> tuple[str, ...]:
    kept = tuple(dict.fromkeys(v for v in values if v in allowed))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        notices.append((f"link.unknown_{name}", tuple(v[:40] for v in unknown[:5])))
    return kept


def read_url_state(
    params: Mapping[str, str], options: FilterOptions, site_ids: Sequence[str] | pd.Index
) -> UrlState:
    """Criteria and site from query parameters; unknown values are dropped and reported."""
    notices: list[Notice] = []
    categories = _keep_known("category", _split(params.get(QUERY_CATEGORY)),
                             options.categories, notices)
    tags = _keep_known("tag", _split(params.get(QUERY_TAG)), options.tags, notices)
    districts = _keep_known("district", _split(params.get(QUERY_DISTRICT)),
                            options.districts, notices)
    text = (params.get(QUERY_TEXT) or "").strip()
    if len(text) > MAX_QUERY_TEXT:
        notices.append(("link.text_cut", ()))
        text = text[:MAX_QUERY_TEXT]
    open_on = (params.get(QUERY_OPEN) or "").strip()
    if open_on and open_on != OPEN_NOW and parse_open_at(open_on) is None:
        notices.append(("link.bad_open", (open_on[:40],)))
        open_on = ""
    site_id = params.get(QUERY_SITE) or None
    if site_id is not None and site_id not in site_ids:
        notices.append(("link.unknown_site", (site_id[:60],)))
        site_id = None
    return UrlState(Criteria(categories, tags, districts, text, open_on), site_id,
                    tuple(notices))


def link_notice(notice: Notice, lang: str) -> str:
    """A notice as Markdown-safe text in ``lang``: "unknown category 'parks'"."""
    key, values = notice
    shown = ", ".join(f"'{escape_markdown(value)}'" for value in values)
    return t(key, lang, values=shown, limit=MAX_QUERY_TEXT)


def url_params(criteria: Criteria, site_id: str | None) -> dict[str, str]:
    """Query parameters that reproduce the view; empty criteria are left out."""
    params = {
        QUERY_CATEGORY: ",".join(criteria.categories),
        QUERY_TAG: ",".join(criteria.tags),
        QUERY_DISTRICT: ",".join(criteria.districts),
        QUERY_TEXT: criteria.text,
        QUERY_OPEN: criteria.open_on,
        QUERY_SITE: site_id or "",
    }
    return {key: value for key, value in params.items() if value}
