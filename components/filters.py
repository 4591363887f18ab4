"""Sidebar filters: category, themes, district and free text."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ecosites import state
from ecosites.filters import Criteria, FilterOptions
from ecosites.i18n import format_number, t
from ecosites.vocab import Category, district_label


def apply_criteria_to_widgets(criteria: Criteria) -> None:
    """Put criteria (e.g. from a link) into the filter widgets before they render."""
    st.session_state[state.FILTER_CATEGORIES] = list(criteria.categories)
    st.session_state[state.FILTER_TAGS] = list(criteria.tags)
    st.session_state[state.FILTER_DISTRICTS] = list(criteria.districts)
    st.session_state[state.FILTER_TEXT] = criteria.text


def _clear() -> None:
    apply_criteria_to_widgets(Criteria())


def render_filters(
    options: FilterOptions,
    categories: list[Category],
    tag_labels: Mapping[str, Mapping[str, str]],
    lang: str,
) -> Criteria:
    """The filter widgets in the sidebar; returns what the user chose."""
    names = {c.slug: c.short(lang) for c in categories}
    with st.sidebar:
        st.subheader(t("filters.header", lang))
        text = st.text_input(t("filters.search", lang), key=state.FILTER_TEXT,
                             placeholder=t("filters.search_placeholder", lang), max_chars=100)
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
        st.button(t("filters.reset", lang), on_click=_clear, key=state.FILTER_RESET)
    return Criteria(tuple(chosen), tuple(tags), tuple(districts), text.strip())


def render_count(shown: int, total: int, lang: str) -> None:
    """'N of M sites' under the filters."""
    counts = {"shown": format_number(shown, lang), "total": format_number(total, lang)}
    st.sidebar.markdown(f"**{t('filters.count', lang, **counts)}**")
