"""Guiyang's green record: the brochure's story, with every figure's source, before picking sites."""

from __future__ import annotations

import streamlit as st

from components.about import (
    get_green_record,
    let_linked_pages_read_their_links,
    render_about_styles,
    render_contact,
    render_figures,
    render_forum,
    render_intro,
    render_recognitions,
    render_site_kinds,
    render_sources,
)
from components.about_sites import about_sites
from components.bootstrap import ensure_entry_script
from components.context import current_lang, current_time
from components.data import get_settings
from components.plan_keeper import keep_plan, restore_plan
from ecosites.green_record import GreenRecordError
from ecosites.i18n import t
from ecosites.planning.model import VENUE_ID

ensure_entry_script()
restore_plan()  # the link's plan, else the one this browser kept

lang = current_lang()
settings = get_settings()
today = current_time(settings).date()  # the forum's dates are Guiyang's
try:
    record = get_green_record(settings)
except GreenRecordError as error:
    st.error(t("about.record_error", lang, error=error), icon=":material/error:")
    st.stop()
shown = about_sites(settings)

render_about_styles()
let_linked_pages_read_their_links()
render_intro(record, lang)
render_recognitions(record, lang)
render_figures(record, lang)
render_site_kinds(record, shown.categories, shown.members, shown.counts, lang)
render_forum(record, VENUE_ID, shown.venue, today, lang)
render_contact(record, lang)
render_sources(record, lang)
keep_plan()  # the plan stays in the URL and in this browser on every page
