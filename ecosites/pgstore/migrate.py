"""The database schema: the SQL files in ``ecosites/migrations/``, applied in order, once each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors

from ecosites.pgstore.connection import PostgisConnection, plain_reason
from ecosites.store import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
_MIGRATION_LOCK = 815_262_001  # pg_advisory_xact_lock key: one `db init` at a time


def _refill_markers(connection: psycopg.Connection[Any]) -> None:
    """Marker rows of the sites already published, with the search keys only the application derives."""
    from ecosites.pgstore.markers import replace_markers

    features = [row[0] for row in connection.execute("SELECT feature FROM sites ORDER BY position")]
    if features:
        replace_markers(connection, features)


# Steps in Python right after a migration, in its transaction: what SQL alone cannot compute.
AFTER_MIGRATION: dict[int, Callable[[psycopg.Connection[Any]], None]] = {7: _refill_markers}


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


class SchemaMigrations(PostgisConnection):
    """``db init``: the migrations not yet applied, recorded in ``schema_version``."""

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
                        f"({plain_reason(str(exc), self._url)}); ask an administrator to run "
                        "CREATE EXTENSION postgis there, then 'db init' again") from exc
                if migration.number in AFTER_MIGRATION:
                    AFTER_MIGRATION[migration.number](connection)
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
