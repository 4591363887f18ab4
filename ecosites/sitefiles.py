"""Explore's site files: every catalogue site in one static file the browser fetches once.

The file is written under static/sitedata/ (Streamlit's static serving), named by its
content's SHA-256, so a browser may keep it for good and every process sharing static/
agrees on the name. Light on purpose (no heavy imports).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ecosites.paths import STATIC_DIR, STATIC_URL
from ecosites.store.durable import atomic_write

SITE_FILES_DIR = "sitedata"  # under static/, written at run time, not committed
# A few catalogue versions x languages x datums, for every process sharing static/.
KEPT_SITE_FILES = 32


def publish_site_file(content: bytes, static_dir: Path = STATIC_DIR) -> str:
    """Write ``content`` under static/sitedata/, named by its SHA-256; its URL from the map's page.

    The name changes whenever the content does, so a browser may keep the file for good.
    Only the most recently used ``KEPT_SITE_FILES`` are kept.
    """
    name = hashlib.sha256(content).hexdigest()[:20] + ".json"
    folder = static_dir / SITE_FILES_DIR
    target = folder / name
    folder.mkdir(parents=True, exist_ok=True)
    if target.is_file():
        os.utime(target)
    else:  # never half a file: other sessions may fetch it at any moment
        atomic_write(target, content)
    kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[KEPT_SITE_FILES:]:
        if old != target:
            old.unlink(missing_ok=True)
    return f"{STATIC_URL}/{SITE_FILES_DIR}/{name}"


def site_file_exists(url: str, static_dir: Path = STATIC_DIR) -> bool:
    """Whether ``publish_site_file``'s file for ``url`` is still there (a process sharing static/ prunes)."""
    return (static_dir / SITE_FILES_DIR / url.rsplit("/", 1)[-1]).is_file()
