"""The catalogue in PostgreSQL with PostGIS: one store shared by every app replica.

Chosen by ``open_store`` (``ecosites/store/configured.py``) when ``ECOSITES_DATABASE_URL``
is set. The schema is created by the SQL files in ``ecosites/migrations/`` (``python -m
ecosites db init``), applied in order, once each, recorded in ``schema_version``.

- ``versions``: every published state, append-only (a trigger refuses changes), with
  time, author, action, SHA-256, site count and note; ``version_features``: its features
  as jsonb, a few thousand to a row (also append-only).
- ``head``: one row naming the current version.
- ``sites``: the current version's sites with a ``geometry(Geometry, 4326)`` column and a
  GiST index, for spatial and attribute queries.
- ``site_markers``: the current sites' marker positions, categories, districts, tags,
  names and search keys, indexed for view and text queries (``markers``, ``textsearch``);
  ``site_cells``: their counts per lattice cell, category, district and set of tags, for
  zoomed-out views.
- ``audit``: every staff action, oldest first.

One module per concern, re-exported here: ``connection`` (a connection pool per URL,
failures in plain words), ``migrate`` (the schema), ``content`` (canonical SHA-256, key order), ``audit``
(the audit log and problem reports), ``markers`` (view queries), ``accounts`` (staff
accounts and the sign-in throttle) and ``catalogue`` (``PostgisCatalogStore``: versions, publish, rollback).
"""

from __future__ import annotations

from ecosites.pgstore.catalogue import NOTIFY_CHANNEL, PostgisCatalogStore
from ecosites.pgstore.connection import CONNECT_TIMEOUT_S, UNREADABLE_URL, close_pools, describe_server
from ecosites.pgstore.content import (
    EMPTY_SHA256,
    FEATURE_KEYS,
    VERSION_COLUMNS,
    content_sha256,
    ordered_feature,
)
from ecosites.pgstore.migrate import MIGRATIONS_DIR, Migration, migrations

close_head_connections = close_pools  # the name callers used when only the head check was kept open

__all__ = [
    "CONNECT_TIMEOUT_S",
    "EMPTY_SHA256",
    "FEATURE_KEYS",
    "MIGRATIONS_DIR",
    "NOTIFY_CHANNEL",
    "UNREADABLE_URL",
    "VERSION_COLUMNS",
    "Migration",
    "PostgisCatalogStore",
    "close_head_connections",
    "close_pools",
    "content_sha256",
    "describe_server",
    "migrations",
    "ordered_feature",
]
