"""The file store's append-only logs: the staff audit log and the public problem reports."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import asdict
from typing import Any

from ecosites.reports import REPORTS_FILE, ProblemReport
from ecosites.store.durable import append_line, read_lines
from ecosites.store.layout import FileLayout
from ecosites.store.model import StoreError


class AuditFiles(FileLayout):
    """``.audit.jsonl`` and the problem reports as JSON lines beside the catalogue."""

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
            return read_lines(self.audit_path)
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
        for entry in read_lines(self.directory / REPORTS_FILE):
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
