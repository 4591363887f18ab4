"""'Report a problem' under a site's details, and the staff page's list of reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from components.staff_review import set_flash
from ecosites import state
from ecosites.errors import StoreError
from ecosites.i18n import t
from ecosites.reports import MAX_REPORT_CHARS, REPORT_KINDS, clean_report_text, within_limits
from ecosites.store import CatalogStore


def _utc_now() -> datetime:
    return datetime.now(UTC)


CLOCK: Callable[[], datetime] = _utc_now  # tests replace it


def kind_label(kind: str, lang: str) -> str:
    """A report kind in the page's language (an unknown one as stored)."""
    return t(f"report.kind.{kind}", lang) if kind in REPORT_KINDS else kind


def render_problem_report(store: CatalogStore, site_id: str, lang: str) -> None:
    """A short form: what is wrong and a few words; asks for nothing about the sender."""
    with st.expander(t("report.open", lang)):
        sent = st.session_state.get(state.REPORT_SENT)
        if sent == site_id:
            st.success(t("report.thanks", lang))
        with st.form(state.sub_key(state.REPORT_FORM, site_id), clear_on_submit=True):
            kind = st.radio(t("report.kind", lang), REPORT_KINDS,
                            key=state.sub_key(state.REPORT_KIND, site_id),
                            format_func=lambda k: kind_label(k, lang))
            text = st.text_area(t("report.text", lang), max_chars=MAX_REPORT_CHARS,
                                key=state.sub_key(state.REPORT_TEXT, site_id))
            st.caption(t("report.no_personal_data", lang))
            submitted = st.form_submit_button(t("report.send", lang))
        if not submitted:
            return
        now = CLOCK()
        times: list[datetime] = list(st.session_state.get(state.REPORT_TIMES) or [])
        try:
            if not within_limits(times, store.problem_reports(), now):
                st.warning(t("report.limited", lang))
                return
            store.add_report(site_id, str(kind), clean_report_text(text or ""))
        except StoreError:
            st.error(t("report.failed", lang))
            return
        st.session_state[state.REPORT_TIMES] = [*times, now]
        st.session_state[state.REPORT_SENT] = site_id
        st.rerun()


def render_report_list(store: CatalogStore, author: str, lang: str) -> None:
    """Open reports first, each with 'Mark done'; done ones in a table below."""
    reports = store.problem_reports()
    open_reports = [r for r in reports if not r.done]
    if not open_reports:
        st.info(t("staff.reports_none", lang))
    for report in reversed(open_reports):
        with st.container(border=True):
            # Shown as plain text (st.text), never as Markdown or HTML: it is typed by the public.
            st.text(t("staff.report_line", lang, site=report.site_id,
                      kind=kind_label(report.kind, lang), time=report.time))
            if report.text:
                st.text(report.text)
            if st.button(t("staff.report_done", lang), key=state.sub_key(state.STAFF_REPORT_DONE,
                                                                          report.report_id)):
                store.mark_report_done(report.report_id, author=author)
                set_flash(t("staff.report_marked", lang, site=report.site_id))
                st.rerun()
    done = [r for r in reports if r.done]
    if done:
        with st.expander(t("staff.reports_done", lang, count=len(done))):
            st.dataframe(pd.DataFrame({
                t("staff.col.id", lang): [r.site_id for r in done],
                t("report.kind", lang): [kind_label(r.kind, lang) for r in done],
                t("report.text", lang): [r.text for r in done],
                t("staff.col.time", lang): [r.time for r in done],
                t("staff.col.author", lang): [r.done_by for r in done],
            }), hide_index=True, width="stretch", key=state.STAFF_REPORTS_DONE_TABLE)
