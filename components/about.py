"""The green record page's pieces: recognitions, figures, site kinds, the forum, the contact.

Text comes from ``ecosites.green_record`` and is escaped here. Text in the page's other
language (a Chinese name on the English page, an English original on the Chinese one)
is wrapped in its own ``lang`` so screen readers pronounce it right; that needs
``st.html``, whose styles live in ``static/about.css``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from components.plan_controls import PLAN_PAGE, get_plan_query
from ecosites import schema, state
from ecosites.escape import escape_markdown, escape_text
from ecosites.filters import QUERY_CATEGORY, QUERY_SITE
from ecosites.green_record import (
    GREEN_RECORD_FILE,
    GreenRecord,
    Pair,
    Passage,
    featured_edition,
    format_figure,
    forum_status,
    forum_when,
    load_green_record,
    share_figures,
    source_labels,
    timeline,
)
from ecosites.i18n import LANGS, QUERY_LANG, bilingual, html_lang, labelled, t
from ecosites.paths import BUNDLED_GEODATA
from ecosites.planning.codec import QUERY_FROM
from ecosites.planning.model import VENUE_ALIAS
from ecosites.settings import Settings
from ecosites.vocab import Category

EXPLORE_PAGE = "pages/explore.py"
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "about.css"
TIMELINE_DOMAIN = (2008, 2026)  # years on the milestones chart, a margin either side
CHART_COLOUR = "#0072B2"  # the theme's primary colour (Okabe-Ito blue)


@st.cache_data(max_entries=4, show_spinner=False)
def _cached_record(path: str, mtime_ns: int) -> GreenRecord:  # noqa: ARG001 - mtime_ns is the cache key
    return load_green_record(Path(path))


def get_green_record(settings: Settings) -> GreenRecord:
    """The record from the catalogue directory, else the bundled one; reloaded when the file changes."""
    path = settings.geodata_dir / GREEN_RECORD_FILE
    if not path.exists():
        path = BUNDLED_GEODATA / GREEN_RECORD_FILE
    return _cached_record(str(path), path.stat().st_mtime_ns)


def site_rows(sites: pd.DataFrame) -> list[tuple[str, str, Pair]]:
    """(id, category, names) of every catalogue site, in catalogue order."""
    return [(site_id, category, Pair(en or "", zh or "")) for site_id, category, en, zh in zip(
        sites.index, sites[schema.CATEGORY], sites[schema.NAME_EN], sites[schema.NAME_ZH], strict=True)]


def site_names(sites: pd.DataFrame, site_id: str) -> Pair | None:
    """A site's names, or None when the catalogue does not hold it."""
    if site_id not in sites.index:
        return None
    row = sites.loc[site_id]
    return Pair(row[schema.NAME_EN] or "", row[schema.NAME_ZH] or "")


def _other_lang(lang: str) -> str:
    return next(code for code in LANGS if code != lang)


def _span(text: str, lang: str, css: str = "") -> str:
    """Escaped text in its own language."""
    attribute = f' class="{css}"' if css else ""
    return f'<span lang="{html_lang(lang)}"{attribute}>{escape_text(text)}</span>'


def _both(pair: Pair, lang: str) -> str:
    """'Own · <span lang=other>other</span>', or one text when both are the same."""
    own, other = pair.own_first(lang)
    if not own or not other or own == other:
        return _span(own, lang) if own else _span(other, _other_lang(lang))
    return f'{escape_text(own)} · {_span(other, _other_lang(lang), "eco-other")}'


def _html(body: str, lang: str) -> None:
    st.html(f'<div lang="{html_lang(lang)}">{body}</div>')


def _label(key: str, value_html: str, lang: str) -> str:
    """The string ``key`` as a label before ``value_html``, with the language's colon."""
    return labelled(escape_text(t(key, lang)), value_html, lang)


def _source_line(record: GreenRecord, ids: Sequence[str], lang: str) -> str:
    """'Source: …' in the darker source style."""
    text = t("about.source", lang, sources=source_labels(record, ids, lang))
    return f'<p class="eco-source">{escape_text(text)}</p>'


def _passage(record: GreenRecord, passage: Passage, lang: str) -> None:
    """A paragraph and, under it, its source in the darker source style."""
    _html(f'<p class="eco-detail">{escape_text(passage.text.get(lang))}</p>'
          + _source_line(record, passage.sources, lang), lang)


