"""Staff sign-in with an account, and the guard every staff page calls first."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import streamlit as st

from ecosites import state
from ecosites.escape import escape_markdown
from ecosites.i18n import t
from ecosites.settings import Settings
from ecosites.staffauth import attempt_sign_in, client_address, sign_in_configured
from ecosites.store import CatalogStore, StoreError

# Wall-clock seconds (the throttle is shared through the store, across processes) and the
# wait the per-account ceiling imposes; tests replace both with a fake clock.
CLOCK: Callable[[], float] = time.time
SLEEP: Callable[[float], None] = time.sleep
LOCAL_ADDRESS = "127.0.0.1"  # Streamlit reports localhost connections as no address


def signed_in() -> bool:
    """True when this session has signed in as staff."""
    return bool(st.session_state.get(state.STAFF_SIGNED_IN))


def current_client(settings: Settings) -> str:
    """This session's client address (X-Forwarded-For only behind a trusted proxy)."""
    try:
        remote, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    except Exception:  # noqa: BLE001 - no client context (a bare script run): one local client
        remote, forwarded = None, None
    # Only strings count: without a browser (AppTest) these are stand-in objects.
    return client_address(remote if isinstance(remote, str) else LOCAL_ADDRESS,
                          forwarded if isinstance(forwarded, str) else None, settings.trusted_proxies)


def _audit(store: CatalogStore, lang: str, author: str, action: str, **details: str) -> None:
    """Record a sign-in event; a log that cannot be written is shown, not a crash."""
    try:
        store.record(author, action, **details)
    except StoreError as exc:
        st.warning(t("staff.audit_failed", lang, details=escape_markdown(str(exc))))


def render_sign_in(settings: Settings, store: CatalogStore, lang: str) -> bool:
    """The sign-in form (or how to create an account); True on a successful sign-in."""
    st.title(t("staff.signin_title", lang))
    try:
        configured = sign_in_configured(store, settings.staff_password)
    except StoreError as exc:  # the accounts cannot be read (database down, damaged file)
        st.error(t("staff.signin_unavailable", lang, details=escape_markdown(str(exc))))
        return False
    if not configured:
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
    client = current_client(settings)
    try:
        result = attempt_sign_in(store, name, password, client, settings.staff_password, CLOCK, SLEEP)
    except StoreError as exc:
        st.error(t("staff.signin_unavailable", lang, details=escape_markdown(str(exc))))
        return False
    if result.outcome == "ok":
        st.session_state[state.STAFF_SIGNED_IN] = True
        st.session_state[state.STAFF_AUTHOR] = result.account
        st.session_state[state.STAFF_SHARED_PASSWORD] = result.shared_password
        _audit(store, lang, result.account, "sign-in", client=client)
        return True
    if result.outcome == "wrong":
        _audit(store, lang, result.account, "sign-in-failed", client=client)
        st.error(t("staff.wrong", lang))
    if result.outcome == "no_name":
        st.error(t("staff.no_name", lang))
    if result.wait_s > 0:
        st.warning(t("staff.throttled", lang, seconds=math.ceil(result.wait_s)))
    return False


def require_staff(lang: str) -> str:
    """The signed-in account's name; otherwise say so and stop the page (a URL cannot bypass it)."""
    if not signed_in():
        st.error(t("staff.need_sign_in", lang))
        st.stop()
    return str(st.session_state.get(state.STAFF_AUTHOR) or "")


def render_sign_out(store: CatalogStore, lang: str) -> None:
    """Who is signed in, a warning for the shared password, and a sign-out button in the sidebar."""
    author = str(st.session_state.get(state.STAFF_AUTHOR) or "")
    with st.sidebar:
        st.caption(t("staff.signed_in_as", lang, name=escape_markdown(author)))
        if st.session_state.get(state.STAFF_SHARED_PASSWORD):
            st.warning(t("staff.shared_password_warning", lang))
        if st.button(t("staff.sign_out", lang), key=state.STAFF_SIGN_OUT):
            _audit(store, lang, author, "sign-out")
            st.session_state[state.STAFF_SIGNED_IN] = False
            st.session_state[state.STAFF_AUTHOR] = ""
            st.session_state[state.STAFF_SHARED_PASSWORD] = False
            # Still registered in this run (hidden); a plain rerun would land on "page not found".
            st.switch_page("pages/staff_signin.py")
