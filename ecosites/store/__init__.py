"""Where the catalogue is kept: the ``CatalogStore`` interface and its file-backed store.

Pages and commands talk to a ``CatalogStore`` and get it from ``open_store``; the PostGIS
store is ``ecosites/pgstore/``. One module per concern, re-exported here:

- ``model``: the interface, ``Version``, ``Snapshot``, conflicts, content hashing (shared
  with the PostGIS store);
- ``durable``: atomic file replacement and fsynced JSON lines;
- ``layout``: the file names beside the catalogue, the locks and the clock;
- ``audit``: the audit log and the problem reports;
- ``versions``: ``.versions/``, the history and its recovery after a crash;
- ``accounts``: staff accounts and the sign-in throttle;
- ``files``: ``FileCatalogStore`` and its publish and rollback;
- ``configured``: ``open_store``, files or PostGIS from the settings.
"""

from __future__ import annotations

from ecosites.store.accounts import PRIVATE_FILE_MODE
from ecosites.store.configured import open_store
from ecosites.store.durable import DEFAULT_FILE_MODE, append_line, atomic_write
from ecosites.store.files import FileCatalogStore
from ecosites.store.layout import (
    AUDIT_FILE,
    CATALOG_FILE,
    LOCK_FILE,
    LOCK_TIMEOUT_S,
    STAFF_FILE,
    STAFF_LOCK_FILE,
    TEMPLATE_FILE,
    THROTTLE_FILE,
    VERSION_INDEX,
    VERSIONS_DIR,
)
from ecosites.store.model import (
    UNKNOWN_AUTHOR,
    CatalogConflict,
    CatalogStore,
    NotRecorded,
    Snapshot,
    StoreError,
    Version,
    catalog_bytes,
    conflict_message,
    feature_id,
    sha256_hex,
)

__all__ = [
    "AUDIT_FILE",
    "CATALOG_FILE",
    "DEFAULT_FILE_MODE",
    "LOCK_FILE",
    "LOCK_TIMEOUT_S",
    "PRIVATE_FILE_MODE",
    "STAFF_FILE",
    "STAFF_LOCK_FILE",
    "TEMPLATE_FILE",
    "THROTTLE_FILE",
    "UNKNOWN_AUTHOR",
    "VERSIONS_DIR",
    "VERSION_INDEX",
    "CatalogConflict",
    "CatalogStore",
    "FileCatalogStore",
    "NotRecorded",
    "Snapshot",
    "StoreError",
    "Version",
    "append_line",
    "atomic_write",
    "catalog_bytes",
    "conflict_message",
    "feature_id",
    "open_store",
    "sha256_hex",
]
