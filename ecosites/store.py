"""Where the catalogue is kept: a store interface and its file-backed implementation.

Pages and commands talk to a ``CatalogStore``; ``FileCatalogStore`` keeps the catalogue
as ``sites.geojson`` in the catalogue directory, every published version under
``.versions/`` (with time, author and SHA-256 in ``.versions/index.jsonl``) and an
append-only audit log in ``.audit.jsonl``. Hidden names keep the loader, which reads
``*.geojson`` directly in the directory, from ever showing versions as sites.

Publishing is atomic: the new file is written beside the old one, flushed and
fsynced, then ``os.replace``d over it, under a file lock. A publish states the
SHA-256 of the catalogue it was previewed against; if the catalogue changed since,
it stops (no lost update).

The version's record (number, author, SHA-256) is written as ``.versions/vNNNNNN.json``
*before* the catalogue is replaced, and the replace is the one step that publishes. A
record whose SHA-256 is the catalogue's is a published version even if the process died
before adding it to ``index.jsonl`` (the next publish adds it); a record whose SHA-256 is
not is a publish that never happened and is removed. So a kill at any point leaves either
the old catalogue or the new one with its author, never an unattributed change. The audit
line comes after: if it cannot be written, ``NotRecorded`` says the version *was* published,
and the next publish writes the missing line (marked ``recorded_late``).

Staff accounts (``.staff.json``) and the sign-in throttle (``.signin.json``) are small
private (0600) files beside the catalogue, replaced atomically under their own lock so
sign-ins never wait for a publish.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from filelock import FileLock, Timeout

# Defined in the light ecosites.errors (the command line catches it there); re-exported here.
from ecosites.errors import StoreError as StoreError
from ecosites.reports import REPORTS_FILE, ProblemReport
from ecosites.staffauth import StaffStore, Throttle, prune

if TYPE_CHECKING:
    from ecosites.catalog import Catalog
    from ecosites.settings import Settings

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
PRIVATE_FILE_MODE = 0o600
LOCK_TIMEOUT_S = 30.0
DEFAULT_FILE_MODE = 0o644
UNKNOWN_AUTHOR = "(unknown: changed outside staff intake)"


class CatalogConflict(StoreError):
    """The catalogue changed between preview and publish; ``winner`` is the version now current."""

    def __init__(self, message: str, winner: Version | None = None) -> None:
        super().__init__(message)
        self.winner = winner


@dataclass(frozen=True)
class Snapshot:
    """The managed catalogue file as it is now: its features, SHA-256 and any problem."""

    features: list[dict[str, Any]]
    sha256: str
    problem: str = ""
    other_ids: dict[str, str] = field(default_factory=dict)  # id -> file, for unmanaged files


@dataclass(frozen=True)
class Version:
    """One published state of the catalogue."""

    number: int
    time: str  # ISO 8601, UTC
    author: str
    action: str  # 'publish', 'edit', 'rollback' or 'found' (changed outside intake)
    sha256: str
    site_count: int
    note: str = ""


class CatalogStore(StaffStore, Protocol):
    """What pages and commands need from a catalogue store (files today, a database later)."""

    @property
    def location(self) -> str:
        """Where the catalogue lives, for messages."""
        ...

    def snapshot(self) -> Snapshot:
        """The current catalogue."""
        ...

    def current_sha256(self) -> str:
        """The SHA-256 of the current catalogue, without parsing it."""
        ...

    def publish(
        self, features: Sequence[dict[str, Any]], *, author: str, expected_sha256: str,
        action: str = "publish", note: str = "",
    ) -> Version:
        """Replace the catalogue atomically; CatalogConflict if it is no longer expected_sha256."""
        ...

    def history(self) -> list[Version]:
        """Every version, oldest first."""
        ...

    def rollback(self, number: int, *, author: str, expected_sha256: str | None = None) -> Version:
        """Publish an earlier version's content again, as a new version."""
        ...

    def record(self, author: str, action: str, **details: Any) -> None:
        """Append an entry to the audit log."""
        ...

    def audit_entries(self) -> list[dict[str, Any]]:
        """The audit log, oldest first."""
        ...

    def change_token(self) -> str:
        """A cheap value that changes whenever the catalogue does: the app's cache key."""
        ...

    def read_catalog(self) -> Catalog:
        """The current sites, validated and loaded for the pages."""
        ...


    def add_report(self, site_id: str, kind: str, text: str) -> ProblemReport:
        """Keep a public problem report (never changes the catalogue)."""
        ...

    def problem_reports(self) -> list[ProblemReport]:
        """Every problem report, oldest first."""
        ...

    def mark_report_done(self, report_id: str, *, author: str) -> ProblemReport:
        """Mark a report done and record it in the audit log; StoreError for an unknown report."""
        ...


