"""The map: one stable base map, with the changing layers applied in place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import folium
from streamlit_folium import st_folium

RETURNED = ["last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_count"]
MAP_HEIGHT_PX = 560


def render_site_map(
    base_map: folium.Map,
    layers: Sequence[folium.FeatureGroup],
    key: str,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
    returned: Sequence[str] = RETURNED,
) -> dict[str, Any] | None:
    """Show the map; returns st_folium's event for clicks on markers (None before any)."""
    event = st_folium(
        base_map,
        key=key,
        height=MAP_HEIGHT_PX,
        use_container_width=True,
        feature_group_to_add=list(layers),
        center=center,
        zoom=zoom,
        returned_objects=list(returned),
    )
    return event if isinstance(event, dict) else None
