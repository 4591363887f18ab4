"""Bulk validation: a catalogue file's well-formed features checked a property at a time.

Validating 100,000 sites one pydantic model at a time was most of a cold start: a model
call, its Python validators and its ``model_dump`` per site. Here the features of the
common shape (a Feature of exactly type, geometry and properties; a 2D Point inside the
region) are checked together: each property is one pydantic call over the whole file,
with the same field types, constraints and configuration as ``SiteProperties``, and the
model's own validators then run on the results, in pydantic's order. A feature any of
these checks flags is not judged here at all: ``core.validate_features`` sends it
through ``validate_feature`` as before, so problems, their words and their order stay
what the per-feature path gives (tests/unit/test_bulk_validate.py compares the two).
"""

from __future__ import annotations

import copy
import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Annotated, Any

import numpy as np
from pydantic import ConfigDict, TypeAdapter, ValidationError

from ecosites.schema import SiteProperties
from ecosites.vocab import REGION_BBOX

_FEATURE_MEMBERS = frozenset({"type", "geometry", "properties"})
_POINT_MEMBERS = frozenset({"type", "coordinates"})
# Beyond this a JSON integer is not a longitude or latitude; converting it could overflow.
_LARGEST_COORDINATE = 1_000


@dataclass(frozen=True)
class _Field:
    name: str
    adapter: TypeAdapter[list[Any]]
    required: bool
    default: Any


@dataclass(frozen=True)
class _Schema:
    fields: tuple[_Field, ...]
    before: tuple[Callable[[Any], Any], ...]
    after: tuple[Callable[[Any], Any], ...]


def _one_argument(func: Callable[..., Any]) -> bool:
    try:
        return len(inspect.signature(func).parameters) == 1
    except (TypeError, ValueError):
        return False


@functools.lru_cache(maxsize=1)
def bulk_schema() -> _Schema | None:
    """The site schema as one list adapter per field plus the model's validators; None if unsupported.

    Only model validators of mode before (taking the data) and after (taking the model) can
    be replayed outside the model; a field validator, serializer or any other kind of
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
    config = ConfigDict(**{k: v for k, v in SiteProperties.model_config.items()  # type: ignore[typeddict-item]
                           if k not in ("title", "extra")})
    fields = []
    for name, info in SiteProperties.model_fields.items():
        if info.alias is not None or info.validation_alias is not None:
            return None
        annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        required = info.is_required()
        default = None if required else info.get_default(call_default_factory=True)
        adapter: TypeAdapter[list[Any]] = TypeAdapter(list[annotation], config=config)  # type: ignore[valid-type]
        fields.append(_Field(name, adapter, required, default))
    return _Schema(tuple(fields), before, after)


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


def _validated_column(adapter: TypeAdapter[list[Any]], values: list[Any]) -> tuple[list[Any], set[int]]:
    """(validated values, positions that failed): one pydantic call, a second without the failures."""
    try:
        return adapter.validate_python(values), set()
    except ValidationError as exc:
        bad = {int(error["loc"][0]) for error in exc.errors(include_url=False)}
    kept = adapter.validate_python([value for k, value in enumerate(values) if k not in bad])
    rest = iter(kept)
    return [None if k in bad else next(rest) for k in range(len(values))], bad


def _before(schema: _Schema, rows: list[Any], ok: list[bool]) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = []
    for position, row in enumerate(rows):
        try:
            for func in schema.before:
                row = func(row)
        except Exception:  # noqa: BLE001 - whatever it is, the per-feature path says it
            row = None
        if type(row) is not dict:
            ok[position] = False
            row = {}
        data.append(row)
    return data


def _columns(schema: _Schema, data: list[dict[str, Any]], ok: list[bool]) -> list[list[Any]]:
    """Each field's validated values, in field order; a flagged row holds its field's default."""
    columns = []
    for spec in schema.fields:
        name = spec.name
        present = [position for position, row in enumerate(data) if name in row]
        validated, bad = _validated_column(spec.adapter, [data[position][name] for position in present])
        column = ([None] * len(data) if spec.required
                  else [copy.copy(spec.default) for _ in range(len(data))])
        for k, position in enumerate(present):
            if k in bad:
                ok[position] = False
            else:
                column[position] = validated[k]
        if spec.required and len(present) < len(data):
            given = set(present)
            for position in range(len(data)):
                if position not in given:
                    ok[position] = False
        columns.append(column)
    return columns


def _after(schema: _Schema, names: list[str], columns: list[list[Any]],
           ok: list[bool]) -> list[SimpleNamespace | None]:
    """The model's "after" validators on a stand-in for each row's model; None where one fails."""
    views: list[SimpleNamespace | None] = []
    for position, row_values in enumerate(zip(*columns, strict=True)):
        if not ok[position]:
            views.append(None)
            continue
        view = SimpleNamespace(**dict(zip(names, row_values, strict=True)))
        try:
            for func in schema.after:
                if func(view) is not view:
                    raise ValueError("an after validator replaced the model")
        except Exception:  # noqa: BLE001 - whatever it is, the per-feature path says it
            ok[position] = False
            views.append(None)
            continue
        views.append(view)
    return views


def bulk_properties(rows: list[Any]) -> list[tuple[dict[str, Any], SimpleNamespace] | None]:
    """Per row: (properties as ``model_dump`` gives them, a stand-in for the model) or None if flagged."""
    schema = bulk_schema()
    if schema is None or not rows:
        return [None] * len(rows)
    ok = [True] * len(rows)
    data = _before(schema, rows, ok)
    columns = _columns(schema, data, ok)
    names = [spec.name for spec in schema.fields]
    views = _after(schema, names, columns, ok)
    kept = [position for position, good in enumerate(ok) if good]
    dumped = [spec.adapter.dump_python([column[position] for position in kept])
              for spec, column in zip(schema.fields, columns, strict=True)]
    results: list[tuple[dict[str, Any], SimpleNamespace] | None] = [None] * len(rows)
    for position, row_values in zip(kept, zip(*dumped, strict=True), strict=True):
        view = views[position]
        if view is not None:
            results[position] = (dict(zip(names, row_values, strict=True)), view)
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
    return {position: outcome for position, outcome in zip(candidates, outcomes, strict=True)
            if outcome is not None}

