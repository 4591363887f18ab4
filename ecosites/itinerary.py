"""The itinerary a visitor carries: per stop, what to show a taxi driver and a QR code for Amap.

Pure; shared by the printable page and the PDF in ``ecosites.exports`` and by the
planner page (the share link's QR code). Text is returned unescaped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import segno

from ecosites.directions import amap_marker_url
from ecosites.i18n import labelled, own_first, t
from ecosites.planning.plan import Plan
from ecosites.planning.stops import StopInfo
from ecosites.planning.timetable import timetable_rows


def amap_url(info: StopInfo) -> str:
    """A link that opens the site in Amap (its marker API takes GCJ-02 coordinates)."""
    return amap_marker_url(info.lon, info.lat, info.name_zh or info.name_en or info.id)


# What a QR code holds at error correction M (version 40, byte mode); a longer link
# (a hostile `from=` of 10,000 characters) gets no code, never a crash.
QR_MAX_BYTES = 2331


def qr_fits(text: str) -> bool:
    """True when ``text`` fits in one QR code at error correction M."""
    return len(text.encode("utf-8")) <= QR_MAX_BYTES


def qr_png(text: str, scale: int = 6) -> bytes:
    """A QR code (error correction M, quiet zone 4) as PNG bytes."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(text: str, scale: int = 3) -> str:
    """A QR code as an inline SVG element (no XML declaration)."""
    return str(segno.make(text, error="m", micro=False).svg_inline(scale=scale, border=4))


@dataclass(frozen=True)
class ItineraryStop:
    """One stop as the itinerary prints it."""

    number: int
    day: int
    title: str  # both names, the itinerary's language first
    taxi_text: str  # in Chinese, for the driver: the address, or the name and coordinates
    address_verified: bool
    address_en: str
    arrive: str
    depart: str
    leg_before: str  # '' for a day's first stop without a start point
    amap_url: str
    warnings: list[str] = field(default_factory=list)


def taxi_text(info: StopInfo) -> tuple[str, bool]:
    """The Chinese address (and whether it is verified), or the Chinese name with coordinates."""
    if info.address_zh:
        return info.address_zh, info.address_zh_verified
    name = info.name_zh or info.name_en
    return f"{name}（{info.lat:.5f}, {info.lon:.5f}）", False


def itinerary_stops(plan: Plan, lang: str) -> list[ItineraryStop]:
    """The plan's stops as the printable itinerary and the PDF show them."""
    stops = []
    for row, stop in zip(timetable_rows(plan, lang), plan.stops, strict=True):
        first, second = own_first(stop.info.name_en, stop.info.name_zh, lang)
        text, verified = taxi_text(stop.info)
        leg = labelled(t("plan.col.travel", lang), row.travel, lang) if row.travel else ""
        stops.append(ItineraryStop(
            row.number, row.day, " · ".join(p for p in (first, second) if p), text, verified,
            stop.info.address_en, row.arrive, row.depart, leg, amap_url(stop.info),
            list(row.warnings)))
    return stops


def address_unverified_note() -> str:
    """'地址未核实 · address not verified': for the driver and the traveller alike."""
    return f"{t('itinerary.address_unverified', 'zh')} · {t('itinerary.address_unverified', 'en')}"
