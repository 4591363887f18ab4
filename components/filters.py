"""The filters above the map: free text, then category, themes and district folded under it."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ecosites import state
from ecosites.escape import escape_markdown
from ecosites.filters import Criteria, FilterOptions
from ecosites.i18n import format_number, t
from ecosites.vocab import Category, district_label


def apply_criteria_to_widgets(criteria: Criteria) -> None:
    """Put criteria (e.g. from a link) into the filter widgets before they render."""
    st.session_state[state.FILTER_CATEGORIES] = list(criteria.categories)
    st.session_state[state.FILTER_TAGS] = list(criteria.tags)
    st.session_state[state.FILTER_DISTRICTS] = list(criteria.districts)
    st.session_state[state.FILTER_TEXT] = criteria.text


def clear_filters() -> None:
    """Empty every filter (a button callback: it runs before the widgets render)."""
    apply_criteria_to_widgets(Criteria())


def render_filters(
    options: FilterOptions,
    categories: list[Category],
    tag_labels: Mapping[str, Mapping[str, str]],
    lang: str,
) -> Criteria:
    """The search box and a collapsible area of filters beside it; returns what the user chose.

    They sit in the page above the map, not in the sidebar: on a phone Streamlit folds the
    sidebar away behind an unlabelled arrow, where nobody looks for a search box.
    """
    names = {c.slug: c.short(lang) for c in categories}
    search, more = st.columns([3, 2], vertical_alignment="bottom")
    with search:
        text = st.text_input(t("filters.search", lang), key=state.FILTER_TEXT,
                             placeholder=t("filters.search_placeholder", lang), max_chars=100)
    with more, st.expander(t("filters.more", lang), icon=":material/filter_list:"):
        choose = t("filters.choose", lang)  # Streamlit's own placeholder is English only
        chosen = st.multiselect(t("filters.category", lang), options.categories,
                                key=state.FILTER_CATEGORIES, placeholder=choose,
                                format_func=lambda slug: names.get(slug, slug))
        tags = st.multiselect(t("filters.tags", lang), options.tags, key=state.FILTER_TAGS,
                              placeholder=choose,
                              format_func=lambda tag: tag_labels.get(tag, {}).get(lang, tag))
        districts = st.multiselect(
            t("filters.district", lang), options.districts, key=state.FILTER_DISTRICTS,
            placeholder=choose,
            format_func=lambda d: district_label(d, lang))
        st.button(t("filters.reset", lang), on_click=clear_filters, key=state.FILTER_RESET)
    return Criteria(tuple(chosen), tuple(tags), tuple(districts), text.strip())


def render_count(shown: int, total: int, lang: str) -> None:
    """'N of M sites', under the search box."""
    counts = {"shown": format_number(shown, lang), "total": format_number(total, lang)}
    st.markdown(f"**{t('filters.count', lang, **counts)}**")


def render_outside_filter(name: str, matching: int, lang: str) -> None:
    """Say that the open site is not among the filtered results, and offer to clear the filter."""
    st.info(t("explore.outside", lang, name=escape_markdown(name), count=format_number(matching, lang)),
            icon=":material/filter_alt_off:")
    st.button(t("explore.clear_for_site", lang), on_click=clear_filters,
              key=state.FILTER_CLEAR_FOR_SITE, icon=":material/filter_list_off:")
