"""Making sure the entry script runs first, even for a deep link on a fresh server."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ecosites import state


def ensure_entry_script() -> None:
    """Rerun through streamlit_app.py when Streamlit ran this page on its own.

    Streamlit decides once per process whether a ``pages/`` folder means the old
    (v1) multipage mode, and only ``st.navigation`` clears that. So until some session
    has run the entry script, a deep link such as ``/plan?plan=...`` runs the page
    alone: no page config, no session defaults, no navigation (streamlit/streamlit#9624 is the
    same family). The layout keeps ``pages/``, so the page switches the process to
    ``st.navigation`` mode and reruns; the rerun keeps the URL and its query. A session
    whose entry script has run is left alone (AppTest runs pages that way on purpose).
    """
    if PagesManager.uses_pages_directory and not st.session_state.get(state.ENTRY_RAN):
        PagesManager.uses_pages_directory = False
        st.rerun()
