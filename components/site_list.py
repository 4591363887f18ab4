"""The list view: every visible site as a selectable, keyboard-usable table row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

import geopandas as gpd
import pandas as pd
import streamlit as st

from ecosites import schema, state
from ecosites.escape import escape_markdown
from ecosites.formatting import format_distance
from ecosites.i18n import bilingual, format_number, own_first, t
from ecosites.markers import LABEL_SEPARATOR, site_label
from ecosites.nearby import DISTANCE_M
from ecosites.vocab import Category, district_label

# The map's marker shapes, so the list tells categories apart by symbol and label, not colour.
SHAPE_GLYPHS: dict[str, str] = {"circle": "●", "square": "■", "diamond": "◆"}
MAX_PICK_OPTIONS = 500  # the keyboard picker lists the first 500; the search box narrows
# The table is sent again on every rerun that changes it: 10,000 rows are 1.3 MB. Past
# this many, the first rows show and the caption says how to reach the others.
MAX_LIST_ROWS = 2_000
# The hours-not-verified names are plain lines under the list: a screenful or two at most.
MAX_UNVERIFIED_NAMES = 100


def list_name(name_en: str, name_zh: str, lang: str) -> str:
    """Both names, the chosen language first; marked when that language has no name."""
    label = site_label(name_en, name_zh, lang)
    own, _ = own_first(name_en, name_zh, lang)
    if not own and label:
        label += " " + t(bilingual("content.only_zh", "content.only_en", lang), lang)
    return label


def list_names(names_en: Sequence[str | None], names_zh: Sequence[str | None], lang: str) -> list[str]:
    """``list_name`` of each pair, in one loop: the whole catalogue's list is built at once."""
    only = " " + t(bilingual("content.only_zh", "content.only_en", lang), lang)
    owns, others = own_first(names_en, names_zh, lang)
    return [
        (own + LABEL_SEPARATOR + other if other else own) if own else (other + only if other else "")
        for own, other in zip(owns, others, strict=True)
    ]


@dataclass(frozen=True)
class ListTable:
    """``list_frame`` of every catalogue site (built once, ``list_table``), and its rows by id."""

    frame: pd.DataFrame
    rows: pd.Index  # the frame's ids with object dtype: a lookup of 2,000 ids in 0.2 ms, not 3 ms


def list_table(sites: gpd.GeoDataFrame, categories: Sequence[Category], lang: str) -> ListTable:
    """The list's rows for every one of ``sites`` (for ``Catalog.derived``), to take from per rerun."""
    frame = list_frame(sites, categories, lang)
    return ListTable(frame, pd.Index(frame.index.tolist(), dtype=object))


def list_frame(visible: gpd.GeoDataFrame, categories: Sequence[Category], lang: str,
               thumbnails: Mapping[str, str] | None = None,
               every: ListTable | None = None) -> pd.DataFrame:
    """The table shown, indexed by site id.

    Columns: name (both languages), category (symbol and label), district, the distance
    while "near me" is on, and a photo column when any site has one. With ``every`` (the
    catalogue's ``list_table`` in ``lang``) the rows are taken from it, not built again,
    when it has them all.
    """
    ids = pd.Index(visible[schema.ID].to_numpy(dtype=object), dtype=object)
    rows = every.rows.get_indexer(ids) if every is not None else None
    if every is not None and rows is not None and (rows >= 0).all():
        frame = every.frame.take(rows)
    else:
        names = {c.slug: f"{SHAPE_GLYPHS.get(c.shape, '')} {c.short(lang)}".strip() for c in categories}
        district_values = visible[schema.DISTRICT].tolist()
        districts = {d: district_label(d, lang) for d in set(district_values)}
        frame = pd.DataFrame({
            t("column.name", lang): list_names(visible[schema.NAME_EN].tolist(),
                                               visible[schema.NAME_ZH].tolist(), lang),
            t("column.category", lang): visible[schema.CATEGORY].map(names).tolist(),
            t("column.district", lang): [districts[d] for d in district_values],
        }, index=pd.Index(visible[schema.ID].tolist(), name="id"))
    if DISTANCE_M in visible.columns:  # next to the name, so a narrow list still shows it
        frame.insert(1, t("column.distance", lang),
                     [format_distance(float(m), lang) for m in visible[DISTANCE_M]])
    if thumbnails:
        frame[t("column.photo", lang)] = [thumbnails.get(i) for i in visible[schema.ID]]
    return frame


