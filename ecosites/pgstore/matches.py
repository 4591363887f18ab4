"""The list's questions on the database: counts, the first matching ids, the summary, sites by id.

Filters on category, district and tags are SQL on ``site_markers`` (its indexes, see
``ecosites/pgstore/markers.py``), in catalogue order (``position``). Free text and "near
me" are not matched exactly in SQL: the ranking and the geodesic distances have no exact
SQL equivalent, so those questions fetch the rows that pass the other filters (inside the
radius's box, by the GiST index; with text, only the rows its search keys say could match)
and answer them with the Python rules the file store uses (``ecosites/sitematch_frame.py``).
Only the sites a page shows are loaded whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ecosites.pgstore.connection import PostgisConnection
from ecosites.pgstore.markers import CANDIDATE_COLUMNS, filter_clauses, query_where
from ecosites.pgstore.textsearch import candidates_condition
from ecosites.sitematch import (
    CatalogSummary,
    Near,
    SiteMatches,
    check_match_criteria,
    near_bounds,
    sorted_counts,
)

if TYPE_CHECKING:
    from ecosites.catalog import Catalog
    from ecosites.filters import Criteria

SUMMARY_QUERIES = (
    "SELECT category, count(*) FROM site_markers GROUP BY 1",
    "SELECT tag, count(*) FROM site_markers, unnest(tags) AS tag GROUP BY 1",
    "SELECT district, count(*) FROM site_markers WHERE district <> '' GROUP BY 1",
)


class PostgisSiteMatches(PostgisConnection):
    """``summarize_sites``, ``match_sites`` and ``read_sites`` (see the module docstring)."""

    @property
    def serves_queries(self) -> bool:
        """True: the pages ask the database each question and load only the sites they show."""
        return True

    def summarize_sites(self) -> CatalogSummary:
        """Counts of the current sites, per category, tag and district, from ``site_markers``."""
        with self._transaction() as connection:
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            row = connection.execute("SELECT count(*) FROM site_markers").fetchone()
            counts = [sorted_counts({str(value): int(n) for value, n in connection.execute(sql)})
                      for sql in SUMMARY_QUERIES]
        return CatalogSummary(int(row[0]) if row else 0, *counts)

    def match_sites(self, criteria: Criteria, limit: int, near: Near | None = None) -> SiteMatches:
        """How many current sites match, the first ``limit`` ids in the pages' order, their bounds."""
        check_match_criteria(criteria, limit)
        with self._transaction() as connection:
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            connection.execute("SET LOCAL jit = off")
            if criteria.text.strip() or near is not None:
                if near is not None:
                    where, params = query_where(near_bounds(near), criteria)
                else:
                    params = {}
                    where = " AND ".join(["true", *filter_clauses(criteria, params)])
                if criteria.text.strip():  # only the rows that could match (ecosites/pgstore/textsearch.py)
                    where += " AND " + candidates_condition(connection, where, params, criteria.text.strip())
                rows = connection.execute(
                    f"SELECT {CANDIDATE_COLUMNS} FROM site_markers m WHERE {where} ORDER BY m.position",
                    params).fetchall()
                return _matched(rows, criteria, limit, near)
            params = {"limit": limit}
            where = " AND ".join(["true", *filter_clauses(criteria, params)])
            row = connection.execute(
                f"SELECT count(*), min(m.lon), min(m.lat), max(m.lon), max(m.lat) FROM site_markers m "
                f"WHERE {where}", params).fetchone()
            ids = connection.execute(f"SELECT m.id FROM site_markers m WHERE {where} "
                                     "ORDER BY m.position LIMIT %(limit)s", params).fetchall()
        total = int(row[0]) if row else 0
        bounds = (float(row[1]), float(row[2]), float(row[3]), float(row[4])) if row and total else None
        return SiteMatches(total, tuple(str(i) for (i,) in ids), bounds)

    def read_sites(self, site_ids: Sequence[str]) -> Catalog:
        """Those current sites, in catalogue order, loaded like a catalogue file."""
        from ecosites.catalog import catalog_from_features
        from ecosites.paths import BUNDLED_GEODATA
        from ecosites.pgstore.content import ordered_feature

        with self._transaction() as connection:
            rows = connection.execute("SELECT feature FROM sites WHERE id = ANY(%s) ORDER BY position",
                                      (list(site_ids),)).fetchall()
        catalog = catalog_from_features([ordered_feature(f) for (f,) in rows],
                                        self.reference_dir or BUNDLED_GEODATA)
        catalog.problems = []  # checked when it was published; the staff page lists problems
        return catalog


def _matched(rows: Sequence[Sequence[Any]], criteria: Criteria, limit: int, near: Near | None
             ) -> SiteMatches:
    from ecosites.sitematch_frame import matches_from_sites
    from ecosites.sitequery_frame import candidate_sites

    return matches_from_sites(candidate_sites(rows), criteria, limit, near)