def conflict_message(winner: Version | None) -> str:
    """What a publisher from a stale preview is told: who published meanwhile, and when."""
    who = (f"version {winner.number} was published by {winner.author} at {winner.time}"
           if winner is not None else "the catalogue was changed outside staff intake")
    return (f"the catalogue changed since you previewed it ({who}); nothing was published. "
            "Look at the new preview and publish again.")


class NotRecorded(StoreError):
    """The version *was* published, but its audit line could not be written (the message says why)."""

    def __init__(self, version: Version, reason: str) -> None:
        super().__init__(reason)
        self.version = version


def sha256_hex(data: bytes | None) -> str:
    """SHA-256 of the bytes (of nothing when the file does not exist)."""
    return hashlib.sha256(data or b"").hexdigest()


def feature_id(feature: Any) -> str | None:
    """A feature's site id (properties.id, else the feature-level id), if it has one."""
    if not isinstance(feature, dict):
        return None
    properties = feature.get("properties")
    value = properties.get("id") if isinstance(properties, dict) else None
    value = value if value is not None else feature.get("id")
    return value if isinstance(value, str) else None


def catalog_bytes(features: Sequence[dict[str, Any]]) -> bytes:
    """The file content for these features: an indented RFC 7946 FeatureCollection."""
    collection = {"type": "FeatureCollection", "features": list(features)}
    return (json.dumps(collection, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode()


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def atomic_write(
    path: Path, data: bytes, before_replace: Callable[[Path], None] | None = None, mode: int | None = None
) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a part.

    ``before_replace`` runs after the temporary file is durable and before it replaces
    ``path`` (tests use it to kill the process at the worst moment). ``mode`` forces the
    file's permissions; without it the old file's are kept.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; keep the old file's mode so the app can still read it.
        if mode is None:
            try:
                mode = path.stat().st_mode & 0o777
            except FileNotFoundError:
                mode = DEFAULT_FILE_MODE
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if before_replace is not None:
            before_replace(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


def append_line(path: Path, entry: dict[str, Any]) -> None:
    """Append one JSON line and fsync it: how the version index and audit log grow."""
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode()
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(handle, line)
        os.fsync(handle)
    finally:
        os.close(handle)


def _read_lines(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line cut by a crash; the rest of the log still counts
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _feature_count(data: bytes) -> int:
    try:
        features = json.loads(data.decode("utf-8-sig")).get("features")
    except (ValueError, UnicodeDecodeError, AttributeError, RecursionError):
        return 0
    return len(features) if isinstance(features, list) else 0


def _utc_now() -> datetime:
    return datetime.now(UTC)


class FileCatalogStore:
    """The catalogue as files in a directory (see the module docstring)."""

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

    def snapshot(self) -> Snapshot:
        """The managed file's features and SHA-256, and the ids used by other files."""
        raw = self._read()
        other_ids = self._other_ids()
        if raw is None:
            return Snapshot([], sha256_hex(None), other_ids=other_ids)
        try:
            data = json.loads(raw.decode("utf-8-sig"))
            features = data["features"] if data.get("type") == "FeatureCollection" else None
            if not isinstance(features, list):
                raise ValueError("not a FeatureCollection")
        except (ValueError, UnicodeDecodeError, AttributeError, KeyError, RecursionError) as exc:
            return Snapshot([], sha256_hex(raw), problem=(
                f"{self.path.name} is not a readable FeatureCollection ({exc}); fix it by hand or "
                "roll back to an earlier version before importing"), other_ids=other_ids)
        return Snapshot(features, sha256_hex(raw), other_ids=other_ids)

    def _other_ids(self) -> dict[str, str]:
        ids: dict[str, str] = {}
        for path in sorted(self.directory.glob("*.geojson")):
            if path == self.path or path.name == TEMPLATE_FILE or not path.is_file():
                continue
            try:
                data = json.loads(path.read_bytes().decode("utf-8-sig"))
                features = data.get("features", [data]) if isinstance(data, dict) else []
            except (OSError, ValueError, UnicodeDecodeError, RecursionError):
                continue
            for feature in features if isinstance(features, list) else []:
                site_id = feature_id(feature)
                if site_id is not None:
                    ids.setdefault(site_id, path.name)
        return ids

    def _indexed(self) -> list[Version]:
        versions = []
        for entry in _read_lines(self.versions_dir / VERSION_INDEX):
            try:
                versions.append(Version(**entry))
            except TypeError:
                continue
        return versions

    def _records(self) -> list[tuple[Path, Version | None]]:
        """Version records not yet removed after indexing, with what they say (None when cut short)."""
        records: list[tuple[Path, Version | None]] = []
        for path in sorted(self.versions_dir.glob("v*.json")):
            try:
                version: Version | None = Version(**json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                version = None
            records.append((path, version))
        return records

    def _published_record(self, indexed: list[Version]) -> Version | None:
        """The record past the index whose content is the catalogue now: a publish cut short."""
        after = indexed[-1].number if indexed else 0
        current = self.current_sha256()
        matches = [v for _, v in self._records()
                   if v is not None and v.number > after and v.sha256 == current]
        return matches[-1] if matches else None

    def history(self) -> list[Version]:
        """Every published version, oldest first (including one a crash left out of the index)."""
        indexed = self._indexed()
        published = self._published_record(indexed)
        return [*indexed, published] if published is not None else indexed

    def _recover(self) -> list[Version]:
        """Under the lock: index a publish a crash left unindexed, drop records never published."""
        indexed = self._indexed()
        published = self._published_record(indexed)
        if published is not None:
            append_line(self.versions_dir / VERSION_INDEX, asdict(published))
            indexed.append(published)
        for path, _ in self._records():
            with contextlib.suppress(OSError):
                path.unlink()
        last = indexed[-1] if indexed else None
        if last is not None and last.action != "found":
            self._record_late(last)
        return indexed

    def _record_late(self, last: Version) -> None:
        """Write the audit line of a publish whose process died (or disk filled) before it."""
        try:
            if not any(entry.get("version") == last.number and entry.get("action") == last.action
                       for entry in self.audit_entries()):
                self.record(last.author, last.action, version=last.number, sha256=last.sha256,
                            site_count=last.site_count, note=last.note, recorded_late=True)
        except (OSError, StoreError):
            # A log that cannot be read or written must not stop this publish; its own audit
            # line then fails too, and that publish says so (NotRecorded).
            return

    def version_path(self, number: int) -> Path:
        """Where version ``number``'s content is kept."""
        return self.versions_dir / f"v{number:06d}.geojson"

    def _record_path(self, number: int) -> Path:
        return self.versions_dir / f"v{number:06d}.json"

    def version_bytes(self, number: int) -> bytes:
        """Version ``number``'s file content; StoreError when it cannot be read."""
        try:
            return self.version_path(number).read_bytes()
        except OSError as exc:
            raise StoreError(f"version {number}'s file cannot be read: {exc.strerror}") from exc

    def _add_version(self, data: bytes, author: str, action: str, note: str,
                     history: list[Version]) -> Version:
        number = (history[-1].number if history else 0) + 1
        self.versions_dir.mkdir(exist_ok=True)
        atomic_write(self.version_path(number), data)
        site_count = _feature_count(data)
        version = Version(number, self._clock().isoformat(timespec="seconds"), author, action,
                          sha256_hex(data), site_count, note)
        history.append(version)
        return version

    def _remove_stale_temporaries(self) -> None:
        for stale in self.directory.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()

    def _publish_bytes(
        self, data: bytes, author: str, expected_sha256: str | None, action: str, note: str
    ) -> Version:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._lock:
                current = self._read()
                history = self.history()
                if expected_sha256 is not None and sha256_hex(current) != expected_sha256:
                    last = history[-1] if history else None
                    winner = last if last is not None and last.sha256 == sha256_hex(current) else None
                    raise CatalogConflict(conflict_message(winner), winner=winner)
                self._remove_stale_temporaries()
                history = self._recover()
                if current is not None and (not history or history[-1].sha256 != sha256_hex(current)):
                    # Keep what is there now (bundled, or edited by hand) so it can be restored.
                    found = self._add_version(current, UNKNOWN_AUTHOR, "found",
                                              "the catalogue as found before this change", history)
                    append_line(self.versions_dir / VERSION_INDEX, asdict(found))
                version = self._add_version(data, author, action, note, history)
                self._checkpoint("content-saved")
                record = json.dumps(asdict(version), ensure_ascii=False, sort_keys=True).encode()
                atomic_write(self._record_path(version.number), record)
                self._checkpoint("record-saved")
                atomic_write(self.path, data, self._before_replace)  # the one step that publishes
                self._checkpoint("catalogue-replaced")
                append_line(self.versions_dir / VERSION_INDEX, asdict(version))
                self._checkpoint("indexed")
                with contextlib.suppress(OSError):
                    self._record_path(version.number).unlink()
        except Timeout as exc:
            raise StoreError("another publish is in progress; try again in a moment") from exc
        except OSError as exc:
            raise StoreError(f"the catalogue cannot be written in {self.directory}: "
                             f"{exc.strerror or exc}") from exc
        self._checkpoint("before-audit")
        try:
            self.record(author, action, version=version.number, sha256=version.sha256,
                        site_count=version.site_count, note=note)
        except StoreError as exc:
            raise NotRecorded(version, str(exc)) from exc
        return version

    def publish(
        self, features: Sequence[dict[str, Any]], *, author: str, expected_sha256: str,
        action: str = "publish", note: str = "",
    ) -> Version:
        """Write the features as the new catalogue and record a version (see the module doc)."""
        return self._publish_bytes(catalog_bytes(features), author, expected_sha256, action, note)

    def rollback(self, number: int, *, author: str, expected_sha256: str | None = None) -> Version:
        """Publish version ``number``'s content again, as a new version."""
        match = next((v for v in self.history() if v.number == number), None)
        if match is None:
            raise StoreError(f"there is no version {number}; 'history' lists the versions")
        data = self.version_bytes(number)
        if sha256_hex(data) != match.sha256:
            raise StoreError(f"version {number}'s file does not match its recorded SHA-256; "
                             "it was changed after it was saved and is not restored")
        return self._publish_bytes(data, author, expected_sha256, "rollback",
                                   f"rolled back to version {number}")

    def record(self, author: str, action: str, **details: Any) -> None:
        """Append one JSON line to the audit log; StoreError when it cannot be written."""
        entry = {"time": self._clock().isoformat(timespec="seconds"), "author": author,
                 "action": action, **details}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            append_line(self.audit_path, entry)
        except OSError as exc:
            raise StoreError(f"the audit log {self.audit_path} cannot be written: "
                             f"{exc.strerror or exc}") from exc

    def audit_entries(self) -> list[dict[str, Any]]:
        """Every audit entry, oldest first; StoreError when the log cannot be read."""
        try:
            return _read_lines(self.audit_path)
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"the audit log {self.audit_path} cannot be read: "
                             f"{exc.__class__.__name__}") from exc

    def add_report(self, site_id: str, kind: str, text: str) -> ProblemReport:
        """Append the report to the JSON-lines file beside the catalogue."""
        report = ProblemReport(uuid.uuid4().hex, site_id, kind, text,
                               self._clock().isoformat(timespec="seconds"))
        self._append_report(asdict(report))
        return report

    def _append_report(self, entry: dict[str, Any]) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            append_line(self.directory / REPORTS_FILE, entry)
        except OSError as exc:
            raise StoreError(f"the problem reports cannot be written in {self.directory}: "
                             f"{exc.strerror or exc}") from exc

    def problem_reports(self) -> list[ProblemReport]:
        """The reports, each line after the first for an id updating it (marked done)."""
        reports: dict[str, ProblemReport] = {}
        for entry in _read_lines(self.directory / REPORTS_FILE):
            report_id = str(entry.get("report_id", ""))
            if report_id in reports:
                reports[report_id] = ProblemReport(**{**asdict(reports[report_id]), **entry})
                continue
            with contextlib.suppress(TypeError):
                reports[report_id] = ProblemReport(**entry)
        return list(reports.values())

    def mark_report_done(self, report_id: str, *, author: str) -> ProblemReport:
        """Append a 'done' line for the report, then an audit entry."""
        match = next((r for r in self.problem_reports() if r.report_id == report_id), None)
        if match is None:
            raise StoreError(f"there is no problem report {report_id}")
        moment = self._clock().isoformat(timespec="seconds")
        self._append_report({"report_id": report_id, "done_by": author, "done_time": moment})
        self.record(author, "report-done", report=report_id, site=match.site_id, kind=match.kind)
        return ProblemReport(**{**asdict(match), "done_by": author, "done_time": moment})

    def change_token(self) -> str:
        """Name, mtime and size of every file the catalogue is loaded from."""
        from ecosites.catalog import catalog_signature

        return repr(catalog_signature(self.directory))

    def read_catalog(self) -> Catalog:
        """Every ``*.geojson`` in the directory, validated and loaded (prepared once per content)."""
        from ecosites.prepared import load_prepared_catalog

        return load_prepared_catalog(self.directory, self.cache_dir)

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


def open_store(settings: Settings) -> CatalogStore:
    """The configured catalogue store: pages and commands get theirs here, never by class.

    PostGIS when ``ECOSITES_DATABASE_URL`` is set (the categories and tag labels still come
    from the catalogue directory), else the files in the catalogue directory.
    """
    if settings.database_url:
        from ecosites.pgstore import PostgisCatalogStore  # psycopg only when a database is used

        return PostgisCatalogStore(settings.database_url, reference_dir=settings.geodata_dir)
    return FileCatalogStore(settings.geodata_dir, cache_dir=settings.cache_dir)
