""""Near me": a position from the browser, typed, or clicked on the map; a radius; sites by distance.

The browser's position comes from a tiny local component (``components/geolocation``,
no library and nothing remote): Streamlit's component iframe allows ``geolocation``,
and the browser asks the user before sharing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as st_components

from components.context import changed
from ecosites import state
from ecosites.basemaps import Basemap
from ecosites.coords import DATUMS
from ecosites.escape import escape_markdown
from ecosites.formatting import format_distance
from ecosites.i18n import format_number, t
from ecosites.nearby import DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM, format_position, parse_position

_geolocation = st_components.declare_component(
    "geolocation", path=str(Path(__file__).resolve().parent / "geolocation"))


_ERROR_KEYS = frozenset({"near.error.1", "near.error.2", "near.error.3"})


@dataclass(frozen=True)
class NearMe:
    """Whether "near me" is on, the WGS-84 (lon, lat) position if known, and the radius."""

    enabled: bool
    position: tuple[float, float] | None
    radius_m: float


def _apply_pending() -> None:
    """Put a position found last run (browser or map click) into the box before it renders."""
    pending = st.session_state.pop(state.NEAR_PENDING, None)
    if pending:
        st.session_state[state.NEAR_TEXT] = pending
        st.session_state[state.NEAR_DATUM] = "wgs84"


def _browser_position(lang: str) -> None:
    """The "Use my location" button; a new fix goes into the position box."""
    fix: Any = _geolocation(label=t("near.locate", lang), busy=t("near.locating", lang),
                            lang=lang, key=state.NEAR_LOCATE, default=None)
    if not isinstance(fix, dict):
        return
    if "error" in fix:
        reason_key = f"near.error.{fix['error']}"
        reason = t(reason_key if reason_key in _ERROR_KEYS else "near.error.unsupported", lang)
        st.warning(t("near.denied", lang, reason=reason))
        return
    try:
        lon, lat, accuracy = float(fix["lon"]), float(fix["lat"]), float(fix.get("accuracy_m", 0))
    except (KeyError, TypeError, ValueError):
        return
    if changed(state.NEAR_LAST_FIX, fix.get("at")):
        st.session_state[state.NEAR_TEXT] = format_position(lon, lat)
        st.session_state[state.NEAR_DATUM] = "wgs84"
    if accuracy > 0:
        st.caption(t("near.accuracy", lang, metres=format_distance(accuracy, lang)))



def render_near_me(lang: str) -> NearMe:
    """The "Near me" controls in the sidebar; returns what they say."""
    with st.sidebar:
        st.subheader(t("near.header", lang))
        enabled = st.toggle(t("near.enable", lang), key=state.NEAR_ON)
        if not enabled:
            return NearMe(False, None, DEFAULT_RADIUS_KM * 1000)
        _apply_pending()
        _browser_position(lang)
        text = st.text_input(t("near.position", lang), key=state.NEAR_TEXT,
                             placeholder="106.63, 26.65", help=t("near.position_help", lang),
                             max_chars=80)
        datum = st.selectbox(t("near.datum", lang), DATUMS, key=state.NEAR_DATUM,
                             format_func=lambda d: t(f"near.datum.{d}", lang))
        radius_km = st.select_slider(t("near.radius", lang), RADIUS_CHOICES_KM,
                                     value=DEFAULT_RADIUS_KM, key=state.NEAR_RADIUS_KM,
                                     format_func=lambda km: format_number(km, lang))
        radius_m = float(radius_km) * 1000
        if not text.strip():
            st.caption(t("near.waiting", lang))
            return NearMe(True, None, radius_m)
        parsed = parse_position(text, datum)
        if parsed.position is None:
            st.error(t("near.bad_position", lang, text=escape_markdown(text.strip())))
            return NearMe(True, None, radius_m)
        if parsed.swapped:
            st.info(t("near.swapped", lang, lon=f"{parsed.position[0]:.6f}",
                      lat=f"{parsed.position[1]:.6f}"))
        if parsed.outside_region:
            st.warning(t("near.outside", lang))
        return NearMe(True, parsed.position, radius_m)


def render_near_count(near: NearMe, count: int, lang: str) -> None:
    """'N sites within 5 km, nearest first' under the controls."""
    if near.position is None:
        return
    radius = format_distance(near.radius_m, lang)
    message = (t("near.count", lang, count=format_number(count, lang), radius=radius) if count
               else t("near.none", lang, radius=radius))
    st.sidebar.markdown(f"**{escape_markdown(message)}**")


def take_map_click(event: dict[str, Any] | None, near: NearMe, basemap: Basemap) -> bool:
    """A click on the map (not on a marker) sets the position while "near me" is on.

    The click comes in display coordinates (GCJ-02 on Amap) and is stored as WGS-84.
    Returns True when the position changed and the page should rerun.
    """
    clicked = (event or {}).get("last_clicked")
    is_new = bool(clicked) and changed(state.NEAR_LAST_CLICK, clicked)
    if not near.enabled or not is_new or not isinstance(clicked, dict):
        return False
    try:
        lon, lat = basemap.from_display(float(clicked["lng"]), float(clicked["lat"]))
    except (KeyError, TypeError, ValueError):
        return False
    st.session_state[state.NEAR_PENDING] = format_position(lon, lat)
    return True
