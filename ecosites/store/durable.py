"""Files that survive a crash: atomic replacement, fsynced JSON lines, and reading them back."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_FILE_MODE = 0o644


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def atomic_write(
    path: Path, data: bytes, before_replace: Callable[[Path], None] | None = None, mode: int | None = None
) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a part.

    ``before_replace`` runs after the temporary file is durable and before it replaces
    ``path`` (tests use it to kill the process at the worst moment). ``mode`` forces the
    file's permissions; without it the old file's are kept.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; keep the old file's mode so the app can still read it.
        if mode is None:
            try:
                mode = path.stat().st_mode & 0o777
            except FileNotFoundError:
                mode = DEFAULT_FILE_MODE
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if before_replace is not None:
            before_replace(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


def append_line(path: Path, entry: dict[str, Any]) -> None:
    """Append one JSON line and fsync it: how the version index and audit log grow."""
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode()
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(handle, line)
        os.fsync(handle)
    finally:
        os.close(handle)


def read_lines(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines file, skipping a line a crash cut (none when it is missing)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line cut by a crash; the rest of the log still counts
        if isinstance(entry, dict):
            entries.append(entry)
    return entries
