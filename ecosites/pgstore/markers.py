"""The database's ``site_markers`` table, and answering a view's ``SiteQuery`` from it.

A publish fills the table beside ``sites`` (``replace_markers``) with the marker position
the file store uses (``ecosites.catalog.marker_positions``), so both stores select the same
sites for the same bounds. A query then reads only this narrow table: the GiST index on
``point`` finds a zoomed-in view, the category, district and tag indexes narrow filters, and
a zoomed-out view is counted per grid cell in SQL with the arithmetic of
``ecosites/sitequery.py``.

Free text is not matched in SQL: the ranking (pinyin, initials, fuzzy similarity,
``ecosites/search.py``) has no exact SQL equivalent, and a different answer from the
database would be wrong silently. So a query with text fetches the rows inside the view
that pass the other filters and ranks them with the Python search, as the file store does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import psycopg

from ecosites.pgstore.connection import PostgisConnection
from ecosites.sitequery import SiteAnswer, SiteMarker, SiteQuery, answer_markers, cells_answer

MARKER_COLUMNS = "m.id, m.lon, m.lat, m.category, m.name_en, m.name_zh"
# As ecosites.sitequery_frame.CANDIDATE_COLUMNS, for a query with text.
CANDIDATE_COLUMNS = (f"{MARKER_COLUMNS}, m.district, m.tags, "
                     "coalesce(s.feature->'properties'->>'highlight_en', ''), "
                     "coalesce(s.feature->'properties'->>'highlight_zh', '')")
# The cell of a marker: SiteQuery.cell_of in SQL (double precision, same order of operations).
CELL_COLUMNS = ("least(floor((m.lon - %(west)s) / %(cell_width)s)::integer, %(last)s), "
                "least(floor((m.lat - %(south)s) / %(cell_height)s)::integer, %(last)s)")
INSERT_MARKERS = (
    "INSERT INTO site_markers (position, id, lon, lat, point, category, district, tags, "
    "name_en, name_zh) "
    "SELECT s.position, s.id, m.lon, m.lat, "
    "CASE WHEN m.lon IS NOT NULL AND m.lat IS NOT NULL "
    "THEN ST_SetSRID(ST_MakePoint(m.lon, m.lat), 4326) END, "
    "s.feature->'properties'->>'category', s.feature->'properties'->>'district', "
    "site_tags(s.feature), coalesce(s.feature->'properties'->>'name_en', ''), "
    "coalesce(s.feature->'properties'->>'name_zh', '') "
    "FROM sites s JOIN unnest(%s::float8[], %s::float8[]) WITH ORDINALITY AS m(lon, lat, position) "
    "ON m.position = s.position")


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
    connection.execute(INSERT_MARKERS, (lon, lat))


def query_where(query: SiteQuery) -> tuple[str, dict[str, Any]]:
    """The WHERE clause and parameters selecting a query's markers, text aside."""
    west, south, east, north = query.bounds
    params: dict[str, Any] = {"west": west, "south": south, "east": east, "north": north}
    # && finds candidates by the GiST index (its boxes are rounded outward); BETWEEN then
    # keeps exactly the positions the file store keeps.
    clauses = ["m.point && ST_MakeEnvelope(%(west)s, %(south)s, %(east)s, %(north)s, 4326)",
               "m.lon BETWEEN %(west)s AND %(east)s", "m.lat BETWEEN %(south)s AND %(north)s"]
    criteria = query.criteria
    if criteria.categories:
        clauses.append("m.category = ANY(%(categories)s)")
        params["categories"] = list(criteria.categories)
    if criteria.districts:
        clauses.append("m.district = ANY(%(districts)s)")
        params["districts"] = list(criteria.districts)
    if criteria.tags:
        clauses.append("m.tags && %(tags)s::text[]")
        params["tags"] = list(criteria.tags)
    return " AND ".join(clauses), params


class PostgisSiteQueries(PostgisConnection):
    """``query_sites`` on the ``site_markers`` table (see the module docstring)."""

    def query_sites(self, query: SiteQuery) -> SiteAnswer:
        """Markers in the view matching the filters, or their counts per cell beyond the limit."""
        where, params = query_where(query)
        with self._transaction() as connection:
            # One snapshot for the probe and the rows, even if a publish commits between them.
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            if query.criteria.text.strip():
                rows = connection.execute(
                    f"SELECT {CANDIDATE_COLUMNS} FROM site_markers m JOIN sites s USING (position) "
                    f"WHERE {where} ORDER BY m.position", params).fetchall()
                return _ranked_answer(query, rows)
            probe = connection.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM site_markers m WHERE {where} "
                "LIMIT %(probe)s) found", {**params, "probe": query.limit + 1}).fetchone()
            if probe is not None and probe[0] <= query.limit:
                rows = connection.execute(
                    f"SELECT {MARKER_COLUMNS} FROM site_markers m WHERE {where} ORDER BY m.position",
                    params).fetchall()
                return answer_markers(query, [SiteMarker(*row) for row in rows])
            cells = connection.execute(
                f"SELECT {CELL_COLUMNS}, count(*) FROM site_markers m WHERE {where} GROUP BY 1, 2",
                {**params, "cell_width": query.cell_width, "cell_height": query.cell_height,
                 "last": query.cells_across - 1}).fetchall()
        return cells_answer(query, ((int(c), int(r), int(n)) for c, r, n in cells))


def _ranked_answer(query: SiteQuery, rows: Sequence[Sequence[Any]]) -> SiteAnswer:
    from ecosites.sitequery_frame import answer_from_sites, candidate_sites

    return answer_from_sites(candidate_sites(rows), query)
