"""A day and a time to visit, chosen from lists labelled in the page's language (ecosites/dayoptions.py)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import streamlit as st

from ecosites.dayoptions import day_choices, day_label, time_choices, time_label
from ecosites.i18n import t


def render_day_select(container: Any, label: str, key: str, today: date, lang: str,
                      **kwargs: Any) -> date:
    """The chosen day under ``key`` (today when none is); ``kwargs`` go to ``st.selectbox``."""
    chosen = st.session_state.get(key)
    if not isinstance(chosen, date):
        chosen = st.session_state[key] = today
    day: date = container.selectbox(label, day_choices(today, chosen), key=key,
                                    format_func=lambda day: day_label(day, today, lang),
                                    placeholder=t("form.choose_one", lang), **kwargs)
    return day


def render_time_select(container: Any, label: str, key: str, default: time, lang: str,
                       **kwargs: Any) -> time:
    """The chosen time under ``key`` (``default`` when none is); ``kwargs`` go to ``st.selectbox``."""
    chosen = st.session_state.get(key)
    minute = (chosen if isinstance(chosen, time) else default).replace(second=0, microsecond=0,
                                                                         tzinfo=None)
    if chosen != minute:  # a chosen minute is never written over
        st.session_state[key] = minute
    moment: time = container.selectbox(label, time_choices(minute), key=key, format_func=time_label,
                                       placeholder=t("form.choose_one", lang), **kwargs)
    return moment
