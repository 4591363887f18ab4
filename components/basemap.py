"""The basemap selector (explore page sidebar) and the basemap every page's map uses."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.context import current_lang
from ecosites import state
from ecosites.basemaps import Basemap, available_basemaps, get_basemap, initial_basemap
from ecosites.escape import escape_markdown
from ecosites.i18n import t
from ecosites.mapview import TileSpec
from ecosites.settings import Settings


@st.cache_resource(max_entries=2, show_spinner=False)
def _served_archive(
    path: str,
    size: int,  # noqa: ARG001 -- only the cache key: serve a replaced archive again
    mtime_ns: int,  # noqa: ARG001 -- only the cache key
) -> TileSpec | str:
    from ecosites.vector_basemap import ArchiveError, archive_tiles

    try:
        return archive_tiles(Path(path))
    except ArchiveError as exc:
        return str(exc)


def served_archive(settings: Settings) -> TileSpec | None:
    """The offline archive (ECOSITES_PMTILES) served under static/, once per process and file.

    None when none is configured; when it cannot be used, the page says why.
    """
    if settings.pmtiles is None:
        return None
    try:
        stat = settings.pmtiles.stat()
    except OSError as exc:
        served: TileSpec | str = f"{settings.pmtiles} cannot be read: {exc.strerror}"
    else:
        served = _served_archive(str(settings.pmtiles), stat.st_size, stat.st_mtime_ns)
    if isinstance(served, str):
        st.warning(t("basemap.pmtiles_unavailable", current_lang(),
                     details=escape_markdown(served)))
        return None
    return served


def _chosen_key(settings: Settings, vector: TileSpec | None) -> str:
    """The basemap chosen in this session when it is offered, else the configured one."""
    key = st.session_state.get(state.BASEMAP)
    if key not in available_basemaps(settings.tianditu_key, vector):
        key = initial_basemap(settings.tiles, settings.tianditu_key, vector)
    return str(key)


def current_basemap(settings: Settings) -> Basemap:
    """The basemap chosen in this session, else the configured one (ECOSITES_TILES)."""
    vector = served_archive(settings)
    return get_basemap(_chosen_key(settings, vector), settings.tianditu_key, vector)


def render_basemap_picker(settings: Settings, lang: str) -> Basemap:
    """The basemap selectbox; Tianditu with a key, the offline archive when it is served."""
    vector = served_archive(settings)
    offered = available_basemaps(settings.tianditu_key, vector)
    if st.session_state.get(state.TILES) not in offered:
        st.session_state[state.TILES] = _chosen_key(settings, vector)
    key = st.sidebar.selectbox(t("basemap.label", lang), offered, key=state.TILES,
                               format_func=lambda k: t(f"basemap.{k}", lang),
                               help=t("basemap.help", lang), placeholder=t("form.choose_one", lang))
    st.session_state[state.BASEMAP] = key
    return get_basemap(key, settings.tianditu_key, vector)
