"""Explore's site files: every catalogue site in one static file the browser fetches once.

The file is written under static/sitedata/ (Streamlit's static serving), named by its
content's SHA-256, so a browser may keep it for good and every process sharing static/
agrees on the name. Streamlit serves static files uncompressed, so a gzip copy sits beside
each (``name.json.gz``, a fifth of the size); the page fetches that and unpacks it itself
(``DecompressionStream``), and the plain file where it cannot. Light on purpose (no heavy
imports).
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

from ecosites.paths import STATIC_DIR, STATIC_URL
from ecosites.store.durable import atomic_write

SITE_FILES_DIR = "sitedata"  # under static/, written at run time, not committed
# A few catalogue versions x languages x datums, for every process sharing static/.
KEPT_SITE_FILES = 32
GZIP_SUFFIX = ".gz"  # the compressed copy's name: the plain file's name and this
# zlib's default level: at 100,000 sites 11.2 MB become 2.1 MB in about 0.4 s, once per file
# (level 9 saves 5% more in five times as long).
GZIP_LEVEL = 6


def gzip_copy(content: bytes) -> bytes:
    """The bytes of a site file's gzip copy (no timestamp: equal content, equal copy)."""
    return gzip.compress(content, GZIP_LEVEL, mtime=0)


def publish_site_file(content: bytes, static_dir: Path = STATIC_DIR) -> str:
    """Write ``content`` under static/sitedata/, named by its SHA-256, and its gzip copy; its URL.

    The name changes whenever the content does, so a browser may keep the file for good.
    Only the most recently used ``KEPT_SITE_FILES`` are kept (each with its copy).
    """
    name = hashlib.sha256(content).hexdigest()[:20] + ".json"
    folder = static_dir / SITE_FILES_DIR
    target = folder / name
    packed = folder / (name + GZIP_SUFFIX)
    folder.mkdir(parents=True, exist_ok=True)
    # Never half a file: other sessions may fetch either at any moment. The copy goes
    # first, as the plain file's presence says both are there (``site_file_exists``).
    if not packed.is_file():
        atomic_write(packed, gzip_copy(content))
    if target.is_file():
        os.utime(target)
    else:
        atomic_write(target, content)
    kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[KEPT_SITE_FILES:]:
        if old != target:
            old.unlink(missing_ok=True)
            old.with_name(old.name + GZIP_SUFFIX).unlink(missing_ok=True)
    return f"{STATIC_URL}/{SITE_FILES_DIR}/{name}"


def site_file_exists(url: str, static_dir: Path = STATIC_DIR) -> bool:
    """Whether ``publish_site_file``'s files for ``url`` are still there (other processes prune)."""
    name = url.rsplit("/", 1)[-1]
    folder = static_dir / SITE_FILES_DIR
    return (folder / name).is_file() and (folder / (name + GZIP_SUFFIX)).is_file()
