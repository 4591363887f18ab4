"""The file-backed catalogue store, and how it publishes.

``FileCatalogStore`` keeps the catalogue as ``sites.geojson`` in the catalogue directory,
every published version under ``.versions/`` (with time, author and SHA-256 in
``.versions/index.jsonl``, see ``ecosites/store/versions.py``) and an append-only audit
log in ``.audit.jsonl`` (``ecosites/store/audit.py``).

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

Staff accounts and the sign-in throttle are in ``ecosites/store/accounts.py``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from filelock import Timeout

from ecosites.store.accounts import StaffFiles
from ecosites.store.durable import append_line, atomic_write
from ecosites.store.layout import TEMPLATE_FILE, VERSION_INDEX
from ecosites.store.model import (
    UNKNOWN_AUTHOR,
    CatalogConflict,
    NotRecorded,
    Snapshot,
    StoreError,
    Version,
    catalog_bytes,
    conflict_message,
    feature_id,
    sha256_hex,
)
from ecosites.store.versions import VersionFiles

if TYPE_CHECKING:
    from ecosites.catalog import Catalog
    from ecosites.filters import Criteria
    from ecosites.sitematch import CatalogSummary, Near, SiteMatches
    from ecosites.sitequery import SiteAnswer, SiteQuery


class FileCatalogStore(VersionFiles, StaffFiles):
    """The catalogue as files in a directory (see the module docstring)."""

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

    def change_token(self) -> str:
        """Name, mtime and size of every file the catalogue is loaded from."""
        from ecosites.catalog import catalog_signature

        return repr(catalog_signature(self.directory))

    def read_catalog(self) -> Catalog:
        """Every ``*.geojson`` in the directory, validated and loaded (prepared once per content)."""
        from ecosites.prepared import load_prepared_catalog

        return load_prepared_catalog(self.directory, self.cache_dir)

    def query_sites(self, query: SiteQuery) -> SiteAnswer:
        """The answer from the loaded catalogue, by the pages' own filter and search rules."""
        from ecosites.sitequery_frame import answer_from_sites

        return answer_from_sites(self.read_catalog().sites, query)

    @property
    def serves_queries(self) -> bool:
        """False: the pages read the whole catalogue from the files and filter it in memory."""
        return False

    def summarize_sites(self) -> CatalogSummary:
        """The counts from the loaded catalogue."""
        from ecosites.sitematch_frame import summary_from_sites

        return summary_from_sites(self.read_catalog().sites)

    def match_sites(self, criteria: Criteria, limit: int, near: Near | None = None) -> SiteMatches:
        """The matches in the loaded catalogue, by the pages' own filter, search and distance rules."""
        from ecosites.sitematch_frame import matches_from_sites

        return matches_from_sites(self.read_catalog().sites, criteria, limit, near)

    def read_sites(self, site_ids: Sequence[str]) -> Catalog:
        """Those sites of the loaded catalogue, in catalogue order, with its categories and tags."""
        import dataclasses

        catalog = self.read_catalog()
        sites = catalog.sites
        return dataclasses.replace(catalog, sites=sites[sites.index.isin(list(site_ids))], problems=[])
