"""The language switch: in the sidebar on every page, kept in the URL as ``?lang=zh|en``.

Without ``?lang=`` the browser's preferred language decides (its locale, then the
Accept-Language header). The choice lives in ``state.LANG`` for every page.
"""

from __future__ import annotations

import streamlit as st

from ecosites import state
from ecosites.i18n import LANGS, QUERY_LANG, choose_lang, lang_from_url, t


def _browser_hints() -> tuple[str | None, str | None]:
    """The browser's locale and Accept-Language header, when Streamlit knows them."""
    try:
        locale = st.context.locale
        header = st.context.headers.get("Accept-Language")
    except Exception:  # noqa: BLE001 - no browser context (e.g. some test runners)
        return None, None
    return locale, header


def _on_switch() -> None:
    chosen = st.session_state[state.LANG_SWITCH]
    st.session_state[state.LANG] = chosen
    st.query_params[QUERY_LANG] = chosen


def render_language_switch() -> str:
    """The sidebar switch; returns the language for this run and keeps the URL in step."""
    from_url = lang_from_url(st.query_params.get(QUERY_LANG))
    if state.LANG not in st.session_state:
        st.session_state[state.LANG] = choose_lang(from_url, *_browser_hints())
    elif from_url and from_url != st.session_state[state.LANG]:
        st.session_state[state.LANG] = from_url  # a link with ?lang= opened in this session
    lang = str(st.session_state[state.LANG])
    st.session_state[state.LANG_SWITCH] = lang
    st.sidebar.radio(t("lang.label", lang), LANGS, key=state.LANG_SWITCH, horizontal=True,
                     format_func=lambda code: t(f"lang.{code}", lang), on_change=_on_switch)
    if st.query_params.get(QUERY_LANG) != lang:
        st.query_params[QUERY_LANG] = lang
    return lang
