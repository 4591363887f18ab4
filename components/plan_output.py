"""The plan's results: notices, timetable with totals, downloads and the share link."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path

import streamlit as st

from components.plan_controls import get_plan_query, plan_ids, set_plan_ids, set_plan_query
from ecosites import state
from ecosites.escape import escape_markdown
from ecosites.exports import EXPORT_FORMATS, MEDIA_TYPES, assumptions_text, export_plan, find_cjk_font
from ecosites.i18n import format_date, labelled, t
from ecosites.itinerary import qr_fits, qr_png
from ecosites.planning.codec import QUERY_DATE
from ecosites.planning.model import Notice
from ecosites.planning.plan import Plan
from ecosites.planning.timetable import day_headings, timetable_rows, unplaced_rows
from ecosites.planning.view import closing_leg_lines, stop_times_line, totals


@st.cache_resource(show_spinner=False)
def cjk_font() -> tuple[Path, int] | None:
    """The system's CJK font for PDFs, looked up once per server process."""
    return find_cjk_font()


def render_notices(notices: Sequence[Notice], lang: str) -> None:
    """Warnings about the whole plan (stop warnings go beside their stop)."""
    for notice in notices:
        text = escape_markdown(notice.message(lang))
        suggestion = notice.suggestion(lang)
        if suggestion:
            text += "  \n" + escape_markdown(suggestion)
        if notice.severity == "warning":
            st.warning(text, icon=":material/warning:")
        else:
            st.markdown(":material/info: " + text)


def render_totals(plan: Plan, lang: str) -> None:
    """Stops, travel time, time at the sites, distance and days, in one row."""
    for column, (label, value) in zip(st.columns(5), totals(plan, lang), strict=True):
        column.metric(label, value)


def render_timetable(plan: Plan, lang: str) -> None:
    """The timetable as one card per stop: arrival, leaving, the leg before it, warnings."""
    st.subheader(t("plan.timetable", lang))
    render_totals(plan, lang)
    rows = timetable_rows(plan, lang)
    headings = day_headings(plan, lang)
    with st.container(key=state.PLAN_TIMETABLE):
        for day in plan.day_numbers:
            if len(headings) > 1:
                st.markdown(f"#### {escape_markdown(headings[day])}")
            for row in (r for r in rows if r.day == day):
                with st.container(border=True, key=state.plan_stop_key(row.number)):
                    st.markdown(f"**{row.number} · {escape_markdown(row.name)}**")
                    st.markdown(escape_markdown(stop_times_line(row, lang)))
                    if row.travel:
                        st.markdown(escape_markdown(
                            labelled(t("plan.col.travel", lang), row.travel, lang)))
                    for warning in row.warnings:
                        st.markdown(":material/warning: " + escape_markdown(warning))
    for line in closing_leg_lines(plan, lang):
        st.markdown(escape_markdown(line))
    st.markdown(escape_markdown(assumptions_text(plan, lang)))


def _move_date(iso_day: str) -> None:
    set_plan_query({**get_plan_query(), QUERY_DATE: iso_day})


def _drop_stop(site_id: str) -> None:
    set_plan_ids([i for i in plan_ids() if i != site_id])


def render_unplaced(plan: Plan, lang: str) -> None:
    """At the top: stops that cannot be visited on the plan's dates, with move/drop buttons."""
    rows = unplaced_rows(plan, lang)
    if not rows:
        return
    with st.container(border=True, key=state.PLAN_UNPLACED):
        st.subheader(t("plan.unplaced.title", lang))
        if plan.locked:
            st.markdown(escape_markdown(t("plan.unplaced.locked", lang)))
        for row in rows:
            st.markdown(":material/event_busy: " + labelled(
                f"**{escape_markdown(row.name)}**", escape_markdown(row.reason), lang)
                + (f"  \n{escape_markdown(row.dates)}" if row.dates else ""))
            left, right = st.columns(2)
            if row.move_to:
                left.button(t("plan.unplaced.move", lang, date=format_date(
                    date.fromisoformat(row.move_to), lang, weekday=True)),
                    key=state.sub_key(state.PLAN_UNPLACED, f"move.{row.site_id}"),
                    on_click=_move_date, args=(row.move_to,), icon=":material/event:")
            right.button(t("plan.unplaced.drop", lang, name=row.name),
                         key=state.sub_key(state.PLAN_UNPLACED, f"drop.{row.site_id}"),
                         on_click=_drop_stop, args=(row.site_id,), icon=":material/delete:")


def render_downloads(plan: Plan, lang: str, share_link: str, now: datetime) -> None:
    """A download button per format, stamped ``now``; files are made only when clicked."""
    st.subheader(t("plan.take_along", lang))
    stem = f"guiyang-visit-{plan.day.isoformat()}"
    buttons = [(fmt, lang, t(f"plan.download.{fmt}", lang)) for fmt in EXPORT_FORMATS
               if fmt not in ("html", "pdf")]
    buttons += [("html", code, t(f"plan.download.html_{code}", lang)) for code in ("en", "zh")]
    font = cjk_font()
    if font is not None:
        buttons += [("pdf", code, t(f"plan.download.pdf_{code}", lang)) for code in ("en", "zh")]
    columns = st.columns(3)
    for index, (fmt, file_lang, label) in enumerate(buttons):
        suffix = f"-{file_lang}" if fmt in ("html", "pdf") else ""
        columns[index % 3].download_button(
            label, data=partial(export_plan, plan, fmt, file_lang, font, now, share_link),
            file_name=f"{stem}{suffix}.{fmt}", mime=MEDIA_TYPES[fmt], on_click="ignore",
            key=state.plan_download_key(fmt, suffix), icon=":material/download:", width="stretch")
    if font is None:
        st.info(t("plan.pdf_unavailable", lang))


def render_share(url: str, lang: str) -> None:
    """The link that reopens this plan, as text and as a QR code."""
    st.markdown(escape_markdown(t("plan.share", lang)))
    st.code(url, language=None, wrap_lines=True)
    if qr_fits(url):
        st.image(qr_png(url), width=180, caption=t("plan.share_qr", lang), alt=t("plan.share_qr_alt", lang))
    else:
        st.caption(t("plan.share_qr_too_long", lang))
