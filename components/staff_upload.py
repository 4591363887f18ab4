"""The upload form and the cached validation of what was uploaded."""

from __future__ import annotations

import math
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

from ecosites import gisworker, state
from ecosites.crs import parse_crs_choice
from ecosites.escape import escape_markdown
from ecosites.i18n import t
from ecosites.intake import ImportPlan, Upload, prepare_import
from ecosites.paths import BUNDLED_GEODATA
from ecosites.readers import SUPPORTED_SUFFIXES
from ecosites.settings import Settings
from ecosites.store import TEMPLATE_FILE, CatalogStore
from ecosites.validate import Limits

CRS_OPTIONS: tuple[str, ...] = ("auto", "gcj02", "bd09", "epsg")


@dataclass(frozen=True)
class UploadRequest:
    """What staff uploaded and chose."""

    files: tuple[tuple[str, bytes], ...]
    crs: str  # '' = as declared in the file, else WGS-84
    replace: bool
    repair: bool


def limits_for(settings: Settings) -> Limits:
    """Upload limits from the settings."""
    return Limits.for_settings(settings)


def render_upload_form(settings: Settings, lang: str) -> UploadRequest | None:
    """File picker and options; None until a file is chosen (or while the EPSG code is wrong)."""
    st.caption(t("staff.upload_help", lang) + " "
               + t("staff.limits", lang, mb=f"{settings.max_upload_mb:g}",
                   features=f"{settings.max_features:,}"))
    # The one template: geodata/template.geojson, kept in step with the schema by its test.
    st.download_button(t("staff.template", lang), (BUNDLED_GEODATA / TEMPLATE_FILE).read_bytes(),
                       file_name=TEMPLATE_FILE,
                       mime="application/geo+json", key=state.STAFF_TEMPLATE,
                       help=t("staff.template_help", lang))
    uploaded = st.file_uploader(
        t("staff.upload_label", lang), type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
        accept_multiple_files=True, max_upload_size=max(1, math.ceil(settings.max_upload_mb)),
        key=state.staff_upload_key(st.session_state[state.STAFF_UPLOAD_ROUND]))
    choice = st.selectbox(t("staff.crs_label", lang), CRS_OPTIONS, key=state.STAFF_CRS,
                          format_func=lambda option: t(f"staff.crs.{option}", lang),
                          placeholder=t("form.choose_one", lang))
    crs = "" if choice == "auto" else choice
    if choice == "epsg":
        crs = st.text_input(t("staff.epsg_label", lang), key=state.STAFF_EPSG, max_chars=12).strip()
        parsed, message = parse_crs_choice(crs) if crs else (None, "")
        if parsed is None:
            if message:
                st.error(escape_markdown(message))
            return None
    left, right = st.columns(2)
    with left:
        replace = st.checkbox(t("staff.replace", lang), key=state.STAFF_REPLACE)
    with right:
        repair = st.checkbox(t("staff.repair", lang), key=state.STAFF_REPAIR)
    if not uploaded:
        return None
    files = tuple((f.name, f.getvalue()) for f in uploaded)
    return UploadRequest(files, crs, replace, repair)


# Keyed by the upload, the options, the store's location and the catalogue's SHA-256;
# the store object itself is not hashed (leading underscore).
@st.cache_data(max_entries=4, show_spinner=False)
def _plan(request: UploadRequest, _store: CatalogStore,
          location: str,  # noqa: ARG001 -- only the cache key (which store)
          limits: Limits,
          catalog_sha256: str,  # noqa: ARG001 -- only the cache key (which catalogue)
          ) -> ImportPlan:
    chosen = parse_crs_choice(request.crs)[0] if request.crs else None
    uploads = [Upload(name, data) for name, data in request.files]
    with gisworker.stop_when(_session_ended):
        return prepare_import(uploads, _store, chosen, limits, request.replace, request.repair)


def _session_ended() -> bool:
    """True once Streamlit has asked this script run to stop: the browser left or the session ended.

    Streamlit asks on disconnect (``request_script_stop``) but can only stop a script at
    its next Streamlit call; a GDAL read in the worker is ended on this signal instead.
    """
    requests = getattr(get_script_run_ctx(), "script_requests", None)
    return getattr(requests, "_state", None) == ScriptRequestType.STOP


def plan_upload(request: UploadRequest, store: CatalogStore, settings: Settings) -> ImportPlan:
    """Validate the upload against the catalogue as it is now (cached per file and catalogue)."""
    return _plan(request, store, store.location, limits_for(settings), store.current_sha256())
