"""The catalogue in PostgreSQL with PostGIS: one store shared by every app replica.

Chosen by ``open_store`` when ``ECOSITES_DATABASE_URL`` is set. The schema is created by
the SQL files in ``ecosites/migrations/`` (``python -m ecosites db init``), applied in
order, once each, recorded in ``schema_version``.

- ``versions``: every published state, append-only (a trigger refuses changes), with
  time, author, action, SHA-256, site count, note and the features as jsonb.
- ``head``: one row naming the current version.
- ``sites``: the current version's sites with a ``geometry(Geometry, 4326)`` column and a
  GiST index, for spatial and attribute queries.
- ``audit``: every staff action, oldest first.

A publish is one transaction: lock the head row (``SELECT ... FOR UPDATE``), compare the
SHA-256 the change was previewed against, add the version, replace the current sites,
move the head, append the audit entry and ``NOTIFY ecosites_catalogue``. Readers never
see half of it; of two racing publishers exactly one wins and the other is told who did.

The SHA-256 of a version is taken over its features as canonical JSON (sorted keys, no
spaces): jsonb does not keep key order, so this is what can be checked again on rollback.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb

from ecosites.reports import ProblemReport
from ecosites.staffauth import FORGET_AFTER_S, Throttle
from ecosites.store import (
    CatalogConflict,
    Snapshot,
    StoreError,
    Version,
    conflict_message,
    sha256_hex,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
NOTIFY_CHANNEL = "ecosites_catalogue"
CONNECT_TIMEOUT_S = 5
EMPTY_SHA256 = sha256_hex(None)  # the catalogue before anything is published, as for files
_MIGRATION_LOCK = 815_262_001  # pg_advisory_xact_lock key: one `db init` at a time


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, file name and SQL."""

    number: int
    name: str
    sql: str


def migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in the repository, in order (``NNN_name.sql``)."""
    found = []
    for path in sorted(directory.glob("[0-9][0-9][0-9]_*.sql")):
        found.append(Migration(int(path.name[:3]), path.name, path.read_text(encoding="utf-8")))
    return found


def content_sha256(features: Sequence[dict[str, Any]]) -> str:
    """SHA-256 of the features as canonical JSON: the same however jsonb orders their keys."""
    text = json.dumps(list(features), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


UNREADABLE_URL = "(an unreadable ECOSITES_DATABASE_URL)"


def describe_server(url: str) -> str:
    """``host:port`` (or the socket directory) of a database URL, never its password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.Error:
        return UNREADABLE_URL
    host = str(parts.get("host") or parts.get("hostaddr") or "localhost")
    port = str(parts.get("port") or 5432)
    database = parts.get("dbname")
    return f"{host}:{port}" + (f" (database {database})" if database else "")


