"""A plan in the formats people take along: JSON, ICS, GPX, KML, CSV, printable HTML and PDF.

Pure functions from a ``planning.schedule.Plan`` to text or bytes. Text meant for HTML
(the print view, KML balloons) is escaped with ``ecosites.escape``; the ICS, GPX and KML
libraries add their own format escaping, so plain-text fields go to them unescaped; CSV
cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecosites.escape import escape_text
from ecosites.formatting import format_distance, format_minutes
from ecosites.i18n import format_date, html_lang, t
from ecosites.itinerary import (
    ItineraryStop,
    address_unverified_note,
    itinerary_stops,
    qr_fits,
    qr_png,
    qr_svg,
)
from ecosites.planning.model import Notice, Place
from ecosites.planning.schedule import Plan, ScheduledStop
from ecosites.planning.timetable import (
    day_headings,
    notice_text,
    place_address,
    place_name,
    stop_name,
    timetable_rows,
    unplaced_rows,
)
from ecosites.planning.travel import TRAVEL_PROFILES

if TYPE_CHECKING:
    from fpdf import FPDF

PRODID = "-//Guiyang Eco Sites//Visit planner//EN"
UID_DOMAIN = "guiyang-eco-sites"
CSV_COLUMNS: tuple[str, ...] = (
    "number", "day", "date", "id", "name_en", "name_zh", "arrive", "depart", "wait_minutes",
    "visit_minutes", "travel_minutes", "travel_minutes_quick", "travel_distance_m", "lon", "lat",
    "address_en",
    "address_zh", "warnings",
)
# Debian/Ubuntu paths of CJK fonts, tried when fc-list is missing (fonts-noto-cjk, wqy).
KNOWN_CJK_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)


def _day_date(iso_day: str, lang: str) -> str:
    """'Mon 30 November 2026' / '2026年11月30日（周一）' for a day heading."""
    return format_date(date.fromisoformat(iso_day), lang, weekday=True)


def _notice_dict(notice: Notice, lang: str) -> dict[str, Any]:
    return {"code": notice.code, "severity": notice.severity, "message": notice.message(lang),
            "suggestion": notice.suggestion(lang)}


def _place_dict(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"id": place.site_id or None, "lon": place.lon, "lat": place.lat,
            "name_en": place.name_en, "name_zh": place.name_zh}


def plan_to_dict(plan: Plan, lang: str = "en") -> dict[str, Any]:
    """The plan as JSON-ready data: stops, legs, warnings and totals."""
    return {
        "date": plan.day.isoformat(),
        "start_time": plan.start_time.strftime("%H:%M"),
        "mode": plan.mode,
        "days": plan.days,
        "round_trip": plan.round_trip,
        "locked_order": plan.locked,
        "from": _place_dict(plan.start),
        "to": _place_dict(plan.end),
        "stops": [{
            "number": s.number, "id": s.info.id, "name_en": s.info.name_en,
            "name_zh": s.info.name_zh, "lon": s.info.lon, "lat": s.info.lat, "day": s.day,
            "arrive": s.arrive.isoformat(), "depart": s.depart.isoformat(),
            "wait_minutes": s.wait_minutes, "visit_minutes": s.visit_minutes,
            "visit_minutes_assumed": s.visit_assumed,
            "warnings": [_notice_dict(n, lang) for n in s.notices],
        } for s in plan.stops],
        "legs": [{
            "from": leg.from_key, "to": leg.to_key, "day": leg.day,
            "distance_m": round(leg.distance_m), "straight_m": round(leg.straight_m),
            "minutes": leg.minutes, "quick_minutes": leg.quick_minutes,
            "measured_source": leg.source or None,
        } for leg in plan.legs],
        "warnings": [_notice_dict(n, lang) for n in plan.notices],
        # Left out of the schedule: no times, so no visit at a closed hour is implied.
        "unplaced": [{"id": u.info.id, "name_en": u.info.name_en, "name_zh": u.info.name_zh,
                      "reason": _notice_dict(u.reason, lang),
                      "open_before": u.before.isoformat() if u.before else None,
                      "open_after": u.after.isoformat() if u.after else None}
                     for u in plan.unplaced],
        "totals": {"stops": len(plan.stops), "days": plan.day_count,
                   "travel_minutes": plan.travel_minutes, "visit_minutes": plan.visit_minutes,
                   "distance_m": round(plan.distance_m)},
    }


def plan_to_json(plan: Plan, lang: str = "en") -> str:
    """The plan as pretty-printed JSON text."""
    return json.dumps(plan_to_dict(plan, lang), ensure_ascii=False, indent=2) + "\n"


def _description(plan: Plan, stop: ScheduledStop, lang: str) -> str:
    row = next(r for r in timetable_rows(plan, lang) if r.number == stop.number)
    lines = [f"{t('plan.col.visit', lang)}: {t('detail.minutes', lang, minutes=row.visit_minutes)}"]
    if row.travel:
        lines.append(f"{t('plan.col.travel', lang)}: {row.travel}")
    if row.address:
        lines.append(f"{t('plan.col.address', lang)}: {row.address}")
    lines += row.warnings
    return "\n".join(lines)


def plan_to_ics(plan: Plan, lang: str = "en", now: datetime | None = None) -> bytes:
    """An RFC 5545 calendar: one event per stop with LOCATION, GEO and DESCRIPTION."""
    import icalendar  # each format's library loads only when that format is written

    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", t("plan.print.title", lang))
    for stop in plan.stops:
        event = icalendar.Event()
        event.add("uid", f"{plan.day.isoformat()}-{stop.number}-{stop.info.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", stop.arrive)
        event.add("dtend", stop.depart)
        event.add("summary", f"{stop.number}. {stop_name(stop, lang)}")
        address = place_address(stop.info, lang)
        event.add("location", address or f"{stop_name(stop, lang)} "
                  f"({stop.info.lat:.5f}, {stop.info.lon:.5f})")
        event.add("geo", (stop.info.lat, stop.info.lon))
        event.add("description", _description(plan, stop, lang))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _route_points(plan: Plan) -> list[tuple[str, float, float]]:
    points: list[tuple[str, float, float]] = []
    for leg in plan.legs:
        start = (leg.from_key, leg.from_lonlat[0], leg.from_lonlat[1])
        if not points or points[-1] != start:
            points.append(start)
        points.append((leg.to_key, leg.to_lonlat[0], leg.to_lonlat[1]))
    if not points:
        points = [(s.info.id, s.info.lon, s.info.lat) for s in plan.stops]
    return points


def plan_to_gpx(plan: Plan, lang: str = "en") -> str:
    """GPX 1.1: a waypoint per stop and one route through start, stops and end."""
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    gpx.creator = "Guiyang Eco Sites"
    gpx.name = t("plan.print.title", lang)
    names = {s.info.id: f"{s.number}. {stop_name(s, lang)}" for s in plan.stops}
    for place in (plan.start, plan.end):
        if place is not None:
            names.setdefault(place.key, stop_name(place, lang))
    for stop in plan.stops:
        gpx.waypoints.append(gpxpy.gpx.GPXWaypoint(
            latitude=stop.info.lat, longitude=stop.info.lon, time=stop.arrive,
            name=names[stop.info.id], description=_description(plan, stop, lang),
            symbol="Flag, Blue"))
    route = gpxpy.gpx.GPXRoute(name=t("plan.print.title", lang))
    for key, lon, lat in _route_points(plan):
        route.points.append(gpxpy.gpx.GPXRoutePoint(latitude=lat, longitude=lon,
                                                     name=names.get(key, key)))
    gpx.routes.append(route)
    return str(gpx.to_xml(version="1.1"))


def plan_to_kml(plan: Plan, lang: str = "en") -> str:
    """KML: a placemark per stop and the route as a line.

    simplekml XML-escapes every name and description itself. Names are plain text in
    Google Earth, so they go in as they are; a description is HTML shown in the balloon,
    so its text is HTML-escaped first and its line breaks become ``<br>``.
    """
    import simplekml

    kml = simplekml.Kml(name=t("plan.print.title", lang))
    for stop in plan.stops:
        point = kml.newpoint(name=f"{stop.number}. {stop_name(stop, lang)}",
                             coords=[(stop.info.lon, stop.info.lat)])
        point.description = escape_text(_description(plan, stop, lang)).replace("\n", "<br>")
        point.timestamp.when = stop.arrive.isoformat()
    line = kml.newlinestring(name=t("plan.print.title", lang),
                             coords=[(lon, lat) for _, lon, lat in _route_points(plan)])
    line.style.linestyle.width = 4
    line.style.linestyle.color = "ffb27200"  # aabbggrr: the app's blue #0072B2
    return str(kml.kml())


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: leading = + - @ would otherwise start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def plan_to_csv(plan: Plan, lang: str = "en") -> str:
    """One row per stop with times, travel and warnings; UTF-8 with BOM for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in timetable_rows(plan, lang):
        values = [row.number, row.day, row.date, row.site_id, row.name_en, row.name_zh,
                  row.arrive, row.depart, row.wait_minutes, row.visit_minutes,
                  row.travel_minutes if row.travel_minutes is not None else "",
                  row.travel_quick_minutes if row.travel_quick_minutes is not None else "",
                  round(row.travel_distance_m) if row.travel_distance_m is not None else "",
                  f"{row.lon:.6f}", f"{row.lat:.6f}", row.address_en, row.address_zh,
                  " | ".join(row.warnings)]
        writer.writerow([csv_cell(v) if isinstance(v, str) else v for v in values])
    return "\ufeff" + buffer.getvalue()


