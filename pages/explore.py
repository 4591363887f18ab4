"""Explore: filter the sites, see them on the map and in a list, open one's details."""

from __future__ import annotations

import streamlit as st

from components.basemap import render_basemap_picker
from components.bootstrap import ensure_entry_script
from components.context import changed, current_lang, current_time
from components.data import get_catalog, get_settings, media_dir, site_thumbnails
from components.document import return_focus_after_details, set_page_title
from components.filters import (
    apply_criteria_to_widgets,
    render_count,
    render_filters,
    render_outside_filter,
)
from components.near_me import render_near_count, render_near_me, take_map_click
from components.plan_controls import render_plan_bulk_add, render_plan_toggle
from components.plan_keeper import keep_plan, restore_plan
from components.problem_report import render_problem_report
from components.site_detail import render_site_detail
from components.site_list import render_site_list, render_unverified_hours
from components.site_map import (
    RETURNED,
    browser_site_file,
    link_view,
    remember_link_site,
    render_site_map,
)
from ecosites import schema, state
from ecosites.catalog import site_row
from ecosites.details import build_detail_view
from ecosites.filters import (
    filter_options,
    filter_sites,
    link_notice,
    open_moment,
    read_url_state,
    split_open_at,
    url_params,
)
from ecosites.i18n import t
from ecosites.mapfit import focus_on, map_fit, view_bounds, with_site
from ecosites.mapview import SiteLayer, build_base_map, build_browser_layer, build_site_layer
from ecosites.nearby import position_layer, sites_near
from ecosites.search import rank_sites
from ecosites.store import open_store
from ecosites.urlsync import sync_query_params
from ecosites.validate import format_problems

ensure_entry_script()
restore_plan()  # the link's plan, else the one this browser kept

lang = current_lang()
settings = get_settings()
catalog = get_catalog(settings)
sites = catalog.sites
options = filter_options(sites)

if not st.session_state[state.URL_APPLIED]:
    url = read_url_state(st.query_params.to_dict(), options, sites.index)
    apply_criteria_to_widgets(url.criteria)
    st.session_state[state.SELECTED_SITE] = url.site_id
    remember_link_site(url.site_id)
    st.session_state[state.URL_APPLIED] = True
    for notice in url.notices:
        st.toast(t("explore.ignored", lang, details=link_notice(notice, lang)),
                 icon=":material/warning:")
        st.session_state.setdefault(state.LINK_NOTICES, []).append(notice)

st.title(t("app.title", lang))
st.caption(t("app.tagline", lang))
for notice in st.session_state.get(state.LINK_NOTICES, []):
    st.warning(t("explore.ignored", lang, details=link_notice(notice, lang)))
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
    layers = [layer]
    if near.position is not None:
        layers.append(position_layer(*near.position, near.radius_m, t("near.you", lang),
                                     basemap.to_display))
    event = render_site_map(base_map, layers, key=state.SITE_MAP,
                            returned=[*RETURNED, "last_clicked", *(["bounds"] if large else [])])
    if layer.grouped:
        st.caption(t("explore.grouped", lang, count=f"{len(visible):,}") if "cells" in layer.data
                   else t("explore.in_view", lang, shown=f"{layer.site_count:,}", count=f"{len(visible):,}"))
    if take_map_click(event, near, basemap):
        st.rerun()
    click = (event or {}).get("last_object_clicked_count"), (event or {}).get("last_object_clicked")
    if event and event.get("last_object_clicked") and changed(state.LAST_MAP_CLICK, click):
        clicked_id = layer.clicked_site(event)
        if clicked_id and clicked_id != selected:
            st.session_state[state.SELECTED_SITE] = clicked_id
            st.rerun()
with side_column:  # the place panel replaces the list while a site is open
    if selected is None:
        st.subheader(t("explore.list", lang))
        st.caption(t("explore.pick", lang))
        if len(visible):
            thumbnails = site_thumbnails(zip(visible.index, visible[schema.MEDIA], strict=True),
                                         media_dir(settings))
            row_id = render_site_list(visible, catalog.categories, lang, key=state.SITE_TABLE,
                                      thumbnails=thumbnails)
            render_plan_bulk_add(list(visible.index), lang, key=state.PLAN_ADD_VISIBLE)
            if row_id:
                st.session_state[state.SELECTED_SITE] = row_id
                st.rerun()
        else:
            st.info(t("explore.none", lang))
        if len(unverified):
            render_unverified_hours(unverified, lang)
        return_focus_after_details()
    else:
        view = build_detail_view(site_row(sites, selected), catalog.categories, catalog.tags, lang,
                                 now=now)
        set_page_title(f"{view.title} · {t('nav.explore', lang)}", lang)
        if outside:
            render_outside_filter(view.title, len(visible), lang)
        render_plan_toggle(selected, lang, key=state.PLAN_TOGGLE)
        report_store = open_store(settings)
        if render_site_detail(view, lang, key=state.SITE_DETAIL, media_dir=media_dir(settings),
                              footer=lambda: render_problem_report(report_store, str(selected), lang)):
            st.session_state[state.SELECTED_SITE] = None
            st.rerun()

sync_query_params(st.query_params, url_params(criteria, st.session_state[state.SELECTED_SITE]))
keep_plan()  # the plan stays in the URL and in this browser on every page
