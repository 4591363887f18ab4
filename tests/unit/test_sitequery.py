"""The site query's own rules: valid bounds, the grid's cells and centres, markers or counts."""

from __future__ import annotations

import pytest

from ecosites.filters import Criteria
from ecosites.sitequery import CellCount, SiteAnswer, SiteMarker, SiteQuery, answer_markers, cells_answer

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


@pytest.mark.parametrize(("lon", "lat", "cell"), [
    (106.0, 26.0, (0, 0)),  # the south-west corner
    (106.3, 26.9, (1, 3)),
    (106.99, 26.01, (3, 0)),
    (107.0, 27.0, (3, 3)),  # the east and north edges belong to the last cells
    (106.5, 26.5, (2, 2)),  # a cell's west and south edges belong to it
])
def test_a_position_falls_in_one_cell_of_the_views_grid(
    lon: float, lat: float, cell: tuple[int, int],
) -> None:
    assert SiteQuery(VIEW, Criteria(), cells_across=4).cell_of(lon, lat) == cell


def test_a_cell_is_named_by_its_centre() -> None:
    cell = SiteQuery(VIEW, Criteria(), cells_across=4).cell(1, 3, 5)
    assert (cell.column, cell.row, cell.lon, cell.lat, cell.count) == (1, 3, 106.375, 26.875, 5)


def _marker(site_id: str, lon: float, lat: float) -> SiteMarker:
    return SiteMarker(site_id, lon, lat, "urban-restoration", site_id, "")


MARKERS = [_marker("a", 106.1, 26.1), _marker("b", 106.9, 26.1), _marker("c", 106.15, 26.2),
           _marker("d", 106.9, 26.9)]


@pytest.mark.parametrize(("limit", "expected"), [
    (4, SiteAnswer(4, markers=tuple(MARKERS))),
    (10, SiteAnswer(4, markers=tuple(MARKERS))),
    (3, SiteAnswer(4, cells=(CellCount(0, 0, 106.25, 26.25, 2), CellCount(1, 0, 106.75, 26.25, 1),
                             CellCount(1, 1, 106.75, 26.75, 1)))),
])
def test_up_to_the_limit_the_answer_is_markers_beyond_it_counts_per_cell(
    limit: int, expected: SiteAnswer,
) -> None:
    answer = answer_markers(SiteQuery(VIEW, Criteria(), limit=limit, cells_across=2), MARKERS)
    assert answer == expected
    assert answer.grouped is bool(expected.cells)


def test_cells_come_south_to_north_then_west_to_east() -> None:
    answer = cells_answer(SiteQuery(VIEW, Criteria(), cells_across=2), [(1, 1, 3), (0, 1, 1), (1, 0, 2)])
    assert [(c.column, c.row) for c in answer.cells] == [(1, 0), (0, 1), (1, 1)]
    assert answer.total == 6


def test_an_empty_view_is_no_markers_and_not_grouped() -> None:
    answer = answer_markers(SiteQuery(VIEW, Criteria(), limit=0), [])
    assert (answer.total, answer.markers, answer.cells, answer.grouped) == (0, (), (), False)
