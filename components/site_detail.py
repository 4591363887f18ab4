"""The detail panel: everything needed to visit a site, with unknowns said plainly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from components.document import announce_detail_opened
from ecosites import state
from ecosites.details import DetailView, OpeningLine, Photo, Row
from ecosites.directions import Directions
from ecosites.escape import escape_markdown, escape_text
from ecosites.i18n import bilingual, html_lang, labelled, t


def _link(title: str, url: str) -> str:
    safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{escape_markdown(title)}]({safe_url})"


def _bold_label(label: str, value: str, lang: str) -> str:
    """"**Label**: value" in Markdown with the language's colon ("：" in Chinese).

    The colon sits after the bold run: "**状态：**在建" would not be bold, because a closing
    "**" after punctuation must be followed by a space or punctuation.
    """
    return labelled(f"**{escape_markdown(label)}**", value, lang)


def _row(row: Row, lang: str) -> str:
    if row.value is None:
        value = f":gray[*{t('detail.unverified', lang)}*]"
    elif row.link:
        value = _link(row.value, row.link)
    else:
        value = escape_markdown(row.value)
    note = f" :gray[({escape_markdown(row.note)})]" if row.note else ""
    return f"- {_bold_label(row.label, value, lang)}{note}"


def _render_photo(photo: Photo, media_dir: Path, lang: str) -> None:
    """The site's first photo with its credit, licence and a link to where it came from."""
    path = media_dir / photo.file
    if not path.is_file():
        return
    # The credit goes through st.caption, where it is escaped like all site text.
    st.image(str(path), width="stretch", alt=photo.alt)
    st.caption(f"{escape_markdown(photo.credit)} · "
               f"{_link(t('detail.photo_source', lang), photo.source_url)}")


def _render_opening(opening: OpeningLine) -> None:
    """The open-now line: a colour per kind (static/page/page.css) and always the words."""
    st.markdown(f'<p class="eco-opening eco-opening--{escape_text(opening.kind)}">'
                f"{escape_text(opening.text)}</p>", unsafe_allow_html=True)


def _render_directions(directions: Directions, lang: str) -> None:
    """How to get there: map links in a new tab, what is approximate beside them, the metro."""
    st.markdown(f"**{escape_markdown(t('directions.header', lang))}**")
    links = "".join(
        f'<li><a href="{escape_text(link.url)}" target="_blank" rel="noopener noreferrer" '
        f'aria-label="{escape_text(link.accessible_name)}" data-service="{link.service}">'
        f"{escape_text(link.label)}</a></li>"
        for link in directions.links)
    st.markdown(f'<ul class="eco-directions">{links}</ul>', unsafe_allow_html=True)
    if directions.position_note:
        st.caption(escape_markdown(directions.position_note))
    if directions.metro:
        st.markdown("- " + _bold_label(t("detail.transit", lang),
                                       escape_markdown(directions.metro), lang))


def render_site_detail(
    view: DetailView, lang: str, key: str, media_dir: Path | None = None,
    footer: Callable[[], None] | None = None,
) -> bool:
    """Show the panel (its first photo from ``media_dir``; ``footer`` inside it, last).

    Returns True when the user closes it.
    """
    panel_key = state.sub_key(key, view.site_id)
    with st.container(border=True, key=panel_key):
        st.markdown(f"### {escape_markdown(view.title)}")
        if view.subtitle:  # the other language's name: its own lang, for screen readers
            other = html_lang(bilingual("zh", "en", lang))
            st.markdown(f'<p lang="{other}">{escape_text(view.subtitle)}</p>', unsafe_allow_html=True)
        if view.photo is not None and media_dir is not None:
            _render_photo(view.photo, media_dir, lang)
        st.markdown(_bold_label(t("detail.category", lang), escape_markdown(view.category), lang))
        if view.status:
            note = f" — {escape_markdown(view.status_note)}" if view.status_note else ""
            st.warning(_bold_label(t("detail.status", lang), escape_markdown(view.status), lang)
                       + note)
        if view.opening is not None:
            _render_opening(view.opening)
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
            if view.parts:
                st.markdown(f"**{escape_markdown(t('detail.parts', lang))}**")
                st.markdown("\n".join(f"- {escape_markdown(part)}" for part in view.parts))
            if view.tags:
                st.markdown(_bold_label(t("detail.tags", lang), escape_markdown(
                    t("list.separator", lang).join(view.tags)), lang))
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
        if view.directions is not None:
            _render_directions(view.directions, lang)
        with st.expander(t("detail.sources", lang)):
            for source in view.sources:
                title = _link(source.title, source.url) if source.url else escape_markdown(
                    source.title)
                backs = f" :gray[{escape_markdown(source.backs)}]" if source.backs else ""
                st.markdown(f"- {title}{backs}")
        if footer is not None:
            footer()
        closed = st.button(t("detail.close", lang), key=state.sub_key(key, "close"))
        # Last, so focus moves and the announcement comes once the whole panel is there.
        announce_detail_opened(view.site_id, panel_key, view.title, lang)
        return closed
