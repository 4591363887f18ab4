"""Bulk validation: a catalogue file's well-formed features checked together.

Validating 100,000 sites one pydantic model at a time was most of a cold start: a model
call, its Python validators and its ``model_dump`` per site. Here the features of the
common shape (a Feature of exactly type, geometry and properties; a 2D Point inside the
region, checked with numpy) go a thousand at a time through one pydantic call, as a
TypedDict with the model's field types, constraints and configuration; the model's own
validators then run, in pydantic's order, on a stand-in for each model. A feature any of
these checks flags is not judged here at all: ``core.validate_features`` sends it
through ``validate_feature`` as before, so problems, their words and their order stay
what the per-feature path gives (tests/unit/test_bulk_validate.py compares the two).

The fields holding lists or objects (facts, sources, tags, ...) repeat from site to site
and cost most to judge (a model per fact and source, their own validators). Each has a
one-field TypedDict of its own, and each distinct value of it is judged and dumped once
per file; the sites holding it share the result, as the prepared catalogue's sites share
their nested values (ecosites/prepared_format.py): the catalogue is read-only.
"""

from __future__ import annotations

import copy
import functools
import inspect
import itertools
import marshal
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Annotated, Any, NamedTuple, NotRequired, Required

import numpy as np
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from typing_extensions import TypedDict

from ecosites.schema import MEDIA, SiteProperties
from ecosites.vocab import REGION_BBOX

_FEATURE_MEMBERS = frozenset({"type", "geometry", "properties"})
_POINT_MEMBERS = frozenset({"type", "coordinates"})
# Beyond this a JSON integer is not a longitude or latitude; converting it could overflow.
_LARGEST_COORDINATE = 1_000
_CHUNK_ROWS = 1_000


@dataclass(frozen=True)
class _Schema:
    rows: TypeAdapter[list[Any]]  # one site's plain fields as a TypedDict of the model's fields
    nested: dict[str, TypeAdapter[Any]]  # per field holding lists or objects, a TypedDict of it
    defaults: dict[str, Any]  # what a property left out becomes, as in the model
    mutable_defaults: frozenset[str]  # those a site needs a copy of
    before: tuple[Callable[[Any], Any], ...]
    after: tuple[Callable[[Any], Any], ...]
    dumped_as_is: bool = False  # whether pydantic dumps every plain field as the value it validated


def _one_argument(func: Callable[..., Any]) -> bool:
    try:
        return len(inspect.signature(func).parameters) == 1
    except (TypeError, ValueError):
        return False


@functools.lru_cache(maxsize=1)
def bulk_schema() -> _Schema | None:
    """The site model as a list of TypedDicts with its fields plus its validators; None if unsupported.

    The TypedDict has each field's type and constraints and the model's configuration, so
    pydantic judges every value as the model would, for all sites in one call. Only model
    validators of mode before (taking the data) and after (taking the model) can be
    replayed outside the model; a field validator, serializer, alias or any other kind of
    validator makes the bulk path step aside (every feature is then validated one by one).
    """
    decorators = SiteProperties.__pydantic_decorators__
    if (decorators.field_validators or decorators.validators or decorators.root_validators
            or decorators.field_serializers or decorators.model_serializers
            or decorators.computed_fields):
        return None
    validators = list(decorators.model_validators.values())
    if any(v.info.mode not in ("before", "after") or not _one_argument(v.func) for v in validators):
        return None
    # pydantic runs "before" validators last-defined first and "after" ones in definition order.
    before = tuple(v.func for v in reversed(validators) if v.info.mode == "before")
    after = tuple(v.func for v in validators if v.info.mode == "after")
    fields: dict[str, Any] = {}
    nested: dict[str, TypeAdapter[Any]] = {}
    defaults: dict[str, Any] = {}
    config = ConfigDict(**{**SiteProperties.model_config, "extra": "ignore"})
    for name, info in SiteProperties.model_fields.items():
        if info.alias is not None or info.validation_alias is not None:
            return None
        annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        if info.is_required():
            fields[name] = Required[annotation]
        else:
            defaults[name] = info.get_default(call_default_factory=True)
            if _holds_containers(info.annotation):
                nested[name] = TypeAdapter(_typed_dict(f"BulkSite_{name}", {
                    name: NotRequired[annotation]}, config))
            else:
                fields[name] = NotRequired[annotation]
    row = _typed_dict("BulkSiteProperties", fields, config)
    mutable = frozenset(name for name, value in defaults.items()
                        if not isinstance(value, str | int | float | bool | type(None)))
    rows: TypeAdapter[list[Any]] = TypeAdapter(list[row])  # type: ignore[valid-type]
    return _Schema(rows, nested, defaults, mutable, before, after, _rows_dumped_as_is(rows))


# Core schema types whose value pydantic dumps (mode python, no serializer) as the very value
# it validated: text, numbers, booleans, literals, None.
_AS_IS_TYPES = frozenset({"str", "int", "float", "bool", "literal", "none"})


