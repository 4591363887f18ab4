"""Settings and the catalogue for the pages, cached at the edge."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from ecosites.catalog import Catalog, catalog_signature, load_catalog
from ecosites.settings import Settings, load_settings


def get_settings() -> Settings:
    """Settings from st.secrets (absent is fine) and the environment."""
    try:
        secrets = dict(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets.toml: StreamlitSecretNotFoundError
        secrets = {}
    return load_settings(secrets, os.environ)


# cache_resource, not cache_data: a pickled copy of a 100,000-row GeoDataFrame per rerun
# would cost seconds. The catalogue is treated as read-only by every caller.
@st.cache_resource(max_entries=4, show_spinner="Loading the site catalogue… · 正在加载示范点目录…")
def _cached_catalog(directory: str, signature: tuple[tuple[str, int, int], ...]) -> Catalog:
    return load_catalog(Path(directory))


def get_catalog(settings: Settings) -> Catalog:
    """The catalogue, reloaded whenever a file in the directory changes (e.g. a publish)."""
    signature = catalog_signature(settings.geodata_dir)
    return _cached_catalog(str(settings.geodata_dir), signature)


def clear_catalog_cache() -> None:
    """Forget every cached catalogue (after a publish or rollback)."""
    _cached_catalog.clear()
