"""The database's ``site_markers`` and ``site_cells`` tables, and answering a ``SiteQuery``.

A publish fills ``site_markers`` beside ``sites`` (``replace_markers``) with the marker
position the file store uses (``ecosites.catalog.marker_positions``), so both stores select
the same sites for the same bounds, and ``site_cells`` with the counts per lattice cell,
category and district (``STORED_CELL_EXPONENTS``). A query reads only these narrow tables:
the GiST index on ``point`` finds a zoomed-in view, the category, district and tag indexes
narrow filters, and a zoomed-out view sums the kept counts of the cells it touches. A
filter on one or two tags alone sums ``site_tag_cells`` (sites with each tag, minus those
with both); with more tags, tags with a category or district, or cells finer than those
kept, the cells are counted site by site in SQL, with the same arithmetic.

Free text: the marker rows also carry the search keys of ``ecosites/search.py``; SQL keeps
the rows in the view that could match (``ecosites/pgstore/textsearch.py``) and the Python
search ranks those few, as the file store ranks its sites, so both answer alike.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import psycopg

from ecosites.pgstore.connection import PostgisConnection
from ecosites.pgstore.textsearch import SEARCH_COLUMNS_SQL, candidates_condition, search_row
from ecosites.sitequery import (
    STORED_CELL_EXPONENTS,
    Bounds,
    SiteAnswer,
    SiteMarker,
    SiteQuery,
    cells_answer,
    markers_answer,
)

if TYPE_CHECKING:
    from ecosites.filters import Criteria

MARKER_COLUMNS = "m.id, m.lon, m.lat, m.category, m.name_en, m.name_zh"
# As ecosites.sitequery_frame.CANDIDATE_COLUMNS, for a query with text.
CANDIDATE_COLUMNS = (f"{MARKER_COLUMNS}, m.district, m.tags, m.highlight_en, m.highlight_zh, "
                     "m.search_text, m.search_keys, m.search_en, m.search_hybrid, m.search_syllables, "
                     "m.search_initials")
# The cell of a marker: SiteQuery.cell_of in SQL (dividing by a power of two is exact).
CELL_COLUMNS = "floor(m.lon / %(size)s)::integer, floor(m.lat / %(size)s)::integer"
IN_CELLS = ("floor(m.lon / %(size)s)::integer BETWEEN %(first_column)s AND %(last_column)s AND "
            "floor(m.lat / %(size)s)::integer BETWEEN %(first_row)s AND %(last_row)s")
KEPT_CELLS = ("SELECT m.cx, m.cy, sum(m.sites) FROM site_cells m WHERE m.exponent = %(exponent)s "
              "AND m.cx BETWEEN %(first_column)s AND %(last_column)s "
              "AND m.cy BETWEEN %(first_row)s AND %(last_row)s")
# Sites with either of the wanted tags: each tag's count, less the count with both.
KEPT_TAG_CELLS = ("SELECT m.cx, m.cy, sum(CASE WHEN m.tag_a = m.tag_b THEN m.sites ELSE -m.sites END) "
                  "FROM site_tag_cells m WHERE m.exponent = %(exponent)s "
                  "AND m.cx BETWEEN %(first_column)s AND %(last_column)s "
                  "AND m.cy BETWEEN %(first_row)s AND %(last_row)s "
                  "AND m.tag_a = ANY(%(tags)s) AND m.tag_b = ANY(%(tags)s) GROUP BY m.cx, m.cy "
                  "HAVING sum(CASE WHEN m.tag_a = m.tag_b THEN m.sites ELSE -m.sites END) > 0")
KEPT_TAG_PAIRS = 2  # the most tags a filter may have for KEPT_TAG_CELLS
# The columns computed in Python go by COPY into a table of the transaction's own, then
# beside what SQL reads from each site's feature (as in migration 005).
NEW_MARKERS = ("CREATE TEMPORARY TABLE new_markers (position integer PRIMARY KEY, lon float8, lat float8, "
               f"{', '.join(f'{name} {kind}' for name, kind in SEARCH_COLUMNS_SQL.items())}) ON COMMIT DROP")
COPY_MARKERS = f"COPY new_markers (position, lon, lat, {', '.join(SEARCH_COLUMNS_SQL)}) FROM STDIN"
INSERT_MARKERS = (
    "INSERT INTO site_markers (position, id, lon, lat, point, category, district, tags, "
    f"name_en, name_zh, {', '.join(SEARCH_COLUMNS_SQL)}) "
    "SELECT s.position, s.id, m.lon, m.lat, "
    "CASE WHEN m.lon IS NOT NULL AND m.lat IS NOT NULL "
    "THEN ST_SetSRID(ST_MakePoint(m.lon, m.lat), 4326) END, "
    "s.feature->'properties'->>'category', s.feature->'properties'->>'district', "
    "site_tags(s.feature), coalesce(s.feature->'properties'->>'name_en', ''), "
    "coalesce(s.feature->'properties'->>'name_zh', ''), "
    f"{', '.join('m.' + name for name in SEARCH_COLUMNS_SQL)} "
    "FROM sites s JOIN new_markers m ON m.position = s.position")


def marker_lon_lat(features: Sequence[Any]) -> tuple[list[float | None], list[float | None]]:
    """Each feature's marker (lon, lat) as the file store computes it; None without a geometry."""
    import geopandas as gpd
    import shapely

    from ecosites.catalog import geometries_from_geojson, marker_positions

    raw: list[Any] = [f.get("geometry") if isinstance(f, dict) else None for f in features]
    try:
        geometries = list(geometries_from_geojson(raw))  # vectorised: the usual, valid case
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException):
        geometries = [_shape(geometry) for geometry in raw]
    lon, lat = marker_positions(gpd.GeoSeries(geometries, crs="EPSG:4326"))
    return _numbers(lon.tolist()), _numbers(lat.tolist())


