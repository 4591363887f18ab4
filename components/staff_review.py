"""Reviewing a plan before publishing: per-feature report, map preview, diff, Publish button."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from components.data import clear_catalog_cache
from components.site_map import render_site_map
from ecosites import schema, state
from ecosites.basemaps import Basemap
from ecosites.diff import CatalogDiff
from ecosites.escape import escape_markdown
from ecosites.i18n import t
from ecosites.intake import (
    ImportPlan,
    PublishOutcome,
    current_version,
    preview_sites,
    preview_view,
    report_rows,
)
from ecosites.mapview import build_base_map, build_site_layer
from ecosites.markers import site_label
from ecosites.store import CatalogStore, Version, feature_id
from ecosites.validate import format_problems
from ecosites.vocab import Category


def render_report(plan: ImportPlan, lang: str, key: str) -> None:
    """Summary line, conversions done, and one table row per feature."""
    st.subheader(t("staff.report", lang))
    total = sum(r.feature_count for r in plan.reports)
    errors = len(plan.errors)
    st.markdown(t("staff.report_summary", lang, valid=len(plan.features), total=total,
                  errors=errors, warnings=len(plan.all_problems) - errors))
    for report in plan.reports:
        if report.readable and report.source_crs != "WGS-84" and report.features:
            st.caption(t("staff.converted", lang, file=escape_markdown(report.file),
                         crs=escape_markdown(report.source_crs)))
    if plan.unreadable:
        st.error(t("staff.unreadable", lang))
    rows = report_rows(plan, lang)
    frame = pd.DataFrame({
        t("staff.col.file", lang): [r.file for r in rows],
        t("staff.col.feature", lang): [r.feature for r in rows],
        t("staff.col.id", lang): [r.site_id for r in rows],
        t("staff.col.status", lang): [t(f"staff.status.{r.status}", lang) for r in rows],
        t("staff.col.problems", lang): [r.problems for r in rows],
    })
    st.dataframe(frame, hide_index=True, width="stretch", key=key,
                 height=min(420, 38 + 35 * max(len(frame), 1)), column_config={
                     t("staff.col.feature", lang): st.column_config.NumberColumn(width="small"),
                     t("staff.col.problems", lang): st.column_config.TextColumn(width="large")})
    problems = plan.all_problems
    if problems:
        with st.expander(t("staff.problem_lines", lang, count=len(problems))):
            st.code("\n".join(format_problems(problems, lang)), language=None, wrap_lines=True)


def render_preview(
    plan: ImportPlan, categories: Sequence[Category], basemap: Basemap, lang: str
) -> None:
    """The valid incoming sites on the session's basemap (markers and boundaries)."""
    st.subheader(t("staff.preview", lang))
    sites = preview_sites(plan.features)
    view = preview_view(sites)
    if view is None:
        st.info(t("staff.preview_none", lang))
        return
    (lat, lon), zoom = view
    shown_lon, shown_lat = basemap.to_display(lon, lat)
    base_map = build_base_map(categories, basemap.tiles, lang, basemap.overlays)
    layer = build_site_layer(sites, categories, lang, None, basemap.to_display)
    render_site_map(base_map, [layer], key=state.STAFF_PREVIEW_MAP, center=(shown_lat, shown_lon),
                    zoom=zoom, returned=())


def diff_summary(diff: CatalogDiff, lang: str) -> str:
    """'2 added · 1 changed · ...' in the interface language."""
    return t("staff.diff_summary", lang, added=len(diff.added), changed=len(diff.changed),
             unchanged=len(diff.unchanged), removed=len(diff.removed))


DIFF_KEYS = (state.STAFF_DIFF_ADDED, state.STAFF_DIFF_CHANGED, state.STAFF_DIFF_REMOVED)


