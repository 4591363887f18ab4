"""Staff sign-in and the guard every staff page calls first."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import streamlit as st

from ecosites import state
from ecosites.escape import escape_markdown
from ecosites.i18n import t
from ecosites.settings import Settings
from ecosites.staffauth import SignIn, Throttle, attempt_sign_in, clean_author
from ecosites.store import CatalogStore, StoreError

# Wall-clock seconds: with a database the throttle is shared by replicas on several hosts.
# Tests replace it with a fake clock instead of waiting.
CLOCK: Callable[[], float] = time.time
THROTTLE_KEY = "staff"  # one staff password, so one shared count of failures


def signed_in() -> bool:
    """True when this session has signed in as staff."""
    return bool(st.session_state.get(state.STAFF_SIGNED_IN))


def _audit(store: CatalogStore, author: str, action: str) -> None:
    """Record a sign-in event; a log that cannot be written is shown, not a crash."""
    try:
        store.record(author, action)
    except StoreError as exc:
        st.warning(str(exc))


def render_sign_in(settings: Settings, store: CatalogStore, lang: str) -> bool:
    """The sign-in form (or how to configure a password); True on a successful sign-in."""
    st.title(t("staff.signin_title", lang))
    if not settings.staff_password:
        st.info(t("staff.not_configured", lang))
        return False
    st.write(t("staff.signin_intro", lang))
    with st.form(state.STAFF_SIGNIN_FORM):
        name = st.text_input(t("staff.name", lang), key=state.STAFF_SIGNIN_NAME, max_chars=60)
        password = st.text_input(t("staff.password", lang), type="password",
                                 key=state.STAFF_SIGNIN_PASSWORD)
        submitted = st.form_submit_button(t("staff.sign_in", lang), type="primary")
    if not submitted:
        return False
    session, now = st.session_state.get(state.STAFF_THROTTLE, Throttle()), CLOCK()
    outcome: list[SignIn] = []

    def attempt(shared: Throttle) -> Throttle:
        outcome.append(attempt_sign_in(name, password, settings.staff_password, session, shared, now))
        return outcome[-1].process

    try:
        store.update_throttle(THROTTLE_KEY, attempt)
    except StoreError as exc:
        st.error(t("staff.store_unavailable", lang, details=escape_markdown(str(exc))))
        return False
    result = outcome[-1]
    st.session_state[state.STAFF_THROTTLE] = result.session
    author = clean_author(name)
    if result.outcome == "ok":
        st.session_state[state.STAFF_SIGNED_IN] = True
        st.session_state[state.STAFF_AUTHOR] = author
        _audit(store, author, "sign-in")
        return True
    if result.outcome == "wrong":
        _audit(store, author or "(no name)", "sign-in-failed")
        st.error(t("staff.wrong", lang))
    if result.outcome == "no_name":
        st.error(t("staff.no_name", lang))
    if result.wait_s > 0:
        st.warning(t("staff.throttled", lang, seconds=math.ceil(result.wait_s)))
    return False


def require_staff(lang: str) -> str:
    """The signed-in author's name; otherwise say so and stop the page (a URL cannot bypass it)."""
    if not signed_in():
        st.error(t("staff.need_sign_in", lang))
        st.stop()
    return str(st.session_state.get(state.STAFF_AUTHOR) or "")


def render_sign_out(store: CatalogStore, lang: str) -> None:
    """Who is signed in, and a sign-out button in the sidebar."""
    author = str(st.session_state.get(state.STAFF_AUTHOR) or "")
    with st.sidebar:
        st.caption(t("staff.signed_in_as", lang, name=escape_markdown(author)))
        if st.button(t("staff.sign_out", lang), key=state.STAFF_SIGN_OUT):
            _audit(store, author, "sign-out")
            st.session_state[state.STAFF_SIGNED_IN] = False
            st.session_state[state.STAFF_AUTHOR] = ""
            # Still registered in this run (hidden); a plain rerun would land on "page not found".
            st.switch_page("pages/staff_signin.py")
