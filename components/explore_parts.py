"""Explore's pieces that both modes share: the link's state, the heading, the list and the details.

In memory (``pages/explore.py``) they get the filtered catalogue; in database mode
(``components/explore_store.py``) only the sites the store listed or the one opened.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from components.context import changed
from components.data import media_dir, site_thumbnails
from components.document import return_focus_after_details, set_page_title
from components.filters import apply_criteria_to_widgets, render_outside_filter
from components.near_me import NearMe, take_map_click
from components.plan_controls import render_plan_bulk_add, render_plan_toggle
from components.problem_report import render_problem_report
from components.site_detail import render_site_detail
from components.site_list import (
    MAX_LIST_ROWS,
    ListTable,
    render_site_list,
    render_unverified_hours,
)
from components.site_map import RETURNED, remember_link_site, render_site_map
from ecosites import schema, state
from ecosites.basemaps import Basemap
from ecosites.details import build_detail_view
from ecosites.filters import FilterOptions, link_notice, read_url_state
from ecosites.i18n import format_number, t
from ecosites.mapview import SiteLayer
from ecosites.nearby import position_layer
from ecosites.settings import Settings
from ecosites.store import open_store
from ecosites.vocab import Category


def apply_link_once(options: FilterOptions, site_ids: Sequence[str] | pd.Index, lang: str) -> None:
    """Put the link's filters and site into the widgets on the session's first run, once."""
    if st.session_state[state.URL_APPLIED]:
        return
    url = read_url_state(st.query_params.to_dict(), options, site_ids)
    apply_criteria_to_widgets(url.criteria)
    st.session_state[state.SELECTED_SITE] = url.site_id
    remember_link_site(url.site_id)
    st.session_state[state.URL_APPLIED] = True
    for notice in url.notices:
        st.toast(t("explore.ignored", lang, details=link_notice(notice, lang)),
                 icon=":material/warning:")
        st.session_state.setdefault(state.LINK_NOTICES, []).append(notice)


def render_heading(lang: str) -> None:
    """The title, the tagline and what a link asked for that was ignored."""
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))
    for notice in st.session_state.get(state.LINK_NOTICES, []):
        st.warning(t("explore.ignored", lang, details=link_notice(notice, lang)))


def render_list_panel(visible: gpd.GeoDataFrame, unverified: gpd.GeoDataFrame,
                      categories: Sequence[Category], lang: str, settings: Settings,
                      matching: int | None = None, every: ListTable | None = None) -> None:
    """The list of ``visible`` sites (a pick opens one); ``matching`` when they are only the first.

    ``every``: the whole catalogue's rows in ``lang`` (``list_table``), when the page holds it.
    """
    st.subheader(t("explore.list", lang))
    st.caption(t("explore.pick", lang))
    if len(visible):
        listed = visible.iloc[:MAX_LIST_ROWS]  # only the rows the table shows need a thumbnail
        thumbnails = site_thumbnails(zip(listed.index, listed[schema.MEDIA], strict=True),
                                     media_dir(settings))
        row_id = render_site_list(visible, categories, lang, key=state.SITE_TABLE,
                                  thumbnails=thumbnails, every=every)
        if matching is not None and matching > len(visible):
            st.caption(t("sitelist.capped", lang, shown=format_number(len(visible), lang),
                         total=format_number(matching, lang)))
        render_plan_bulk_add(list(visible.index), lang, key=state.PLAN_ADD_VISIBLE)
        if row_id:
            st.session_state[state.SELECTED_SITE] = row_id
            st.rerun()
    else:
        st.info(t("explore.none", lang))
    if len(unverified):
        render_unverified_hours(unverified, lang)
    return_focus_after_details()


def render_details_panel(site: Mapping[str, object], categories: Sequence[Category],
                         tags: Mapping[str, Mapping[str, str]], lang: str, now: datetime,
                         settings: Settings, outside_of: int | None = None) -> None:
    """The open site's panel; ``outside_of`` is how many match when the site itself does not."""
    selected = str(site[schema.ID])
    view = build_detail_view(site, categories, tags, lang, now=now)
    set_page_title(f"{view.title} · {t('nav.explore', lang)}", lang)
    if outside_of is not None:
        render_outside_filter(view.title, outside_of, lang)
    render_plan_toggle(selected, lang, key=state.PLAN_TOGGLE)
    report_store = open_store(settings)
    if render_site_detail(view, lang, key=state.SITE_DETAIL, media_dir=media_dir(settings),
                          footer=lambda: render_problem_report(report_store, selected, lang)):
        st.session_state[state.SELECTED_SITE] = None
        st.rerun()


def render_grouped_caption(layer: SiteLayer, matching: int, lang: str) -> None:
    """Say that the map counts the sites by area, or draws only those in and around its view."""
    count = format_number(matching, lang)
    st.caption(t("explore.grouped", lang, count=count) if "cells" in layer.data
               else t("explore.in_view", lang, shown=format_number(layer.site_count, lang), count=count))


def follow_map_event(event: dict[str, Any] | None, near: NearMe, basemap: Basemap, layer: SiteLayer,
                     selected: str | None) -> None:
    """A click on the map sets the "near me" position, or opens the clicked site (a rerun)."""
    if take_map_click(event, near, basemap):
        st.rerun()
    click = (event or {}).get("last_object_clicked_count"), (event or {}).get("last_object_clicked")
    if event and event.get("last_object_clicked") and changed(state.LAST_MAP_CLICK, click):
        clicked_id = layer.clicked_site(event)
        if clicked_id and clicked_id != selected:
            st.session_state[state.SELECTED_SITE] = clicked_id
            st.rerun()


def render_explore_map(base_map: folium.Map, layer: SiteLayer, near: NearMe, basemap: Basemap,
                       lang: str, follow_view: bool) -> dict[str, Any] | None:
    """The map with the sites' layer and the "near me" circle; ``follow_view``: a rerun per pan."""
    layers: list[folium.FeatureGroup] = [layer]
    if near.position is not None:
        layers.append(position_layer(*near.position, near.radius_m, t("near.you", lang),
                                     basemap.to_display))
    return render_site_map(base_map, layers, key=state.SITE_MAP,
                           returned=[*RETURNED, "last_clicked", *(["bounds"] if follow_view else [])])
