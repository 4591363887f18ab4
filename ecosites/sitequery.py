"""A view's question to a catalogue store, and its answer: markers, or counts per grid cell.

The page asks for the sites inside the map's bounds that match the filters. When no more
than ``limit`` match, the answer is their marker rows; when more do, it is how many fall in
each cell of a grid laid over the view (``cells_across`` × ``cells_across`` equal cells),
with the cell's centre. Both stores answer through ``CatalogStore.query_sites`` with these
rules, so one page works on files and on the database alike.

Light on purpose (no heavy imports): the grid's arithmetic is stated here once, and the
database store writes the same arithmetic in SQL; the contract tests in
``tests/unit/test_store_contract.py`` check that both give the same cells.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecosites.filters import Criteria

Bounds = tuple[float, float, float, float]  # west, south, east, north (lon/lat degrees, WGS-84)

DEFAULT_LIMIT = 2_000  # markers a view may carry before it goes as counts
DEFAULT_CELLS_ACROSS = 10  # as the map's own grouping: about one count bubble per 55 px


@dataclass(frozen=True)
class SiteQuery:
    """The sites in ``bounds`` matching ``criteria``: markers up to ``limit``, else cell counts.

    A site is in the view when its marker position (the catalogue's ``lon``/``lat``) lies
    inside the bounds, edges included. ``criteria.open_on`` is not part of a store query: it
    needs the opening rules and a moment, and the page applies it to the answer's ids.
    """

    bounds: Bounds
    criteria: Criteria
    limit: int = DEFAULT_LIMIT
    cells_across: int = DEFAULT_CELLS_ACROSS

    def __post_init__(self) -> None:
        west, south, east, north = self.bounds
        if not all(math.isfinite(v) for v in self.bounds) or west >= east or south >= north:
            raise ValueError(f"bounds must be finite with west < east and south < north: {self.bounds}")
        if self.limit < 0 or self.cells_across < 1:
            raise ValueError("limit must be >= 0 and cells_across >= 1")
        if self.criteria.open_on:
            raise ValueError("a store query does not answer open_on; apply it to the answer's ids")

    @property
    def cell_width(self) -> float:
        """A cell's width in degrees of longitude."""
        return (self.bounds[2] - self.bounds[0]) / self.cells_across

    @property
    def cell_height(self) -> float:
        """A cell's height in degrees of latitude."""
        return (self.bounds[3] - self.bounds[1]) / self.cells_across

    def cell_of(self, lon: float, lat: float) -> tuple[int, int]:
        """(column, row) of a position inside the bounds; the east and north edges join the last cell.

        The database computes ``least(floor((lon - west) / cell_width), cells_across - 1)``
        in double precision, the same operations in the same order.
        """
        last = self.cells_across - 1
        return (min(math.floor((lon - self.bounds[0]) / self.cell_width), last),
                min(math.floor((lat - self.bounds[1]) / self.cell_height), last))

    def cell(self, column: int, row: int, count: int) -> CellCount:
        """The cell at (column, row) with its centre and ``count`` sites."""
        lon = self.bounds[0] + (column + 0.5) * self.cell_width
        lat = self.bounds[1] + (row + 0.5) * self.cell_height
        return CellCount(column, row, round(lon, 6), round(lat, 6), count)


@dataclass(frozen=True)
class SiteMarker:
    """What a map marker needs of a site."""

    id: str
    lon: float
    lat: float
    category: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class CellCount:
    """How many matching sites fall in one grid cell, and the cell's centre."""

    column: int  # 0 at the west edge
    row: int  # 0 at the south edge
    lon: float
    lat: float
    count: int


@dataclass(frozen=True)
class SiteAnswer:
    """``markers`` (best first with text, else catalogue order) or, beyond the limit, ``cells``."""

    total: int
    markers: tuple[SiteMarker, ...] = ()
    cells: tuple[CellCount, ...] = ()  # south to north, then west to east

    @property
    def grouped(self) -> bool:
        """True when the answer is counts per cell rather than markers."""
        return self.total > len(self.markers)


def cells_answer(query: SiteQuery, counts: Iterable[tuple[int, int, int]]) -> SiteAnswer:
    """The grouped answer from (column, row, count) triples, in the answer's cell order."""
    ordered = sorted(counts, key=lambda c: (c[1], c[0]))
    cells = tuple(query.cell(column, row, count) for column, row, count in ordered)
    return SiteAnswer(sum(c.count for c in cells), cells=cells)


def answer_markers(query: SiteQuery, markers: list[SiteMarker]) -> SiteAnswer:
    """All matches as markers when there are at most ``limit`` of them, else counted per cell."""
    if len(markers) <= query.limit:
        return SiteAnswer(len(markers), markers=tuple(markers))
    counts: dict[tuple[int, int], int] = {}
    for marker in markers:
        key = query.cell_of(marker.lon, marker.lat)
        counts[key] = counts.get(key, 0) + 1
    return cells_answer(query, ((column, row, n) for (column, row), n in counts.items()))