def render_intro(record: GreenRecord, lang: str) -> None:
    """The title, what the page is, and the brochure's opening paragraphs."""
    st.title(t("about.title", lang))
    _html(f'<p class="eco-source">{escape_text(t("about.translation_note", lang))}</p>', lang)
    paragraphs = "".join(f'<p class="eco-lead">{escape_text(p.text.get(lang))}</p>' for p in record.intro)
    _html(paragraphs + _source_line(record, [i for p in record.intro for i in p.sources], lang), lang)


def _year_list(entries: Sequence[tuple[int, str]], lang: str) -> str:
    return t("about.item_separator", lang).join(
        t("about.year_item", lang, year=year, label=label) for year, label in entries)


def render_recognitions(record: GreenRecord, lang: str) -> None:
    """Each recognition with its year and source, then the milestones on a timeline."""
    st.header(t("about.recognitions", lang))
    items = []
    for item in record.recognitions:
        year = str(item.year) if item.year is not None else t("about.no_year", lang)
        note = f'<br><em>{escape_text(item.note.get(lang))}</em>' if item.note else ""
        items.append(
            f'<li><span class="eco-year">{escape_text(year)}</span> · <strong>{_both(item.title, lang)}'
            f'</strong><br>{escape_text(item.detail.get(lang))}{note}'
            + _source_line(record, item.sources, lang) + "</li>")
    _html(f'<ul class="eco-list">{"".join(items)}</ul>', lang)

    entries = timeline(record)
    words = _year_list([(e.year, e.label.get(lang)) for e in entries], lang)
    frame = pd.DataFrame({"year": [e.year for e in entries], "label": [e.label.get(lang) for e in entries]})
    base = alt.Chart(frame).encode(
        y=alt.Y("year:Q", scale=alt.Scale(domain=list(TIMELINE_DOMAIN), reverse=True),
                axis=alt.Axis(format="d", title=t("about.axis.year", lang), tickMinStep=1)),
        tooltip=[alt.Tooltip("year:Q", format="d", title=t("about.axis.year", lang)),
                 alt.Tooltip("label:N", title=" ")])
    dots = base.mark_circle(size=110, color=CHART_COLOUR, opacity=1).encode(x=alt.value(12))
    labels = base.mark_text(align="left", dx=24, fontSize=13, color="#1f2328").encode(
        text="label:N", x=alt.value(0))
    # The line only joins the dots: hidden from screen readers (Vega would expose it as an
    # unnamed image); the chart's description and the list beside it carry the content.
    rule = alt.Chart(frame).mark_rule(color="#8c959f", aria=False).encode(x=alt.value(12))
    chart = (rule + dots + labels).properties(height=300, description=words).configure_view(stroke=None)
    st.subheader(t("about.timeline", lang))
    chart_column, words_column = st.columns([3, 2], gap="large")
    chart_column.altair_chart(chart, width="stretch", key=state.ABOUT_TIMELINE)
    with words_column:
        _html(f'<p class="eco-detail">{escape_text(t("about.timeline_alt", lang, items=words))}</p>', lang)


def render_figures(record: GreenRecord, lang: str) -> None:
    """The 2024 figures as metric cards with their sources, then the percentages as bars."""
    st.header(t("about.figures", lang))
    _passage(record, record.figures_intro, lang)
    per_row = 3
    for start in range(0, len(record.figures), per_row):
        for column, figure in zip(st.columns(per_row), record.figures[start:start + per_row],
                                  strict=False):
            with column, st.container(border=True, key=state.sub_key(state.ABOUT_FIGURE, figure.id)):
                st.metric(escape_markdown(figure.label.get(lang)), format_figure(figure, lang))
                detail = (f'<p class="eco-detail">{escape_text(figure.detail.get(lang))}</p>'
                          if figure.detail else "")
                source = t("about.figure_source", lang, year=figure.year,
                           sources=source_labels(record, figure.sources, lang))
                _html(f'{detail}<p class="eco-source">{escape_text(source)}</p>', lang)

    shares = share_figures(record)
    if not shares:
        return
    st.subheader(t("about.shares", lang))
    words = t("about.item_separator", lang).join(
        f"{f.label.get(lang)} {format_figure(f, lang)}" for f in shares)
    frame = pd.DataFrame({"label": [f.label.get(lang) for f in shares],
                          "value": [f.value for f in shares],
                          "text": [format_figure(f, lang) for f in shares]})
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=180, labelFontSize=12)),
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 100]), title=t("about.axis.share", lang),
                axis=alt.Axis(values=[0, 25, 50, 75, 100])),
        tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("text:N", title=" ")])
    track = base.mark_bar(color="#e6eaef").encode(x=alt.datum(100))
    bars = base.mark_bar(color=CHART_COLOUR)
    values = base.mark_text(align="right", dx=-6, color="white", fontWeight="bold").encode(text="text:N")
    chart = (track + bars + values).properties(height=44 * len(shares), description=words)
    st.altair_chart(chart.configure_view(stroke=None), width="stretch", key=state.ABOUT_SHARES)
    _html(f'<p class="eco-detail">{escape_text(t("about.shares_alt", lang, items=words))}</p>', lang)