def dumped_as_is(core: Any) -> bool:
    """Whether pydantic dumps a value of this core schema as the value it validated."""
    if not isinstance(core, dict) or "serialization" in core:
        return False
    if core.get("type") == "nullable":
        return dumped_as_is(core.get("schema"))
    return core.get("type") in _AS_IS_TYPES


def _rows_dumped_as_is(rows: TypeAdapter[list[Any]]) -> bool:
    """Whether every field of the rows' TypedDict is dumped as validated (then no dump is needed)."""
    core: Any = rows.core_schema
    row = core.get("items_schema") if core.get("type") == "list" else None
    if not isinstance(row, dict) or row.get("type") != "typed-dict" or "serialization" in row:
        return False
    return all(dumped_as_is(field.get("schema")) for field in row["fields"].values())


def _typed_dict(name: str, fields: dict[str, Any], config: ConfigDict) -> Any:
    """A TypedDict of ``fields`` that pydantic judges with the model's configuration."""
    row = TypedDict(name, fields)  # type: ignore[misc]
    row.__pydantic_config__ = config  # type: ignore[attr-defined]
    return row


def _holds_containers(annotation: Any) -> bool:
    """Whether a field's type takes a list, a mapping or a model anywhere in it."""
    if typing.get_origin(annotation) in (list, dict, tuple, set, frozenset):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_containers(argument) for argument in typing.get_args(annotation))


def _well_formed_point(feature: Any) -> list[Any] | None:
    """The coordinates when a feature has the plain shape the bulk check judges, else None."""
    if type(feature) is not dict or feature.keys() != _FEATURE_MEMBERS:
        return None
    if feature["type"] != "Feature" or type(feature["properties"]) is not dict:
        return None
    geometry = feature["geometry"]
    if type(geometry) is not dict or geometry.keys() != _POINT_MEMBERS or geometry["type"] != "Point":
        return None
    coordinates = geometry["coordinates"]
    if type(coordinates) is not list or len(coordinates) != 2:
        return None
    for value in coordinates:
        kind = type(value)
        if not (kind is float or (kind is int and -_LARGEST_COORDINATE <= value <= _LARGEST_COORDINATE)):
            return None
    return coordinates


def _points_in_region(positions: Sequence[list[Any]]) -> np.ndarray:
    """Whether each (lon, lat) is finite and inside the region box, as ``placement_finding`` asks."""
    if not positions:
        return np.zeros(0, dtype=bool)
    lonlat = np.asarray(positions, dtype=float)
    west, south, east, north = REGION_BBOX
    lon, lat = lonlat[:, 0], lonlat[:, 1]
    with np.errstate(invalid="ignore"):
        inside = (west <= lon) & (lon <= east) & (south <= lat) & (lat <= north)
    finite: np.ndarray = np.isfinite(lonlat).all(axis=1)
    return finite & inside


def _before(schema: _Schema, rows: list[Any], ok: list[bool]) -> list[Any]:
    """Each row after the model's "before" validators; a row one refuses is flagged."""
    data: list[Any] = []
    for position, row in enumerate(rows):
        try:
            for func in schema.before:
                row = func(row)
        except Exception:  # noqa: BLE001 - whatever it is, the per-feature path says it
            row, ok[position] = {}, False
        data.append(row)
    return data


def _validated(schema: _Schema, data: list[Any], ok: list[bool]) -> list[Any]:
    """The rows as pydantic validates them: one call, then one more without the rows that failed."""
    try:
        return schema.rows.validate_python(data)
    except ValidationError as exc:
        bad = {int(error["loc"][0]) for error in exc.errors(include_url=False)}
    for position in bad:
        ok[position] = False
    rest = iter(schema.rows.validate_python([row for k, row in enumerate(data) if k not in bad]))
    return [{} if k in bad else next(rest) for k in range(len(data))]


# Per nested field: {its value in marshal's format 2: (validated, dumped), or None when it
# fails}; under "", the same for a row's nested values together, which most rows repeat.
# The format tells apart what pydantic would judge differently (1, 1.0, True; " a" and "a"),
# has no references (equal values, equal bytes) and is three times faster than repr.
_Judged = dict[str, dict[bytes, Any]]
_KEY_FORMAT = 2
_MISSING = ...  # a field the row leaves out: no JSON value is Ellipsis


class _Nested(NamedTuple):
    """A row's nested fields over the model's defaults, as validated and as dumped."""

    validated: dict[str, Any]
    dumped: dict[str, Any]
    fresh: tuple[str, ...]  # fields left out whose default each site needs a copy of


def _key(value: Any) -> bytes | None:
    """The value's key in ``_Judged``, or None for a value JSON cannot hold."""
    try:
        return marshal.dumps(value, _KEY_FORMAT)
    except ValueError:
        return None


def _nested(schema: _Schema, rows: list[Any], ok: list[bool], judged: _Judged) -> list[_Nested | None]:
    """Per row, its nested fields over the defaults; a row with a bad one is flagged."""
    names = tuple(schema.nested)
    together = judged.setdefault("", {})
    results: list[_Nested | None] = []
    for position, row in enumerate(rows):
        outcome: _Nested | None = None
        if type(row) is dict:  # else pydantic refuses it as a TypedDict too
            values = tuple(map(row.get, names, itertools.repeat(_MISSING)))
            key = _key(values)
            if key is not None:
                if key not in together:
                    together[key] = _row_nested(schema, names, values, judged)
                outcome = together[key]
        if outcome is None:
            ok[position] = False
        results.append(outcome)
    return results


