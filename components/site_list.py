"""The list view: every visible site as a selectable, keyboard-usable table row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd
import pandas as pd
import streamlit as st

from components.context import changed
from ecosites import schema, state
from ecosites.escape import escape_markdown
from ecosites.formatting import format_distance
from ecosites.i18n import bilingual, own_first, t
from ecosites.mapview import site_label
from ecosites.nearby import DISTANCE_M
from ecosites.vocab import Category, district_label

# The map's marker shapes, so the list tells categories apart by symbol and label, not colour.
SHAPE_GLYPHS: dict[str, str] = {"circle": "●", "square": "■", "diamond": "◆"}
MAX_PICK_OPTIONS = 500  # the keyboard picker lists the first 500; the search box narrows
# The table is sent again on every rerun that changes it: 10,000 rows are 1.3 MB. Past
# this many, the first rows show and the caption says how to reach the others.
MAX_LIST_ROWS = 2_000


def list_name(name_en: str, name_zh: str, lang: str) -> str:
    """Both names, the chosen language first; marked when that language has no name."""
    label = site_label(name_en, name_zh, lang)
    own, _ = own_first(name_en, name_zh, lang)
    if not own and label:
        label += " " + t(bilingual("content.only_zh", "content.only_en", lang), lang)
    return label


def list_frame(visible: gpd.GeoDataFrame, categories: Sequence[Category], lang: str,
               thumbnails: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The table shown, indexed by site id.

    Columns: name (both languages), category (symbol and label), district, the distance
    while "near me" is on, and a photo column when any site has one.
    """
    names = {c.slug: f"{SHAPE_GLYPHS.get(c.shape, '')} {c.short(lang)}".strip() for c in categories}
    columns: dict[str, Sequence[str | None]] = {
        t("column.name", lang): [
            list_name(en, zh, lang)
            for en, zh in zip(visible[schema.NAME_EN], visible[schema.NAME_ZH], strict=True)
        ],
    }
    if DISTANCE_M in visible.columns:  # next to the name, so a narrow list still shows it
        columns[t("column.distance", lang)] = [format_distance(float(m), lang)
                                               for m in visible[DISTANCE_M]]
    columns[t("column.category", lang)] = visible[schema.CATEGORY].map(names).tolist()
    columns[t("column.district", lang)] = visible[schema.DISTRICT].map(
        lambda d: district_label(d, lang)).tolist()
    if thumbnails:
        columns[t("column.photo", lang)] = [thumbnails.get(i) for i in visible[schema.ID]]
    return pd.DataFrame(columns, index=pd.Index(visible[schema.ID].tolist(), name="id"))


def _render_picker(frame: pd.DataFrame, lang: str, key: str) -> str | None:
    """A searchable select box: the keyboard way to open a site (Tab, type, Enter)."""
    shown = frame.iloc[:MAX_PICK_OPTIONS, 0]
    labels = dict(zip(shown.index, shown, strict=True))
    picked = st.selectbox(t("sitelist.open", lang), list(shown.index),
                          index=None, key=state.sub_key(key, "pick"), format_func=lambda i: labels.get(i, i),
                          placeholder=t("sitelist.choose", lang), help=t("sitelist.help", lang))
    if picked is not None and changed(state.sub_key(key, "last_pick"), picked):
        return str(picked)
    return None


def render_site_list(
    visible: gpd.GeoDataFrame, categories: Sequence[Category], lang: str, key: str,
    thumbnails: Mapping[str, str] | None = None,
) -> str | None:
    """Show the list (with ``thumbnails`` by site id); returns the id of the row selected, if any."""
    frame = list_frame(visible.iloc[:MAX_LIST_ROWS], categories, lang, thumbnails)
    picked = _render_picker(frame, lang, key)
    st.caption(t("explore.list_help", lang))
    if len(visible) > MAX_LIST_ROWS:
        st.caption(t("sitelist.capped", lang, shown=f"{MAX_LIST_ROWS:,}", total=f"{len(visible):,}"))
    selection = st.dataframe(
        frame, key=key, on_select="rerun", selection_mode="single-row",
        hide_index=True, width="stretch", height=min(560, 38 + 35 * max(len(frame), 1)),
        # A medium name column keeps distance, category and district in view.
        column_config={frame.columns[0]: st.column_config.TextColumn(width="medium"),
                       t("column.photo", lang): st.column_config.ImageColumn(width="small")},
    )
    rows = selection.selection.rows if selection is not None else []
    # Only a newly selected row opens a site: the grid keeps its row while the picker or the
    # map opens another, and that old row must not take the panel back on the next run.
    rows_changed = changed(state.sub_key(key, "last_rows"), list(rows))
    if picked is not None:
        return picked
    if rows_changed and rows and rows[0] < len(frame):
        return str(frame.index[rows[0]])
    return None


def render_unverified_hours(sites: gpd.GeoDataFrame, lang: str) -> None:
    """The sites an "Open on…" filter could not judge: named on their own, never counted open."""
    with st.container(key=state.UNVERIFIED_HOURS_LIST):
        st.markdown(f"**{escape_markdown(t('explore.unverified_header', lang))}**")
        st.caption(escape_markdown(t("explore.unverified_help", lang)))
        st.markdown("\n".join(
            f"- {escape_markdown(list_name(en, zh, lang))}"
            for en, zh in zip(sites[schema.NAME_EN], sites[schema.NAME_ZH], strict=True)))
