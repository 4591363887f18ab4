"""A large catalogue file prepared in two halves at once: one here, one in a forked process.

Validating and deriving is Python code, which one process runs on one core. Here the file
is parsed once; a forked child (``ecosites/forked.py``) loads the second half of its
features while this process loads the first, and the two halves, each in the prepared
file's format (``ecosites/prepared_format.py``), are merged into the catalogue a whole load
gives: the same sites, columns and problems in the same order
(tests/unit/test_prepared_split.py).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ecosites import forked
from ecosites.catalog import Catalog, catalog_files, load_categories, load_feature_slice, load_tags
from ecosites.prepared_format import (
    NESTED,
    TEXT,
    encoded_parts,
    file_bytes,
    parts_of,
    shared_values,
    split_file,
)
from ecosites.validate import FileReport, Problem
from ecosites.validate.core import catalogue_features
from ecosites.vocab import Category

# A catalogue file of this many features or more is prepared in halves (``split_parts``);
# below it, forking and merging gain too little.
SPLIT_FROM_FEATURES = 20_000


def slice_parts(features: list[Any], first_number: int, file: str, directory: Path) -> dict[str, Any]:
    """The parts of some of a file's features, as a half of ``split_parts``."""
    piece = load_feature_slice(features, first_number, file, directory)
    return encoded_parts(Catalog(piece.sites, piece.problems, [], {}), media_problems=[
        dataclasses.asdict(problem) for problem in piece.media_problems])


def split_parts(directory: Path, split_from: int) -> dict[str, Any] | None:
    """The parts of a catalogue held in one large file, its two halves made at once.

    One half is loaded here and the other in a forked child (``ecosites/forked.py``), on
    the features this process has parsed. None where that does not apply (several files,
    fewer than ``split_from`` features, one core, a file without features) or does not
    work out (the child's half did not come, or an id is in both halves): the caller then
    loads the catalogue whole, which also says what is wrong with it.
    """
    files = catalog_files(directory)
    if len(files) != 1 or not forked.can_fork():
        return None
    name = files[0].name
    try:
        parsed = catalogue_features(files[0].read_bytes(), name)
    except OSError:
        return None
    if isinstance(parsed, FileReport) or len(parsed[0]) < split_from:
        return None
    features, top_problems = parsed
    half = len(features) // 2

    def second_half() -> bytes:
        return file_bytes(slice_parts(features[half:], half + 1, name, directory), {})

    def first_half() -> dict[str, Any]:
        first = features[:half]
        features.clear()  # the child has the rest: here they are freed while this half loads
        return slice_parts(first, 1, name, directory)

    own, answer = forked.in_two(second_half, first_half)
    theirs = split_file(answer, {}) if answer is not None else None
    if theirs is None:
        return None
    categories, category_problems = load_categories(directory)
    tags, tag_problems = load_tags(directory)
    try:
        return merged_parts(own, theirs, [*category_problems, *tag_problems, *top_problems],
                            categories, tags)
    except (ValueError, KeyError, TypeError, pa.ArrowException):
        return None


def merged_parts(first: Mapping[str, Any], second: Mapping[str, Any], before: list[Problem],
                 categories: list[Category], tags: dict[str, dict[str, str]]) -> dict[str, Any] | None:
    """The parts of the whole catalogue from those of its two halves; None if an id is in both.

    The problems come in the order a whole load gives: ``before`` (vocabularies and the
    file itself), each half's, then each half's photo problems. A column that one half
    keeps as text and the other as nested values (a None or a list among texts) is nested.
    """
    tables = [pa.ipc.open_stream(part["arrow"]).read_all() for part in (first, second)]
    documents = [json.loads(bytes(part["json"])) for part in (first, second)]
    ids = [table.column("__index__") for table in tables]
    if pc.any(pc.is_in(ids[1], value_set=ids[0].combine_chunks())).as_py():
        return None
    one, other = documents
    if [c["name"] for c in one["columns"]] != [c["name"] for c in other["columns"]] or any(
            one[name] != other[name] for name in ("index_name", "crs")):
        return None
    arrays: dict[str, pa.Array] = {"__index__": pa.concat_arrays([*ids[0].chunks, *ids[1].chunks])}
    columns: list[dict[str, str]] = []
    nested: dict[str, list[Any]] = {}
    for specs in zip(one["columns"], other["columns"], strict=True):
        name = specs[0]["name"]
        kinds = {spec["kind"] for spec in specs}
        if kinds == {TEXT, NESTED}:
            kinds = {NESTED}
        elif len(kinds) != 1 or specs[0]["dtype"] != specs[1]["dtype"]:
            return None
        kind = kinds.pop()
        if kind == NESTED:
            halves = [_nested_half(table, document, spec)
                      for table, document, spec in zip(tables, documents, specs, strict=True)]
            offset = len(halves[0][1])
            arrays[name] = pa.array(np.concatenate([halves[0][0], halves[1][0] + offset]),
                                    type=pa.int32())
            nested[name] = [*halves[0][1], *halves[1][1]]
        else:
            arrays[name] = pa.concat_arrays([*tables[0].column(name).chunks,
                                             *tables[1].column(name).chunks])
        columns.append({**specs[0], "kind": kind})
    problems = [*(dataclasses.asdict(problem) for problem in before), *one["problems"],
                *other["problems"], *one["media_problems"], *other["media_problems"]]
    return parts_of(arrays, {
        "columns": columns, "index_name": one["index_name"], "crs": one["crs"], "nested": nested,
        "problems": problems,
        "categories": [dataclasses.asdict(category) for category in categories], "tags": tags,
    })


def _nested_half(table: pa.Table, document: dict[str, Any],
                 spec: dict[str, str]) -> tuple[np.ndarray, list[Any]]:
    """(a code per row, the distinct values) of one half's column, made so from text if need be."""
    name = spec["name"]
    if spec["kind"] == TEXT:
        return shared_values(table.column(name).to_pylist())
    return table.column(name).to_numpy().astype(np.int64), document["nested"][name]