def render_diff(diff: CatalogDiff, lang: str, keys: tuple[str, str, str] = DIFF_KEYS) -> None:
    """Added, changed (field by field), unchanged and removed sites (tables keyed by ``keys``)."""
    added_key, changed_key, removed_key = keys
    st.subheader(t("staff.diff", lang))
    st.markdown(diff_summary(diff, lang))
    id_column = t("staff.col.id", lang)
    if diff.added:
        st.markdown(f"**{t('staff.added', lang)}**")
        st.dataframe(pd.DataFrame({id_column: list(diff.added)}), hide_index=True,
                     key=added_key)
    if diff.changed:
        st.markdown(f"**{t('staff.changed', lang)}**")
        rows = [(c.site_id, f.field, f.old, f.new) for c in diff.changed for f in c.fields]
        st.dataframe(pd.DataFrame(rows, columns=[
            id_column, t("staff.col.field", lang), t("staff.col.old", lang),
            t("staff.col.new", lang)]), hide_index=True, width="stretch", key=changed_key)
    if diff.removed:
        st.markdown(f"**{t('staff.removed', lang)}**")
        st.dataframe(pd.DataFrame({id_column: list(diff.removed)}), hide_index=True,
                     key=removed_key)


def feature_label(feature: Mapping[str, Any], lang: str) -> str:
    """A site's names in the page's language first, then its id: 'Name · 名称 (id)'."""
    properties = feature.get("properties") or {}
    site_id = feature_id(feature) or ""
    name = site_label(str(properties.get(schema.NAME_EN) or ""), str(properties.get(schema.NAME_ZH) or ""),
                      lang)
    return f"{name} ({site_id})" if name else site_id


REPLACE_NAMES_SHOWN = 10


def render_replace_confirmation(
    removed: Sequence[str], features: Sequence[dict[str, Any]], lang: str, key: str
) -> bool:
    """How many sites a replace removes and the first names; True once staff confirmed it."""
    if not removed:
        return True
    by_id = {feature_id(f): f for f in features}
    names = [escape_markdown(feature_label(by_id[i], lang)) if i in by_id else escape_markdown(i)
             for i in removed[:REPLACE_NAMES_SHOWN]]
    more = len(removed) - len(names)
    listing = "\n".join(f"- {name}" for name in names)
    if more:
        listing += "\n- " + t("staff.replace_more", lang, count=more)
    st.warning(t("staff.replace_removes", lang, count=len(removed)) + "\n\n" + listing)
    return st.checkbox(t("staff.replace_confirm", lang, count=len(removed)), key=key)


def render_publish_button(plan: ImportPlan, lang: str, key: str, confirmed: bool = True) -> bool:
    """Why publishing is not possible, or the Publish button; True when pressed."""
    if plan.errors:
        st.warning(t("staff.fix_first", lang))
    elif not plan.diff.has_changes:
        st.info(t("staff.nothing_to_publish", lang))
    return st.button(t("staff.publish", lang), type="primary", key=key,
                     disabled=not (plan.can_publish and confirmed))


def swap_state(key: str, value: object) -> object:
    """Store ``value`` under ``key``; return what the previous run left there."""
    previous = st.session_state.get(key)
    st.session_state[key] = value
    return previous


def show_publish_outcome(
    outcome: PublishOutcome, lang: str, success: Callable[[Version], str]
) -> None:
    """After a publish: refresh the explorer's cache and rerun with a message, or explain why not."""
    if outcome.version is not None:
        clear_catalog_cache()
        # This session's own change is never someone else's: every section starts from it.
        for key in (state.STAFF_EDIT_BASE, state.STAFF_HISTORY_SHA, state.STAFF_PREVIEWED_SHA):
            st.session_state[key] = None
        # Published all the same when not recorded: say so, and what is missing.
        set_flash(success(outcome.version), t(
            "staff.not_recorded", lang, version=outcome.version.number,
            details=escape_markdown(outcome.not_recorded)) if outcome.not_recorded else None)
        st.session_state[state.STAFF_UPLOAD_ROUND] += 1  # a fresh, empty uploader
        st.rerun()
    if outcome.conflict:
        st.error(t("staff.conflict", lang))
        if outcome.winner is not None:
            st.info(t("staff.conflict_winner", lang, version=outcome.winner.number,
                      author=escape_markdown(outcome.winner.author), time=outcome.winner.time))
    elif outcome.error:
        st.error(t("staff.store_error", lang, details=escape_markdown(outcome.error)))