_PRINT_CSS = """
body{font:14px/1.45 "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",
 system-ui,sans-serif;color:#111;margin:2em auto;max-width:48em;padding:0 1em}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;margin:1.4em 0 .4em}
h3{font-size:1.1em;margin:0 0 .3em}
.stop{border:1px solid #777;border-radius:6px;padding:.7em .9em;margin:.7em 0;display:flex;
 gap:1em;break-inside:avoid}.stop .text{flex:1;min-width:0;overflow-wrap:anywhere}
.taxi{font-size:1.9em;line-height:1.3;font-weight:700;margin:.2em 0}
.label{font-size:.9em;color:#333}.qr{flex:none;text-align:center;font-size:.8em;color:#333}
.warn{color:#7a4100}.meta{color:#333}.small{font-size:.9em;color:#333}
@media print{button{display:none}body{margin:0;max-width:none}h2{break-after:avoid}}
"""


def plan_to_html(plan: Plan, lang: str = "en", share_link: str | None = None) -> str:
    """A print-friendly itinerary page (standalone HTML, every text escaped)."""
    e = escape_text
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(t('plan.print.title', lang))} {e(plan.day.isoformat())}</title>",
        f"<style>{_PRINT_CSS}</style></head><body>",
        f"<button onclick=\"window.print()\">{e(t('plan.print.button', lang))}</button>",
        f"<h1>{e(t('plan.print.title', lang))}</h1>",
        f"<p class=\"meta\">{e(_summary(plan, lang))}</p>",
    ]
    for place, key in ((plan.start, "plan.print.from"), (plan.end, "plan.print.to")):
        if place is not None:
            parts.append(f"<p>{e(t(key, lang, place=place_name(place, lang)))}</p>")
    if plan.notices:
        parts.append(f"<h2>{e(t('plan.print.notes', lang))}</h2><ul>")
        parts += [f"<li class=\"warn\">{e(notice_text(n, lang))}</li>" for n in plan.notices]
        parts.append("</ul>")
    unplaced = unplaced_rows(plan, lang)
    if unplaced:
        parts.append(f"<h2>{e(t('plan.unplaced.title', lang))}</h2><ul>")
        parts += [f"<li class=\"warn\">{e(r.name)}: {e(r.reason)} {e(r.dates)}</li>"
                  for r in unplaced]
        parts.append("</ul>")
    stops = itinerary_stops(plan, lang)
    for day, heading in day_headings(plan, lang).items():
        parts.append(f"<h2>{e(heading)}</h2>")
        for stop in (s for s in stops if s.day == day):
            parts.append(f'<section class="stop"><div class="text"><h3>{stop.number}. '
                         f"{e(stop.title)}</h3>")
            parts.append(f'<div class="label">{e(t("itinerary.taxi", lang))}</div>'
                         f'<div class="taxi" lang="zh-Hans">{e(stop.taxi_text)}</div>')
            if not stop.address_verified:
                parts.append(f'<div class="warn">{e(address_unverified_note())}</div>')
            if stop.address_en:
                parts.append(f'<div><span class="label">{e(t("itinerary.address_en", lang))}:'
                             f"</span> <span lang=\"en\">{e(stop.address_en)}</span></div>")
            parts.append(f"<p><strong>{e(t('itinerary.times', lang, arrive=stop.arrive, depart=stop.depart))}"
                         "</strong>" + (f"<br>{e(stop.leg_before)}" if stop.leg_before else "")
                         + "</p>")
            parts += [f'<div class="warn">{e(w)}</div>' for w in stop.warnings]
            parts.append(f'</div><div class="qr">{qr_svg(stop.amap_url)}<br>'
                         f'<a href="{e(stop.amap_url)}">{e(t("itinerary.amap", lang))}</a>'
                         "</div></section>")
    if share_link and qr_fits(share_link):
        parts.append(f'<h2>{e(t("itinerary.share", lang))}</h2><div class="qr">'
                     f'{qr_svg(share_link)}<br><a href="{e(share_link)}">{e(share_link)}</a></div>')
    parts.append(f"<p class=\"small\">{e(assumptions_text(plan, lang))}</p>")
    parts.append(f"<p class=\"small\">{e(t('plan.print.generated', lang))}</p></body></html>")
    return "\n".join(parts) + "\n"


