"""Checks of a site's photos: the file exists under the media folder, is what it claims, and is small.

The licence, alt texts, credit and source URL are checked by the schema
(``ecosites.schema.MediaItem``); this module looks at the files themselves. The type is
read from the file's first bytes, never from its name, so a script or a PNG renamed
``.jpg`` is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ecosites import schema
from ecosites.schema import MediaItem, SiteProperties
from ecosites.validate.problem import Finding, Problem, finding, with_values

MEDIA_DIR = "media"
MAX_MEDIA_BYTES = 2 * 1024 * 1024  # a photo for a side panel; larger files slow every page

ImageType = Literal["jpeg", "png", "webp"]
_EXTENSIONS: dict[str, ImageType] = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "webp": "webp"}
_HEAD_BYTES = 12


def sniff_image_type(head: bytes) -> ImageType | None:
    """The image type from a file's first 12 bytes (JPEG, PNG, WebP), else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(head) >= _HEAD_BYTES and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def media_file_problem(item: MediaItem, media_dir: Path) -> Finding | None:
    """Why one photo's file cannot be shown, as a finding in either language, or None when fine."""
    path = media_dir / item.file
    if not path.is_file():
        return finding("validate.media.absent", file=item.file, folder=MEDIA_DIR)
    size = path.stat().st_size
    if size > MAX_MEDIA_BYTES:
        return finding("validate.media.too_big", file=item.file, size=f"{size / 1048576:.1f}",
                       limit=f"{MAX_MEDIA_BYTES / 1048576:.0f}")
    with path.open("rb") as handle:
        found = sniff_image_type(handle.read(_HEAD_BYTES))
    if found is None:
        return finding("validate.media.not_image", file=item.file)
    named = _EXTENSIONS[item.file.rsplit(".", 1)[-1].lower()]
    if found != named:
        return finding("validate.media.wrong_type", file=item.file, named=named.upper(),
                       found=found.upper())
    return None


def checked_media(
    properties: SiteProperties, media_dir: Path, file: str, number: int
) -> tuple[SiteProperties, list[Problem]]:
    """The site with only the photos whose files pass, and a problem for each one dropped."""
    kept: list[MediaItem] = []
    problems: list[Problem] = []
    for index, item in enumerate(properties.media):
        reason = media_file_problem(item, media_dir)
        if reason is None:
            kept.append(item)
            continue
        not_shown = with_values("validate.media.not_shown", {
            "reason_key": reason.key, **dict(reason.values),
            "limit_mb": MAX_MEDIA_BYTES // 1048576, "folder": MEDIA_DIR})
        problems.append(not_shown.at(file, number, properties.id, f"{schema.MEDIA}.{index}.file"))
    if len(kept) == len(properties.media):
        return properties, problems
    return properties.model_copy(update={"media": kept}), problems
