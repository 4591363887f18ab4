"""Settings and the catalogue for the pages, cached at the edge."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import streamlit as st

from components.context import current_lang
from ecosites.catalog import Catalog
from ecosites.escape import escape_markdown
from ecosites.freed_memory import return_freed_memory
from ecosites.i18n import t
from ecosites.planning.legtimes import LEG_TIMES_FILE, load_leg_times
from ecosites.planning.model import MeasuredLeg
from ecosites.settings import Settings, load_settings
from ecosites.store import CatalogStore, StoreError, open_store
from ecosites.thumbnails import thumbnail_data_uri
from ecosites.validate.media import MEDIA_DIR


def get_settings() -> Settings:
    """Settings from st.secrets (absent is fine) and the environment."""
    try:
        secrets = dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets.toml: StreamlitSecretNotFoundError
        secrets = {}
    return load_settings(secrets, os.environ)


# cache_resource, not cache_data: a pickled copy of a 100,000-row GeoDataFrame per rerun
# would cost seconds. The catalogue is treated as read-only by every caller. The key is
# the store's change token (file times and sizes, or the database's head version), never
# the time: every replica reloads on its first rerun after a publish, and only then.
@st.cache_resource(max_entries=4, show_spinner="Loading the site catalogue… · 正在加载示范点目录…")
def _cached_catalog(
    location: str,  # noqa: ARG001 -- only the cache key: which store
    change_token: str,  # noqa: ARG001 -- only the cache key: reload after a change
    _store: CatalogStore,
) -> Catalog:
    catalog = _store.read_catalog()
    return_freed_memory()  # what the read needed beyond the catalogue: a server keeps only this
    return catalog


@st.cache_resource
def _last_read() -> dict[str, Catalog]:
    """The last catalogue read from each store, served while that store cannot be reached."""
    return {}


def get_catalog(settings: Settings) -> Catalog:
    """The catalogue, reloaded when the store says it changed (a publish on any replica).

    When the store cannot be reached, the last catalogue read is shown with a warning
    that it may be out of date; with none read yet, the page says so and stops.
    """
    store = open_store(settings)
    try:
        catalog = _cached_catalog(store.location, store.change_token(), store)
    except StoreError as exc:
        last = _last_read().get(store.location)
        details = escape_markdown(str(exc))
        if last is None:
            st.error(t("data.unavailable", current_lang(), details=details))
            st.stop()
        st.warning(t("data.stale", current_lang(), details=details))
        return last
    _last_read()[store.location] = catalog
    return catalog


def require_writable_store(store: CatalogStore, lang: str) -> None:
    """Stop a staff page with a plain message when its store cannot be reached (no stale edits)."""
    try:
        store.current_sha256()
    except StoreError as exc:
        st.error(t("staff.store_unavailable", lang, details=escape_markdown(str(exc))))
        st.stop()


def clear_catalog_cache() -> None:
    """Forget every cached catalogue (after a publish or rollback)."""
    _cached_catalog.clear()


def media_dir(settings: Settings) -> Path:
    """The folder the catalogue's photos live in (geodata/media/)."""
    return settings.geodata_dir / MEDIA_DIR


@st.cache_data(max_entries=500, show_spinner=False)
def _cached_thumbnail(
    path: str,
    mtime_ns: int,  # noqa: ARG001 -- only the cache key: a new thumbnail after the photo changes
) -> str | None:
    return thumbnail_data_uri(Path(path))


def thumbnail(directory: Path, file_name: str) -> str | None:
    """A cached thumbnail data URI of one photo, keyed by its path and modification time."""
    path = directory / file_name
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError:
        return None
    return _cached_thumbnail(str(path), mtime_ns)


def site_thumbnails(rows: Iterable[tuple[str, Any]], directory: Path) -> dict[str, str]:
    """{site id: thumbnail of its first photo} for (id, media list) pairs that have one."""
    thumbnails = {}
    for site_id, media in rows:
        if media:
            uri = thumbnail(directory, str(media[0]["file"]))
            if uri is not None:
                thumbnails[site_id] = uri
    return thumbnails


@st.cache_resource(max_entries=4, show_spinner=False)
def _cached_leg_times(
    directory: str,
    mtime_ns: int,  # noqa: ARG001 -- only the cache key: reload after the table changes
) -> dict[tuple[str, str, str], MeasuredLeg]:
    return load_leg_times(Path(directory))[0]


def get_leg_times(settings: Settings) -> dict[tuple[str, str, str], MeasuredLeg]:
    """Measured leg times from the catalogue folder (none when it has no table)."""
    path = settings.geodata_dir / LEG_TIMES_FILE
    return _cached_leg_times(str(settings.geodata_dir),
                             path.stat().st_mtime_ns if path.is_file() else 0)