def _row_nested(schema: _Schema, names: tuple[str, ...], values: tuple[Any, ...],
                judged: _Judged) -> _Nested | None:
    """One row's nested fields over the defaults, or None when one fails; each value judged once."""
    validated = dict(schema.defaults)
    dumped = dict(schema.defaults)
    for name, value in zip(names, values, strict=True):
        if value is _MISSING:
            continue
        seen = judged.setdefault(name, {})
        key = _key(value)
        if key is None:
            return None
        if key not in seen:
            seen[key] = _judged(schema.nested[name], name, value)
        outcome = seen[key]
        if outcome is None:
            return None
        validated[name], dumped[name] = outcome
    fresh = tuple(name for name, value in zip(names, values, strict=True)
                  if value is _MISSING and name in schema.mutable_defaults)
    return _Nested(validated, dumped, fresh)


def _judged(adapter: TypeAdapter[Any], name: str, value: Any) -> tuple[Any, Any] | None:
    """(validated, dumped) of one nested field's value, or None when pydantic refuses it."""
    try:
        validated = adapter.validate_python({name: value})
    except ValidationError:
        return None
    return validated[name], adapter.dump_python(validated)[name]


def _with_defaults(schema: _Schema, base: dict[str, Any], row: dict[str, Any],
                   fresh: tuple[str, ...]) -> dict[str, Any]:
    """Every field of the model: the row's plain fields over ``base`` (a copy of each ``fresh`` default)."""
    full = {**base, **row}
    for name in fresh:
        full[name] = copy.deepcopy(schema.defaults[name])
    return full


def bulk_properties(rows: list[Any]) -> list[tuple[dict[str, Any], SimpleNamespace] | None]:
    """Per row: (properties as ``model_dump`` gives them, a stand-in for the model) or None if flagged.

    Rows go in chunks: what pydantic builds on the way (validated rows, stand-ins) is then
    freed and reused chunk after chunk; validated at once, 100,000 sites left about 190 MB
    behind that the process never gave back.
    """
    schema = bulk_schema()
    if schema is None:
        return [None] * len(rows)
    results: list[tuple[dict[str, Any], SimpleNamespace] | None] = []
    judged: _Judged = {}
    for start in range(0, len(rows), _CHUNK_ROWS):
        results += _chunk_properties(schema, rows[start:start + _CHUNK_ROWS], judged)
    return results


def _chunk_properties(schema: _Schema, rows: list[Any],
                      judged: _Judged) -> list[tuple[dict[str, Any], SimpleNamespace] | None]:
    ok = [True] * len(rows)
    data = _before(schema, rows, ok)
    nested = _nested(schema, data, ok, judged)
    validated = _validated(schema, data, ok)
    views: list[SimpleNamespace | None] = []
    for position, row in enumerate(validated):
        if not ok[position]:
            views.append(None)
            continue
        shared = nested[position]
        assert shared is not None  # a row without its nested fields is flagged
        view = SimpleNamespace(**_with_defaults(schema, shared.validated, row, shared.fresh))
        try:
            for func in schema.after:
                if func(view) is not view:
                    raise ValueError("an after validator replaced the model")
        except Exception:  # noqa: BLE001 - whatever it is, the per-feature path says it
            ok[position] = False
            views.append(None)
            continue
        views.append(view)
    kept = [position for position, good in enumerate(ok) if good]
    plain = [validated[position] for position in kept]
    dumped = plain if schema.dumped_as_is else schema.rows.dump_python(plain)
    results: list[tuple[dict[str, Any], SimpleNamespace] | None] = [None] * len(rows)
    for position, row in zip(kept, dumped, strict=True):
        model, shared = views[position], nested[position]
        if model is not None and shared is not None:
            results[position] = (_with_defaults(schema, shared.dumped, row, shared.fresh), model)
    return results


def bulk_accepted(features: Sequence[Any]) -> dict[int, tuple[dict[str, Any], SimpleNamespace]]:
    """{position in ``features``: (dumped properties, model stand-in)} for features passing in bulk.

    A feature missing here is validated one by one. One accepted here would pass
    ``validate_feature`` (no crs, no repair) with its geometry unchanged and no problem
    but the accuracy warnings, which the caller adds from the stand-in.
    """
    shaped = [(position, coordinates) for position, feature in enumerate(features)
              if (coordinates := _well_formed_point(feature)) is not None]
    inside = _points_in_region([coordinates for _, coordinates in shaped])
    candidates = [position for (position, _), good in zip(shaped, inside, strict=True) if good]
    outcomes = bulk_properties([features[position]["properties"] for position in candidates])
    # A site with photos goes one by one too: the catalogue's photo check reads its model.
    return {position: outcome for position, outcome in zip(candidates, outcomes, strict=True)
            if outcome is not None and not outcome[0][MEDIA]}

