"""The site query's own rules: valid bounds, the lattice's cells and centres, markers or counts."""

from __future__ import annotations

import pytest

from ecosites.filters import Criteria
from ecosites.sitequery import (
    STORED_CELL_EXPONENTS,
    CellCount,
    SiteAnswer,
    SiteMarker,
    SiteQuery,
    cells_answer,
    count_cells,
    markers_answer,
)

VIEW = (106.0, 26.0, 107.0, 27.0)


@pytest.mark.parametrize(("bounds", "criteria", "limit", "cells_across", "message"), [
    ((107.0, 26.0, 106.0, 27.0), Criteria(), 10, 4, "west < east"),
    ((106.0, 27.0, 107.0, 27.0), Criteria(), 10, 4, "south < north"),
    ((106.0, 26.0, float("inf"), 27.0), Criteria(), 10, 4, "finite"),
    (VIEW, Criteria(), -1, 4, "limit must be >= 0"),
    (VIEW, Criteria(), 10, 0, "cells_across >= 1"),
    (VIEW, Criteria(open_on="now"), 10, 4, "does not answer open_on"),
])
def test_a_query_a_developer_got_wrong_is_refused(
    bounds: tuple[float, float, float, float], criteria: Criteria, limit: int, cells_across: int,
    message: str,
) -> None:
    with pytest.raises(ValueError, match=message):
        SiteQuery(bounds, criteria, limit=limit, cells_across=cells_across)


@pytest.mark.parametrize(("bounds", "cells_across", "exponent"), [
    (VIEW, 4, -2),  # 1° / 4 = 2^-2° exactly
    (VIEW, 10, -3),  # 0.1° wanted: 0.125° cells, 8 across
    ((106.0, 26.0, 106.02, 26.01), 10, -8),  # a street: 0.0039° cells
    ((100.0, 20.0, 110.0, 30.0), 10, 0),
    ((106.0, 26.0, 106.5, 27.0), 2, -1),  # the longer side decides
])
def test_cells_are_the_smallest_power_of_two_that_spans_the_view_in_so_many(
    bounds: tuple[float, float, float, float], cells_across: int, exponent: int,
) -> None:
    query = SiteQuery(bounds, Criteria(), cells_across=cells_across)
    assert (query.cell_exponent, query.cell_size) == (exponent, 2.0 ** exponent)


@pytest.mark.parametrize(("lon", "lat", "cell"), [
    (106.0, 26.0, (424, 104)),  # a cell's west and south edges belong to it
    (106.3, 26.9, (425, 107)),
    (106.99, 26.01, (427, 104)),
    (107.0, 27.0, (428, 108)),
    (-0.1, -0.1, (-1, -1)),  # floor, not truncation
])
def test_a_position_falls_in_one_cell_of_the_lattice(
    lon: float, lat: float, cell: tuple[int, int],
) -> None:
    assert SiteQuery(VIEW, Criteria(), cells_across=4).cell_of(lon, lat) == cell


def test_the_view_touches_a_range_of_cells_a_little_larger_than_itself() -> None:
    query = SiteQuery((106.1, 26.1, 106.9, 26.6), Criteria(), cells_across=4)
    assert (query.cell_range, query.cells_bounds) == ((424, 104, 427, 106), (106.0, 26.0, 107.0, 26.75))
    assert [query.counts_cell(106.01, 26.7), query.counts_cell(107.0, 26.5)] == [True, False]


def test_a_cell_is_named_by_its_centre() -> None:
    cell = SiteQuery(VIEW, Criteria(), cells_across=4).cell(425, 107, 5)
    assert (cell.column, cell.row, cell.lon, cell.lat, cell.count) == (425, 107, 106.375, 26.875, 5)


def _marker(site_id: str, lon: float, lat: float) -> SiteMarker:
    return SiteMarker(site_id, lon, lat, "urban-restoration", site_id, "")


MARKERS = [_marker("a", 106.1, 26.1), _marker("b", 106.9, 26.1), _marker("c", 106.15, 26.2),
           _marker("d", 106.9, 26.9), _marker("beyond", 107.6, 26.1)]


def test_markers_are_counted_in_the_cells_the_view_touches() -> None:
    answer = count_cells(SiteQuery(VIEW, Criteria(), cells_across=2), MARKERS)  # 0.5° cells
    assert answer == SiteAnswer(4, cells=(CellCount(212, 52, 106.25, 26.25, 2),
                                          CellCount(213, 52, 106.75, 26.25, 1),
                                          CellCount(213, 53, 106.75, 26.75, 1)))
    assert answer.grouped


def test_cells_come_south_to_north_then_west_to_east() -> None:
    answer = cells_answer(SiteQuery(VIEW, Criteria(), cells_across=2), [(1, 1, 3), (0, 1, 1), (1, 0, 2)])
    assert [(c.column, c.row) for c in answer.cells] == [(1, 0), (0, 1), (1, 1)]
    assert answer.total == 6


@pytest.mark.parametrize("markers", [[], MARKERS[:2]])
def test_markers_answer_is_every_marker_and_not_grouped(markers: list[SiteMarker]) -> None:
    answer = markers_answer(markers)
    assert (answer.total, answer.markers, answer.cells, answer.grouped) == (
        len(markers), tuple(markers), (), False)


def test_the_migration_keeps_counts_for_the_same_cell_sizes_as_the_application() -> None:
    """Guards against a database upgraded by ``db init`` lacking the kept counts a query reads."""
    from ecosites.pgstore.migrate import MIGRATIONS_DIR

    sql = (MIGRATIONS_DIR / "005_site_markers.sql").read_text(encoding="utf-8")
    call = f"SELECT refresh_site_cells({STORED_CELL_EXPONENTS.start}, {STORED_CELL_EXPONENTS.stop - 1});"
    assert call in sql
