"""The form for editing one site's fields (checked by the same validator as uploads)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from components.staff_review import (
    diff_summary,
    feature_label,
    render_diff,
    render_report,
    render_stale_notice,
    show_publish_outcome,
)
from ecosites import schema, state
from ecosites.i18n import t
from ecosites.intake import prepare_edit, try_publish
from ecosites.store import CatalogStore, feature_id
from ecosites.vocab import Category, district_label

TEXT_FIELDS: tuple[str, ...] = (
    schema.NAME_EN, schema.NAME_ZH, schema.HIGHLIGHT_EN, schema.HIGHLIGHT_ZH,
    schema.ADDRESS_EN, schema.ADDRESS_ZH,
)
OPTIONAL_TEXT_FIELDS: tuple[str, ...] = (schema.HOURS, schema.LAST_ENTRY, schema.WEBSITE, schema.PHONE)
LONG_TEXT_FIELDS = (schema.HIGHLIGHT_EN, schema.HIGHLIGHT_ZH)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class EditForm:
    """The edit form's site and values as they stand, and whether it was just submitted."""

    site_id: str
    values: dict[str, Any]
    submitted: bool


def _initial_key(site_id: str, base_sha256: str) -> str:
    return state.staff_edit_key(site_id, base_sha256, "initial")


def carry_edit(site_id: str, old_base: str, new_base: str) -> None:
    """Move what staff typed into the form for ``old_base`` over to the form for ``new_base``.

    Only fields that differ from what the old form first showed are carried, so fields
    nobody touched show the catalogue as it is now rather than the stale values.
    """
    initial: dict[str, Any] = st.session_state.get(_initial_key(site_id, old_base)) or {}
    for name, shown in initial.items():
        typed = st.session_state.get(state.staff_edit_key(site_id, old_base, name), shown)
        if typed != shown:
            st.session_state[state.staff_edit_key(site_id, new_base, name)] = typed


