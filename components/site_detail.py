"""The detail panel: everything needed to visit a site, with unknowns said plainly."""

from __future__ import annotations

import streamlit as st

from ecosites import state
from ecosites.details import DetailView, Row
from ecosites.escape import escape_markdown
from ecosites.i18n import t


def _link(title: str, url: str) -> str:
    safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{escape_markdown(title)}]({safe_url})"


def _row(row: Row, lang: str) -> str:
    if row.value is None:
        value = f":gray[*{t('detail.unverified', lang)}*]"
    elif row.link:
        value = _link(row.value, row.link)
    else:
        value = escape_markdown(row.value)
    return f"- **{escape_markdown(row.label)}:** {value}"


def render_site_detail(view: DetailView, lang: str, key: str) -> bool:
    """Show the panel; returns True when the user closes it."""
    with st.container(border=True, key=state.sub_key(key, view.site_id)):
        st.markdown(f"### {escape_markdown(view.title)}")
        if view.subtitle:
            st.markdown(escape_markdown(view.subtitle))
        st.markdown(f"**{escape_markdown(t('detail.category', lang))}:** "
                    f"{escape_markdown(view.category)}")
        if view.fallback_note:
            st.caption(escape_markdown(view.fallback_note))
        st.markdown(f"**{escape_markdown(t('detail.highlight', lang))}**")
        st.markdown(escape_markdown(view.highlight) if view.highlight
                    else f":gray[*{t('detail.unverified', lang)}*]")
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{escape_markdown(t('detail.visit', lang))}**")
            st.markdown("\n".join(_row(row, lang) for row in view.visit))
            st.markdown("\n".join(_row(row, lang) for row in view.place))
            if view.tags:
                st.markdown(f"**{escape_markdown(t('detail.tags', lang))}:** "
                            + escape_markdown(t("list.separator", lang).join(view.tags)))
        with right:
            st.markdown(f"**{escape_markdown(t('detail.facts', lang))}**")
            if view.facts:
                st.markdown("\n".join(
                    f"- {escape_markdown(text)} :gray[({escape_markdown(source)})]"
                    for text, source in view.facts))
            else:
                st.markdown(f":gray[*{t('detail.unverified', lang)}*]")
            st.markdown(f"**{escape_markdown(t('detail.location', lang))}**")
            st.caption(escape_markdown(view.location_note))
        with st.expander(t("detail.sources", lang)):
            for source in view.sources:
                title = _link(source.title, source.url) if source.url else escape_markdown(
                    source.title)
                backs = f" :gray[{escape_markdown(source.backs)}]" if source.backs else ""
                st.markdown(f"- {title}{backs}")
        return st.button(t("detail.close", lang), key=state.sub_key(key, "close"))
