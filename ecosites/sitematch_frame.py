"""Answering ``match_sites`` and ``summarize_sites`` from sites in memory, by the pages' own rules.

The file store answers here from its loaded catalogue; the database store answers here
the part SQL cannot match exactly (ranked free text, geodesic distances), on the rows its
indexes have already narrowed to (``ecosites.sitequery_frame.candidate_sites``).
"""

from __future__ import annotations

from collections import Counter

import geopandas as gpd

from ecosites import schema
from ecosites.filters import Criteria, filter_sites
from ecosites.mapfit import sites_extent
from ecosites.search import rank_sites
from ecosites.sitematch import CatalogSummary, Near, SiteMatches, check_match_criteria, sorted_counts


def matches_from_sites(sites: gpd.GeoDataFrame, criteria: Criteria, limit: int,
                       near: Near | None = None) -> SiteMatches:
    """``filter_sites`` with ``rank_sites``, then ``sites_near``: as Explore filters in memory."""
    check_match_criteria(criteria, limit)
    visible = filter_sites(sites, criteria, matcher=rank_sites)
    if near is not None:
        from ecosites.nearby import sites_near  # pyproj, only when a position is given

        visible = sites_near(visible, *near)
    return SiteMatches(len(visible), tuple(str(i) for i in visible.index[:limit]), sites_extent(visible))


def summary_from_sites(sites: gpd.GeoDataFrame) -> CatalogSummary:
    """The site count, and the counts per category, tag (once per site) and non-empty district."""
    tags: Counter[str] = Counter(tag for site_tags in sites[schema.TAGS] for tag in set(site_tags or ()))
    districts = Counter(str(d) for d in sites[schema.DISTRICT] if d)
    categories = Counter(str(c) for c in sites[schema.CATEGORY])
    return CatalogSummary(len(sites), sorted_counts(dict(categories)), sorted_counts(dict(tags)),
                          sorted_counts(dict(districts)))
