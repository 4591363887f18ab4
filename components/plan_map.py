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
from ecosites.catalog import Category
from ecosites.i18n import t
from ecosites.mapview import TileSpec, build_base_map, build_site_layer, site_id_from_click
from ecosites.planner import QUERY_FROM, Plan
from ecosites.planview import build_route_layer

LAST_POINT_CLICK = "plan.last_point_click"


def _hotel_from_click(event: dict[str, Any]) -> str | None:
    click = event.get("last_clicked")
    if not isinstance(click, dict) or click.get("lat") is None or click.get("lng") is None:
        return None
    return f"{float(click['lng']):.6f},{float(click['lat']):.6f}"


def render_plan_map(sites: gpd.GeoDataFrame, categories: Sequence[Category], plan: Plan,
                    lang: str, tiles: TileSpec | None, hotel_mode: bool) -> None:
    """Draw the map; a marker click toggles that site, a map click places the hotel."""
    st.caption(t("plan.map_hint", lang))
    base_map = build_base_map(categories, tiles, lang)
    site_layer = build_site_layer(sites, categories, lang)
    route = build_route_layer(plan, lang)
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
    hotel = _hotel_from_click(event)
    if hotel and changed(LAST_POINT_CLICK, hotel) and hotel_mode:
        set_plan_query({**get_plan_query(), QUERY_FROM: hotel})
        st.rerun()
