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

The format is a JSON header line, then an Arrow IPC stream of the plain columns (text,
numbers, columns pandas keeps in Arrow as they are, geometry as WKB, a code per row for each
nested column) and one JSON document
with the distinct values of the nested columns (facts, sources, media, ...), the problems
and the vocabularies. No pickle: a file in a writable folder
must never be able to run code.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import itertools
import json
import marshal
import os
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

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
from ecosites.validate import Problem
from ecosites.validate.media import _HEAD_BYTES, MEDIA_DIR
from ecosites.vocab import Category

# Bump when what is kept, or how it is derived, changes in a way the module hash misses.
PREPARATION_VERSION = 1
PREPARED_FILE = ".catalog.prepared"
MAGIC = b"ecosites-prepared\n"
MAX_HEADER_BYTES = 4096
# Libraries whose output is kept: pinyin dictionaries, validation, geometry encoding.
_KEPT_FROM = ("pypinyin", "pydantic", "shapely", "geopandas", "pandas", "pyarrow")
_PACKAGE_DIR = Path(__file__).resolve().parent
_TEXT, _NATIVE, _NESTED, _ARROW = "text", "native", "nested", "arrow"
_TEXT_TYPES = frozenset({str, type(None)})


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


def _column_kind(series: pd.Series, values: list[Any]) -> str:
    """Arrow, native, text or nested; ``values`` is ``series.tolist()`` for an object column, else unused."""
    if isinstance(series.array, pd.arrays.ArrowStringArray):  # kept in Arrow already: no conversion
        return _ARROW
    if series.dtype != object:
        return _NATIVE
    if set(map(type, values)) <= _TEXT_TYPES:  # map(type): one C-level pass
        return _TEXT
    return _NESTED


def _sharing_keys(values: list[Any]) -> list[bytes] | list[str]:
    """A key per value that equal plain values share and unequal ones never do (1, 1.0 and True differ).

    Marshal's version 2 writes exact types and their contents without back-references, so
    its bytes depend on the value alone, at half of ``repr``'s cost for the long nested
    cells; a column with a value marshal cannot write (a subclass of str, say) uses repr.
    """
    try:
        return list(map(marshal.dumps, values, itertools.repeat(2)))
    except ValueError:
        return list(map(repr, values))


def _shared_values(values: list[Any]) -> tuple[np.ndarray, list[Any]]:
    """(a code per row, the distinct values): equal values are decoded once and then shared.

    Most nested cells repeat (empty lists, one source for many sites), and decoding JSON is
    what a warm start spends most on. Sharing is safe because the catalogue is read-only.
    """
    keys = _sharing_keys(values)
    distinct = {key: code for code, key in enumerate(dict.fromkeys(keys))}  # first appearance
    codes = np.fromiter(map(distinct.__getitem__, keys), dtype=np.int32, count=len(keys))
    first_row = np.unique(codes, return_index=True)[1]  # a distinct value's first row, by code
    kept: list[Any] = []
    for row in first_row.tolist():
        value = values[row]
        decoded = json.loads(json.dumps(value, ensure_ascii=False, allow_nan=False))
        if decoded != value or type(decoded) is not type(value):
            raise ValueError(f"{value!r} does not survive JSON unchanged")
        kept.append(decoded)
    return codes, kept


def encode_catalog(catalog: Catalog, key: dict[str, str]) -> bytes:
    """The prepared file's bytes for ``catalog`` under ``key`` (content and code version)."""
    return _file_bytes(_encoded_parts(catalog), key)


def _file_bytes(parts: dict[str, Any], key: dict[str, str]) -> bytes:
    """The header (key, each part's length and SHA-256) and the parts, as one file."""
    header = {**key, "parts": [{"name": name, "length": len(data),
                                "sha256": hashlib.sha256(data).hexdigest()}
                               for name, data in parts.items()]}
    return b"".join([MAGIC, json.dumps(header).encode(), b"\n", *parts.values()])


def _encoded_parts(catalog: Catalog) -> dict[str, Any]:
    """The file's parts by name: the Arrow stream of the plain columns and the JSON document."""
    sites = catalog.sites
    geometry_name = sites.geometry.name
    arrays: dict[str, pa.Array] = {"__index__": pa.array(sites.index.tolist(), type=pa.string())}
    columns: list[dict[str, str]] = []
    nested: dict[str, list[Any]] = {}
    for name in sites.columns:
        column = str(name)
        if column == geometry_name:
            arrays[column] = pa.array(shapely.to_wkb(sites.geometry.to_numpy()), type=pa.binary())
            columns.append({"name": column, "kind": "geometry", "dtype": ""})
            continue
        series = sites[name]
        # One list per object column, for both the kind and the encoding: a third of a second
        # at 100,000 sites goes to building these lists.
        cells = series.tolist() if series.dtype == object else []
        kind = _column_kind(series, cells)
        if kind == _ARROW:
            arrays[column] = pa.array(series.array)
        elif kind == _NATIVE:
            arrays[column] = pa.array(series.to_numpy())
        elif kind == _TEXT:
            arrays[column] = pa.array(cells, type=pa.string())
        else:
            codes, values = _shared_values(cells)
            arrays[column] = pa.array(codes, type=pa.int32())
            nested[column] = values
        columns.append({"name": column, "kind": kind, "dtype": str(series.dtype)})
    sink = pa.BufferOutputStream()  # its value is taken without a copy
    table = pa.table(arrays)
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    document = json.dumps({
        "columns": columns,
        "index_name": sites.index.name,
        "crs": sites.crs.to_string() if sites.crs is not None else None,
        "nested": nested,
        "problems": [dataclasses.asdict(problem) for problem in catalog.problems],
        "categories": [dataclasses.asdict(category) for category in catalog.categories],
        "tags": catalog.tags,
    }, ensure_ascii=False, allow_nan=False).encode()
    return {"arrow": sink.getvalue(), "json": document}


