"""The filters above the map: free text, then category, themes and district folded under it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, time

import streamlit as st

from components.day_select import render_day_select, render_time_select
from ecosites import state
from ecosites.escape import escape_markdown
from ecosites.filters import (
    OPEN_NOW,
    Criteria,
    FilterOptions,
    format_open_at,
    parse_open_at,
)
from ecosites.i18n import format_number, t
from ecosites.planning.model import LOCAL_TZ
from ecosites.vocab import Category, district_label


def apply_criteria_to_widgets(criteria: Criteria) -> None:
    """Put criteria (e.g. from a link) into the filter widgets before they render."""
    st.session_state[state.FILTER_CATEGORIES] = list(criteria.categories)
    st.session_state[state.FILTER_TAGS] = list(criteria.tags)
    st.session_state[state.FILTER_DISTRICTS] = list(criteria.districts)
    st.session_state[state.FILTER_TEXT] = criteria.text
    moment = parse_open_at(criteria.open_on)
    st.session_state[state.FILTER_OPEN_MODE] = (
        "now" if criteria.open_on == OPEN_NOW else "at" if moment is not None else "any")
    if moment is not None:
        st.session_state[state.FILTER_OPEN_DATE] = moment.date()
        st.session_state[state.FILTER_OPEN_TIME] = moment.time()


def clear_filters() -> None:
    """Empty every filter (a button callback: it runs before the widgets render)."""
    apply_criteria_to_widgets(Criteria())


OPEN_MODES: tuple[str, ...] = ("any", "now", "at")


def _render_open_on(now: datetime, lang: str) -> str:
    """The "Open on…" control: off, now, or a chosen Guiyang date and time (Criteria.open_on)."""
    labels = {"any": t("filters.open_any", lang), "now": t("filters.open_now", lang),
              "at": t("filters.open_at", lang)}
    mode = st.radio(t("filters.open_on", lang), OPEN_MODES, key=state.FILTER_OPEN_MODE,
                    format_func=labels.__getitem__, help=t("filters.open_help", lang))
    if mode == "now":
        return OPEN_NOW
    if mode != "at":
        return ""
    local = now.astimezone(LOCAL_TZ)
    # Defaults (today, this hour) only where the user or a link has not chosen (day_select).
    on_day, at_time = st.columns(2)
    day = render_day_select(on_day, t("filters.open_date", lang), state.FILTER_OPEN_DATE,
                            local.date(), lang)
    clock = render_time_select(at_time, t("filters.open_time", lang), state.FILTER_OPEN_TIME,
                               time(local.hour, 0), lang)
    return format_open_at(datetime.combine(day, clock, tzinfo=LOCAL_TZ))


def render_filters(
    options: FilterOptions,
    categories: list[Category],
    tag_labels: Mapping[str, Mapping[str, str]],
    lang: str,
    now: datetime,
) -> Criteria:
    """The search box and a collapsible area of filters beside it; returns what the user chose.

    They sit in the page above the map, not in the sidebar: on a phone Streamlit folds the
    sidebar away behind an unlabelled arrow, where nobody looks for a search box. ``now`` is
    the moment "Open on…" starts from.
    """
    names = {c.slug: c.short(lang) for c in categories}
    # One above the other, as on a phone: side by side, the open filters made the row as
    # tall as themselves and pushed the search box down to their bottom.
    text = st.text_input(t("filters.search", lang), key=state.FILTER_TEXT,
                         placeholder=t("filters.search_placeholder", lang), max_chars=100)
    with st.expander(t("filters.more", lang), icon=":material/filter_list:"):
        choose = t("filters.choose", lang)  # Streamlit's own placeholder is English only
        # Side by side where the page is wide; Streamlit stacks columns on a phone.
        kinds, themes, places = st.columns(3)
        chosen = kinds.multiselect(t("filters.category", lang), options.categories,
                                   key=state.FILTER_CATEGORIES, placeholder=choose,
                                   format_func=lambda slug: names.get(slug, slug))
        tags = themes.multiselect(t("filters.tags", lang), options.tags, key=state.FILTER_TAGS,
                                  placeholder=choose,
                                  format_func=lambda tag: tag_labels.get(tag, {}).get(lang, tag))
        districts = places.multiselect(
            t("filters.district", lang), options.districts, key=state.FILTER_DISTRICTS,
            placeholder=choose,
            format_func=lambda d: district_label(d, lang))
        open_on = _render_open_on(now, lang)
        st.button(t("filters.reset", lang), on_click=clear_filters, key=state.FILTER_RESET)
    return Criteria(tuple(chosen), tuple(tags), tuple(districts), text.strip(), open_on)


def render_count(shown: int, total: int, lang: str, unverified: int | None = None) -> None:
    """'N of M sites' under the search box, and how many more have hours not verified."""
    counts = {"shown": format_number(shown, lang), "total": format_number(total, lang)}
    st.markdown(f"**{t('filters.count', lang, **counts)}**")
    if unverified:
        st.markdown(t("filters.unverified_count", lang, count=format_number(unverified, lang)))


def render_outside_filter(name: str, matching: int, lang: str) -> None:
    """Say that the open site is not among the filtered results, and offer to clear the filter."""
    st.info(t("explore.outside", lang, name=escape_markdown(name), count=format_number(matching, lang)),
            icon=":material/filter_alt_off:")
    st.button(t("explore.clear_for_site", lang), on_click=clear_filters,
              key=state.FILTER_CLEAR_FOR_SITE, icon=":material/filter_list_off:")