def _site_list(names: Sequence[Pair], lang: str) -> str:
    return '<ul class="eco-list">' + "".join(f"<li>{_both(n, lang)}</li>" for n in names) + "</ul>"


def render_site_kinds(record: GreenRecord, categories: Sequence[Category],
                      members: Mapping[str, Sequence[tuple[str, Pair]]], counts: Mapping[str, int],
                      lang: str) -> None:
    """Each kind: its names, a sentence, its first sites in both languages, a link to them all on the map."""
    st.header(t("about.kinds", lang))
    explained = {kind.category: kind for kind in record.site_kinds}
    for category in categories:
        st.subheader(category.name(lang))
        kind = explained.get(category.slug)
        sites = members.get(category.slug, [])
        count = counts.get(category.slug, len(sites))
        other = category.name(_other_lang(lang))
        body = f'<p class="eco-detail">{_span(other, _other_lang(lang), "eco-other")}</p>'
        if kind:
            body += (f'<p class="eco-detail">{escape_text(kind.text.get(lang))}</p>'
                     + _source_line(record, kind.sources, lang))
        if sites:
            body += (f'<p class="eco-detail">{escape_text(t("about.kind_sites", lang, count=count))}'
                     f'</p>{_site_list([names for _, names in sites], lang)}')
            if count > len(sites):
                body += (f'<p class="eco-detail">'
                         f'{escape_text(t("about.kind_more", lang, count=count - len(sites)))}</p>')
        else:
            body += f'<p class="eco-detail">{escape_text(t("about.kind_none", lang))}</p>'
        _html(body, lang)
        if sites:
            quantity = "one" if count == 1 else "many"
            st.page_link(EXPLORE_PAGE, label=t(f"about.kind_link.{quantity}", lang, count=count),
                         icon=":material/map:", query_params={QUERY_CATEGORY: category.slug,
                                                               QUERY_LANG: lang})


