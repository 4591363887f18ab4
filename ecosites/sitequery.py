"""A view's question to a catalogue store, and its answer: markers, or counts per grid cell.

The page asks for the sites inside the map's bounds that match the filters. When no more
than ``limit`` match, the answer is their marker rows. When more do, it is how many sites
fall in each cell of a grid, with the cell's centre: square cells of 2^k degrees on one
lattice fixed to longitude and latitude 0, k chosen so that about ``cells_across`` cells
span the view, counted whole for every cell the view touches. Fixed cells stay put while
the map pans, and the database keeps their counts ready (``ecosites/pgstore/markers.py``),
so a zoomed-out view of a million sites reads a few thousand rows instead of every site.
Dividing by a power of two is exact in binary floating point, so Python and SQL put every
site in the same cell. Both stores answer through ``CatalogStore.query_sites``; the
contract tests in ``tests/unit/test_store_contract.py`` check that they agree.

Light on purpose (no heavy imports).
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
DEFAULT_CELLS_ACROSS = 10  # the map's grouping too: about one 40 px count bubble per 55 px of a 550 px map
# Cells of 2^k degrees for k in this range have their counts kept by the database store;
# 2^-6° is about 1.7 km: finer cells are for views small enough to count site by site.
STORED_CELL_EXPONENTS = range(-6, 3)
_EXPONENT_LIMITS = (-30, 8)


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
    def cell_exponent(self) -> int:
        """The cells are 2^k degrees: the smallest k with ``cells_across`` cells spanning the view."""
        west, south, east, north = self.bounds
        wanted = max(east - west, north - south) / self.cells_across
        return min(max(math.ceil(math.log2(wanted)), _EXPONENT_LIMITS[0]), _EXPONENT_LIMITS[1])

    @property
    def cell_size(self) -> float:
        """A cell's side in degrees (exactly a power of two)."""
        return 2.0 ** self.cell_exponent

    def cell_of(self, lon: float, lat: float) -> tuple[int, int]:
        """(column, row) of a position on the lattice; the database computes ``floor(lon / size)`` alike."""
        size = self.cell_size
        return math.floor(lon / size), math.floor(lat / size)

    @property
    def cell_range(self) -> tuple[int, int, int, int]:
        """(first column, first row, last column, last row) of the cells the view touches."""
        west, south, east, north = self.bounds
        return (*self.cell_of(west, south), *self.cell_of(east, north))

    @property
    def cells_bounds(self) -> Bounds:
        """The bounds of the cells the view touches (a little larger than the view)."""
        first_column, first_row, last_column, last_row = self.cell_range
        size = self.cell_size
        return (first_column * size, first_row * size, (last_column + 1) * size, (last_row + 1) * size)

    def counts_cell(self, lon: float, lat: float) -> bool:
        """True when the position lies in one of the cells the view touches."""
        first_column, first_row, last_column, last_row = self.cell_range
        column, row = self.cell_of(lon, lat)
        return first_column <= column <= last_column and first_row <= row <= last_row

    def cell(self, column: int, row: int, count: int) -> CellCount:
        """The cell at (column, row) with its centre and ``count`` sites."""
        size = self.cell_size
        return CellCount(column, row, round((column + 0.5) * size, 6), round((row + 0.5) * size, 6), count)


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
    """How many matching sites fall in one lattice cell, and the cell's centre."""

    column: int  # floor(lon / size)
    row: int  # floor(lat / size)
    lon: float
    lat: float
    count: int


@dataclass(frozen=True)
class SiteAnswer:
    """``markers`` (best first with text, else catalogue order) or, beyond the limit, ``cells``.

    ``total`` is the number of markers, or of sites counted in the cells (which may
    include a few just outside the view).
    """

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


def markers_answer(markers: list[SiteMarker]) -> SiteAnswer:
    """The answer that is the markers themselves."""
    return SiteAnswer(len(markers), markers=tuple(markers))


def count_cells(query: SiteQuery, markers: list[SiteMarker]) -> SiteAnswer:
    """The grouped answer: the markers in the cells the view touches, counted per cell."""
    counts: dict[tuple[int, int], int] = {}
    for marker in markers:
        if query.counts_cell(marker.lon, marker.lat):
            key = query.cell_of(marker.lon, marker.lat)
            counts[key] = counts.get(key, 0) + 1
    return cells_answer(query, ((column, row, n) for (column, row), n in counts.items()))
