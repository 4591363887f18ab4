"""Small thumbnails of site photos for the list and compare tables, as data URIs.

Tables are sent to the browser on every rerun that changes them, so each thumbnail is a
few kilobytes of JPEG rather than the photo itself. Pillow is imported only here.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

THUMBNAIL_PX = 96
THUMBNAIL_QUALITY = 70


def thumbnail_data_uri(path: Path, max_px: int = THUMBNAIL_PX) -> str | None:
    """A JPEG data URI at most ``max_px`` on its longer side, or None when the file is unreadable."""
    from PIL import Image, UnidentifiedImageError  # heavy: only when a photo is shown

    try:
        with Image.open(path) as image:
            image.thumbnail((max_px, max_px))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="JPEG", quality=THUMBNAIL_QUALITY)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