def render_forum(record: GreenRecord, venue_id: str, venue: Pair | None, today: date, lang: str) -> None:
    """History, the Guiyang Consensus, the featured forum (dated against ``today``), the venue."""
    forum = record.forum
    st.header(forum.name.get(lang))
    _, other = forum.name.own_first(lang)
    _html(f'<p class="eco-detail">{_span(other, _other_lang(lang), "eco-other")}</p>', lang)
    _passage(record, forum.about, lang)

    st.subheader(t("about.forum.history", lang))
    items = "".join(
        f'<li><span class="eco-year">{m.year}</span> · {escape_text(m.text.get(lang))}'
        + _source_line(record, m.sources, lang)
        + "</li>" for m in forum.history)
    _html(f'<ul class="eco-list">{items}</ul>', lang)

    st.subheader(t("about.forum.consensus", lang))
    _passage(record, forum.consensus, lang)

    edition = featured_edition(forum.editions, today)
    if edition is not None:
        st.subheader(t(f"about.forum.heading.{forum_status(edition, today)}", lang))
        theme, theme_other = edition.theme.own_first(lang)
        _html(f'<p class="eco-detail">{escape_text(forum_when(edition, today, lang))}</p>'
              f'<p class="eco-detail"><strong>{escape_text(t("about.forum.theme", lang))}</strong></p>'
              f'<blockquote class="eco-theme">“{escape_text(theme)}”<br>'
              f'{_span(theme_other, _other_lang(lang), "eco-other")}</blockquote>'
              f'<p class="eco-detail">'
              + labelled(f'<strong>{escape_text(t("about.forum.focus", lang))}</strong>',
                         escape_text(edition.focus.get(lang)), lang) + "</p>"
              + _source_line(record, edition.sources, lang), lang)

    st.subheader(t("about.venue", lang))
    if venue is None:
        st.info(t("about.venue_missing", lang))
    else:
        _html(f'<p class="eco-detail"><strong>{_both(venue, lang)}</strong></p>', lang)
    items = "".join(
        f"<li>{escape_text(p.text.get(lang))}"
        + _source_line(record, p.sources, lang)
        + "</li>" for p in forum.venue_facts)
    _html(f'<ul class="eco-list">{items}</ul>', lang)
    if venue is not None:
        st.page_link(EXPLORE_PAGE, label=t("about.venue_map", lang), help=venue.get(lang),
                     icon=":material/location_on:",
                     query_params={QUERY_SITE: venue_id, QUERY_LANG: lang})
    # The user's plan travels along, so choosing the venue as start keeps the stops chosen so far.
    st.page_link(PLAN_PAGE, label=t("about.venue_plan", lang), icon=":material/route:",
                 help=t("plan.title", lang),
                 query_params={**get_plan_query(), QUERY_FROM: VENUE_ALIAS, QUERY_LANG: lang})


def _tel(number: str) -> str:
    """A tel: link target: China's country code instead of the trunk 0 (0851-8798... -> +86851...)."""
    digits = "".join(c for c in number if c.isdigit())
    return f"tel:+86{digits[1:]}" if digits.startswith("0") else f"tel:{digits}"


def render_contact(record: GreenRecord, lang: str) -> None:
    """The Foreign Affairs Office: name, address (English, as published), phones, website."""
    contact = record.contact
    st.header(t("about.contact", lang))
    address_note = bilingual("", f'（{escape_text(t("about.contact.address_note", lang))}）', lang)
    phones = ", ".join(f'<a href="{_tel(p)}">{escape_text(p)}</a>' for p in contact.phones)
    with st.container(border=True, key=state.ABOUT_CONTACT):
        _html(f'<div class="eco-contact"><p><strong>{_both(contact.name, lang)}</strong></p>'
              f'<p>{_label("about.contact.address", _span(contact.address_en, "en"), lang)}'
              f'{address_note}</p>'
              f'<p>{_label("about.contact.phone", phones, lang)}</p>'
              + "<p>" + _label("about.contact.website", f'<a href="{escape_text(contact.website)}" '
              f'target="_blank" rel="noopener noreferrer">{_span(contact.website, "en")}</a>', lang)
              + "</p>"
              + _source_line(record, contact.sources, lang) + "</div>", lang)


def render_sources(record: GreenRecord, lang: str) -> None:
    """Every source the page cites, with its full title and link."""
    st.header(t("about.sources", lang))
    items = []
    for source in record.sources.values():
        title = _span(source.title, source.title_lang)
        if source.url:
            title = (f'<a href="{escape_text(source.url)}" target="_blank" '
                     f'rel="noopener noreferrer">{title}</a>')
        items.append("<li>" + labelled(f"<strong>{escape_text(source.short.get(lang))}</strong>",
                                       title, lang) + "</li>")
    _html(f'<p class="eco-detail">{escape_text(t("about.sources_note", lang))}</p>'
          f'<ul class="eco-list">{"".join(items)}</ul>', lang)


def render_about_styles() -> None:
    """The page's stylesheet (goes to Streamlit's event container, taking no space)."""
    st.html(STYLESHEET)


def let_linked_pages_read_their_links() -> None:
    """Make the explorer and the planner read the query of the next link followed from here.

    Both apply their URL once per session, so without this a link such as
    ``?cat=green-industry`` would be ignored by a session that had visited the explorer
    before. Arriving from the navigation instead carries no filter, so the explorer
    then opens unfiltered, as it would for a new visitor.
    """
    st.session_state[state.URL_APPLIED] = False
    st.session_state[state.PLAN_URL_APPLIED] = False
