"""Site properties: names, allowed values and the one model every door validates with.

Property names are constants here so that loaders, filters, the map and the pages
never spell a column by hand. ``SiteProperties`` is the single source of the rules;
``geodata/site.schema.json`` is generated from it (``python -m ecosites schema``).
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ecosites.vocab import (  # re-exported: the vocabularies live in one light module
    CATEGORY_SLUGS as CATEGORY_SLUGS,
)
from ecosites.vocab import (
    DISTRICTS as DISTRICTS,
)
from ecosites.vocab import (
    REGION_BBOX as REGION_BBOX,
)
from ecosites.vocab import (
    REGION_CENTER as REGION_CENTER,
)
from ecosites.vocab import (
    TIME_PATTERN as TIME_PATTERN,
)
from ecosites.vocab import (
    WEEKDAYS as WEEKDAYS,
)
from ecosites.vocab import (
    CategorySlug,
    District,
    Weekday,
)

ID = "id"
NAME_EN = "name_en"
NAME_ZH = "name_zh"
CATEGORY = "category"
HIGHLIGHT_EN = "highlight_en"
HIGHLIGHT_ZH = "highlight_zh"
DISTRICT = "district"
ADDRESS_EN = "address_en"
ADDRESS_ZH = "address_zh"
TAGS = "tags"
FACTS = "facts"
HOURS = "hours"
LAST_ENTRY = "last_entry"
CLOSED_WEEKDAYS = "closed_weekdays"
FEE = "fee"
FEE_NOTE_EN = "fee_note_en"
FEE_NOTE_ZH = "fee_note_zh"
VISIT_MINUTES = "visit_minutes"
WEBSITE = "website"
PHONE = "phone"
SOURCES = "sources"
COORDINATE_ACCURACY_M = "coordinate_accuracy_m"
COORDINATE_SOURCE = "coordinate_source"
UNVERIFIED = "unverified"
ACCESSIBILITY_EN = "accessibility_en"
ACCESSIBILITY_ZH = "accessibility_zh"
GROUP_SUITABLE = "group_suitable"
GUIDE_LANGUAGES = "guide_languages"

# Columns the loader derives; they are never read from a file.
LON = "lon"
LAT = "lat"
AREA_HA = "area_ha"
GEOMETRY_TYPE = "geometry_type"
SOURCE_FILE = "source_file"
SEARCH_TEXT = "search_text"
# Precomputed for ecosites.search: name keys, folded English name, English-pinyin, syllables.
SEARCH_KEYS = "search_keys"
SEARCH_EN = "search_en"
SEARCH_HYBRID = "search_hybrid"
SEARCH_SYLLABLES = "search_syllables"
SEARCH_COLUMNS: tuple[str, ...] = (SEARCH_KEYS, SEARCH_EN, SEARCH_HYBRID, SEARCH_SYLLABLES)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HOURS_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$"
URL_PATTERN = r"^https?://[^\s<>\"'`]+$"

MAX_NAME_CHARS = 120
MAX_SHORT_TEXT_CHARS = 300
MAX_LONG_TEXT_CHARS = 2000
MAX_LIST_ITEMS = 50

Name = Annotated[str, Field(max_length=MAX_NAME_CHARS)]
ShortText = Annotated[str, Field(max_length=MAX_SHORT_TEXT_CHARS)]
LongText = Annotated[str, Field(max_length=MAX_LONG_TEXT_CHARS)]
Slug = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=500)]

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Fact(BaseModel):
    """One sourced fact about a site, in both languages."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    en: LongText = ""
    zh: LongText = ""
    source: Slug


class Source(BaseModel):
    """Where facts came from; ``fields`` lists the properties it backs."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: Slug
    title: ShortText
    url: Url | None = None
    fields: Annotated[list[Annotated[str, Field(max_length=60)]], Field(max_length=60)] = []


class SiteProperties(BaseModel):
    """The properties of one site Feature. Unknown values stay empty (None, "" or [])."""

    model_config = ConfigDict(
        extra="ignore",
        str_strip_whitespace=True,
        title="Guiyang Eco Sites: site properties",
    )

    id: Slug
    name_en: Name = ""
    name_zh: Name = ""
    category: CategorySlug
    highlight_en: LongText = ""
    highlight_zh: LongText = ""
    district: District | None = None
    address_en: ShortText = ""
    address_zh: ShortText = ""
    tags: Annotated[list[Slug], Field(max_length=MAX_LIST_ITEMS)] = []
    facts: Annotated[list[Fact], Field(max_length=MAX_LIST_ITEMS)] = []
    hours: Annotated[str, Field(pattern=HOURS_PATTERN)] | None = None
    last_entry: Annotated[str, Field(pattern=TIME_PATTERN)] | None = None
    closed_weekdays: list[Weekday] | None = None
    fee: Annotated[float, Field(ge=0, le=100000, allow_inf_nan=False)] | None = None
    fee_note_en: ShortText = ""
    fee_note_zh: ShortText = ""
    visit_minutes: Annotated[int, Field(ge=5, le=24 * 60)] | None = None
    website: Url | None = None
    phone: Annotated[str, Field(max_length=60, pattern=r"^[0-9+()\-\s,;/]*$")] | None = None
    sources: Annotated[list[Source], Field(max_length=MAX_LIST_ITEMS)] = []
    coordinate_accuracy_m: Annotated[float, Field(gt=0, le=50000, allow_inf_nan=False)]
    coordinate_source: ShortText = Field(min_length=1)
    unverified: Annotated[list[Annotated[str, Field(max_length=60)]], Field(max_length=60)] = []
    accessibility_en: ShortText = ""
    accessibility_zh: ShortText = ""
    group_suitable: bool | None = None
    guide_languages: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=20)] = []

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any) -> Any:
        """Strip control characters from text (they break terminals, CSV and map labels).

        One pass over the properties instead of a validator per field: at 100,000 sites
        the per-field form cost about 2.4 s of the load.
        """
        if isinstance(data, dict):
            return {key: _CONTROL_CHARS.sub("", value) if isinstance(value, str) else value
                    for key, value in data.items()}
        return data

    @model_validator(mode="after")
    def _has_a_name_and_known_sources(self) -> SiteProperties:
        if not (self.name_en or self.name_zh):
            raise ValueError("a site needs a name: give name_en, name_zh or both")
        known = {source.id for source in self.sources}
        for number, fact in enumerate(self.facts, start=1):
            if not (fact.en or fact.zh):
                raise ValueError(f"fact {number} has no text in either language")
            if fact.source not in known:
                raise ValueError(
                    f"fact {number} cites source '{fact.source}', which is not in this "
                    "site's sources"
                )
        return self


PROPERTY_NAMES: tuple[str, ...] = tuple(SiteProperties.model_fields)
LIST_PROPERTIES: tuple[str, ...] = (
    TAGS, FACTS, SOURCES, UNVERIFIED, GUIDE_LANGUAGES,
)


def site_json_schema() -> dict[str, Any]:
    """The JSON Schema of site properties, as committed in ``geodata/site.schema.json``."""
    schema = SiteProperties.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "Properties of one Feature in a Guiyang Eco Sites catalogue file. "
        "Generated from ecosites.schema.SiteProperties; do not edit by hand."
    )
    return schema


def site_json_schema_text() -> str:
    """The schema as the text written to disk (stable key order, trailing newline)."""
    return json.dumps(site_json_schema(), ensure_ascii=False, indent=2) + "\n"
