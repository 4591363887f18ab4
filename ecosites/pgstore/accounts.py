"""The database's ``staff_account`` and ``throttle`` tables, shared by every replica."""

from __future__ import annotations

from collections.abc import Callable

from ecosites.pgstore.connection import PostgisConnection
from ecosites.staffauth import FORGET_AFTER_S, Throttle


class PostgisStaff(PostgisConnection):
    """Staff accounts and the sign-in throttle, each change in its own transaction."""

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
