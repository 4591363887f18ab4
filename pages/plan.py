"""Visit planner: chosen sites in a good order with travel and visit times, to take along."""

from __future__ import annotations

import streamlit as st

from components.basemap import current_basemap
from components.bootstrap import ensure_entry_script
from components.context import current_lang, current_time
from components.data import get_leg_times, get_settings
from components.needed_sites import plan_site_ids
from components.plan_controls import get_plan_query
from components.plan_form import render_plan_form
from components.plan_keeper import keep_plan, restore_plan
from components.plan_map import render_plan_map
from components.plan_output import (
    render_downloads,
    render_notices,
    render_share,
    render_timetable,
    render_unplaced,
)
from components.store_queries import get_sites_catalog
from ecosites import schema, state
from ecosites.i18n import t
from ecosites.markers import site_label
from ecosites.planning.schedule import plan_visit
from ecosites.planning.stops import CatalogStops
from ecosites.planning.travel import PlannerConfig
from ecosites.planning.view import place_choice, share_url

ensure_entry_script()
restore_plan()  # the link's plan, else the one this browser kept

lang = current_lang()
settings = get_settings()
now = current_time(settings)
today = now.date()
catalog = get_sites_catalog(settings, plan_site_ids(today))  # in database mode only these
sites = catalog.sites

st.title(t("plan.title", lang))
st.caption(t("plan.caption", lang))

names = dict(zip(sites.index, (site_label(en, zh, lang) for en, zh in zip(
    sites[schema.NAME_EN], sites[schema.NAME_ZH], strict=True)), strict=True))
request = render_plan_form(list(sites.index), lambda i: names.get(i, i), lang, today)
plan = plan_visit(request, CatalogStops(sites), today,
                  PlannerConfig(measured=get_leg_times(settings)))
render_notices([*st.session_state.get(state.PLAN_URL_NOTICES, []), *plan.notices], lang)
render_unplaced(plan, lang)
link = share_url(st.context.url or "", get_plan_query())

hotel_mode = place_choice(request.start, sites.index).kind == "coords"
render_plan_map(sites, catalog.categories, plan, lang, current_basemap(settings), hotel_mode)
if plan.stops:
    render_timetable(plan, lang)
    render_downloads(plan, lang, link, now)
else:
    st.info(t("plan.empty_hint", lang))
render_share(link, lang)
keep_plan()
