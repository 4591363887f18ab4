"""The one place that chooses the catalogue store from the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecosites.store.files import FileCatalogStore
from ecosites.store.model import CatalogStore

if TYPE_CHECKING:
    from ecosites.settings import Settings


def open_store(settings: Settings) -> CatalogStore:
    """The configured catalogue store: pages and commands get theirs here, never by class.

    PostGIS when ``ECOSITES_DATABASE_URL`` is set (the categories and tag labels still come
    from the catalogue directory), else the files in the catalogue directory.
    """
    if settings.database_url:
        from ecosites.pgstore import PostgisCatalogStore  # psycopg only when a database is used

        return PostgisCatalogStore(settings.database_url, reference_dir=settings.geodata_dir)
    return FileCatalogStore(settings.geodata_dir, cache_dir=settings.cache_dir)
