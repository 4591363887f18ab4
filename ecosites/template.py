"""A template GeoJSON for staff: one example site with every field, each field documented.

Built from ``ecosites/schema.py`` each time (types, limits, allowed values, required),
so it cannot drift from what the validator accepts; ``FIELD_NOTES`` says what each
field means and a test fails when a schema field has no note.
"""

from __future__ import annotations

import json
from typing import Any

from ecosites import schema

FIELD_NOTES: dict[str, str] = {
    schema.ID: "Unique site id: lower-case letters, digits and single hyphens; never reused.",
    schema.NAME_EN: "English name (give it, the Chinese name, or both).",
    schema.NAME_ZH: "Chinese name (give it, the English name, or both).",
    schema.CATEGORY: "One of the category slugs in geodata/categories.json.",
    schema.HIGHLIGHT_EN: "Why the site is worth a visit, in English.",
    schema.HIGHLIGHT_ZH: "Why the site is worth a visit, in Chinese.",
    schema.DISTRICT: "The district of Guiyang the site lies in; null when not known.",
    schema.ADDRESS_EN: "Street address in English.",
    schema.ADDRESS_ZH: "Street address in Chinese.",
    schema.TAGS: "Theme slugs from geodata/tags.json.",
    schema.FACTS: "Sourced facts: {en, zh, source}; source is the id of one of this site's sources.",
    schema.HOURS: "Opening hours as HH:MM-HH:MM (24-hour clock, local time); null when not verified.",
    schema.LAST_ENTRY: "Last admission as HH:MM; null when not verified.",
    schema.CLOSED_WEEKDAYS: "Weekdays it is closed (mon ... sun); [] when open every day, null when unknown.",
    schema.FEE: "Entry fee in yuan (0 for free); null when not verified.",
    schema.FEE_NOTE_EN: "Anything the fee depends on, in English.",
    schema.FEE_NOTE_ZH: "Anything the fee depends on, in Chinese.",
    schema.VISIT_MINUTES: "Typical visit length in minutes (5 to 1440); null when not verified.",
    schema.WEBSITE: "Official web page: http:// or https:// only.",
    schema.PHONE: "Public phone number of the site (digits, spaces, + ( ) - , ; /).",
    schema.SOURCES: "Where the information came from: {id, title, url, fields}.",
    schema.COORDINATE_ACCURACY_M: "How far the point may be from the real place, in metres (required).",
    schema.COORDINATE_SOURCE: "How the coordinates were obtained, e.g. a survey or a map (required).",
    schema.UNVERIFIED: "Names of properties whose values are not yet verified.",
    schema.ACCESSIBILITY_EN: "Step-free access, toilets and the like, in English.",
    schema.ACCESSIBILITY_ZH: "Step-free access, toilets and the like, in Chinese.",
    schema.GROUP_SUITABLE: "true when groups can visit; null when not known.",
    schema.GUIDE_LANGUAGES: "Languages guided tours are offered in.",
}

EXAMPLE_PROPERTIES: dict[str, Any] = {
    schema.ID: "example-wetland-park",
    schema.NAME_EN: "Example Wetland Park",
    schema.NAME_ZH: "示例湿地公园",
    schema.CATEGORY: schema.CATEGORY_SLUGS[0],
    schema.HIGHLIGHT_EN: "Restored wetland with boardwalks.",
    schema.HIGHLIGHT_ZH: "修复后的湿地，设有木栈道。",
    schema.DISTRICT: next(iter(schema.DISTRICTS)),
    schema.ADDRESS_EN: "1 Example Road",
    schema.ADDRESS_ZH: "示例路1号",
    schema.TAGS: [],
    schema.FACTS: [{"en": "About 50 ha of wetland.", "zh": "湿地约50公顷。", "source": "example-survey"}],
    schema.HOURS: "08:30-17:30",
    schema.LAST_ENTRY: "17:00",
    schema.CLOSED_WEEKDAYS: [],
    schema.FEE: 0,
    schema.FEE_NOTE_EN: "",
    schema.FEE_NOTE_ZH: "",
    schema.VISIT_MINUTES: 90,
    schema.WEBSITE: "https://example.org/wetland",
    schema.PHONE: "0851-0000000",
    schema.SOURCES: [{"id": "example-survey", "title": "Example survey, 2025",
                      "url": "https://example.org/survey", "fields": ["facts"]}],
    schema.COORDINATE_ACCURACY_M: 30,
    schema.COORDINATE_SOURCE: "field survey with a GPS receiver",
    schema.UNVERIFIED: [],
    schema.ACCESSIBILITY_EN: "",
    schema.ACCESSIBILITY_ZH: "",
    schema.GROUP_SUITABLE: True,
    schema.GUIDE_LANGUAGES: ["zh"],
}
EXAMPLE_POINT = (106.63, 26.65)  # WGS-84 longitude, latitude


def field_docs() -> dict[str, dict[str, Any]]:
    """Every property: its note, whether it is required, and the schema's type and limits."""
    json_schema = schema.site_json_schema()
    required = set(json_schema.get("required", []))
    docs: dict[str, dict[str, Any]] = {}
    for name, spec in json_schema["properties"].items():
        limits = {k: v for k, v in spec.items() if k not in ("title", "default")}
        docs[name] = {"description": FIELD_NOTES[name], "required": name in required, **limits}
    return docs


def template_geojson() -> bytes:
    """The template file: an RFC 7946 FeatureCollection with a documented 'fields' member."""
    collection = {
        "type": "FeatureCollection",
        "fields": field_docs(),  # a foreign member: readers ignore it, staff read it
        "features": [{"type": "Feature", "properties": EXAMPLE_PROPERTIES,
                      "geometry": {"type": "Point", "coordinates": list(EXAMPLE_POINT)}}],
    }
    return (json.dumps(collection, ensure_ascii=False, indent=2) + "\n").encode()
