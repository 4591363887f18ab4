"""The list's question to a catalogue store: how many sites match, the first ones, and the summary.

``CatalogStore.match_sites`` answers for the whole catalogue (no view): the number of
sites matching the filters, and, with "near me", within a radius, the ids of the first
``limit`` of them (best first with text, nearest first near a position, else catalogue
order) and the bounds of them all, for the map to fit. ``summarize_sites`` gives what the
filters offer (categories, tags and districts, with their counts). With these a page in
database mode never loads the whole catalogue: it loads only the sites it lists or opens
(``read_sites``). ``criteria.open_on`` is not part of the question, as for ``SiteQuery``.

Light on purpose (no heavy imports).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecosites.sitequery import Bounds

if TYPE_CHECKING:
    from ecosites.filters import Criteria

Near = tuple[float, float, float]  # lon, lat (WGS-84 degrees), radius in metres
Counts = tuple[tuple[str, int], ...]  # (value, sites), sorted by value

# Shorter than any degree of latitude (110,574 m at the equator) or of a parallel at
# cos(latitude) times it, so the box around a radius always holds the whole circle.
_METRES_PER_DEGREE_BELOW = 110_000.0


@dataclass(frozen=True)
class SiteMatches:
    """How many sites match, the first ones' ids, and the bounds of every match (None: no match)."""

    total: int
    ids: tuple[str, ...] = ()
    bounds: Bounds | None = None


@dataclass(frozen=True)
class CatalogSummary:
    """How many sites there are, and per category, tag and district (non-empty districts only)."""

    total: int = 0
    categories: Counts = ()
    tags: Counts = ()
    districts: Counts = ()


def check_match_criteria(criteria: Criteria, limit: int) -> None:
    """Refuse what a store cannot answer: ``open_on`` (the page applies it), a negative limit."""
    if criteria.open_on:
        raise ValueError("a store match does not answer open_on; apply it to the matched sites")
    if limit < 0:
        raise ValueError("limit must be >= 0")


def near_bounds(near: Near) -> Bounds:
    """A box that holds every position within the radius (a little larger; the exact test follows).

    A circle around a pole or across the antimeridian gets every longitude.
    """
    lon, lat, radius_m = near
    dlat = radius_m / _METRES_PER_DEGREE_BELOW
    south, north = max(lat - dlat, -90.0), min(lat + dlat, 90.0)
    if abs(lat) + dlat >= 90.0:
        return -180.0, south, 180.0, north
    dlon = radius_m / (_METRES_PER_DEGREE_BELOW * math.cos(math.radians(abs(lat) + dlat)))
    if lon - dlon < -180.0 or lon + dlon > 180.0:
        return -180.0, south, 180.0, north
    return lon - dlon, south, lon + dlon, north


def sorted_counts(counts: dict[str, int]) -> Counts:
    """Counts as (value, sites) sorted by value: the same order from both stores."""
    return tuple(sorted(counts.items()))
