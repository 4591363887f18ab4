"""The file store's version history under ``.versions/``, and its recovery after a crash.

Each published version's content is ``.versions/vNNNNNN.geojson``; ``index.jsonl`` lists
them with time, author and SHA-256. A publish writes its record ``vNNNNNN.json`` before
the catalogue is replaced: a record whose SHA-256 is the catalogue's is a published
version the index lacks (a crash came between), any other record a publish that never
happened. ``FileCatalogStore`` (``ecosites/store/files.py``) runs the publish itself.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict
from pathlib import Path

from ecosites.store.audit import AuditFiles
from ecosites.store.durable import append_line, atomic_write, read_lines
from ecosites.store.layout import VERSION_INDEX
from ecosites.store.model import StoreError, Version, sha256_hex


def _feature_count(data: bytes) -> int:
    try:
        features = json.loads(data.decode("utf-8-sig")).get("features")
    except (ValueError, UnicodeDecodeError, AttributeError, RecursionError):
        return 0
    return len(features) if isinstance(features, list) else 0


class VersionFiles(AuditFiles):
    """Every published version's file, the index of them, and the records of a publish under way."""

    def _indexed(self) -> list[Version]:
        versions = []
        for entry in read_lines(self.versions_dir / VERSION_INDEX):
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
