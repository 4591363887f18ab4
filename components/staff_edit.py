"""The form for editing one site's fields (checked by the same validator as uploads)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from ecosites import schema, state
from ecosites.i18n import t
from ecosites.mapview import site_label
from ecosites.store import feature_id
from ecosites.vocab import Category, district_label

TEXT_FIELDS: tuple[str, ...] = (
    schema.NAME_EN, schema.NAME_ZH, schema.HIGHLIGHT_EN, schema.HIGHLIGHT_ZH,
    schema.ADDRESS_EN, schema.ADDRESS_ZH,
)
OPTIONAL_TEXT_FIELDS: tuple[str, ...] = (schema.HOURS, schema.LAST_ENTRY, schema.WEBSITE, schema.PHONE)
LONG_TEXT_FIELDS = (schema.HIGHLIGHT_EN, schema.HIGHLIGHT_ZH)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def render_edit_form(
    features: Sequence[dict[str, Any]], categories: Sequence[Category], base_sha256: str, lang: str
) -> tuple[str, dict[str, Any]] | None:
    """Pick a site and edit its fields; returns (site id, new values) when submitted."""
    by_id = {site_id: f for f in features if (site_id := feature_id(f)) is not None}
    if not by_id:
        st.info(t("staff.edit_empty", lang))
        return None
    st.caption(t("staff.edit_help", lang))

    def label(site_id: str) -> str:
        properties = by_id[site_id].get("properties") or {}
        name = site_label(str(properties.get(schema.NAME_EN) or ""),
                          str(properties.get(schema.NAME_ZH) or ""), lang)
        return f"{name} ({site_id})" if name else site_id

    site_id = st.selectbox(t("staff.edit_pick", lang), list(by_id), format_func=label,
                           key=state.STAFF_EDIT_SITE)
    feature = by_id[site_id]
    properties = feature.get("properties") or {}

    def field_key(field: str) -> str:
        return state.staff_edit_key(site_id, base_sha256, field)

    values: dict[str, Any] = {}
    names = {c.slug: c.name(lang) for c in categories}
    with st.form(field_key("form")):
        for name in TEXT_FIELDS:
            widget = st.text_area if name in LONG_TEXT_FIELDS else st.text_input
            values[name] = widget(t(f"staff.field.{name}", lang), value=str(properties.get(name) or ""),
                                  key=field_key(name))
        current = properties.get(schema.CATEGORY)
        options = list(schema.CATEGORY_SLUGS)
        values[schema.CATEGORY] = st.selectbox(
            t("staff.field.category", lang), options, format_func=lambda s: names.get(s, s),
            index=options.index(current) if current in options else 0, key=field_key(schema.CATEGORY))
        districts: list[str | None] = [None, *schema.DISTRICTS]
        current_district = properties.get(schema.DISTRICT)
        values[schema.DISTRICT] = st.selectbox(
            t("staff.field.district", lang), districts,
            index=districts.index(current_district) if current_district in districts else 0,
            format_func=lambda d: t("staff.field.unknown", lang) if d is None else district_label(d, lang),
            key=field_key(schema.DISTRICT))
        for name in OPTIONAL_TEXT_FIELDS:
            text = st.text_input(t(f"staff.field.{name}", lang), value=str(properties.get(name) or ""),
                                 key=field_key(name))
            values[name] = text.strip() or None
        fee = st.number_input(t("staff.field.fee", lang), value=_number(properties.get(schema.FEE)),
                              step=1.0, key=field_key(schema.FEE))
        values[schema.FEE] = fee
        minutes = _number(properties.get(schema.VISIT_MINUTES))
        visit = st.number_input(t("staff.field.visit_minutes", lang),
                                value=int(minutes) if minutes is not None else None, step=5,
                                key=field_key(schema.VISIT_MINUTES))
        values[schema.VISIT_MINUTES] = int(visit) if visit is not None else None
        values[schema.COORDINATE_ACCURACY_M] = st.number_input(
            t("staff.field.coordinate_accuracy_m", lang),
            value=_number(properties.get(schema.COORDINATE_ACCURACY_M)), step=10.0,
            key=field_key(schema.COORDINATE_ACCURACY_M))
        values[schema.COORDINATE_SOURCE] = st.text_input(
            t("staff.field.coordinate_source", lang),
            value=str(properties.get(schema.COORDINATE_SOURCE) or ""),
            key=field_key(schema.COORDINATE_SOURCE))
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Point":
            lon, lat = geometry["coordinates"][:2]
            values[schema.LON] = st.number_input(t("staff.field.lon", lang), value=float(lon),
                                                 format="%.7f", step=0.0001, key=field_key(schema.LON))
            values[schema.LAT] = st.number_input(t("staff.field.lat", lang), value=float(lat),
                                                 format="%.7f", step=0.0001, key=field_key(schema.LAT))
        submitted = st.form_submit_button(t("staff.edit_save", lang), type="primary")
    return (site_id, values) if submitted else None
