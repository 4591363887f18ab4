"""The PostGIS store's catalogue: the ``versions``, ``head`` and ``sites`` tables, and publishing.

A publish is one transaction: lock the head row (``SELECT ... FOR UPDATE``), compare the
SHA-256 the change was previewed against, add the version, replace the current sites and
their marker rows (``ecosites/pgstore/markers.py``), move the head, append the audit entry
and ``NOTIFY ecosites_catalogue``. Readers never see half of it; of two racing publishers
exactly one wins and the other is told who did.

A version's features are stored in ``version_features``, ``FEATURE_CHUNK`` to a row, in
catalogue order: PostgreSQL refuses a jsonb value over 1 GB, and a million features as
one value are about 1.2 GB. The SHA-256 of a version is still taken over all its features
as canonical JSON (sorted keys, no spaces): jsonb does not keep key order, so this is what
can be checked again on rollback.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from ecosites.pgstore.accounts import PostgisStaff
from ecosites.pgstore.audit import PostgisAudit
from ecosites.pgstore.connection import iso_utc
from ecosites.pgstore.content import (
    EMPTY_SHA256,
    VERSION_COLUMNS,
    content_sha256,
    ordered_feature,
    version_from_row,
)
from ecosites.pgstore.markers import PostgisSiteQueries, replace_markers
from ecosites.pgstore.matches import PostgisSiteMatches
from ecosites.pgstore.migrate import SchemaMigrations
from ecosites.store import CatalogConflict, Snapshot, StoreError, Version, conflict_message

NOTIFY_CHANNEL = "ecosites_catalogue"
FEATURE_CHUNK = 5_000  # features per version_features row: about 6 MB of jsonb

class PostgisCatalogStore(PostgisAudit, PostgisStaff, PostgisSiteQueries, PostgisSiteMatches,
                          SchemaMigrations):
    """The catalogue in a PostGIS database (see ``ecosites/pgstore/__init__.py``)."""

    def head_number(self) -> int:
        """The current version's number (0: nothing published): one cheap query."""
        with self._transaction() as connection:
            row = connection.execute("SELECT number FROM head").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def change_token(self) -> str:
        """A value that changes whenever the catalogue does: the head version's number."""
        return f"version {self.head_number()}"

    def current_sha256(self) -> str:
        """The SHA-256 recorded for the current version."""
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT v.sha256 FROM head h JOIN versions v ON v.number = h.number").fetchone()
        return str(row[0]) if row else EMPTY_SHA256

    def snapshot(self) -> Snapshot:
        """The current version's features and SHA-256; a damaged row is reported, not used."""
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT v.number, v.sha256 FROM head h JOIN versions v ON v.number = h.number").fetchone()
            if row is None:
                return Snapshot([], EMPTY_SHA256)
            number, sha256 = row
            features = _read_features(connection, number)
        if content_sha256(features) != sha256:
            return Snapshot([], sha256, problem=(
                f"version {number} in {self.location} does not match its recorded SHA-256; "
                "roll back to an earlier version before importing"))
        return Snapshot([ordered_feature(f) for f in features], sha256)

    def version_features(self, number: int) -> list[dict[str, Any]]:
        """Version ``number``'s features (in file key order); StoreError when there is none."""
        with self._transaction() as connection:
            row = connection.execute("SELECT number FROM versions WHERE number = %s", (number,)).fetchone()
            if row is None:
                raise StoreError(f"there is no version {number}; 'history' lists the versions")
            features = _read_features(connection, number)
        return [ordered_feature(f) for f in features]

    def history(self) -> list[Version]:
        """Every version, oldest first."""
        with self._transaction() as connection:
            rows = connection.execute(
                f"SELECT {VERSION_COLUMNS} FROM versions v ORDER BY v.number").fetchall()
        return [version_from_row(row) for row in rows]

    def publish(
        self, features: Sequence[dict[str, Any]], *, author: str, expected_sha256: str,
        action: str = "publish", note: str = "",
    ) -> Version:
        """Make the features the current version, in one transaction (see the module doc)."""
        try:
            sha256 = content_sha256(features)
        except ValueError as exc:
            raise StoreError(f"the sites cannot be stored: {exc}") from exc
        return self._publish(list(features), sha256, author, expected_sha256, action, note)

    def _publish(
        self, features: list[dict[str, Any]], sha256: str, author: str,
        expected_sha256: str | None, action: str, note: str, moment: datetime | None = None,
        audit: bool = True,
    ) -> Version:
        with self._transaction() as connection:
            # Lock first, then read: in READ COMMITTED a joined row read under the lock wait
            # would come from the older snapshot, without the version that just won.
            connection.execute("SELECT number FROM head FOR UPDATE")
            current = connection.execute(
                f"SELECT {VERSION_COLUMNS} FROM head h JOIN versions v ON v.number = h.number").fetchone()
            winner = version_from_row(current) if current else None
            if expected_sha256 is not None and (winner.sha256 if winner else EMPTY_SHA256) != expected_sha256:
                raise CatalogConflict(conflict_message(winner), winner=winner)
            number = (winner.number if winner else 0) + 1
            last = connection.execute("SELECT coalesce(max(number), 0) FROM versions").fetchone()
            number = max(number, (int(last[0]) if last else 0) + 1)
            moment = moment or self._clock()
            connection.execute(
                "INSERT INTO versions (number, time, author, action, sha256, site_count, note)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                (number, moment, author, action, sha256, len(features), note))
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO version_features (version, chunk, features) VALUES (%s, %s, %s)",
                    [(number, start // FEATURE_CHUNK, Jsonb(features[start:start + FEATURE_CHUNK]))
                     for start in range(0, len(features), FEATURE_CHUNK)])
            connection.execute("DELETE FROM sites")
            connection.execute(
                "INSERT INTO sites (position, id, feature, geom) "
                "SELECT p.position, coalesce(t.f->'properties'->>'id', t.f->>'id', 'site-' || p.position), "
                "t.f, CASE WHEN jsonb_typeof(t.f->'geometry') = 'object' "
                "THEN ST_SetSRID(ST_GeomFromGeoJSON(t.f->'geometry'), 4326) END "
                "FROM version_features c, jsonb_array_elements(c.features) WITH ORDINALITY AS t(f, ord), "
                "LATERAL (SELECT c.chunk * %s + t.ord AS position) p "
                "WHERE c.version = %s", (FEATURE_CHUNK, number))
            replace_markers(connection, features)
            connection.execute("UPDATE head SET number = %s", (number,))
            version = Version(number, iso_utc(moment), author, action, sha256, len(features), note)
            if audit:
                self._audit(connection, moment, author, action, version=number, sha256=sha256,
                            site_count=len(features), note=note)
            connection.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, str(number)))
            if self._before_commit is not None:
                self._before_commit()
        return version

    def rollback(self, number: int, *, author: str, expected_sha256: str | None = None) -> Version:
        """Publish version ``number``'s features again, as a new version."""
        with self._transaction() as connection:
            row = connection.execute("SELECT sha256 FROM versions WHERE number = %s", (number,)).fetchone()
            if row is None:
                raise StoreError(f"there is no version {number}; 'history' lists the versions")
            sha256 = row[0]
            features = _read_features(connection, number)
        if content_sha256(features) != sha256:
            raise StoreError(f"version {number}'s stored sites: the content does not match its "
                             "recorded SHA-256; it was changed after it was saved and is not restored")
        return self._publish(features, sha256, author, expected_sha256, "rollback",
                             f"rolled back to version {number}")

    def import_version(self, version: Version, features: list[dict[str, Any]]) -> Version:
        """Append a version as recorded elsewhere (``db load``): its time, author, action and note.

        No audit entry: the source's own audit log is copied with ``import_audit``.
        """
        return self._publish(features, content_sha256(features), version.author, None,
                             version.action, version.note, datetime.fromisoformat(version.time),
                             audit=False)

    def read_catalog(self) -> Any:
        """The current sites loaded like a catalogue file (validated, with categories and tags)."""
        from ecosites.catalog import catalog_from_features
        from ecosites.paths import BUNDLED_GEODATA

        return catalog_from_features(self.snapshot().features, self.reference_dir or BUNDLED_GEODATA)


def _read_features(connection: psycopg.Connection[Any], number: int) -> list[Any]:
    """Version ``number``'s features, its chunks joined in order."""
    features: list[Any] = []
    for (chunk,) in connection.execute(
            "SELECT features FROM version_features WHERE version = %s ORDER BY chunk", (number,)):
        features.extend(chunk)
    return features
