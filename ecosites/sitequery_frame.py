"""Answering a ``SiteQuery`` from sites in memory, with the filter and search rules of the pages.

The file store answers every query here; the database store answers here the part SQL
cannot match exactly (ranked free-text search, ``ecosites/search.py``), on the rows its
indexes have already narrowed to, with the search keys it keeps (``candidate_sites``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import pandas as pd

from ecosites import schema
from ecosites.filters import filter_sites
from ecosites.mapfit import within
from ecosites.search import rank_sites
from ecosites.sitequery import SiteAnswer, SiteMarker, SiteQuery, count_cells, markers_answer

# What a candidate row carries: the marker, what filters read and the search keys
# (``ecosites.search.site_search_text`` and ``search_fields``, computed at publish).
CANDIDATE_COLUMNS: tuple[str, ...] = (
    schema.ID, schema.LON, schema.LAT, schema.CATEGORY, schema.NAME_EN, schema.NAME_ZH,
    schema.DISTRICT, schema.TAGS, schema.HIGHLIGHT_EN, schema.HIGHLIGHT_ZH, schema.SEARCH_TEXT,
    *schema.SEARCH_COLUMNS)


def site_markers(sites: pd.DataFrame) -> list[SiteMarker]:
    """The marker rows of the sites, in their order."""
    return [SiteMarker(str(site_id), float(lon), float(lat), str(category), name_en or "", name_zh or "")
            for site_id, lon, lat, category, name_en, name_zh in zip(
                sites.index, sites[schema.LON], sites[schema.LAT], sites[schema.CATEGORY],
                sites[schema.NAME_EN], sites[schema.NAME_ZH], strict=True)]


def answer_from_sites(sites: gpd.GeoDataFrame, query: SiteQuery) -> SiteAnswer:
    """The answer from a loaded catalogue: bounds, then ``filter_sites`` with ``rank_sites``.

    ``sites`` must hold every site in the query's ``cells_bounds`` (the database store
    passes only those).
    """
    visible = filter_sites(within(sites, query.bounds, margin=0), query.criteria, matcher=rank_sites)
    if len(visible) <= query.limit:
        return markers_answer(site_markers(visible))
    around = filter_sites(within(sites, query.cells_bounds, margin=0), query.criteria, matcher=rank_sites)
    return count_cells(query, site_markers(around))


def candidate_sites(rows: Sequence[Sequence[Any]]) -> gpd.GeoDataFrame:
    """A sites frame from rows of ``CANDIDATE_COLUMNS`` (catalogue order), ready for ``answer_from_sites``."""
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in CANDIDATE_COLUMNS]
    data = {name: pd.Series(list(values), dtype=object)
            for name, values in zip(CANDIDATE_COLUMNS, columns, strict=True)}
    frame = gpd.GeoDataFrame(data)
    frame[schema.LON] = frame[schema.LON].astype(float)
    frame[schema.LAT] = frame[schema.LAT].astype(float)
    frame.index = pd.Index(frame[schema.ID], dtype=object)
    return frame
