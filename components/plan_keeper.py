"""The visit plan kept across pages, reloads and later visits: in the URL and in the browser.

Every page carries the plan's query parameters. The browser keeps a copy in its own
``localStorage`` through a tiny local component (``components/plan_storage``, no library,
nothing remote), so a reload without the parameters, or a visit days later, finds the plan
again; the server keeps nothing about a visitor. A link's plan wins over the kept one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as st_components

from components.context import current_time
from components.data import get_settings
from components.plan_controls import get_plan_query, set_plan_query
from ecosites import state
from ecosites.planning.codec import (
    PLAN_QUERY_KEYS,
    choose_plan,
    parse_plan_query,
    plan_query,
    stored_plan,
    url_plan,
)
from ecosites.urlsync import sync_query_params

_plan_storage = st_components.declare_component(
    "plan_storage", path=str(Path(__file__).resolve().parent / "plan_storage"))


def _today() -> date:
    return current_time(get_settings()).date()


def _apply(query: dict[str, str]) -> None:
    """Make ``query`` the session's plan, read as a link would be (bad values get notices)."""
    request, notices = parse_plan_query(query, _today())
    set_plan_query(plan_query(request))
    st.session_state[state.PLAN_URL_NOTICES] = notices


def restore_plan() -> None:
    """At a page's start: the link's plan (once per session), then the browser's kept plan when it answers."""
    if not st.session_state.get(state.PLAN_URL_APPLIED):
        from_url = url_plan(st.query_params.to_dict())
        st.session_state[state.PLAN_FROM_URL] = from_url
        if from_url:
            _apply(from_url)
        st.session_state[state.PLAN_URL_APPLIED] = True
    answer: Any = st.session_state.get(state.PLAN_STORAGE)
    if st.session_state.get(state.PLAN_STORAGE_READ) or not isinstance(answer, dict):
        return
    st.session_state[state.PLAN_STORAGE_READ] = True
    kept = stored_plan(answer.get("stored"), _today())
    chosen, source = choose_plan(st.session_state.get(state.PLAN_FROM_URL) or {},
                                 get_plan_query(), kept)
    if source == "stored":
        _apply(chosen)


def keep_plan() -> None:
    """At a page's end: the plan into the URL, and to the browser to keep (once its copy was read)."""
    plan = get_plan_query()
    sync_query_params(st.query_params, plan, managed=PLAN_QUERY_KEYS)
    with st.sidebar:
        _plan_storage(plan=plan, write=bool(st.session_state.get(state.PLAN_STORAGE_READ)),
                      key=state.PLAN_STORAGE, default=None)
