"""The page document itself: its title, its language, focus moves and announcements.

Streamlit renders ``<html lang="en">`` and one title for every page; the small script
``static/page/page.js`` runs in the main document (``st.html`` is not iframed) and keeps
``lang`` in step with the chosen language across reruns and page switches.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from ecosites.escape import script_json
from ecosites.i18n import html_lang, t

PAGE_JS = (Path(__file__).resolve().parent.parent / "static" / "page" / "page.js").read_text(
    encoding="utf-8")
THEME_CSS = Path(__file__).resolve().parent.parent / "static" / "page" / "page.css"


def _call(function: str, *args: object) -> None:
    """Run one ``window.ecoPage`` function (arguments as JSON) in the main document."""
    arguments = ",".join(script_json(arg) for arg in args)
    st.html(f"<script>{PAGE_JS}\nwindow.ecoPage.{function}({arguments});</script>",
            unsafe_allow_javascript=True)


def container_class(key: str) -> str:
    """The CSS class Streamlit gives a keyed container (``st-key-`` and the key, sanitised)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def set_page_title(page_title: str, lang: str) -> None:
    """The browser tab's title: "Page · Guiyang Eco Sites" (a page may call it again)."""
    st.set_page_config(page_title=t("page.title", lang, page=page_title))


def render_document(lang: str, page_title: str) -> None:
    """The tab's title, the document language and the app's CSS, for the page being run."""
    set_page_title(page_title, lang)
    st.html(THEME_CSS)  # a style-only body goes to the event container: it takes no space
    with st.sidebar:
        _call("setLang", html_lang(lang))


def announce_detail_opened(site_id: str, panel_key: str, name: str, lang: str) -> None:
    """Move focus to the open panel's heading and announce it in the polite live region."""
    _call("detailOpened", site_id, container_class(panel_key), t("detail.opened", lang, name=name))


def return_focus_after_details() -> None:
    """After the panel closed, give focus back to what had it when the panel opened."""
    _call("detailClosed")