def _shape(geometry: Any) -> Any:
    import shapely

    try:
        return shapely.geometry.shape(geometry) if isinstance(geometry, dict) else None
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.GEOSException):
        return None


def _numbers(values: list[Any]) -> list[float | None]:
    return [None if value is None or not math.isfinite(value) else float(value) for value in values]


def replace_markers(connection: psycopg.Connection[Any], features: Sequence[Any]) -> None:
    """Make ``site_markers`` the rows of the sites just written (inside the publish's transaction)."""
    lon, lat = marker_lon_lat(features)
    connection.execute("DELETE FROM site_markers")
    connection.execute(NEW_MARKERS)
    with connection.cursor().copy(COPY_MARKERS) as copy:
        for position, feature in enumerate(features, start=1):
            properties = feature.get("properties") if isinstance(feature, dict) else None
            copy.write_row((position, lon[position - 1], lat[position - 1], *search_row(properties)))
    connection.execute(INSERT_MARKERS)
    connection.execute("DROP TABLE new_markers")  # a second publish in one transaction makes it again
    refresh_cells(connection)


def refresh_cells(connection: psycopg.Connection[Any]) -> None:
    """Count the current markers per kept lattice cell, category and district."""
    connection.execute("SELECT refresh_site_cells(%s, %s)",
                       (STORED_CELL_EXPONENTS.start, STORED_CELL_EXPONENTS.stop - 1))


def filter_clauses(criteria: Criteria, params: dict[str, Any]) -> list[str]:
    """Conditions on ``m.category``, ``m.district`` and ``m.tags`` for the filters that are set."""
    clauses = []
    if criteria.categories:
        clauses.append("m.category = ANY(%(categories)s)")
        params["categories"] = list(criteria.categories)
    if criteria.districts:
        clauses.append("m.district = ANY(%(districts)s)")
        params["districts"] = list(criteria.districts)
    if criteria.tags:
        clauses.append("m.tags && %(tags)s::text[]")
        params["tags"] = list(criteria.tags)
    return clauses


