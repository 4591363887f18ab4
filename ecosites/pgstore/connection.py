"""Connecting to the catalogue database, and every database failure said in plain words.

Connections come from one pool per database URL and process (``psycopg_pool``), shared by
every store object and every Streamlit session thread: opening a connection costs tens of
milliseconds, a head check or a view query about one. A pool is made after one direct
connection succeeds, so a server that cannot be reached is reported with libpq's own
reason; a connection that broke meanwhile is replaced by the pool's check when taken.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from ecosites.store import StoreError

CONNECT_TIMEOUT_S = 5
UNREADABLE_URL = "(an unreadable ECOSITES_DATABASE_URL)"
# Connections one app process keeps at most: a few sessions rerunning at once, and a publish.
POOL_MAX_CONNECTIONS = 8

# (process, URL, connect timeout) -> pool. The process is part of the key because a forked
# child must not use its parent's pool (its worker threads do not survive the fork).
_POOLS: dict[tuple[int, str, int], ConnectionPool[Any]] = {}
_POOLS_LOCK = threading.Lock()


def close_pools() -> None:
    """Close this process's connection pools (tests dropping their database do this)."""
    with _POOLS_LOCK:
        mine = [key for key in _POOLS if key[0] == os.getpid()]
        for key in mine:
            _POOLS.pop(key).close()


def _pool(url: str, connect_timeout_s: int) -> ConnectionPool[Any]:
    """The pool for ``url`` in this process, made on first use; psycopg.Error when it cannot connect."""
    key = (os.getpid(), url, connect_timeout_s)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            psycopg.connect(url, connect_timeout=connect_timeout_s).close()  # libpq's reason, if any
            pool = ConnectionPool(url, min_size=1, max_size=POOL_MAX_CONNECTIONS, open=True,
                                  kwargs={"connect_timeout": connect_timeout_s},
                                  timeout=connect_timeout_s, check=ConnectionPool.check_connection,
                                  name=f"ecosites {describe_server(url)}")
            _POOLS[key] = pool
        return pool


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


def plain_reason(text: str, url: str) -> str:
    """Libpq's own reason ('Connection refused', 'database "x" does not exist'), password removed."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    line = line.rsplit("failed:", 1)[-1].strip().removeprefix("FATAL:").strip()
    with contextlib.suppress(psycopg.Error):
        password = conninfo_to_dict(url).get("password")
        if password:
            line = line.replace(str(password), "***")
    return line


def _utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """A database timestamp as the ISO 8601 UTC text the file store writes (to the second)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class PostgisConnection:
    """A database URL, the clock and hooks, and one transaction at a time on a pooled connection."""

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
        text, reason = str(exc), plain_reason(str(exc), self._url)
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
            pool = _pool(self._url, self._connect_timeout_s)
        except psycopg.Error as exc:
            raise StoreError(self._unreachable(exc)) from None
        try:
            with pool.connection() as connection, connection.transaction():
                yield connection
        except PoolTimeout:
            raise StoreError(f"the catalogue database at {self.server} cannot be reached (no connection "
                             f"within {self._connect_timeout_s} s)") from None
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
                             f"{plain_reason(str(exc), self._url)}") from exc