def render_edit_form(
    features: Sequence[dict[str, Any]], categories: Sequence[Category], base_sha256: str, lang: str
) -> EditForm | None:
    """Pick a site and edit its fields; the values are the form's, submitted or not."""
    by_id = {site_id: f for f in features if (site_id := feature_id(f)) is not None}
    if not by_id:
        st.info(t("staff.edit_empty", lang))
        return None
    st.caption(t("staff.edit_help", lang))

    site_id = st.selectbox(t("staff.edit_pick", lang), list(by_id),
                           format_func=lambda i: feature_label(by_id[i], lang),
                           key=state.STAFF_EDIT_SITE, placeholder=t("form.choose_one", lang))
    feature = by_id[site_id]
    properties = feature.get("properties") or {}

    def field_key(field: str) -> str:
        return state.staff_edit_key(site_id, base_sha256, field)

    values: dict[str, Any] = {}
    shown: dict[str, Any] = {}  # what each widget showed first, to tell typed fields apart

    def default(field: str, value: Any) -> Any:
        shown[field] = value
        return value

    names = {c.slug: c.name(lang) for c in categories}
    with st.form(field_key("form")):
        for name in TEXT_FIELDS:
            widget = st.text_area if name in LONG_TEXT_FIELDS else st.text_input
            values[name] = widget(t(f"staff.field.{name}", lang),
                                  value=default(name, str(properties.get(name) or "")),
                                  key=field_key(name))
        current = properties.get(schema.CATEGORY)
        options = list(schema.CATEGORY_SLUGS)
        category_index = options.index(current) if current in options else 0
        default(schema.CATEGORY, options[category_index])
        values[schema.CATEGORY] = st.selectbox(
            t("staff.field.category", lang), options, format_func=lambda s: names.get(s, s),
            index=category_index, key=field_key(schema.CATEGORY), placeholder=t("form.choose_one", lang))
        districts: list[str | None] = [None, *schema.DISTRICTS]
        current_district = properties.get(schema.DISTRICT)
        district_index = districts.index(current_district) if current_district in districts else 0
        default(schema.DISTRICT, districts[district_index])
        values[schema.DISTRICT] = st.selectbox(
            t("staff.field.district", lang), districts, index=district_index,
            format_func=lambda d: t("staff.field.unknown", lang) if d is None else district_label(d, lang),
            key=field_key(schema.DISTRICT), placeholder=t("form.choose_one", lang))
        for name in OPTIONAL_TEXT_FIELDS:
            text = st.text_input(t(f"staff.field.{name}", lang),
                                 value=default(name, str(properties.get(name) or "")),
                                 key=field_key(name))
            values[name] = text.strip() or None
        values[schema.FEE] = st.number_input(
            t("staff.field.fee", lang), value=default(schema.FEE, _number(properties.get(schema.FEE))),
            step=1.0, key=field_key(schema.FEE))
        minutes = _number(properties.get(schema.VISIT_MINUTES))
        visit = st.number_input(
            t("staff.field.visit_minutes", lang),
            value=default(schema.VISIT_MINUTES, int(minutes) if minutes is not None else None), step=5,
            key=field_key(schema.VISIT_MINUTES))
        values[schema.VISIT_MINUTES] = int(visit) if visit is not None else None
        values[schema.COORDINATE_ACCURACY_M] = st.number_input(
            t("staff.field.coordinate_accuracy_m", lang),
            value=default(schema.COORDINATE_ACCURACY_M,
                          _number(properties.get(schema.COORDINATE_ACCURACY_M))),
            step=10.0, key=field_key(schema.COORDINATE_ACCURACY_M))
        values[schema.COORDINATE_SOURCE] = st.text_input(
            t("staff.field.coordinate_source", lang),
            value=default(schema.COORDINATE_SOURCE, str(properties.get(schema.COORDINATE_SOURCE) or "")),
            key=field_key(schema.COORDINATE_SOURCE))
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Point":
            lon, lat = geometry["coordinates"][:2]
            values[schema.LON] = st.number_input(
                t("staff.field.lon", lang), value=default(schema.LON, float(lon)), format="%.7f",
                step=0.0001, key=field_key(schema.LON))
            values[schema.LAT] = st.number_input(
                t("staff.field.lat", lang), value=default(schema.LAT, float(lat)), format="%.7f",
                step=0.0001, key=field_key(schema.LAT))
        submitted = st.form_submit_button(t("staff.edit_save", lang), type="primary")
    st.session_state.setdefault(_initial_key(site_id, base_sha256), shown)
    return EditForm(site_id, values, submitted)


def render_edit_tab(store: CatalogStore, categories: Sequence[Category], author: str, lang: str) -> None:
    """Edit one site: typed values survive a conflict and are previewed again against the winner."""
    snapshot = store.snapshot()
    base = str(st.session_state.get(state.STAFF_EDIT_BASE) or snapshot.sha256)
    st.session_state[state.STAFF_EDIT_BASE] = base
    site_id = st.session_state.get(state.STAFF_EDIT_SITE)
    stale = base != snapshot.sha256 and isinstance(site_id, str)
    if stale and render_stale_notice(store, lang, "edit", state.STAFF_EDIT_PREVIEW_AGAIN):
        carry_edit(str(site_id), base, snapshot.sha256)
        st.session_state[state.STAFF_EDIT_BASE] = base = snapshot.sha256
        st.session_state[state.STAFF_EDIT_PREVIEW] = base
        st.rerun()  # the form's widgets are created afresh with what was carried
    form = render_edit_form(snapshot.features, categories, base, lang)
    if form is None:
        return
    previewing = st.session_state.get(state.STAFF_EDIT_PREVIEW) == base
    if not (form.submitted or previewing):
        return
    plan = prepare_edit(snapshot, form.site_id, form.values)
    if plan.errors:
        render_report(plan, lang, key=state.STAFF_EDIT_REPORT)
    elif not plan.diff.has_changes:
        st.info(t("staff.edit_no_change", lang))
    elif not form.submitted:
        st.info(t("staff.edit_previewed", lang))
        render_diff(plan.diff, lang, keys=state.STAFF_EDIT_DIFF_KEYS)
    else:
        outcome = try_publish(plan, store, author, base, action="edit")
        show_publish_outcome(outcome, lang, lambda v: t(
            "staff.published", lang, version=v.number, summary=diff_summary(plan.diff, lang)))