def query_where(bounds: Bounds, criteria: Criteria) -> tuple[str, dict[str, Any]]:
    """WHERE clause and parameters: the markers in ``bounds`` that pass the filters (text aside)."""
    west, south, east, north = bounds
    params: dict[str, Any] = {"west": west, "south": south, "east": east, "north": north}
    # && finds candidates by the GiST index (its boxes are rounded outward); BETWEEN then
    # keeps exactly the positions the file store keeps.
    clauses = ["m.point && ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, 4326)",
               "m.lon BETWEEN %(west)s AND %(east)s", "m.lat BETWEEN %(south)s AND %(north)s",
               *filter_clauses(criteria, params)]
    return " AND ".join(clauses), params


def cell_params(query: SiteQuery) -> dict[str, Any]:
    """The lattice of a query as SQL parameters."""
    first_column, first_row, last_column, last_row = query.cell_range
    return {"exponent": query.cell_exponent, "size": query.cell_size, "first_column": first_column,
            "first_row": first_row, "last_column": last_column, "last_row": last_row}


class PostgisSiteQueries(PostgisConnection):
    """``query_sites`` on the ``site_markers`` and ``site_cells`` tables (see the module docstring)."""

    def query_sites(self, query: SiteQuery) -> SiteAnswer:
        """Markers in the view that match the filters; beyond the limit, counts of the cells it touches."""
        criteria = query.criteria
        with self._transaction() as connection:
            # One snapshot for the probe and the rows, even if a publish commits between them;
            # JIT compiling costs more than these short queries take.
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            connection.execute("SET LOCAL jit = off")
            if criteria.text.strip():
                where, params = query_where(query.cells_bounds, criteria)
                candidates = candidates_condition(connection, where, params, criteria.text.strip())
                rows = connection.execute(
                    f"SELECT {CANDIDATE_COLUMNS} FROM site_markers m "
                    f"WHERE {where} AND {candidates} ORDER BY m.position", params).fetchall()
                return _ranked_answer(query, rows)
            where, params = query_where(query.bounds, criteria)
            probe = connection.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM site_markers m WHERE {where} "
                "LIMIT %(probe)s) found", {**params, "probe": query.limit + 1}).fetchone()
            if probe is not None and probe[0] <= query.limit:
                rows = connection.execute(
                    f"SELECT {MARKER_COLUMNS} FROM site_markers m WHERE {where} ORDER BY m.position",
                    params).fetchall()
                return markers_answer([SiteMarker(*row) for row in rows])
            params = cell_params(query)
            clauses = filter_clauses(criteria, params)
            kept = query.cell_exponent in STORED_CELL_EXPONENTS
            if kept and not criteria.tags:
                sql = " AND ".join([KEPT_CELLS, *clauses]) + " GROUP BY m.cx, m.cy"
            elif (kept and not criteria.categories and not criteria.districts
                  and len(set(criteria.tags)) <= KEPT_TAG_PAIRS):
                sql = KEPT_TAG_CELLS
            else:
                # Fine cells mean a small view: the GiST index finds it. Coarse ones (tags
                # with another filter over a city) mean most rows: testing each box costs more.
                spatial = query.cell_exponent < STORED_CELL_EXPONENTS.start
                where, box = query_where(query.cells_bounds, criteria) if spatial else (
                    " AND ".join(["true", *clauses]), {})
                params.update(box)
                sql = (f"SELECT {CELL_COLUMNS}, count(*) FROM site_markers m WHERE {where} "
                       f"AND {IN_CELLS} GROUP BY 1, 2")
            cells = connection.execute(sql, params).fetchall()
        return cells_answer(query, ((int(c), int(r), int(n)) for c, r, n in cells))


def _ranked_answer(query: SiteQuery, rows: Sequence[Sequence[Any]]) -> SiteAnswer:
    from ecosites.sitequery_frame import answer_from_sites, candidate_sites

    return answer_from_sites(candidate_sites(rows), query)
