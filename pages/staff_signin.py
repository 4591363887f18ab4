"""Staff sign-in: the only staff page in the navigation until a session has signed in."""

from __future__ import annotations

import streamlit as st

from components.bootstrap import ensure_entry_script
from components.context import current_lang
from components.data import get_settings
from components.staff_auth import render_sign_in, signed_in
from ecosites.store import open_store

ensure_entry_script()

lang = current_lang()
settings = get_settings()
if signed_in():
    st.switch_page("pages/staff.py")
if render_sign_in(settings, open_store(settings), lang):
    st.rerun()  # the navigation now holds the staff page; this page then switches to it
