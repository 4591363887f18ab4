"""Guiyang Eco Sites: entry point. Page config, session defaults and navigation."""

from __future__ import annotations

import streamlit as st

from components.data import get_settings
from components.document import render_document
from components.language import render_language_switch
from components.staff_auth import signed_in
from ecosites import state
from ecosites.escape import escape_markdown
from ecosites.i18n import t

st.set_page_config(page_title="Guiyang Eco Sites · 贵阳生态示范点", page_icon="🌿", layout="wide")

for key, value in state.DEFAULTS.items():
    st.session_state.setdefault(key, value)
lang = render_language_switch()  # ?lang=, else the browser's language; kept in the URL

settings = get_settings()
for problem in settings.problems:
    st.warning(escape_markdown(problem))


def _explore_alias() -> None:
    """Serve /explore links: the default page lives at / and Streamlit reserves its name."""
    st.switch_page(EXPLORE, query_params=st.query_params.to_dict())


def _staff_sign_in_first() -> None:
    """Serve /staff before sign-in (a reload starts a new session): the sign-in page, not 'not found'."""
    st.switch_page("pages/staff_signin.py")


EXPLORE = st.Page("pages/explore.py", title=t("nav.explore", lang), icon=":material/map:",
                  default=True, url_path="home")
pages = [
    EXPLORE,
    st.Page(_explore_alias, title=t("nav.explore", lang), url_path="explore", visibility="hidden"),
    st.Page("pages/plan.py", title=t("nav.plan", lang), icon=":material/route:", url_path="plan"),
    st.Page("pages/compare.py", title=t("nav.compare", lang), icon=":material/compare_arrows:",
            url_path="compare"),
    st.Page("pages/about.py", title=t("nav.about", lang), icon=":material/eco:", url_path="about"),
]
# Staff pages: the staff page exists in the navigation only for a signed-in session.
if signed_in():
    pages += [
        st.Page("pages/staff.py", title=t("staff.nav", lang), icon=":material/edit_location_alt:",
                url_path="staff"),
        st.Page("pages/staff_signin.py", title=t("staff.nav_signin", lang), url_path="staff_signin",
                visibility="hidden"),
    ]
else:
    pages += [
        st.Page("pages/staff_signin.py", title=t("staff.nav_signin", lang), icon=":material/login:",
                url_path="staff_signin"),
        st.Page(_staff_sign_in_first, title=t("staff.nav", lang), url_path="staff", visibility="hidden"),
    ]
current = st.navigation(pages)
render_document(lang, current.title)  # each page its own tab title; <html lang> follows lang
current.run()
