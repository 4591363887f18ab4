"""Public problem reports about a site: what was reported, the limits, and rate limiting.

A report holds the site id, one of a few kinds, a short text and the time; nothing
about who sent it is asked or stored. Reports never change the catalogue: staff read
them on the staff page and mark them done (which the audit log records).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

ReportKind = Literal["wrong_position", "closed", "wrong_hours", "other"]
REPORT_KINDS: tuple[ReportKind, ...] = get_args(ReportKind)
MAX_REPORT_CHARS = 500
SESSION_LIMIT = 3  # reports per browser session per window
OVERALL_LIMIT = 60  # reports from everyone per window
LIMIT_WINDOW = timedelta(hours=1)
REPORTS_FILE = ".reports.jsonl"


@dataclass(frozen=True)
class ProblemReport:
    """One report: which site, what kind, the text, when; and whether staff have dealt with it."""

    report_id: str
    site_id: str
    kind: str
    text: str
    time: str  # ISO 8601, UTC
    done_by: str = ""
    done_time: str = ""

    @property
    def done(self) -> bool:
        """True once staff marked it done."""
        return bool(self.done_time)


def clean_report_text(text: str) -> str:
    """The text as stored: stripped, control characters dropped, at most MAX_REPORT_CHARS."""
    kept = "".join(c for c in text if c.isprintable() or c == "\n")
    return kept.strip()[:MAX_REPORT_CHARS]


def within_limits(
    session_times: Sequence[datetime], reports: Sequence[ProblemReport], now: datetime
) -> bool:
    """Whether one more report is allowed: under the per-session and the overall hourly limit."""
    since = now - LIMIT_WINDOW
    if sum(1 for moment in session_times if moment > since) >= SESSION_LIMIT:
        return False
    recent = sum(1 for r in reports if datetime.fromisoformat(r.time) > since)
    return recent < OVERALL_LIMIT
