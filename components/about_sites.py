"""The About page's sites: each kind's count and first names, and the forum's venue.

In database mode these are store questions (a count per category and a few rows per
kind), so the page never reads the whole catalogue; with files they come from the
loaded catalogue. Either way a kind lists at most ``LISTED_PER_KIND`` names and says how
many there are; the map shows them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.about import site_names, site_rows
from components.data import get_catalog
from components.store_queries import open_queries, serves_queries
from ecosites.filters import Criteria
from ecosites.green_record import Pair, sites_by_category
from ecosites.planning.model import VENUE_ID
from ecosites.settings import Settings
from ecosites.vocab import Category

LISTED_PER_KIND = 30


@dataclass(frozen=True)
class AboutSites:
    """Each kind's first sites (id, names) and site count, the vocabulary, and the venue's names."""

    categories: list[Category]
    members: dict[str, list[tuple[str, Pair]]]
    counts: dict[str, int]
    venue: Pair | None


def about_sites(settings: Settings) -> AboutSites:
    """What the About page shows of the catalogue, from the store's answers in database mode."""
    if not serves_queries(settings):
        catalog = get_catalog(settings)
        grouped = sites_by_category(site_rows(catalog.sites))
        return AboutSites(catalog.categories, {k: v[:LISTED_PER_KIND] for k, v in grouped.items()},
                          {k: len(v) for k, v in grouped.items()}, site_names(catalog.sites, VENUE_ID))
    queries = open_queries(settings)
    counts = dict(queries.summary().categories)
    listed = {slug: queries.matches(Criteria(categories=(slug,)), LISTED_PER_KIND).ids for slug in counts}
    catalog = queries.sites([VENUE_ID, *(i for ids in listed.values() for i in ids)])
    names = dict((site_id, pair) for site_id, _, pair in site_rows(catalog.sites))
    members = {slug: [(i, names[i]) for i in ids if i in names] for slug, ids in listed.items()}
    return AboutSites(catalog.categories, members, counts, site_names(catalog.sites, VENUE_ID))
