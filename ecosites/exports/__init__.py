"""A plan in the formats people take along: JSON, ICS, GPX, KML, CSV, printable HTML and PDF.

Pure functions from a ``planning.plan.Plan`` to text or bytes, one module per kind:
``data`` (JSON, CSV), ``apps`` (ICS, GPX, KML), ``printable`` (HTML), ``pdf``, and ``text``
for the texts several of them share; ``export_plan`` picks one by format name.

Text meant for HTML (the print view, KML balloons) is escaped with ``ecosites.escape``;
the ICS, GPX and KML libraries add their own format escaping, so plain-text fields go to
them unescaped; CSV cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ecosites.exports.apps import plan_to_gpx, plan_to_ics, plan_to_kml
from ecosites.exports.data import csv_cell, plan_to_csv, plan_to_dict, plan_to_json
from ecosites.exports.pdf import find_cjk_font, plan_to_pdf
from ecosites.exports.printable import plan_to_html
from ecosites.exports.text import assumptions_text
from ecosites.planning.plan import Plan

__all__ = [
    "EXPORT_FORMATS",
    "MEDIA_TYPES",
    "assumptions_text",
    "csv_cell",
    "export_plan",
    "find_cjk_font",
    "plan_to_csv",
    "plan_to_dict",
    "plan_to_gpx",
    "plan_to_html",
    "plan_to_ics",
    "plan_to_json",
    "plan_to_kml",
    "plan_to_pdf",
]

EXPORT_FORMATS: tuple[str, ...] = ("json", "ics", "gpx", "kml", "csv", "html", "pdf")
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json", "ics": "text/calendar", "gpx": "application/gpx+xml",
    "kml": "application/vnd.google-earth.kml+xml", "csv": "text/csv",
    "html": "text/html", "pdf": "application/pdf",
}


def export_plan(plan: Plan, fmt: str, lang: str = "en", font: tuple[Path, int] | None = None,
                now: datetime | None = None, share_link: str | None = None) -> bytes:
    """The plan in format ``fmt`` as bytes (PDF needs ``font``; raises ValueError without)."""
    if fmt == "json":
        return plan_to_json(plan, lang).encode("utf-8")
    if fmt == "ics":
        return plan_to_ics(plan, lang, now)
    if fmt == "gpx":
        return plan_to_gpx(plan, lang).encode("utf-8")
    if fmt == "kml":
        return plan_to_kml(plan, lang).encode("utf-8")
    if fmt == "csv":
        return plan_to_csv(plan, lang).encode("utf-8")
    if fmt == "html":
        return plan_to_html(plan, lang, share_link).encode("utf-8")
    if fmt == "pdf":
        if font is None:
            raise ValueError("a PDF needs a CJK font; none was found")
        return plan_to_pdf(plan, lang, font, share_link)
    raise ValueError(f"unknown export format {fmt!r}")
