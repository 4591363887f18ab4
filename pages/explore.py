"""Explore: filter the sites, see them on the map and in a list, open one's details."""

from __future__ import annotations

import streamlit as st

from components.basemap import render_basemap_picker
from components.bootstrap import ensure_entry_script
from components.context import current_lang, current_time
from components.data import get_catalog, get_settings
from components.explore_parts import (
    apply_link_once,
    follow_map_event,
    render_details_panel,
    render_explore_map,
    render_grouped_caption,
    render_heading,
    render_list_panel,
)
from components.explore_store import render_explore_from_store
from components.filters import render_count, render_filters
from components.near_me import render_near_count, render_near_me
from components.plan_keeper import keep_plan, restore_plan
from components.site_list import list_table
from components.site_map import browser_site_file, link_view
from components.store_queries import serves_queries
from ecosites import state
from ecosites.catalog import site_row
from ecosites.filters import filter_options, filter_sites, open_moment, split_open_at, url_params
from ecosites.i18n import t
from ecosites.mapfit import focus_on, map_fit, view_bounds, with_site
from ecosites.mapview import SiteLayer, build_base_map, build_browser_layer, build_site_layer
from ecosites.nearby import sites_near
from ecosites.search import rank_sites
from ecosites.urlsync import sync_query_params
from ecosites.validate import format_problems

ensure_entry_script()
restore_plan()  # the link's plan, else the one this browser kept

lang = current_lang()
settings = get_settings()
if serves_queries(settings):  # database mode: the store answers each question, no site is held
    render_explore_from_store(settings, lang)
    st.stop()
catalog = get_catalog(settings)
sites = catalog.sites
options = catalog.derived(filter_options)

apply_link_once(options, sites.index, lang)
render_heading(lang)
if catalog.problems:
    with st.expander(t("explore.data_problems", lang, count=len(catalog.problems)),
                     icon=":material/warning:"):
        st.code("\n".join(format_problems(catalog.problems, lang)), language=None, wrap_lines=True)

now = current_time(settings)
criteria = render_filters(options, catalog.categories, catalog.tags, lang, now)
near = render_near_me(lang)
visible = filter_sites(sites, criteria, matcher=rank_sites)
if near.position is not None:
    visible = sites_near(visible, *near.position, near.radius_m)
moment = open_moment(criteria.open_on, now)
unverified = visible.iloc[0:0]
if moment is not None:  # unverified hours are listed on their own, never counted open
    visible, unverified = split_open_at(visible, moment)
render_near_count(near, len(visible), lang)
render_count(len(visible), len(sites), lang, unverified=len(unverified))
basemap = render_basemap_picker(settings, lang)  # Amap shifts what is drawn to GCJ-02

selected = st.session_state[state.SELECTED_SITE]
if selected is not None and selected not in sites.index:
    selected = st.session_state[state.SELECTED_SITE] = None
outside = selected is not None and selected not in visible.index
# The map looks again only when what it lists changes, never for a selection (map_fit):
# at the site a link opened, at an open site when nothing else is left, else at them all.
reason = (criteria, near.position, near.radius_m)
link_site = link_view(reason)
focus = link_site if link_site == selected else (selected if outside and not len(visible) else None)
fit = map_fit(visible, (reason, link_site), basemap.to_display,
              focus=focus_on(sites, focus, basemap.to_display))

map_column, side_column = st.columns([5, 4], gap="medium")
with map_column:
    base_map = build_base_map(catalog.categories, basemap.tiles, lang, basemap.overlays)
    # The browser holds up to map_browser_limit sites and groups them itself (no rerun per
    # pan); past it, large selections follow the map's view: it reports its bounds.
    browser_file = browser_site_file(catalog, lang, basemap) if (
        len(sites) <= settings.map_browser_limit) else None
    large = browser_file is None and len(visible) > settings.map_marker_limit
    if browser_file is not None:
        layer: SiteLayer = build_browser_layer(*browser_file, visible.index, selected, fit=fit)
    else:
        last_view = st.session_state.get(state.SITE_MAP) or {}
        drawn = with_site(visible, sites, selected) if outside else visible
        layer = build_site_layer(drawn, catalog.categories, lang, selected, basemap.to_display,
                                 marker_limit=settings.map_marker_limit,
                                 view=view_bounds(last_view.get("bounds")) if large else None,
                                 fit=fit)
    event = render_explore_map(base_map, layer, near, basemap, lang, follow_view=large)
    if layer.grouped:
        render_grouped_caption(layer, len(visible), lang)
    follow_map_event(event, near, basemap, layer, selected)
with side_column:  # the place panel replaces the list while a site is open
    if selected is None:
        render_list_panel(visible, unverified, catalog.categories, lang, settings,
                          every=catalog.derived(list_table, tuple(catalog.categories), lang))
    else:
        render_details_panel(site_row(sites, selected), catalog.categories, catalog.tags, lang, now,
                             settings, outside_of=len(visible) if outside else None)

sync_query_params(st.query_params, url_params(criteria, st.session_state[state.SELECTED_SITE]))
keep_plan()  # the plan stays in the URL and in this browser on every page