def _picked(key: str, site_id: object) -> None:
    """Remember what the user just picked, for ``render_site_list`` to return once."""
    if isinstance(site_id, str) and site_id:
        st.session_state[state.sub_key(key, "picked")] = site_id


def _on_pick(key: str) -> None:
    _picked(key, st.session_state.get(state.sub_key(key, "pick")))


def _on_row(key: str, ids: Sequence[str]) -> None:
    # The rows of the table the user clicked (this callback's arguments), not of the one
    # this rerun will draw: a changed list must never turn an old tick into a new site.
    selection = st.session_state.get(key)
    rows = list(selection["selection"]["rows"]) if selection else []
    if rows and 0 <= rows[0] < len(ids):
        _picked(key, ids[rows[0]])


def _render_picker(frame: pd.DataFrame, lang: str, key: str) -> None:
    """A searchable select box: the keyboard way to open a site (Tab, type, Enter)."""
    shown = frame.iloc[:MAX_PICK_OPTIONS, 0]
    ids = shown.index.tolist()  # plain lists: iterating pandas' Arrow strings costs more
    labels = dict(zip(ids, shown.tolist(), strict=True))
    st.selectbox(t("sitelist.open", lang), ids,
                 index=None, key=state.sub_key(key, "pick"), format_func=lambda i: labels.get(i, i),
                 placeholder=t("sitelist.choose", lang), help=t("sitelist.help", lang),
                 on_change=_on_pick, args=(key,))


def render_site_list(
    visible: gpd.GeoDataFrame, categories: Sequence[Category], lang: str, key: str,
    thumbnails: Mapping[str, str] | None = None, every: ListTable | None = None,
) -> str | None:
    """Show the list (with ``thumbnails`` by site id); returns the id the user just picked, if any.

    ``every``: the rows of the whole catalogue, as ``list_frame`` takes them.

    Only a pick made by the user counts (the widgets' callbacks): a row that stays ticked
    while the list changes under it (a search, a publish elsewhere, a language switch)
    never opens another site. A click on any cell of a row selects the row
    (``static/page/page.js``).
    """
    frame = list_frame(visible.iloc[:MAX_LIST_ROWS], categories, lang, thumbnails, every)
    _render_picker(frame, lang, key)
    st.caption(t("explore.list_help", lang))
    if len(visible) > MAX_LIST_ROWS:
        st.caption(t("sitelist.capped", lang, shown=f"{MAX_LIST_ROWS:,}", total=f"{len(visible):,}"))
    st.dataframe(
        frame, key=key, on_select=partial(_on_row, key, [str(i) for i in frame.index.tolist()]),
        selection_mode="single-row",
        hide_index=True, width="stretch", height=min(560, 38 + 35 * max(len(frame), 1)),
        # A medium name column keeps distance, category and district in view.
        column_config={frame.columns[0]: st.column_config.TextColumn(width="medium"),
                       t("column.photo", lang): st.column_config.ImageColumn(width="small")},
    )
    picked = st.session_state.pop(state.sub_key(key, "picked"), None)
    return picked if isinstance(picked, str) else None


def render_unverified_hours(sites: gpd.GeoDataFrame, lang: str) -> None:
    """The sites an "Open on…" filter could not judge: named on their own, never counted open."""
    with st.container(key=state.UNVERIFIED_HOURS_LIST):
        st.markdown(f"**{escape_markdown(t('explore.unverified_header', lang))}**")
        st.caption(escape_markdown(t("explore.unverified_help", lang)))
        shown = sites.iloc[:MAX_UNVERIFIED_NAMES]
        st.markdown("\n".join(
            f"- {escape_markdown(list_name(en, zh, lang))}"
            for en, zh in zip(shown[schema.NAME_EN], shown[schema.NAME_ZH], strict=True)))
        if len(sites) > len(shown):  # a large catalogue with many unknown hours: no endless page
            st.caption(t("sitelist.capped", lang, shown=format_number(len(shown), lang),
                         total=format_number(len(sites), lang)))
