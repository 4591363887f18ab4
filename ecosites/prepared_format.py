"""The prepared catalogue's file format: one catalogue as bytes, and back.

A JSON header line (the key, each part's length and SHA-256), then the parts: an Arrow IPC
stream of the plain columns (text, numbers, columns pandas keeps in Arrow as they are,
geometry as WKB, a code per row for each nested column) and one JSON document with the
distinct values of the nested columns (facts, sources, media, ...), the problems and the
vocabularies. No pickle: a file in a writable folder must never be able to run code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import marshal
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from ecosites.catalog import Catalog
from ecosites.validate import Problem
from ecosites.vocab import Category

MAGIC = b"ecosites-prepared\n"
MAX_HEADER_BYTES = 4096
TEXT, _NATIVE, NESTED, _ARROW = "text", "native", "nested", "arrow"  # a column's kind
_TEXT_TYPES = frozenset({str, type(None)})


def _column_kind(series: pd.Series, values: list[Any]) -> str:
    """Arrow, native, text or nested; ``values`` is ``series.tolist()`` for an object column, else unused."""
    if isinstance(series.array, pd.arrays.ArrowStringArray):  # kept in Arrow already: no conversion
        return _ARROW
    if series.dtype != object:
        return _NATIVE
    if set(map(type, values)) <= _TEXT_TYPES:  # map(type): one C-level pass
        return TEXT
    return NESTED


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


def shared_values(values: list[Any]) -> tuple[np.ndarray, list[Any]]:
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


def file_bytes(parts: dict[str, Any], key: dict[str, str]) -> bytes:
    """The header (key, each part's length and SHA-256) and the parts, as one file."""
    header = {**key, "parts": [{"name": name, "length": len(data),
                                "sha256": hashlib.sha256(data).hexdigest()}
                               for name, data in parts.items()]}
    return b"".join([MAGIC, json.dumps(header).encode(), b"\n", *parts.values()])


def encoded_parts(catalog: Catalog, **extra: Any) -> dict[str, Any]:
    """The file's parts by name: the Arrow stream of the plain columns and the JSON document.

    ``extra``: more members of the document (a half's photo problems, see ``split_parts``).
    """
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
        elif kind == TEXT:
            arrays[column] = pa.array(cells, type=pa.string())
        else:
            codes, values = shared_values(cells)
            arrays[column] = pa.array(codes, type=pa.int32())
            nested[column] = values
        columns.append({"name": column, "kind": kind, "dtype": str(series.dtype)})
    return parts_of(arrays, {
        "columns": columns,
        "index_name": sites.index.name,
        "crs": sites.crs.to_string() if sites.crs is not None else None,
        "nested": nested,
        "problems": [dataclasses.asdict(problem) for problem in catalog.problems],
        "categories": [dataclasses.asdict(category) for category in catalog.categories],
        "tags": catalog.tags,
        **extra,
    })


def parts_of(arrays: dict[str, pa.Array], document: dict[str, Any]) -> dict[str, Any]:
    """The parts: the columns as one Arrow stream, and the document as JSON."""
    sink = pa.BufferOutputStream()  # its value is taken without a copy
    table = pa.table(arrays)
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return {"arrow": sink.getvalue(),
            "json": json.dumps(document, ensure_ascii=False, allow_nan=False).encode()}


def split_file(data: bytes, key: dict[str, str]) -> dict[str, memoryview] | None:
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
        parts = split_file(data, key)
    except (ValueError, KeyError, TypeError):
        return None
    return None if parts is None else catalog_from_parts(parts)


def catalog_from_parts(parts: Mapping[str, Any]) -> Catalog | None:
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
            elif kind == NESTED:
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
