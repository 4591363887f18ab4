"""Staff: upload, check, preview and publish sites; edit one site; history and rollback."""

from __future__ import annotations

import streamlit as st

from components.basemap import current_basemap
from components.bootstrap import ensure_entry_script
from components.context import current_lang
from components.data import get_catalog, get_settings, require_writable_store
from components.problem_report import render_report_list
from components.staff_auth import render_sign_out, require_staff
from components.staff_edit import render_edit_tab
from components.staff_history import render_history
from components.staff_review import (
    diff_summary,
    hold_upload_conflict,
    render_diff,
    render_flash,
    render_preview,
    render_publish_button,
    render_replace_confirmation,
    render_report,
    render_section_picker,
    render_upload_conflict,
    show_publish_outcome,
    swap_state,
)
from components.staff_upload import plan_upload, render_upload_form
from ecosites import state
from ecosites.i18n import t
from ecosites.intake import try_publish, try_rollback
from ecosites.store import StoreError, open_store

ensure_entry_script()

lang = current_lang()
author = require_staff(lang)  # stops here unless this session signed in
settings = get_settings()
store = open_store(settings)
catalog = get_catalog(settings)
require_writable_store(store, lang)
render_sign_out(store, lang)
st.title(t("staff.title", lang))
section = render_section_picker(lang)
render_flash(section)

if section == "upload":
    request = render_upload_form(settings, lang)
    if request is not None and not render_upload_conflict(store, lang):
        plan = plan_upload(request, store, settings)
        previewed = swap_state(state.STAFF_PREVIEWED_SHA, plan.base_sha256)
        render_report(plan, lang, key=state.STAFF_REPORT_TABLE)
        render_preview(plan, catalog.categories, current_basemap(settings), lang)
        render_diff(plan.diff, lang)
        confirmed = not request.replace or render_replace_confirmation(
            plan.diff.removed, store.snapshot().features, lang,
            key=state.staff_replace_confirm_key(st.session_state[state.STAFF_UPLOAD_ROUND]))
        if render_publish_button(plan, lang, key=state.STAFF_PUBLISH, confirmed=confirmed):
            outcome = try_publish(plan, store, author, str(previewed or plan.base_sha256))
            hold_upload_conflict(outcome)
            show_publish_outcome(outcome, lang, lambda v: t(
                "staff.published", lang, version=v.number, summary=diff_summary(plan.diff, lang)))

elif section == "edit":
    render_edit_tab(store, catalog.categories, author, lang)

elif section == "history":
    current = store.current_sha256()
    seen = swap_state(state.STAFF_HISTORY_SHA, current)
    try:
        audit = store.audit_entries()
    except StoreError:
        audit = []
        st.warning(t("staff.audit_unreadable", lang))
    number = render_history(store.history(), current, audit, lang)
    if number is not None:
        outcome = try_rollback(store, number, author, str(seen or current))
        show_publish_outcome(outcome, lang, lambda v: t(
            "staff.rolled_back", lang, version=number, new=v.number))

elif section == "reports":
    render_report_list(store, author, lang)