def render_stale_notice(store: CatalogStore, lang: str, flow: str, key: str) -> bool:
    """Who published since ``flow`` (edit or upload) was previewed, and "preview again"; True when pressed."""
    winner = current_version(store)
    if winner is not None:
        st.warning(t(f"staff.{flow}_stale", lang, version=winner.number,
                     author=escape_markdown(winner.author), time=winner.time))
    else:
        st.warning(t(f"staff.{flow}_stale_unknown", lang))
    label = (t(f"staff.{flow}_preview_again", lang, version=winner.number) if winner is not None
             else t(f"staff.{flow}_preview_again_unknown", lang))
    return st.button(label, key=key)


def hold_upload_conflict(outcome: PublishOutcome) -> None:
    """An upload that met a conflict is not re-previewed unasked: rerun to offer "preview again"."""
    if outcome.conflict:
        st.session_state[state.STAFF_UPLOAD_CONFLICT] = True
        st.rerun()


def render_upload_conflict(store: CatalogStore, lang: str) -> bool:
    """After an upload's conflict: nothing published, who won, "preview again"; True until it is pressed.

    The files and options stay in the form above; the report, preview and Publish button
    come back, against the winning version, only once staff ask for them.
    """
    if not st.session_state.get(state.STAFF_UPLOAD_CONFLICT):
        return False
    st.error(t("staff.upload_conflict", lang))
    if render_stale_notice(store, lang, "upload", state.STAFF_UPLOAD_PREVIEW_AGAIN):
        st.session_state[state.STAFF_UPLOAD_CONFLICT] = False
        st.rerun()
    return True


STAFF_SECTIONS: tuple[str, ...] = ("upload", "edit", "history", "reports")


def render_section_picker(lang: str) -> str:
    """Upload, edit, history or reports: a radio kept in session state, so an action's rerun stays there.

    ``st.tabs`` cannot be selected from code and falls back to the first tab after a rerun;
    a radio group is reachable with Tab and moved with the arrow keys.
    """
    section = st.radio(t("staff.section", lang), STAFF_SECTIONS, horizontal=True,
                       format_func=lambda s: t(f"staff.tab_{s}", lang), key=state.STAFF_SECTION,
                       label_visibility="collapsed")
    return str(section or STAFF_SECTIONS[0])


def set_flash(message: str, warning: str | None = None) -> None:
    """Leave ``message`` (and a warning) for the staff page to show from its next run on."""
    st.session_state[state.STAFF_FLASH] = message
    st.session_state[state.STAFF_FLASH_WARNING] = warning
    st.session_state[state.STAFF_FLASH_AT] = None


def render_flash(section: str) -> None:
    """The message left by the last publish, rollback or report, for as long as staff stay put.

    It stays through any rerun in the same section and upload round (a rerun that arrives
    just after a publish must not take the message away unseen) and goes when either changes.
    """
    message = st.session_state.get(state.STAFF_FLASH)
    if not message:
        return
    here = (section, st.session_state.get(state.STAFF_UPLOAD_ROUND))
    shown_at = st.session_state.get(state.STAFF_FLASH_AT)
    if shown_at is None:
        st.session_state[state.STAFF_FLASH_AT] = here
    elif tuple(shown_at) != here:
        for key in (state.STAFF_FLASH, state.STAFF_FLASH_WARNING, state.STAFF_FLASH_AT):
            st.session_state[key] = None
        return
    st.success(message)
    warning = st.session_state.get(state.STAFF_FLASH_WARNING)
    if warning:
        st.warning(warning)
