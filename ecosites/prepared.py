"""The prepared catalogue: what a load derives from the catalogue files, kept beside them.

Validating 100,000 sites and deriving their search keys (pinyin) takes seconds; the result
depends only on the catalogue's bytes and on the code that derives it. So a load keeps
it in one file, ``.catalog.prepared``, next to the catalogue (or, when that folder is
read-only, in the cache folder ``ECOSITES_CACHE_DIR``), and the next start reads that
instead of deriving again.

The file is trusted only when its key matches: the SHA-256 of every input the load reads
(catalogue files, categories, tag labels, and what the photo check reads of each photo)
and a code version (``PREPARATION_VERSION``, the hash of every module of this package and
the versions of the libraries whose output is kept). Each part carries its own SHA-256;
a stale, truncated or altered file is ignored and prepared again, never an error.

The file's format is ``ecosites/prepared_format.py``'s; a large catalogue file is prepared
in two halves at once (``ecosites/prepared_halves.py``).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa

from ecosites.catalog import (
    CATEGORIES_FILE,
    TAGS_FILE,
    Catalog,
    catalog_files,
    cyclic_gc_paused,
    load_catalog,
)
from ecosites.freed_memory import return_freed_memory
from ecosites.paths import BUNDLED_GEODATA
from ecosites.prepared_format import catalog_from_parts, decode_catalog, encoded_parts, file_bytes
from ecosites.prepared_halves import SPLIT_FROM_FEATURES, split_parts
from ecosites.validate.media import _HEAD_BYTES, MEDIA_DIR

# Bump when what is kept, or how it is derived, changes in a way the module hash misses.
PREPARATION_VERSION = 1
PREPARED_FILE = ".catalog.prepared"
# Libraries whose output is kept: pinyin dictionaries, validation, geometry encoding.
_KEPT_FROM = ("pypinyin", "pydantic", "shapely", "geopandas", "pandas", "pyarrow")
_PACKAGE_DIR = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the preparation version, this package's modules and the kept libraries' versions."""
    digest = hashlib.sha256(f"prepared {PREPARATION_VERSION}\n".encode())
    for name in _KEPT_FROM:
        digest.update(f"{name} {metadata.version(name)}\n".encode())
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _reference_file(directory: Path, name: str) -> Path:
    """The categories or tags file the load reads: the catalogue's own, else the bundled one."""
    path = directory / name
    return path if path.exists() else BUNDLED_GEODATA / name


def content_sha256(directory: Path) -> str:
    """SHA-256 over every input ``load_catalog`` reads from ``directory``.

    Photos count by name, size and the first bytes the image check reads, as the load does.
    """
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    for path in catalog_files(directory):
        add(f"catalogue/{path.name}", path.read_bytes())
    for name in (CATEGORIES_FILE, TAGS_FILE):
        path = _reference_file(directory, name)
        add(f"reference/{name}", path.read_bytes() if path.is_file() else b"")
    media = directory / MEDIA_DIR
    if media.is_dir():
        for path in sorted(p for p in media.iterdir() if p.is_file()):
            with path.open("rb") as handle:
                head = handle.read(_HEAD_BYTES)
            add(f"media/{path.name}/{path.stat().st_size}", head)
    return digest.hexdigest()


def _cache_name(directory: Path) -> str:
    """The prepared file's name in a shared cache folder: one per catalogue folder."""
    return hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:32] + PREPARED_FILE


def prepared_paths(directory: Path, cache_dir: Path | None) -> list[Path]:
    """Where a catalogue's prepared file may be: beside it first, then in the cache folder."""
    paths = [directory / PREPARED_FILE]
    if cache_dir is not None:
        paths.append(cache_dir / _cache_name(directory))
    return paths


def _write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_prepared_catalog(directory: Path, cache_dir: Path | None = None,
                          split_from: int = SPLIT_FROM_FEATURES) -> Catalog:
    """``load_catalog(directory)``, read from its prepared file when that is current.

    Otherwise the catalogue is loaded and prepared again, kept beside it when that folder is
    writable, else in ``cache_dir``, else not kept (a read-only catalogue still loads). A
    file of ``split_from`` features or more is prepared in two halves at once.
    """
    with cyclic_gc_paused():  # reading and preparing both build millions of objects
        return _load_prepared(directory, cache_dir, split_from)


def _changed(directory: Path, key: dict[str, str]) -> bool:
    """Whether the catalogue changed (or cannot be read) since ``key`` was taken.

    What was loaded meanwhile is then not kept: under either key it could lie.
    """
    try:
        return content_sha256(directory) != key["content_sha256"]
    except OSError:
        return True


def _fresh_parts(directory: Path, key: dict[str, str], split_from: int) -> dict[str, Any] | Catalog:
    """The parts to keep, made now; or the catalogue to return without keeping it.

    Not kept: a catalogue that changed while loading, or holds a value the format cannot keep.
    """
    parts = split_parts(directory, split_from)
    if parts is not None:
        gc.collect()  # as below: this process's half leaves a few reference cycles behind
        if not _changed(directory, key):
            return parts
        loaded = catalog_from_parts(parts)
        return loaded if loaded is not None else load_catalog(directory)
    catalog = load_catalog(directory)
    if _changed(directory, key):
        return catalog
    try:
        parts = encoded_parts(catalog)
    except (TypeError, ValueError, pa.ArrowException):  # a value the format cannot keep
        return catalog
    # Go on from what is kept, as a warm start would: equal nested values are shared there.
    # The loaded sites go first, as they sit scattered among what the load freed; decoded
    # afterwards, the kept form packs into fresh memory.
    del catalog
    gc.collect()  # the load leaves a few reference cycles (frames, pandas internals) behind
    return parts


def _load_prepared(directory: Path, cache_dir: Path | None, split_from: int) -> Catalog:
    if not directory.is_dir():
        return load_catalog(directory)
    try:
        key = {"content_sha256": content_sha256(directory), "code_version": code_version()}
    except OSError:  # an unreadable file: the load itself says which, in plain words
        return load_catalog(directory)
    paths = prepared_paths(directory, cache_dir)
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        catalog = decode_catalog(data, key)
        if catalog is not None:
            return catalog
    parts = _fresh_parts(directory, key, split_from)
    if isinstance(parts, Catalog):
        return parts
    data = file_bytes(parts, key)
    for path in paths:
        try:
            _write_atomically(path, data)
            break
        except OSError:
            continue
    # The parts are read as they are: made here, they need no checksum or key check.
    del data
    kept = catalog_from_parts(parts)
    del parts
    return_freed_memory()
    return kept if kept is not None else load_catalog(directory)