def _reason(text: str, url: str) -> str:
    """Libpq's own reason ('Connection refused', 'database "x" does not exist'), password removed."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    line = line.rsplit("failed:", 1)[-1].strip().removeprefix("FATAL:").strip()
    with contextlib.suppress(psycopg.Error):
        password = conninfo_to_dict(url).get("password")
        if password:
            line = line.replace(str(password), "***")
    return line


FEATURE_KEYS = ("type", "id", "geometry", "properties")


def ordered_feature(feature: dict[str, Any]) -> dict[str, Any]:
    """A feature read from jsonb with its keys back in file order (jsonb sorts them by length).

    Property order follows the schema, so dumped files and staff diffs read as before.
    """
    from ecosites.schema import PROPERTY_NAMES

    ordered = {key: feature[key] for key in FEATURE_KEYS if key in feature}
    ordered.update((key, value) for key, value in feature.items() if key not in ordered)
    properties = ordered.get("properties")
    if isinstance(properties, dict):
        names = [name for name in PROPERTY_NAMES if name in properties]
        ordered["properties"] = {**{name: properties[name] for name in names}, **properties}
    return ordered


# One open connection per database URL for the head check every rerun makes: opening a
# connection costs tens of milliseconds, the query itself about one.
_HEAD_CONNECTIONS: dict[str, psycopg.Connection[Any]] = {}
_HEAD_LOCK = threading.Lock()


def close_head_connections() -> None:
    """Close the kept-open head-check connections (tests dropping their database do this)."""
    with _HEAD_LOCK:
        for connection in _HEAD_CONNECTIONS.values():
            connection.close()
        _HEAD_CONNECTIONS.clear()


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _version(row: Sequence[Any]) -> Version:
    number, time, author, action, sha256, site_count, note = row
    return Version(number, _iso(time), author, action, sha256, site_count, note)


VERSION_COLUMNS = "v.number, v.time, v.author, v.action, v.sha256, v.site_count, v.note"


class PostgisCatalogStore:
    """The catalogue in a PostGIS database (see the module docstring)."""

    def __init__(
        self,
        url: str,
        reference_dir: Path | None = None,
        clock: Callable[[], datetime] = _utc_now,
        before_commit: Callable[[], None] | None = None,
        connect_timeout_s: int = CONNECT_TIMEOUT_S,
    ) -> None:
        self._url = url
        self.reference_dir = reference_dir  # categories and tag labels ship with the app
        self._clock = clock
        self._before_commit = before_commit
        self._connect_timeout_s = connect_timeout_s
        self.server = describe_server(url)

    @property
    def location(self) -> str:
        """The database's host and port (no credentials)."""
        return f"the catalogue database at {self.server}"

    def _unreachable(self, exc: psycopg.Error) -> str:
        text, reason = str(exc), _reason(str(exc), self._url)
        if self.server == UNREADABLE_URL:
            return ("ECOSITES_DATABASE_URL is not a PostgreSQL URL "
                    "(postgresql://USER:PASSWORD@HOST:PORT/DATABASE)")
        if "authentication failed" in text or ('role "' in text and "does not exist" in text):
            return (f"the catalogue database at {self.server} refused the user name or password "
                    f"({reason})")
        return f"the catalogue database at {self.server} cannot be reached ({reason})"

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """One connection and one transaction; every database failure becomes a StoreError."""
        try:
            connection = psycopg.connect(self._url, connect_timeout=self._connect_timeout_s)
        except psycopg.Error as exc:
            raise StoreError(self._unreachable(exc)) from None
        try:
            with connection:
                yield connection
        except errors.UndefinedTable as exc:
            raise StoreError(f"the catalogue database at {self.server} has no catalogue tables yet: "
                             "run 'python -m ecosites db init'") from exc
        except errors.UndefinedFunction as exc:
            raise StoreError(f"PostGIS is missing in the catalogue database at {self.server}: "
                             "run 'python -m ecosites db init'") from exc
        except psycopg.OperationalError as exc:
            raise StoreError(self._unreachable(exc)) from None
        except psycopg.Error as exc:
            raise StoreError(f"the catalogue database at {self.server} refused the change: "
                             f"{_reason(str(exc), self._url)}") from exc

    def init_schema(self) -> list[str]:
        """Apply the migrations not yet applied; returns their file names (empty: up to date)."""
        applied_now = []
        with self._transaction() as connection:
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            connection.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                               "number integer PRIMARY KEY, name text NOT NULL, "
                               "applied timestamptz NOT NULL DEFAULT now())")
            done = {row[0] for row in connection.execute("SELECT number FROM schema_version")}
            for migration in migrations():
                if migration.number in done:
                    continue
                try:
                    connection.execute(migration.sql.encode())
                except (errors.FeatureNotSupported, errors.UndefinedFile) as exc:
                    raise StoreError(
                        f"PostGIS is not installed on the database server at {self.server}: install "
                        "it there (Debian: postgresql-15-postgis-3) and run 'db init' again") from exc
                except errors.InsufficientPrivilege as exc:
                    raise StoreError(
                        f"the database user may not create the catalogue at {self.server} "
                        f"({_reason(str(exc), self._url)}); ask an administrator to run "
                        "CREATE EXTENSION postgis there, then 'db init' again") from exc
                connection.execute("INSERT INTO schema_version (number, name) VALUES (%s, %s)",
                                   (migration.number, migration.name))
                applied_now.append(migration.name)
        return applied_now

    def schema_version(self) -> int:
        """The highest applied migration (0 when ``db init`` has not run)."""
        with self._transaction() as connection:
            exists = connection.execute("SELECT to_regclass('schema_version')").fetchone()
            if not exists or exists[0] is None:
                return 0
            row = connection.execute("SELECT coalesce(max(number), 0) FROM schema_version").fetchone()
        return int(row[0]) if row else 0

    def head_number(self) -> int:
        """The current version's number (0: nothing published): one cheap query."""
        with self._transaction() as connection:
            row = connection.execute("SELECT number FROM head").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _cached_head_number(self) -> int:
        """``head_number`` on a connection kept open between reruns (reopened after a failure)."""
        with _HEAD_LOCK:
            connection = _HEAD_CONNECTIONS.get(self._url)
            if connection is not None and not connection.closed:
                try:
                    row = connection.execute("SELECT number FROM head").fetchone()
                    return int(row[0]) if row and row[0] is not None else 0
                except psycopg.Error:
                    connection.close()
            _HEAD_CONNECTIONS.pop(self._url, None)
            number = self.head_number()  # a fresh connection, with the plain messages on failure
            with contextlib.suppress(psycopg.Error):
                _HEAD_CONNECTIONS[self._url] = psycopg.connect(
                    self._url, autocommit=True, connect_timeout=self._connect_timeout_s)
            return number

    def change_token(self) -> str:
        """A value that changes whenever the catalogue does: the head version's number."""
        return f"version {self._cached_head_number()}"

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
                "SELECT v.number, v.sha256, v.features FROM head h JOIN versions v "
                "ON v.number = h.number").fetchone()
        if row is None:
            return Snapshot([], EMPTY_SHA256)
        number, sha256, features = row
        if content_sha256(features) != sha256:
            return Snapshot([], sha256, problem=(
                f"version {number} in {self.location} does not match its recorded SHA-256; "
                "roll back to an earlier version before importing"))
        return Snapshot([ordered_feature(f) for f in features], sha256)

    def version_features(self, number: int) -> list[dict[str, Any]]:
        """Version ``number``'s features (in file key order); StoreError when there is none."""
        with self._transaction() as connection:
            row = connection.execute("SELECT features FROM versions WHERE number = %s",
                                     (number,)).fetchone()
        if row is None:
            raise StoreError(f"there is no version {number}; 'history' lists the versions")
        return [ordered_feature(f) for f in row[0]]

    def history(self) -> list[Version]:
        """Every version, oldest first."""
        with self._transaction() as connection:
            rows = connection.execute(
                f"SELECT {VERSION_COLUMNS} FROM versions v ORDER BY v.number").fetchall()
        return [_version(row) for row in rows]

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
            winner = _version(current) if current else None
            if expected_sha256 is not None and (winner.sha256 if winner else EMPTY_SHA256) != expected_sha256:
                raise CatalogConflict(conflict_message(winner), winner=winner)
            number = (winner.number if winner else 0) + 1
            last = connection.execute("SELECT coalesce(max(number), 0) FROM versions").fetchone()
            number = max(number, (int(last[0]) if last else 0) + 1)
            moment = moment or self._clock()
            connection.execute(
                "INSERT INTO versions (number, time, author, action, sha256, site_count, note, features)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (number, moment, author, action, sha256, len(features), note, Jsonb(features)))
            connection.execute("DELETE FROM sites")
            connection.execute(
                "INSERT INTO sites (position, id, feature, geom) "
                "SELECT t.ord, coalesce(t.f->'properties'->>'id', t.f->>'id', 'site-' || t.ord), t.f, "
                "CASE WHEN jsonb_typeof(t.f->'geometry') = 'object' "
                "THEN ST_SetSRID(ST_GeomFromGeoJSON(t.f->'geometry'), 4326) END "
                "FROM versions v, jsonb_array_elements(v.features) WITH ORDINALITY AS t(f, ord) "
                "WHERE v.number = %s", (number,))
            connection.execute("UPDATE head SET number = %s", (number,))
            version = Version(number, _iso(moment), author, action, sha256, len(features), note)
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
            row = connection.execute("SELECT sha256, features FROM versions WHERE number = %s",
                                     (number,)).fetchone()
        if row is None:
            raise StoreError(f"there is no version {number}; 'history' lists the versions")
        sha256, features = row
        if content_sha256(features) != sha256:
            raise StoreError(f"version {number}'s stored sites: the content does not match its "
                             "recorded SHA-256; it was changed after it was saved and is not restored")
        return self._publish(features, sha256, author, expected_sha256, "rollback",
                             f"rolled back to version {number}")

    def _audit(self, connection: psycopg.Connection[Any], moment: datetime, author: str,
               action: str, **details: Any) -> None:
        connection.execute("INSERT INTO audit (time, author, action, details) VALUES (%s, %s, %s, %s)",
                           (moment, author, action, Jsonb(details)))

    def record(self, author: str, action: str, **details: Any) -> None:
        """Append an entry to the audit table."""
        with self._transaction() as connection:
            self._audit(connection, self._clock(), author, action, **details)

    def audit_entries(self) -> list[dict[str, Any]]:
        """Every audit entry (time, author, action and details), oldest first."""
        with self._transaction() as connection:
            rows = connection.execute(
                "SELECT time, author, action, details FROM audit ORDER BY entry").fetchall()
        return [{"time": _iso(time), "author": author, "action": action, **details}
                for time, author, action, details in rows]

    def import_version(self, version: Version, features: list[dict[str, Any]]) -> Version:
        """Append a version as recorded elsewhere (``db load``): its time, author, action and note.

        No audit entry: the source's own audit log is copied with ``import_audit``.
        """
        return self._publish(features, content_sha256(features), version.author, None,
                             version.action, version.note, datetime.fromisoformat(version.time),
                             audit=False)

    def import_audit(self, entries: Sequence[dict[str, Any]]) -> int:
        """Append audit entries recorded elsewhere, keeping their times; returns how many."""
        count = 0
        with self._transaction() as connection:
            for entry in entries:
                details = {k: v for k, v in entry.items() if k not in ("time", "author", "action")}
                try:
                    moment = datetime.fromisoformat(str(entry.get("time")))
                except ValueError:
                    continue
                self._audit(connection, moment, str(entry.get("author", "")),
                            str(entry.get("action", "")), **details)
                count += 1
        return count

    def update_throttle(self, key: str, change: Callable[[Throttle], Throttle]) -> Throttle:
        """The shared throttle row ``key``, changed under a row lock: every replica counts in it."""
        with self._transaction() as connection:
            connection.execute("INSERT INTO throttle (key) VALUES (%s) ON CONFLICT (key) DO NOTHING", (key,))
            row = connection.execute("SELECT failures, locked_until, last_failure FROM throttle "
                                     "WHERE key = %s FOR UPDATE", (key,)).fetchone()
            current = Throttle(*row) if row else Throttle()
            updated = change(current)
            if updated == Throttle():
                # Nothing to remember (a look, or a success): no row, so names typed by strangers
                # leave nothing behind.
                connection.execute("DELETE FROM throttle WHERE key = %s", (key,))
                return updated
            connection.execute("UPDATE throttle SET failures = %s, locked_until = %s, last_failure = %s "
                               "WHERE key = %s", (updated.failures, updated.locked_until,
                                                  updated.last_failure, key))
            if updated.last_failure is not None:
                # As the file store prunes: counts quiet for longer than they matter, with no wait left.
                now = updated.last_failure
                connection.execute(
                    "DELETE FROM throttle WHERE key <> %s AND locked_until <= %s "
                    "AND (last_failure IS NULL OR last_failure < %s)",
                    (key, now, now - FORGET_AFTER_S))
        return updated

    def add_report(self, site_id: str, kind: str, text: str) -> ProblemReport:
        """Insert a problem report row."""
        moment = self._clock()
        report = ProblemReport(uuid.uuid4().hex, site_id, kind, text, _iso(moment))
        with self._transaction() as connection:
            connection.execute("INSERT INTO problem_reports (report_id, site_id, kind, text, time) "
                               "VALUES (%s, %s, %s, %s, %s)",
                               (report.report_id, site_id, kind, text, moment))
        return report

    def problem_reports(self) -> list[ProblemReport]:
        """Every report row, oldest first."""
        with self._transaction() as connection:
            rows = connection.execute(
                "SELECT report_id, site_id, kind, text, time, done_by, done_time FROM problem_reports "
                "ORDER BY entry").fetchall()
        return [ProblemReport(report_id, site_id, kind, text, _iso(time), done_by,
                              _iso(done_time) if done_time is not None else "")
                for report_id, site_id, kind, text, time, done_by, done_time in rows]

    def mark_report_done(self, report_id: str, *, author: str) -> ProblemReport:
        """Mark the row done and write the audit entry in the same transaction."""
        moment = self._clock()
        with self._transaction() as connection:
            row = connection.execute(
                "UPDATE problem_reports SET done_by = %s, done_time = %s WHERE report_id = %s "
                "RETURNING report_id, site_id, kind, text, time", (author, moment, report_id)).fetchone()
            if row is None:
                raise StoreError(f"there is no problem report {report_id}")
            self._audit(connection, moment, author, "report-done", report=report_id, site=row[1],
                        kind=row[2])
        return ProblemReport(row[0], row[1], row[2], row[3], _iso(row[4]), author, _iso(moment))

    def staff_accounts(self) -> dict[str, str]:
        """Every account: name -> argon2 hash."""
        with self._transaction() as connection:
            rows = connection.execute(
                "SELECT name, password_hash FROM staff_account ORDER BY name").fetchall()
        return {str(name): str(password_hash) for name, password_hash in rows}

    def set_staff_account(self, name: str, password_hash: str) -> None:
        """Add an account or replace its password hash."""
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO staff_account (name, password_hash) VALUES (%s, %s) ON CONFLICT (name) "
                "DO UPDATE SET password_hash = EXCLUDED.password_hash, changed = now()",
                (name, password_hash))

    def remove_staff_account(self, name: str) -> bool:
        """Remove an account; False when there was none of that name."""
        with self._transaction() as connection:
            removed = connection.execute("DELETE FROM staff_account WHERE name = %s", (name,)).rowcount
        return bool(removed)

    def read_catalog(self) -> Any:
        """The current sites loaded like a catalogue file (validated, with categories and tags)."""
        from ecosites.catalog import catalog_from_features
        from ecosites.paths import BUNDLED_GEODATA

        return catalog_from_features(self.snapshot().features, self.reference_dir or BUNDLED_GEODATA)
