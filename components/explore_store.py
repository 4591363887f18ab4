"""Explore in database mode: every answer comes from the store, no rerun holds every site.

The filters' options come from the store's summary; the count, the list (its first rows,
as the in-memory list is capped) and the map's fit from ``match_sites``; the map from
``query_sites`` for its view (a rerun per pan once the matches are more than the map
draws, counts per lattice cell when zoomed out); the open site from ``read_sites``. "Near
me" is a store question too; "Open on..." needs each site's opening rules, so it is judged
on the listed sites only, and the page says so when they are not all the matches; the
map then draws those sites. See ``components/store_queries.py`` for caching and failures.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from components.basemap import render_basemap_picker
from components.context import current_time
from components.explore_parts import (
    apply_link_once,
    follow_map_event,
    render_details_panel,
    render_explore_map,
    render_grouped_caption,
    render_heading,
    render_list_panel,
)
from components.filters import render_count, render_filters
from components.near_me import render_near_count, render_near_me
from components.plan_keeper import keep_plan
from components.site_list import MAX_LIST_ROWS
from components.site_map import link_view
from components.store_queries import open_queries
from ecosites import state
from ecosites.catalog import site_row
from ecosites.filters import (
    QUERY_SITE,
    FilterOptions,
    open_moment,
    split_open_at,
    url_params,
)
from ecosites.i18n import format_number, t
from ecosites.mapfit import bounds_fit, focus_on, map_fit, view_bounds, with_site
from ecosites.mapview import build_base_map, build_site_layer
from ecosites.nearby import sites_near
from ecosites.querymap import answer_layer, query_bounds
from ecosites.settings import Settings
from ecosites.sitematch import CatalogSummary
from ecosites.sitematch_frame import matches_from_sites
from ecosites.sitequery import SiteQuery
from ecosites.urlsync import sync_query_params
from ecosites.vocab import CATEGORY_SLUGS


def summary_options(summary: CatalogSummary) -> FilterOptions:
    """The filters' choices from the store's summary (as ``filter_options`` gives them in memory)."""
    return FilterOptions(CATEGORY_SLUGS, tuple(tag for tag, _ in summary.tags),
                         tuple(district for district, _ in summary.districts))


def render_explore_from_store(settings: Settings, lang: str) -> None:
    """The whole Explore page in database mode (``pages/explore.py`` hands over to it)."""
    queries = open_queries(settings)
    summary = queries.summary()
    options = summary_options(summary)
    link_site = st.query_params.get(QUERY_SITE) or None
    apply_link_once(options, queries.sites([link_site]).sites.index if link_site else (), lang)
    render_heading(lang)

    now = current_time(settings)
    reference = queries.sites(())  # no site: the categories and tag labels
    criteria = render_filters(options, reference.categories, reference.tags, lang, now)
    near = render_near_me(lang)
    asked = dataclasses.replace(criteria, open_on="")  # a store never judges opening hours
    circle = (*near.position, near.radius_m) if near.position is not None else None
    matches = queries.matches(asked, MAX_LIST_ROWS, circle)
    moment = open_moment(criteria.open_on, now)
    selected = st.session_state[state.SELECTED_SITE]
    chosen = queries.sites([selected] if selected is not None else [])
    if selected is not None and selected not in chosen.sites.index:
        selected = st.session_state[state.SELECTED_SITE] = None
    # The listed sites are loaded whole (about 1 s for 2,000): only when the list is shown,
    # or when they are what the count and the map are judged on.
    loaded = (queries.sites(matches.ids).sites
              if selected is None or circle is not None or moment is not None else reference.sites)
    listed = loaded.loc[[i for i in matches.ids if i in loaded.index]]  # best first, or nearest first
    if circle is not None:
        listed = sites_near(listed, *circle)  # the distance column; the order stays
    unverified = listed.iloc[0:0]
    if moment is not None:  # unverified hours are listed on their own, never counted open
        listed, unverified = split_open_at(listed, moment)
    judged_first = moment is not None and matches.total > len(matches.ids)
    visible_count = len(listed) if moment is not None else matches.total
    render_near_count(near, visible_count, lang)
    render_count(visible_count, summary.total, lang, unverified=len(unverified))
    if judged_first:
        st.caption(t("explore.open_first", lang, shown=format_number(len(matches.ids), lang),
                     count=format_number(matches.total, lang)))
    basemap = render_basemap_picker(settings, lang)

    outside = False
    if selected is not None:  # judged on the one site, by the same rules as the list
        own = matches_from_sites(chosen.sites, asked, 1, circle)
        still = chosen.sites.loc[list(own.ids)]
        outside = not len(still) or (moment is not None and not len(split_open_at(still, moment)[0]))
    reason = (criteria, near.position, near.radius_m)
    link_view_site = link_view(reason)
    focus = link_view_site if link_view_site == selected else (
        selected if outside and not visible_count else None)
    focus_at = focus_on(chosen.sites, focus, basemap.to_display)

    map_column, side_column = st.columns([5, 4], gap="medium")
    with map_column:
        base_map = build_base_map(reference.categories, basemap.tiles, lang, basemap.overlays)
        limit = settings.map_marker_limit
        large = circle is None and moment is None and matches.total > limit
        if circle is not None or moment is not None:  # the map draws the listed sites
            drawn = with_site(listed, chosen.sites, selected) if selected is not None else listed
            fit = map_fit(listed, (reason, link_view_site), basemap.to_display, focus=focus_at)
            layer = build_site_layer(drawn, reference.categories, lang, selected, basemap.to_display,
                                     fit=fit)
            layer.grouped = matches.total > len(matches.ids)
        else:
            fit = bounds_fit(matches.bounds, (reason, link_view_site), basemap.to_display, focus=focus_at)
            last_view = st.session_state.get(state.SITE_MAP) or {}
            view = (view_bounds(last_view.get("bounds")) if large else None) or matches.bounds
            answer = queries.answer(SiteQuery(query_bounds(view), asked, limit=limit)) if view else None
            layer = answer_layer(answer, reference.categories, lang, chosen.sites, basemap.to_display,
                                 fit=fit, grouped=large) if answer else build_site_layer(
                chosen.sites, reference.categories, lang, selected, basemap.to_display, fit=fit)
        event = render_explore_map(base_map, layer, near, basemap, lang, follow_view=large)
        if layer.grouped:
            render_grouped_caption(layer, matches.total, lang)
        follow_map_event(event, near, basemap, layer, selected)
    with side_column:  # the place panel replaces the list while a site is open
        if selected is None:
            render_list_panel(listed, unverified, reference.categories, lang, settings,
                              matching=None if moment is not None else matches.total)
        else:
            render_details_panel(site_row(chosen.sites, selected), chosen.categories, chosen.tags,
                                 lang, now, settings, outside_of=visible_count if outside else None)

    sync_query_params(st.query_params, url_params(criteria, st.session_state[state.SELECTED_SITE]))
    keep_plan()  # the plan stays in the URL and in this browser on every page
