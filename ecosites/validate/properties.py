"""Property checks for site GeoJSON: the pydantic schema, in plain words, and markup warnings."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from ecosites import schema
from ecosites.schema import RuleError, SiteProperties
from ecosites.validate.problem import Finding, Problem, finding, short_json, with_values

# Fields with a pattern: the key of the hint that says how the value is written.
_PATTERN_HINTS = {
    schema.ID: "validate.prop.hint.id",
    schema.HOURS: "validate.prop.hint.hours",
    schema.LAST_ENTRY: "validate.prop.hint.time",
    schema.WEBSITE: "validate.prop.hint.url",
    schema.PHONE: "validate.prop.hint.phone",
    "tags": "validate.prop.hint.tags",
    "source": "validate.prop.hint.source",
    "url": "validate.prop.hint.url",
    "source_url": "validate.prop.hint.url",
    "file": "validate.prop.hint.media_file",
    "as_of": "validate.prop.hint.as_of",
}
_WANTED = {
    "string_type": "text", "int_type": "whole", "int_from_float": "whole", "int_parsing": "whole",
    "float_type": "number", "float_parsing": "number", "list_type": "list", "bool_type": "bool",
    "bool_parsing": "bool", "model_type": "object", "dict_type": "object",
}
_BOUNDS = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt",
           "less_than_equal": "le"}


def _pattern_finding(value: Any, shown: str, leaf: str) -> Finding:
    """A text of the wrong form; one holding a control character says so (ids are never cleaned)."""
    if isinstance(value, str) and any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        return finding("validate.prop.control_character", shown=shown)
    hint = _PATTERN_HINTS.get(leaf)
    return (finding("validate.prop.wrong_form_hinted", shown=shown, hint_key=hint)
            if hint else finding("validate.prop.wrong_form", shown=shown))


def _describe_error(error: Any) -> tuple[str, Finding]:
    """Turn one pydantic error into (field, finding) in our own words (never pydantic's)."""
    location = [str(part) for part in error.get("loc", ())]
    top = location[0] if location else ""
    field_name = ".".join(location) if location else ""
    leaf = next((p for p in reversed(location) if not p.isdigit()), top)
    kind = error.get("type", "")
    value = error.get("input")
    shown = short_json(value, 60) if value is not None else "nothing"
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return field_name, finding("validate.prop.missing")
    if kind == "literal_error":
        return field_name, finding("validate.prop.not_allowed", shown=shown,
                                   allowed=str(ctx.get("expected", "")).replace(" or ", ", "))
    if kind == "string_pattern_mismatch":
        return field_name, _pattern_finding(value, shown, leaf)
    if kind == "string_too_long":
        return field_name, finding("validate.prop.too_long", limit=ctx.get("max_length"))
    if kind == "too_long":
        return field_name, finding("validate.prop.too_many", limit=ctx.get("max_length"))
    if kind == "string_too_short":
        return field_name, finding("validate.prop.empty")
    if kind in _WANTED:
        return field_name, finding("validate.prop.wrong_type", shown=shown,
                                   wanted_key=f"validate.prop.type.{_WANTED[kind]}")
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "")
        return field_name, finding("validate.prop.out_of_range", shown=shown,
                                   bound_key=f"validate.prop.bound.{_BOUNDS[kind]}", limit=limit)
    if kind == "finite_number":
        return field_name, finding("validate.prop.not_finite", shown=shown)
    if kind == "value_error":
        # Our own schema's rules (ecosites/schema.py): a RuleError carries a message key, the
        # older ones say themselves in plain English.
        cause = ctx.get("error")
        if isinstance(cause, RuleError):
            return field_name, with_values(cause.key, cause.values)
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return field_name, finding("validate.prop.rule", message=message)
    return field_name, finding("validate.prop.invalid", shown=shown)


def validate_properties(
    properties: Any, file: str, number: int
) -> tuple[SiteProperties | None, list[Problem]]:
    """Validate one feature's properties against the schema."""
    site_id = properties.get("id") if isinstance(properties, dict) else None
    site_id = site_id if isinstance(site_id, str) else None
    if not isinstance(properties, dict):
        return None, [finding("validate.prop.no_object").at(file, number, site_id)]
    try:
        return SiteProperties.model_validate(properties), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            field_name, found = _describe_error(error)
            problems.append(found.at(file, number, site_id, field_name or None))
        return None, problems


_MARKUP = re.compile(r"<\s*[a-zA-Z!/?][^<>]{0,30}>?|javascript:", re.IGNORECASE)


def markup_warnings(properties: SiteProperties, file: str, number: int) -> list[Problem]:
    """Warn where text holds HTML or script: it is kept and always shown as plain text."""
    found: list[tuple[str, str]] = []
    for name, value in properties.model_dump().items():
        if isinstance(value, str):
            found.append((name, value))
    for index, fact in enumerate(properties.facts):
        found += [(f"facts.{index}.en", fact.en), (f"facts.{index}.zh", fact.zh)]
    for index, source in enumerate(properties.sources):
        found += [(f"sources.{index}.title_en", source.title_en),
                  (f"sources.{index}.title_zh", source.title_zh)]
    return [
        finding("validate.prop.markup", "", "warning", markup=short_json(match.group(0), 40)).at(
            file, number, properties.id, name)
        for name, value in found
        if (match := _MARKUP.search(value))
    ]


def accuracy_warnings(properties: SiteProperties, file: str, number: int) -> list[Problem]:
    """Warn, once per site, when the position's accuracy or origin is not stated."""
    missing = [name for name, value in (
        (schema.COORDINATE_ACCURACY_M, properties.coordinate_accuracy_m),
        (schema.COORDINATE_SOURCE, properties.coordinate_source),
    ) if not value]
    if not missing:
        return []
    fields = (finding("validate.prop.no_accuracy", "", "warning", fields=missing[0])
              if len(missing) == 1 else
              finding("validate.prop.no_accuracy_both", "", "warning", first=missing[0],
                      second=missing[1]))
    return [fields.at(file, number, properties.id, missing[0])]
