"""Compare sites: two to four side by side, for a delegation's programme."""

from __future__ import annotations

import streamlit as st

from components.basemap import current_basemap
from components.bootstrap import ensure_entry_script
from components.compare import render_compare_map, render_compare_picker, render_comparison
from components.context import current_lang
from components.data import get_settings, media_dir, site_thumbnails
from components.needed_sites import compare_site_ids
from components.plan_keeper import keep_plan, restore_plan
from components.store_queries import get_sites_catalog
from ecosites import schema, state
from ecosites.catalog import site_row
from ecosites.compare import (
    MIN_SITES,
    QUERY_COMPARE,
    compare_sites,
    compare_travel,
    group_highlights,
    read_compare_ids,
)
from ecosites.escape import quoted_ids
from ecosites.i18n import t
from ecosites.markers import site_label
from ecosites.planning.model import VENUE_ID
from ecosites.urlsync import sync_query_params

ensure_entry_script()
restore_plan()  # the link's plan, else the one this browser kept

lang = current_lang()
settings = get_settings()
catalog = get_sites_catalog(settings, compare_site_ids())  # in database mode only these
sites = catalog.sites

if not st.session_state.get(state.COMPARE_URL_APPLIED):
    ids, unknown, too_many = read_compare_ids(st.query_params.get(QUERY_COMPARE), sites.index)
    st.session_state[state.COMPARE_PICK] = ids
    messages = [t("plan.notice.unknown_ids", lang, count=len(unknown),
                  ids=quoted_ids(unknown))] if unknown else []
    st.session_state[state.COMPARE_URL_MESSAGES] = messages + (
        [t("compare.too_many", lang)] if too_many else [])
    st.session_state[state.COMPARE_URL_APPLIED] = True

st.title(t("compare.title", lang))
st.caption(t("compare.caption", lang))
for message in st.session_state.get(state.COMPARE_URL_MESSAGES, []):
    st.warning(message, icon=":material/warning:")

names = dict(zip(sites.index, (site_label(en, zh, lang) for en, zh in zip(
    sites[schema.NAME_EN], sites[schema.NAME_ZH], strict=True)), strict=True))
chosen = render_compare_picker(list(sites.index), lambda i: names.get(i, i), lang)
if len(chosen) < MIN_SITES:
    st.info(t("compare.need_two", lang))
else:
    rows = [{**site_row(sites, site_id), schema.ID: site_id} for site_id in chosen]
    thumbnails = site_thumbnails(((r[schema.ID], r[schema.MEDIA]) for r in rows), media_dir(settings))
    comparison = compare_sites(rows, catalog.categories, catalog.tags, lang)
    venue = ({**site_row(sites, VENUE_ID), schema.ID: VENUE_ID} if VENUE_ID in sites.index
             else None)
    travel = compare_travel(rows, comparison.titles, venue, lang)
    render_comparison(comparison, travel, lang, thumbnails,
                      group_highlights(rows, comparison.titles, travel, lang))
    render_compare_map(sites.loc[chosen], catalog.categories, lang, current_basemap(settings))
sync_query_params(st.query_params, {QUERY_COMPARE: ",".join(chosen)}, managed=(QUERY_COMPARE,))
keep_plan()  # the plan stays in the URL and in this browser on every page
