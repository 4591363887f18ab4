"""The current language and small shared state readers."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from ecosites import state
from ecosites.i18n import DEFAULT_LANG, LANGS
from ecosites.settings import Settings, local_now


def current_lang() -> str:
    """The interface language chosen for this session."""
    lang = st.session_state.get(state.LANG, DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def changed(memory_key: str, value: object) -> bool:
    """True (and remembered) when ``value`` differs from the last one seen under this key."""
    if st.session_state.get(memory_key) == value:
        return False
    st.session_state[memory_key] = value
    return True


def current_time(settings: Settings) -> datetime:
    """Now in Guiyang, or the moment ``ECOSITES_NOW`` fixes (tests never depend on the clock).

    Every page reads today and now here: the planner's default date, the forum's
    "upcoming" on the about page, open-now and the exports' time stamps.
    """
    return local_now(settings)
