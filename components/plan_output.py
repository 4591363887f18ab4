"""The plan's results: notices, timetable with totals, downloads and the share link."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import streamlit as st

from ecosites import state
from ecosites.escape import escape_markdown
from ecosites.exports import EXPORT_FORMATS, MEDIA_TYPES, assumptions_text, export_plan, find_cjk_font
from ecosites.i18n import t
from ecosites.planning.model import Notice
from ecosites.planning.schedule import Plan
from ecosites.planning.view import closing_leg_lines, timetable_frame, totals


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
            st.caption(text)


def render_totals(plan: Plan, lang: str) -> None:
    """Stops, travel time, time at the sites, distance and days, in one row."""
    for column, (label, value) in zip(st.columns(5), totals(plan, lang), strict=True):
        column.metric(label, value)


def render_timetable(plan: Plan, lang: str) -> None:
    """The timetable, warnings in each stop's own row."""
    st.subheader(t("plan.timetable", lang))
    render_totals(plan, lang)
    frame = timetable_frame(plan, lang)
    warnings = t("plan.col.warnings", lang)
    st.dataframe(frame, hide_index=True, width="stretch", key=state.PLAN_TIMETABLE,
                 row_height=60 if frame[warnings].str.len().max() else None,
                 column_config={warnings: st.column_config.TextColumn(width="large")})
    for line in closing_leg_lines(plan, lang):
        st.caption(escape_markdown(line))
    st.caption(escape_markdown(assumptions_text(plan, lang)))


def render_downloads(plan: Plan, lang: str) -> None:
    """A download button per format; files are made only when clicked."""
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
            label, data=partial(export_plan, plan, fmt, file_lang, font),
            file_name=f"{stem}{suffix}.{fmt}", mime=MEDIA_TYPES[fmt], on_click="ignore",
            key=state.plan_download_key(fmt, suffix), icon=":material/download:", width="stretch")
    if font is None:
        st.info(t("plan.pdf_unavailable", lang))


def render_share(url: str, lang: str) -> None:
    """The link that reopens this plan."""
    st.caption(t("plan.share", lang))
    st.code(url, language=None, wrap_lines=True)
