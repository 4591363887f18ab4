"""The itinerary as PDF on A4 portrait, with a system CJK font found by fontconfig."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ecosites.exports.text import assumptions_text, plan_summary
from ecosites.i18n import labelled, t
from ecosites.itinerary import ItineraryStop, address_unverified_note, itinerary_stops, qr_fits, qr_png
from ecosites.planning.plan import Plan
from ecosites.planning.timetable import day_headings, notice_text, place_name, unplaced_rows

if TYPE_CHECKING:
    from fpdf import FPDF

# Debian/Ubuntu paths of CJK fonts, tried when fc-list is missing (fonts-noto-cjk, wqy).
KNOWN_CJK_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)


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
    _pdf_para(pdf, plan_summary(plan, lang), 9, 5, width)
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
            _pdf_para(pdf, f"• {labelled(row.name, row.reason, lang)} {row.dates}", 9, 5, width)


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
        _pdf_para(pdf, labelled(t("itinerary.address_en", lang), stop.address_en, lang), 9, 5,
                  text_width)
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