def _summary(plan: Plan, lang: str) -> str:
    return (f"{t('plan.mode', lang)}: {t('plan.mode.' + plan.mode, lang)} · "
            f"{t('plan.total.travel', lang)}: {format_minutes(plan.travel_minutes, lang)} · "
            f"{t('plan.total.visit', lang)}: {format_minutes(plan.visit_minutes, lang)} · "
            f"{t('plan.total.distance', lang)}: {format_distance(plan.distance_m, lang)}")


def assumptions_text(plan: Plan, lang: str, profiles: Any = None) -> str:
    """How travel times were estimated for this plan's mode."""
    profile = (profiles or TRAVEL_PROFILES)[plan.mode]
    return t("plan.assumptions", lang, detour=f"{profile.detour_factor:g}",
             speed=f"{profile.speed_kmh:g}", overhead=profile.overhead_minutes)


def find_cjk_font(candidates: Sequence[tuple[str, int]] = KNOWN_CJK_FONTS,
                  use_fontconfig: bool = True) -> tuple[Path, int] | None:
    """A font file (and its index in a collection) that covers Simplified Chinese, or None."""
    if use_fontconfig and shutil.which("fc-list"):
        try:
            listing = subprocess.run(
                ["fc-list", ":lang=zh-cn", "--format", "%{file}|%{index}|%{family}|%{style}\n"],
                capture_output=True, text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        fonts: list[tuple[int, str, int]] = []
        for line in listing.splitlines():
            font_file, font_index, family, style = [*line.split("|"), "", "", ""][:4]
            if not font_file.lower().endswith((".ttf", ".otf", ".ttc", ".otc")):
                continue
            # Prefer a regular Sans SC face: it draws both scripts cleanly in tables.
            score = int(("SC" in family) * 4 + ("Sans" in family) * 2 + ("Regular" in style)
                     - ("Mono" in family) * 4)
            fonts.append((score, font_file, int(font_index or 0)))
        if fonts:
            _, best_file, best_index = max(fonts, key=lambda f: (f[0], -len(f[1])))
            return Path(best_file), best_index
    for file, index in candidates:
        if Path(file).is_file():
            return Path(file), index
    return None


PDF_MARGIN_MM = 14
PDF_QR_MM = 32


def _pdf_para(pdf: FPDF, text: str, size: float, height: float, width: float) -> None:
    """One paragraph in the CJK font, wrapped to ``width`` mm."""
    pdf.set_font("cjk", size=size)
    pdf.multi_cell(width, height, text, new_x="LMARGIN", new_y="NEXT")


def _pdf_header(pdf: FPDF, plan: Plan, lang: str, width: float) -> None:
    """Title, summary, start and end, notices and the stops that could not be placed."""
    _pdf_para(pdf, t("plan.print.title", lang), 16, 8, width)
    _pdf_para(pdf, _summary(plan, lang), 9, 5, width)
    for place, key in ((plan.start, "plan.print.from"), (plan.end, "plan.print.to")):
        if place is not None:
            _pdf_para(pdf, t(key, lang, place=place_name(place, lang)), 9, 5, width)
    for notice in plan.notices:
        _pdf_para(pdf, "• " + notice_text(notice, lang), 9, 5, width)
    unplaced = unplaced_rows(plan, lang)
    if unplaced:
        pdf.ln(2)
        _pdf_para(pdf, t("plan.unplaced.title", lang), 12, 6, width)
        for row in unplaced:
            _pdf_para(pdf, f"• {row.name}: {row.reason} {row.dates}", 9, 5, width)


def _pdf_stop(pdf: FPDF, stop: ItineraryStop, lang: str, width: float) -> None:
    """One stop: its text beside its Amap QR code, then a rule (a new page when it would not fit)."""
    if pdf.get_y() + PDF_QR_MM + 14 > pdf.h - PDF_MARGIN_MM:
        pdf.add_page()
    text_width = width - PDF_QR_MM - 4
    top = pdf.get_y() + 1
    pdf.image(io.BytesIO(qr_png(stop.amap_url)), x=pdf.w - PDF_MARGIN_MM - PDF_QR_MM,
              y=top, w=PDF_QR_MM, h=PDF_QR_MM, link=stop.amap_url)
    pdf.set_y(top)
    _pdf_para(pdf, f"{stop.number}. {stop.title}", 11.5, 6, text_width)
    _pdf_para(pdf, t("itinerary.taxi", lang), 8, 4, text_width)
    _pdf_para(pdf, stop.taxi_text, 18, 9, text_width)
    if not stop.address_verified:
        _pdf_para(pdf, address_unverified_note(), 9, 5, text_width)
    if stop.address_en:
        _pdf_para(pdf, f"{t('itinerary.address_en', lang)}: {stop.address_en}", 9, 5, text_width)
    _pdf_para(pdf, t("itinerary.times", lang, arrive=stop.arrive, depart=stop.depart), 10, 5.5,
              text_width)
    if stop.leg_before:
        _pdf_para(pdf, stop.leg_before, 9, 5, text_width)
    for warning in stop.warnings:
        _pdf_para(pdf, "! " + warning, 8.5, 4.6, text_width)
    pdf.set_y(max(pdf.get_y(), top + PDF_QR_MM) + 1)
    pdf.set_font("cjk", size=7)
    pdf.cell(width, 4, t("itinerary.amap", lang), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.line(PDF_MARGIN_MM, pdf.get_y() + 1, pdf.w - PDF_MARGIN_MM, pdf.get_y() + 1)
    pdf.ln(3)


def _pdf_share(pdf: FPDF, share_link: str, lang: str, width: float) -> None:
    """The link to the plan with its QR code (on a new page when it would not fit)."""
    if pdf.get_y() + PDF_QR_MM + 12 > pdf.h - PDF_MARGIN_MM:
        pdf.add_page()
    _pdf_para(pdf, t("itinerary.share", lang), 11, 6, width)
    pdf.image(io.BytesIO(qr_png(share_link)), x=PDF_MARGIN_MM, w=PDF_QR_MM, h=PDF_QR_MM,
              link=share_link)
    _pdf_para(pdf, share_link, 7.5, 4, width)


def plan_to_pdf(plan: Plan, lang: str, font: tuple[Path, int], share_link: str | None = None
                ) -> bytes:
    """The itinerary as PDF on A4 portrait, drawn with a CJK font (from ``find_cjk_font``)."""
    from fpdf import FPDF

    path, index = font
    pdf = FPDF(orientation="portrait", format="A4")
    pdf.set_margins(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=PDF_MARGIN_MM)
    pdf.add_font("cjk", fname=str(path), collection_font_number=index)
    pdf.set_title(t("plan.print.title", lang))
    pdf.set_creator("Guiyang Eco Sites")
    pdf.add_page()
    width = pdf.w - 2 * PDF_MARGIN_MM
    _pdf_header(pdf, plan, lang, width)
    stops = itinerary_stops(plan, lang)
    for day, heading in day_headings(plan, lang).items():
        pdf.ln(3)
        _pdf_para(pdf, heading, 13, 7, width)
        for stop in (s for s in stops if s.day == day):
            _pdf_stop(pdf, stop, lang, width)
    if share_link and qr_fits(share_link):
        _pdf_share(pdf, share_link, lang, width)
    pdf.ln(3)
    _pdf_para(pdf, assumptions_text(plan, lang), 7.5, 4, width)
    return bytes(pdf.output())


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
