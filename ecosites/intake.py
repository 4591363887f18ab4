"""Staff intake: uploads or a form edit -> validated plan (report, diff, merged catalogue) -> publish.

The same functions serve the staff page and the command line, so both doors apply the
same rules. A plan remembers the SHA-256 of the catalogue it was computed against;
publishing checks it, so a change made by someone else in between is never overwritten.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd

from ecosites import schema
from ecosites.catalog import geometries_from_geojson, sites_frame
from ecosites.crs import WGS84, SourceCrs
from ecosites.diff import CatalogDiff, diff_catalog, merge_catalog
from ecosites.readers import read_upload
from ecosites.store import (
    CatalogConflict,
    CatalogStore,
    NotRecorded,
    Snapshot,
    StoreError,
    Version,
    feature_id,
)
from ecosites.validate import FileReport, Limits, Problem, SeenIds, ValidFeature, validate_features
from ecosites.vocab import MIN_ZOOM

FORM_FILE = "form"
PREVIEW_MAX_ZOOM = 15


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name and bytes."""

    name: str
    data: bytes


@dataclass
class ImportPlan:
    """What publishing would do, and everything found on the way."""

    reports: list[FileReport]
    features: list[dict[str, Any]]
    diff: CatalogDiff
    merged: list[dict[str, Any]]
    base_sha256: str
    replace: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def all_problems(self) -> list[Problem]:
        """Plan-level problems first, then each file's."""
        return [*self.problems, *(p for r in self.reports for p in r.problems)]

    @property
    def errors(self) -> list[Problem]:
        """Problems that block publishing."""
        return [p for p in self.all_problems if p.severity == "error"]

    @property
    def unreadable(self) -> bool:
        """True when some file could not be read at all."""
        return any(not r.readable for r in self.reports)

    @property
    def can_publish(self) -> bool:
        """No errors, and something would change."""
        return not self.errors and self.diff.has_changes

    def note(self) -> str:
        """A one-line description of the change for history and the audit log."""
        files = ", ".join(r.file for r in self.reports)
        return f"{self.diff.summary()} ({files})"


def clean_feature(feature: ValidFeature) -> dict[str, Any]:
    """The feature as published: RFC 7946, id at both levels, every schema property."""
    properties = feature.properties.model_dump(mode="json")
    return {"type": "Feature", "id": properties[schema.ID], "geometry": feature.geometry,
            "properties": properties}


def plan_from_reports(
    reports: Sequence[FileReport], snapshot: Snapshot, replace: bool = False
) -> ImportPlan:
    """Combine validated files into one plan against the catalogue snapshot."""
    problems: list[Problem] = []
    features: list[dict[str, Any]] = []
    seen = SeenIds()
    for report in reports:
        for feature in report.features:
            site_id = feature.properties.id
            if site_id in snapshot.other_ids:
                problems.append(Problem(
                    report.file, f"this id is already used in {snapshot.other_ids[site_id]}, a "
                    "catalogue file that staff intake does not manage", feature.number, site_id,
                    schema.ID, "edit that file by hand, or give this site another id"))
                continue
            duplicate = seen.duplicate(feature, report.file)
            if duplicate is not None:
                problems.append(duplicate)
                continue
            features.append(clean_feature(feature))
    if snapshot.problem and not replace:
        problems.append(Problem("catalogue", snapshot.problem))
    if replace and not features and all(r.readable for r in reports):
        problems.append(Problem("catalogue", "replacing the catalogue with no valid sites would "
                                "remove every site; nothing is published"))
    current = [] if snapshot.problem else snapshot.features
    return ImportPlan(list(reports), features, diff_catalog(current, features, replace),
                      merge_catalog(current, features, replace), snapshot.sha256, replace, problems)


def read_uploads(
    uploads: Sequence[Upload], chosen: SourceCrs | None = None, limits: Limits | None = None,
    repair: bool = False,
) -> list[FileReport]:
    """Read and validate every upload."""
    return [read_upload(u.name, u.data, chosen, limits, repair) for u in uploads]


def prepare_import(
    uploads: Sequence[Upload], store: CatalogStore, chosen: SourceCrs | None = None,
    limits: Limits | None = None, replace: bool = False, repair: bool = False,
) -> ImportPlan:
    """Validate uploads and compute what publishing them would change."""
    return plan_from_reports(read_uploads(uploads, chosen, limits, repair), store.snapshot(), replace)


