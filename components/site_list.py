"""The list view: every visible site as a selectable, keyboard-usable table row."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pandas as pd
import streamlit as st

from ecosites import schema
from ecosites.catalog import Category
from ecosites.i18n import t
from ecosites.mapview import site_label


def list_frame(visible: gpd.GeoDataFrame, categories: Sequence[Category], lang: str) -> pd.DataFrame:
    """The table shown: name (both languages), category and district; index is the site id."""
    names = {c.slug: (c.short_zh if lang == "zh" else c.short_en) for c in categories}
    frame = pd.DataFrame({
        t("column.name", lang): [
            site_label(en, zh, lang)
            for en, zh in zip(visible[schema.NAME_EN], visible[schema.NAME_ZH], strict=True)
        ],
        t("column.category", lang): visible[schema.CATEGORY].map(names),
        t("column.district", lang): visible[schema.DISTRICT].map(
            lambda d: (schema.DISTRICTS.get(d, d) if lang == "zh" else d) if d else ""),
    }, index=pd.Index(visible[schema.ID].tolist(), name="id"))
    return frame


def render_site_list(
    visible: gpd.GeoDataFrame, categories: Sequence[Category], lang: str, key: str
) -> str | None:
    """Show the list; returns the id of the row the user selected, if any."""
    st.caption(t("explore.list_help", lang))
    frame = list_frame(visible, categories, lang)
    selection = st.dataframe(
        frame, key=key, on_select="rerun", selection_mode="single-row",
        hide_index=True, width="stretch", height=min(560, 38 + 35 * max(len(frame), 1)),
    )
    rows = selection.selection.rows if selection is not None else []
    if rows and rows[0] < len(frame):
        return str(frame.index[rows[0]])
    return None
