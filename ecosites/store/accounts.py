"""The file store's staff accounts (``.staff.json``) and sign-in throttle (``.signin.json``).

Both are small private (0600) files beside the catalogue, replaced atomically under
their own lock so sign-ins never wait for a publish.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import Timeout

from ecosites.staffauth import Throttle, prune
from ecosites.store.durable import atomic_write
from ecosites.store.layout import FileLayout
from ecosites.store.model import StoreError

PRIVATE_FILE_MODE = 0o600


class StaffFiles(FileLayout):
    """The accounts and the throttle, each read and rewritten whole under the staff lock."""

    def _read_json(self, path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path} cannot be read: {exc}") from exc
        return data if isinstance(data, dict) else {}

    def _write_json(self, path: Path, data: dict[str, Any]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        atomic_write(path, text.encode(), mode=PRIVATE_FILE_MODE)

    def staff_accounts(self) -> dict[str, str]:
        """Every account: name -> argon2 hash (from ``.staff.json``)."""
        accounts = self._read_json(self.staff_path).get("accounts", {})
        if not isinstance(accounts, dict):
            return {}
        return {str(name): str(entry.get("hash", "")) for name, entry in accounts.items()
                if isinstance(entry, dict)}

    def _change_accounts(self, change: Callable[[dict[str, Any]], bool]) -> bool:
        try:
            with self._staff_lock:
                data = self._read_json(self.staff_path)
                accounts = data.get("accounts")
                accounts = accounts if isinstance(accounts, dict) else {}
                changed = change(accounts)
                if changed:
                    self._write_json(self.staff_path, {**data, "accounts": accounts})
                return changed
        except Timeout as exc:
            raise StoreError("the staff accounts are busy; try again in a moment") from exc
        except OSError as exc:
            raise StoreError(f"{self.staff_path} cannot be written: {exc.strerror or exc}") from exc

    def set_staff_account(self, name: str, password_hash: str) -> None:
        """Add an account or replace its password hash."""
        stamp = self._clock().isoformat(timespec="seconds")

        def change(accounts: dict[str, Any]) -> bool:
            accounts[name] = {"hash": password_hash, "changed": stamp}
            return True

        self._change_accounts(change)

    def remove_staff_account(self, name: str) -> bool:
        """Remove an account; False when there was none of that name."""
        return self._change_accounts(lambda accounts: accounts.pop(name, None) is not None)

    def _all_throttles(self) -> dict[str, Throttle]:
        throttles: dict[str, Throttle] = {}
        for key, value in self._read_json(self.throttle_path).items():
            try:
                failures, locked_until, last_failure = value
                throttles[key] = Throttle(int(failures), float(locked_until),
                                          None if last_failure is None else float(last_failure))
            except (TypeError, ValueError):
                continue  # a damaged entry counts as no failures rather than locking anyone out
        return throttles

    def update_throttle(self, key: str, change: Callable[[Throttle], Throttle]) -> Throttle:
        """Change one throttle in a locked read-modify-write of ``.signin.json`` (shared by processes)."""
        try:
            with self._staff_lock:
                stored = self._all_throttles()
                updated = change(stored.get(key, Throttle()))
                stored[key] = updated
                kept = prune(stored, max([t.last_failure or 0.0 for t in stored.values()] + [0.0]))
                self._write_json(self.throttle_path, {
                    name: [value.failures, value.locked_until, value.last_failure]
                    for name, value in sorted(kept.items())})
                return updated
        except Timeout as exc:
            raise StoreError("sign-in is busy; try again in a moment") from exc
        except OSError as exc:
            raise StoreError(f"{self.throttle_path} cannot be written: {exc.strerror or exc}") from exc
