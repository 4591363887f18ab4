"""Property checks for site GeoJSON: the pydantic schema, in plain words, and markup warnings."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from ecosites import schema
from ecosites.schema import SiteProperties
from ecosites.validate.problem import Problem, short_json

_PATTERN_HINTS = {
    schema.ID: "use a lowercase slug of letters, digits and hyphens, e.g. 'guanshanhu-park'",
    schema.HOURS: "write opening hours like 09:00-17:00 (24-hour clock; 00:00-24:00 for all day)",
    schema.LAST_ENTRY: "write a time like 16:00",
    schema.WEBSITE: "only http:// and https:// links are allowed",
    schema.PHONE: "digits, spaces, +, -, parentheses and commas only",
    "tags": "tags are lowercase slugs such as 'wetland' or 'birds'",
    "source": "use the id of one of this site's sources",
    "url": "only http:// and https:// links are allowed",
}


def _describe_error(error: Any) -> tuple[str, str, str]:
    """Turn one pydantic error into (field, message, hint) in plain words."""
    location = [str(part) for part in error.get("loc", ())]
    top = location[0] if location else ""
    field_name = ".".join(location) if location else ""
    leaf = next((p for p in reversed(location) if not p.isdigit()), top)
    kind = error.get("type", "")
    value = error.get("input")
    shown = short_json(value, 60) if value is not None else "nothing"
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return field_name, "is required but missing", ""
    if kind == "literal_error":
        allowed = ctx.get("expected", "")
        return field_name, f"{shown} is not allowed here", f"use one of {allowed}"
    if kind == "string_pattern_mismatch":
        return field_name, f"{shown} has the wrong form", _PATTERN_HINTS.get(leaf, "")
    if kind == "string_too_long":
        return field_name, f"is too long (at most {ctx.get('max_length')} characters)", ""
    if kind == "too_long":
        return field_name, f"has too many items (at most {ctx.get('max_length')})", ""
    if kind == "string_too_short":
        return field_name, "must not be empty", ""
    if kind in ("string_type", "int_type", "float_type", "list_type", "bool_type",
                "model_type", "dict_type", "int_from_float", "float_parsing", "int_parsing",
                "bool_parsing"):
        wanted = {
            "string_type": "text", "int_type": "a whole number", "int_from_float": "a whole number",
            "int_parsing": "a whole number", "float_type": "a number", "float_parsing": "a number",
            "list_type": "a list", "bool_type": "true or false", "bool_parsing": "true or false",
            "model_type": "an object", "dict_type": "an object",
        }[kind]
        return field_name, f"must be {wanted}, found {shown}", ""
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal",
                "finite_number"):
        return field_name, f"{shown} is out of range: {error.get('msg', '').lower()}", ""
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return field_name, message, ""
    return field_name, str(error.get("msg", "is not valid")), ""


def validate_properties(
    properties: Any, file: str, number: int
) -> tuple[SiteProperties | None, list[Problem]]:
    """Validate one feature's properties against the schema."""
    site_id = properties.get("id") if isinstance(properties, dict) else None
    site_id = site_id if isinstance(site_id, str) else None
    if not isinstance(properties, dict):
        return None, [Problem(file, "the feature has no 'properties' object", number, site_id)]
    try:
        return SiteProperties.model_validate(properties), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            field_name, message, hint = _describe_error(error)
            problems.append(Problem(file, message, number, site_id, field_name or None, hint))
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
        found.append((f"sources.{index}.title", source.title))
    return [
        Problem(file, f"contains HTML or script ({short_json(match.group(0), 40)}); it is stored and "
                "shown as plain text, exactly as typed", number, properties.id, name,
                "remove the markup unless the characters are meant literally", "warning")
        for name, value in found
        if (match := _MARKUP.search(value))
    ]