def edited_feature(current: dict[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a catalogue feature with some properties (and optionally lon/lat) replaced."""
    feature = copy.deepcopy(current)
    properties = dict(feature.get("properties") or {})
    for name, value in values.items():
        if name not in (schema.LON, schema.LAT):
            properties[name] = value
    if schema.LON in values and schema.LAT in values:
        feature["geometry"] = {"type": "Point", "coordinates": [values[schema.LON], values[schema.LAT]]}
    feature["properties"] = properties
    return feature


def find_feature(snapshot: Snapshot, site_id: str) -> dict[str, Any] | None:
    """The catalogue feature with this id, if any."""
    return next((f for f in snapshot.features if feature_id(f) == site_id), None)


def prepare_edit(snapshot: Snapshot, site_id: str, values: Mapping[str, Any]) -> ImportPlan:
    """Validate a form edit of one site exactly like an upload of that one feature."""
    current = find_feature(snapshot, site_id)
    if current is None:
        problem = Problem(FORM_FILE, f"there is no site '{site_id}' in the catalogue any more",
                          hint="reload the page")
        return ImportPlan([FileReport(FORM_FILE, problems=[problem])], [], CatalogDiff(),
                          list(snapshot.features), snapshot.sha256)
    report = validate_features([edited_feature(current, values)], FORM_FILE, WGS84)
    return plan_from_reports([report], snapshot)


def publish_plan(
    plan: ImportPlan, store: CatalogStore, author: str, expected_sha256: str | None = None,
    action: str = "publish",
) -> Version:
    """Publish a plan that has no errors; CatalogConflict if the catalogue changed since preview."""
    if plan.errors:
        raise ValueError("a plan with errors cannot be published")
    return store.publish(plan.merged, author=author, action=action, note=plan.note(),
                         expected_sha256=expected_sha256 or plan.base_sha256)


@dataclass(frozen=True)
class ReportRow:
    """One line of the per-feature report: where, the worst severity, and what was found."""

    file: str
    feature: int | None
    site_id: str
    status: str  # 'ok', 'warning' or 'error'
    problems: str


def report_rows(plan: ImportPlan, lang: str = "en") -> list[ReportRow]:
    """Every feature of every file (and file-level problems), in file order, worded in ``lang``."""
    rows = []
    for problem in plan.problems:
        rows.append(ReportRow(problem.file, problem.feature, problem.site_id or "",
                              problem.severity, problem.describe(lang)))
    for report in plan.reports:
        by_number: dict[int | None, list[Problem]] = {}
        for problem in report.problems:
            by_number.setdefault(problem.feature, []).append(problem)
        valid = {f.number: f.properties.id for f in report.features}
        numbers: list[int | None] = [None] if None in by_number else []
        numbers += list(range(1, report.feature_count + 1))
        for number in numbers:
            found = by_number.get(number, [])
            status = ("error" if any(p.severity == "error" for p in found) or
                      (number is not None and number not in valid)
                      else "warning" if found else "ok")
            site_id = valid.get(number) if number is not None else None
            site_id = site_id or next((p.site_id for p in found if p.site_id), "")
            text = "\n".join(f"{p.field + ': ' if p.field else ''}{p.text(lang)}"
                             f"{' (' + hint + ')' if (hint := p.hint_text(lang)) else ''}"
                             for p in found)
            rows.append(ReportRow(report.file, number, site_id or "", status, text))
    return rows


def preview_sites(features: Sequence[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Clean features as a catalogue-like GeoDataFrame (marker point, area) for the preview map."""
    return sites_frame([f["properties"] for f in features],
                       geometries_from_geojson([f["geometry"] for f in features]))


def preview_view(sites: gpd.GeoDataFrame) -> tuple[tuple[float, float], int] | None:
    """(lat, lon) centre and a zoom that show every previewed site, or None when there are none."""
    if sites.empty:
        return None
    west, south, east, north = (float(v) for v in sites.total_bounds)
    span_deg = max(east - west, north - south, 0.005)
    # A 256-pixel tile spans 360 / 2**zoom degrees; one level less leaves a margin.
    zoom = math.floor(math.log2(360.0 / span_deg)) - 1
    return ((south + north) / 2, (west + east) / 2), max(MIN_ZOOM, min(PREVIEW_MAX_ZOOM, zoom))


@dataclass(frozen=True)
class PublishOutcome:
    """What a publish attempt did: a new version, or why not (conflict or another reason)."""

    version: Version | None = None
    conflict: bool = False
    error: str = ""
    winner: Version | None = None  # on a conflict: the version published meanwhile, if known
    not_recorded: str = ""  # published, but the audit line could not be written: why


def try_publish(
    plan: ImportPlan, store: CatalogStore, author: str, expected_sha256: str | None,
    action: str = "publish",
) -> PublishOutcome:
    """Publish, turning a conflict or a store failure into a plain outcome."""
    try:
        return PublishOutcome(publish_plan(plan, store, author, expected_sha256, action))
    except NotRecorded as exc:
        return PublishOutcome(exc.version, not_recorded=str(exc))
    except CatalogConflict as exc:
        return PublishOutcome(conflict=True, winner=exc.winner)
    except StoreError as exc:
        return PublishOutcome(error=str(exc))


def current_version(store: CatalogStore) -> Version | None:
    """The recorded version the catalogue is at now; None when it was changed outside intake."""
    history = store.history()
    last = history[-1] if history else None
    return last if last is not None and last.sha256 == store.current_sha256() else None


def try_rollback(
    store: CatalogStore, number: int, author: str, expected_sha256: str | None
) -> PublishOutcome:
    """Roll back, turning a conflict or a store failure into a plain outcome."""
    try:
        return PublishOutcome(store.rollback(number, author=author, expected_sha256=expected_sha256))
    except NotRecorded as exc:
        return PublishOutcome(exc.version, not_recorded=str(exc))
    except CatalogConflict as exc:
        return PublishOutcome(conflict=True, winner=exc.winner)
    except StoreError as exc:
        return PublishOutcome(error=str(exc))
