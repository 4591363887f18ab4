"""The basemap selector (explore page sidebar) and the basemap every page's map uses."""

from __future__ import annotations

import streamlit as st

from ecosites import state
from ecosites.basemaps import Basemap, available_basemaps, get_basemap, initial_basemap
from ecosites.i18n import t
from ecosites.settings import Settings


def current_basemap(settings: Settings) -> Basemap:
    """The basemap chosen in this session, else the configured one (ECOSITES_TILES)."""
    offered = available_basemaps(settings.tianditu_key)
    key = st.session_state.get(state.BASEMAP)
    if key not in offered:
        key = initial_basemap(settings.tiles, settings.tianditu_key)
    return get_basemap(str(key), settings.tianditu_key)


def render_basemap_picker(settings: Settings, lang: str) -> Basemap:
    """The basemap selectbox; Tianditu is offered only when a key is configured."""
    offered = available_basemaps(settings.tianditu_key)
    if st.session_state.get(state.TILES) not in offered:
        st.session_state[state.TILES] = current_basemap(settings).key
    key = st.sidebar.selectbox(t("basemap.label", lang), offered, key=state.TILES,
                               format_func=lambda k: t(f"basemap.{k}", lang),
                               help=t("basemap.help", lang))
    st.session_state[state.BASEMAP] = key
    return get_basemap(key, settings.tianditu_key)