def _split(data: bytes, key: dict[str, str]) -> dict[str, memoryview] | None:
    """The file's parts (views, not copies) when its key matches and every part's checksum holds."""
    if not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER_BYTES)
    if end < 0:
        return None
    header = json.loads(data[len(MAGIC):end])
    if not isinstance(header, dict) or any(header.get(name) != value for name, value in key.items()):
        return None
    parts: dict[str, memoryview] = {}
    offset = end + 1
    view = memoryview(data)
    for part in header["parts"]:
        chunk = view[offset:offset + int(part["length"])]
        if len(chunk) != int(part["length"]) or hashlib.sha256(chunk).hexdigest() != part["sha256"]:
            return None
        parts[str(part["name"])] = chunk
        offset += len(chunk)
    return parts if offset == len(data) else None


def _problem(row: dict[str, Any]) -> Problem:
    return Problem(**{**row, "values": tuple(tuple(pair) for pair in row["values"])})


def _owned(column: pa.ChunkedArray) -> pa.Array:
    """A column copied into memory of its own: read from the file, it points into the file's bytes."""
    if column.num_chunks == 0:
        return pa.array([], type=column.type)
    return pa.concat_arrays(column.chunks)


def decode_catalog(data: bytes, key: dict[str, str]) -> Catalog | None:
    """The catalogue kept in ``data``, or None when it is stale, damaged or not a prepared file."""
    try:
        parts = _split(data, key)
    except (ValueError, KeyError, TypeError):
        return None
    return None if parts is None else _catalog_from_parts(parts)


def _catalog_from_parts(parts: Mapping[str, Any]) -> Catalog | None:
    """The catalogue in a file's parts (checked already), or None when they do not make one."""
    try:
        table = pa.ipc.open_stream(parts["arrow"]).read_all()
        document = json.loads(bytes(parts["json"]))
        index = pd.Index(table.column("__index__").to_numpy(zero_copy_only=False), dtype=object,
                         name=document["index_name"])
        columns: dict[str, Any] = {}
        geometry_name = None
        for column in document["columns"]:
            name, kind = column["name"], column["kind"]
            if kind == "geometry":
                geometry_name = name
                wkb = table.column(name).to_numpy(zero_copy_only=False)
                columns[name] = gpd.GeoSeries(shapely.from_wkb(wkb), index=index,
                                              crs=document["crs"])
            elif kind == _NESTED:
                distinct = document["nested"][name]
                values = np.empty(len(distinct), dtype=object)
                for position, value in enumerate(distinct):
                    values[position] = value
                codes = table.column(name).to_numpy()
                columns[name] = pd.Series(values[codes], index=index, dtype=object)
            elif kind == _ARROW:
                columns[name] = pd.Series(_owned(table.column(name)), index=index, dtype=column["dtype"])
            else:
                values = table.column(name).to_numpy(zero_copy_only=False)
                columns[name] = pd.Series(values, index=index, dtype=column["dtype"])
        sites = gpd.GeoDataFrame(columns, index=index, geometry=geometry_name)
        return Catalog(sites, [_problem(row) for row in document["problems"]],
                       [Category(**row) for row in document["categories"]], document["tags"])
    except (ValueError, KeyError, TypeError, IndexError, pa.ArrowException, shapely.errors.ShapelyError):
        return None


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


def load_prepared_catalog(directory: Path, cache_dir: Path | None = None) -> Catalog:
    """``load_catalog(directory)``, read from its prepared file when that is current.

    Otherwise the catalogue is loaded and prepared again, kept beside it when that folder is
    writable, else in ``cache_dir``, else not kept (a read-only catalogue still loads).
    """
    with cyclic_gc_paused():  # reading and preparing both build millions of objects
        return _load_prepared(directory, cache_dir)


def _load_prepared(directory: Path, cache_dir: Path | None) -> Catalog:
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
    catalog = load_catalog(directory)
    try:
        if content_sha256(directory) != key["content_sha256"]:
            return catalog  # changed while loading: keeping it under either key could lie
        parts = _encoded_parts(catalog)
        data = _file_bytes(parts, key)
    except OSError:
        return catalog
    except (TypeError, ValueError, pa.ArrowException):  # a value the format cannot keep
        return catalog
    for path in paths:
        try:
            _write_atomically(path, data)
            break
        except OSError:
            continue
    # Go on from what was just kept, as a warm start would: equal nested values are shared
    # there. The loaded sites go first, as they sit scattered among what the load freed;
    # decoded afterwards, the kept form packs into fresh memory and the rest goes back.
    # The parts are read as they are: made here, they need no checksum or key check.
    del catalog, data
    gc.collect()  # the load leaves a few reference cycles (frames, pandas internals) behind
    kept = _catalog_from_parts(parts)
    del parts
    return_freed_memory()
    return kept if kept is not None else load_catalog(directory)

