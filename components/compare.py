"""The comparison: a card per site, differences marked, rows nobody knows on one line."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import geopandas as gpd
import streamlit as st

from components.plan_controls import set_plan_ids
from components.site_map import render_site_map
from ecosites import state
from ecosites.basemaps import Basemap
from ecosites.compare import MAX_SITES, Comparison, GroupHighlight, TravelComparison
from ecosites.escape import escape_markdown
from ecosites.i18n import labelled, t
from ecosites.mapview import build_base_map, build_site_layer
from ecosites.vocab import Category


def render_compare_picker(site_ids: Sequence[str], label: Callable[[str], str],
                          lang: str) -> list[str]:
    """Pick 2 to 4 sites; returns the ids picked, in order."""
    chosen = st.multiselect(t("compare.pick", lang), site_ids, key=state.COMPARE_PICK,
                            format_func=label, max_selections=MAX_SITES,
                            placeholder=t("filters.choose", lang))
    return list(chosen)


def _card_lines(comparison: Comparison, index: int, lang: str) -> list[str]:
    """One site's known rows as markdown lines; '≠' and bold where the sites differ."""
    unknown = t("detail.unverified", lang)
    lines = []
    for label, values, differs in comparison.known_rows:
        value = escape_markdown(values[index] if values[index] is not None else unknown)
        name = escape_markdown(label)
        line = labelled(name, value, lang)
        lines.append(f"≠ **{line}**" if differs else line)
    return lines


def render_group_highlights(highlights: Sequence[GroupHighlight], lang: str) -> None:
    """Which site suits a visiting group better, criterion by criterion, or that no source says."""
    st.markdown(f"**{escape_markdown(t('compare.group.title', lang))}**")
    st.caption(escape_markdown(t("compare.group.caption", lang)))
    if not highlights:
        st.markdown(escape_markdown(t("compare.group.none", lang)))
    for highlight in highlights:
        st.markdown(f"- {escape_markdown(highlight.text)}")


def render_comparison(comparison: Comparison, travel: TravelComparison, lang: str,
                      thumbnails: Mapping[str, str] | None = None,
                      highlights: Sequence[GroupHighlight] = ()) -> None:
    """A card per site (side by side; stacked on a phone), travel times, and 'plan these'."""
    columns = st.columns(len(comparison.site_ids))
    for index, column in enumerate(columns):
        with column.container(border=True, key=state.compare_card_key(index)):
            st.markdown(f"#### {escape_markdown(comparison.titles[index])}")
            site_id = comparison.site_ids[index]
            if thumbnails and site_id in thumbnails:
                st.image(thumbnails[site_id], width=160,
                         alt=labelled(t("column.photo", lang), comparison.titles[index], lang))
            reasons = [h.label for h in highlights if index in h.best]
            if reasons:
                better = t("compare.group.card", lang, reasons=t("list.separator", lang).join(reasons))
                st.markdown(f"**{escape_markdown(better)}**")
            for line in _card_lines(comparison, index, lang):
                st.markdown(line)
            if travel.from_venue[index]:
                st.markdown(labelled(escape_markdown(t("compare.from_venue", lang)),
                                     escape_markdown(travel.from_venue[index]), lang))
    render_group_highlights(highlights, lang)
    st.markdown(escape_markdown(t("compare.differs", lang)))
    if comparison.unknown_labels:
        st.markdown(escape_markdown(t("compare.unknown_all", lang, fields=t(
            "list.separator", lang).join(comparison.unknown_labels))))
    st.markdown(f"**{escape_markdown(t('compare.between', lang))}**")
    for first, second, minutes in travel.between:
        st.markdown(escape_markdown(labelled(f"{first} ↔ {second}", minutes, lang)))
    if st.button(t("compare.add_to_plan", lang), key=state.COMPARE_ADD_TO_PLAN,
                 icon=":material/route:"):
        set_plan_ids(comparison.site_ids)
        st.switch_page("pages/plan.py")


def render_compare_map(sites: gpd.GeoDataFrame, categories: Sequence[Category], lang: str,
                       basemap: Basemap) -> None:
    """A small map of the compared sites only."""
    st.markdown(f"**{escape_markdown(t('compare.map', lang))}**")
    base_map = build_base_map(categories, basemap.tiles, lang, basemap.overlays)
    layer = build_site_layer(sites, categories, lang, transform=basemap.to_display)
    render_site_map(base_map, [layer], key=state.COMPARE_MAP)
