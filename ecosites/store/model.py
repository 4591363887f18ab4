"""What every catalogue store shares: the ``CatalogStore`` interface, versions, conflicts, content."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

# Defined in the light ecosites.errors (the command line catches it there); re-exported here.
from ecosites.errors import StoreError as StoreError
from ecosites.reports import ProblemReport
from ecosites.staffauth import StaffStore

if TYPE_CHECKING:
    from ecosites.catalog import Catalog
    from ecosites.filters import Criteria
    from ecosites.sitematch import CatalogSummary, Near, SiteMatches
    from ecosites.sitequery import SiteAnswer, SiteQuery

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

    def query_sites(self, query: SiteQuery) -> SiteAnswer:
        """The current sites in a view that match filters: markers, or counts per cell beyond a limit."""
        ...

    @property
    def serves_queries(self) -> bool:
        """True when the pages should ask the store each question instead of reading every site."""
        ...

    def summarize_sites(self) -> CatalogSummary:
        """How many current sites there are, per category, tag and district (what the filters offer)."""
        ...

    def match_sites(self, criteria: Criteria, limit: int, near: Near | None = None) -> SiteMatches:
        """How many current sites match (within ``near``), the first ``limit`` ids and their bounds."""
        ...

    def read_sites(self, site_ids: Sequence[str]) -> Catalog:
        """The current sites with these ids (unknown ids left out), loaded as ``read_catalog`` loads."""
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
