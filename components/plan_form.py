"""The planner's settings in the sidebar, kept in step with the plan's query parameters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from components.day_select import render_day_select, render_time_select
from components.plan_controls import get_plan_query, set_plan_query
from ecosites import state
from ecosites.i18n import t
from ecosites.planning.codec import parse_plan_query, plan_query
from ecosites.planning.model import (
    DEFAULT_HOURS_PER_DAY,
    DEFAULT_START,
    MAX_DAYS,
    MAX_HOURS_PER_DAY,
    MODES,
    PlanRequest,
)
from ecosites.planning.view import PLACE_KINDS, PlaceChoice, place_choice, place_value

MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2099, 12, 31)


def _sync_widgets(request: PlanRequest, site_ids: Sequence[str], today: date) -> None:
    """Write the request into the widgets before they are drawn (the plan is the truth)."""
    st.session_state[state.PLAN_STOPS] = [i for i in request.site_ids if i in site_ids]
    for which, value in (("start", request.start), ("end", request.end)):
        choice = place_choice(value, site_ids)
        kind_key, site_key, coords_key = state.plan_place_keys(which)
        # "A hotel" with no coordinates typed yet has no query value: keep the choice shown.
        if value or st.session_state.get(kind_key) not in ("coords",):
            st.session_state[kind_key] = choice.kind
        st.session_state[site_key] = choice.site_id or (site_ids[0] if site_ids else None)
        st.session_state[coords_key] = choice.coords
    st.session_state[state.PLAN_ROUND_TRIP] = request.round_trip
    st.session_state[state.PLAN_MODE] = request.mode
    st.session_state[state.PLAN_DATE] = min(max(request.day or today, MIN_DATE), MAX_DATE)
    st.session_state[state.PLAN_TIME] = request.start_time
    st.session_state[state.PLAN_DAYS] = request.days
    st.session_state[state.PLAN_HOURS] = float(request.hours_per_day or DEFAULT_HOURS_PER_DAY)
    st.session_state[state.PLAN_LOCK] = request.locked


def _store(today: date) -> None:
    """Widget values -> the plan's query parameters (runs as a callback, before the rerun)."""
    s = st.session_state

    def place(which: str) -> str | None:
        kind_key, site_key, coords_key = state.plan_place_keys(which)
        return place_value(PlaceChoice(s[kind_key], s.get(site_key), s.get(coords_key) or ""))

    hours = float(s[state.PLAN_HOURS])
    request = PlanRequest(
        site_ids=tuple(s[state.PLAN_STOPS]), start=place("start"), end=place("end"),
        round_trip=s[state.PLAN_ROUND_TRIP], mode=s[state.PLAN_MODE], day=s[state.PLAN_DATE] or today,
        start_time=s[state.PLAN_TIME], days=int(s[state.PLAN_DAYS]), locked=s[state.PLAN_LOCK],
        hours_per_day=None if hours == DEFAULT_HOURS_PER_DAY else hours)
    set_plan_query(plan_query(request))


def _place_inputs(which: str, site_ids: Sequence[str], label: Callable[[str], str], lang: str,
                  today: date) -> None:
    kind_key, site_key, coords_key = state.plan_place_keys(which)
    none_label = t("plan.place.none" if which == "start" else "plan.place.none_end", lang)
    labels = {"none": none_label, "venue": t("plan.place.venue", lang),
              "site": t("plan.place.site", lang), "coords": t("plan.place.coords", lang)}
    kind = st.selectbox(t(f"plan.{which}", lang), PLACE_KINDS, key=kind_key,
                        format_func=labels.__getitem__, on_change=_store, args=(today,),
                        placeholder=t("form.choose_one", lang))
    if kind == "site":
        st.selectbox(t("plan.place.pick_site", lang), site_ids, key=site_key, format_func=label,
                     on_change=_store, args=(today,))
    elif kind == "coords":
        st.text_input(t("plan.place.coords_input", lang), key=coords_key, max_chars=60,
                      help=t("plan.place.coords_help", lang), placeholder="106.630,26.647",
                      on_change=_store, args=(today,))


def render_plan_form(site_ids: Sequence[str], label: Callable[[str], str], lang: str,
                     today: date) -> PlanRequest:
    """The planner's settings; returns the request they describe."""
    request, _ = parse_plan_query(get_plan_query(), today)
    _sync_widgets(request, site_ids, today)
    with st.sidebar:
        st.multiselect(t("plan.stops", lang), site_ids, key=state.PLAN_STOPS, format_func=label,
                       help=t("plan.stops_help", lang), on_change=_store, args=(today,),
                       placeholder=t("filters.choose", lang))
        st.checkbox(t("plan.lock", lang), key=state.PLAN_LOCK, help=t("plan.lock_help", lang),
                    on_change=_store, args=(today,))
        _place_inputs("start", site_ids, label, lang, today)
        _place_inputs("end", site_ids, label, lang, today)
        st.checkbox(t("plan.round_trip", lang), key=state.PLAN_ROUND_TRIP, on_change=_store, args=(today,))
        st.radio(t("plan.mode", lang), MODES, key=state.PLAN_MODE, horizontal=True,
                 format_func=lambda m: t(f"plan.mode.{m}", lang), on_change=_store,
                 args=(today,))
        # The day's label ("Wed 2 December 2026 (today)") needs the sidebar's whole width.
        render_day_select(st, t("plan.date", lang), state.PLAN_DATE, today, lang, on_change=_store,
                          args=(today,))
        left, right = st.columns(2)
        render_time_select(left, t("plan.start_time", lang), state.PLAN_TIME, DEFAULT_START, lang,
                           on_change=_store, args=(today,))
        right.number_input(t("plan.days", lang), min_value=1, max_value=MAX_DAYS, step=1,
                           key=state.PLAN_DAYS, on_change=_store, args=(today,))
        st.number_input(t("plan.hours_per_day", lang), min_value=1.0, max_value=MAX_HOURS_PER_DAY,
                        step=0.5, key=state.PLAN_HOURS, on_change=_store, args=(today,))
    return parse_plan_query(get_plan_query(), today)[0]
