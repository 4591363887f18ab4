"""The planner's map: all sites (a click adds or removes one), the route drawn over them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import streamlit as st

from components.context import changed
from components.plan_controls import get_plan_query, set_plan_query, toggle_plan_site
from components.site_map import RETURNED, render_site_map
from ecosites import state
from ecosites.basemaps import Basemap
from ecosites.escape import escape_markdown
from ecosites.i18n import t
from ecosites.mapfit import map_fit
from ecosites.mapview import build_base_map, build_site_layer
from ecosites.markers import site_id_from_click
from ecosites.planning.codec import QUERY_FROM
from ecosites.planning.plan import Plan
from ecosites.planning.view import build_route_layer
from ecosites.vocab import Category


def _hotel_from_click(event: dict[str, Any], basemap: Basemap) -> str | None:
    click = event.get("last_clicked")
    if not isinstance(click, dict) or click.get("lat") is None or click.get("lng") is None:
        return None
    lon, lat = basemap.from_display(float(click["lng"]), float(click["lat"]))  # GCJ-02 on Amap
    return f"{lon:.6f},{lat:.6f}"


def render_plan_map(sites: gpd.GeoDataFrame, categories: Sequence[Category], plan: Plan,
                    lang: str, basemap: Basemap, hotel_mode: bool) -> None:
    """Draw the map; a marker click toggles that site, a map click places the hotel."""
    st.markdown(escape_markdown(t("plan.map_hint", lang)))
    show_all = st.toggle(t("plan.show_sites", lang), key=state.PLAN_SHOW_SITES)
    # Off: only the plan's own sites stay under their badges (a click still removes one).
    stop_ids = [s.info.id for s in plan.stops if s.info.id in sites.index]
    shown = sites if show_all else sites.loc[stop_ids]
    # With every site shown (for picking) the map looks at them all once and then stays
    # where the user puts it; with only the plan's stops, at them, again when they change.
    fit = map_fit(shown, ("all",) if show_all else ("stops", *stop_ids), basemap.to_display)
    base_map = build_base_map(categories, basemap.tiles, lang, basemap.overlays)
    site_layer = build_site_layer(shown, categories, lang, transform=basemap.to_display, fit=fit)
    route = build_route_layer(plan, lang, basemap.to_display)
    event = render_site_map(base_map, [site_layer, route], key=state.PLAN_MAP,
                            returned=[*RETURNED, "last_clicked"])
    if not event:
        return
    marker = (event.get("last_object_clicked_count"), event.get("last_object_clicked"))
    if event.get("last_object_clicked") and changed(state.PLAN_LAST_CLICK, marker):
        site_id = site_id_from_click(event, site_layer.data)
        if site_id:
            toggle_plan_site(site_id)
            st.rerun()
    hotel = _hotel_from_click(event, basemap)
    if hotel and changed(state.PLAN_LAST_POINT_CLICK, hotel) and hotel_mode:
        set_plan_query({**get_plan_query(), QUERY_FROM: hotel})
        st.rerun()
