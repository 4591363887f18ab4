"""The database's ``audit`` and ``problem_reports`` tables."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from ecosites.pgstore.connection import PostgisConnection, iso_utc
from ecosites.reports import ProblemReport
from ecosites.store import StoreError


class PostgisAudit(PostgisConnection):
    """Every staff action, oldest first, and the public problem reports."""

    def _audit(self, connection: psycopg.Connection[Any], moment: datetime, author: str,
               action: str, **details: Any) -> None:
        connection.execute("INSERT INTO audit (time, author, action, details) VALUES (%s, %s, %s, %s)",
                           (moment, author, action, Jsonb(details)))

    def record(self, author: str, action: str, **details: Any) -> None:
        """Append an entry to the audit table."""
        with self._transaction() as connection:
            self._audit(connection, self._clock(), author, action, **details)

    def audit_entries(self) -> list[dict[str, Any]]:
        """Every audit entry (time, author, action and details), oldest first."""
        with self._transaction() as connection:
            rows = connection.execute(
                "SELECT time, author, action, details FROM audit ORDER BY entry").fetchall()
        return [{"time": iso_utc(time), "author": author, "action": action, **details}
                for time, author, action, details in rows]

    def import_audit(self, entries: Sequence[dict[str, Any]]) -> int:
        """Append audit entries recorded elsewhere, keeping their times; returns how many."""
        count = 0
        with self._transaction() as connection:
            for entry in entries:
                details = {k: v for k, v in entry.items() if k not in ("time", "author", "action")}
                try:
                    moment = datetime.fromisoformat(str(entry.get("time")))
                except ValueError:
                    continue
                self._audit(connection, moment, str(entry.get("author", "")),
                            str(entry.get("action", "")), **details)
                count += 1
        return count

    def add_report(self, site_id: str, kind: str, text: str) -> ProblemReport:
        """Insert a problem report row."""
        moment = self._clock()
        report = ProblemReport(uuid.uuid4().hex, site_id, kind, text, iso_utc(moment))
        with self._transaction() as connection:
            connection.execute("INSERT INTO problem_reports (report_id, site_id, kind, text, time) "
                               "VALUES (%s, %s, %s, %s, %s)",
                               (report.report_id, site_id, kind, text, moment))
        return report

    def problem_reports(self) -> list[ProblemReport]:
        """Every report row, oldest first."""
        with self._transaction() as connection:
            rows = connection.execute(
                "SELECT report_id, site_id, kind, text, time, done_by, done_time FROM problem_reports "
                "ORDER BY entry").fetchall()
        return [ProblemReport(report_id, site_id, kind, text, iso_utc(time), done_by,
                              iso_utc(done_time) if done_time is not None else "")
                for report_id, site_id, kind, text, time, done_by, done_time in rows]

    def mark_report_done(self, report_id: str, *, author: str) -> ProblemReport:
        """Mark the row done and write the audit entry in the same transaction."""
        moment = self._clock()
        with self._transaction() as connection:
            row = connection.execute(
                "UPDATE problem_reports SET done_by = %s, done_time = %s WHERE report_id = %s "
                "RETURNING report_id, site_id, kind, text, time", (author, moment, report_id)).fetchone()
            if row is None:
                raise StoreError(f"there is no problem report {report_id}")
            self._audit(connection, moment, author, "report-done", report=report_id, site=row[1],
                        kind=row[2])
        return ProblemReport(row[0], row[1], row[2], row[3], iso_utc(row[4]), author, iso_utc(moment))
