"""The file store's directory: what each file beside the catalogue is called, its locks, its clock.

Hidden names keep the loader, which reads ``*.geojson`` directly in the directory, from
ever showing versions as sites. The catalogue and the staff files have separate locks,
so sign-ins never wait for a publish.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

from ecosites.store.model import StoreError, sha256_hex

CATALOG_FILE = "sites.geojson"
VERSIONS_DIR = ".versions"
VERSION_INDEX = "index.jsonl"
AUDIT_FILE = ".audit.jsonl"
# The documented template staff download: it lives beside the catalogue but is not part of it.
TEMPLATE_FILE = "template.geojson"
LOCK_FILE = ".catalog.lock"
STAFF_FILE = ".staff.json"
THROTTLE_FILE = ".signin.json"
STAFF_LOCK_FILE = ".staff.lock"
LOCK_TIMEOUT_S = 30.0


def _utc_now() -> datetime:
    return datetime.now(UTC)


class FileLayout:
    """The paths, locks and clock of a catalogue directory, and the catalogue file's bytes."""

    def __init__(
        self,
        directory: Path,
        file_name: str = CATALOG_FILE,
        clock: Callable[[], datetime] = _utc_now,
        before_replace: Callable[[Path], None] | None = None,
        lock_timeout_s: float = LOCK_TIMEOUT_S,
        checkpoint: Callable[[str], None] | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.cache_dir = cache_dir
        self.path = self.directory / file_name
        self.versions_dir = self.directory / VERSIONS_DIR
        self.audit_path = self.directory / AUDIT_FILE
        self.staff_path = self.directory / STAFF_FILE
        self.throttle_path = self.directory / THROTTLE_FILE
        self._clock = clock
        self._before_replace = before_replace
        # Called with a step's name as a publish passes it (tests kill the process there).
        self._checkpoint: Callable[[str], None] = checkpoint or (lambda _step: None)
        self._lock = FileLock(str(self.directory / LOCK_FILE), timeout=lock_timeout_s)
        self._staff_lock = FileLock(str(self.directory / STAFF_LOCK_FILE), timeout=lock_timeout_s)

    @property
    def location(self) -> str:
        """The catalogue file's path."""
        return str(self.path)

    def _read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{self.path} cannot be read: {exc.strerror}") from exc

    def current_sha256(self) -> str:
        """The SHA-256 of the managed file as it is now."""
        return sha256_hex(self._read())
