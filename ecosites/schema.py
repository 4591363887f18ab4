"""Site properties: names, allowed values and the one model every door validates with.

Property names are constants here so that loaders, filters, the map and the pages
never spell a column by hand. ``SiteProperties`` is the single source of the rules;
``geodata/site.schema.json`` is generated from it (``python -m ecosites schema``).
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ecosites.i18n import t
from ecosites.vocab import (  # re-exported: the vocabularies live in one light module
    CATEGORY_SLUGS as CATEGORY_SLUGS,
)
from ecosites.vocab import (
    DISTRICTS as DISTRICTS,
)
from ecosites.vocab import (
    MEDIA_LICENCES as MEDIA_LICENCES,
)
from ecosites.vocab import (
    REGION_BBOX as REGION_BBOX,
)
from ecosites.vocab import (
    REGION_CENTER as REGION_CENTER,
)
from ecosites.vocab import (
    SITE_STATUSES as SITE_STATUSES,
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
    MediaLicence,
    SiteStatus,
    Weekday,
    in_region,
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
OPEN_ON_PUBLIC_HOLIDAYS = "open_on_public_holidays"
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
STATUS = "status"
STATUS_NOTE_EN = "status_note_en"
STATUS_NOTE_ZH = "status_note_zh"
TRANSIT = "transit"
PARTS = "parts"
DATED_VALUES = "dated_values"
MEDIA = "media"

# Columns the loader derives; they are never read from a file.
LON = "lon"
LAT = "lat"
AREA_HA = "area_ha"
GEOMETRY_TYPE = "geometry_type"
SOURCE_FILE = "source_file"
SEARCH_TEXT = "search_text"
# Precomputed for ecosites.search: name keys, folded English name, English-pinyin, syllables,
# initials.
SEARCH_KEYS = "search_keys"
SEARCH_EN = "search_en"
SEARCH_HYBRID = "search_hybrid"
SEARCH_SYLLABLES = "search_syllables"
SEARCH_INITIALS = "search_initials"  # pinyin initials per name part: ranked below name keys
SEARCH_COLUMNS: tuple[str, ...] = (SEARCH_KEYS, SEARCH_EN, SEARCH_HYBRID, SEARCH_SYLLABLES,
                                   SEARCH_INITIALS)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HOURS_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$"
URL_PATTERN = r"^https?://[^\s<>\"'`]+$"
# A date as precise as the source gives it: 2020, 2020-05 or 2022-03-01.
AS_OF_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
# A plain file name directly under geodata/media/ (no folders, no "..").
MEDIA_FILE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\.(jpg|jpeg|png|webp|JPG|JPEG|PNG|WEBP)$"

MAX_NAME_CHARS = 120
MAX_SHORT_TEXT_CHARS = 300
MAX_LONG_TEXT_CHARS = 2000
MAX_LIST_ITEMS = 50
MAX_MEDIA_ITEMS = 10

Name = Annotated[str, Field(max_length=MAX_NAME_CHARS)]
ShortText = Annotated[str, Field(max_length=MAX_SHORT_TEXT_CHARS)]
LongText = Annotated[str, Field(max_length=MAX_LONG_TEXT_CHARS)]
Slug = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=500)]

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RuleError(ValueError):
    """A schema rule broken, with the ``ecosites.i18n`` key and values that say it in either language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(t(key, "en", **values))
        self.key = key
        self.values = {name: str(value) for name, value in values.items()}


def require_either(en: str, zh: str, what: str, stem: str) -> None:
    """Raise the one message for text needed in at least one language ("give X_en, X_zh or both")."""
    if not (en or zh):
        raise ValueError(f"{what}: give {stem}_en, {stem}_zh or both")


class Fact(BaseModel):
    """One sourced fact about a site, in both languages."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    en: LongText = ""
    zh: LongText = ""
    source: Slug


class Source(BaseModel):
    """Where facts came from, titled in both languages; ``fields`` lists the properties it backs."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: Slug
    title_en: ShortText = ""
    title_zh: ShortText = ""
    url: Url | None = None
    fields: Annotated[list[Annotated[str, Field(max_length=60)]], Field(max_length=60)] = []

    @model_validator(mode="before")
    @classmethod
    def _old_title(cls, data: Any) -> Any:
        """Files written before sources had two titles carry one ``title``: read it as English."""
        if isinstance(data, dict) and "title" in data:
            data = dict(data)
            old = data.pop("title")
            if isinstance(old, str) and not data.get("title_en"):
                data["title_en"] = old
        return data

    @model_validator(mode="after")
    def _has_a_title(self) -> Source:
        require_either(self.title_en, self.title_zh, f"source '{self.id}' needs a title", "title")
        return self


class Transit(BaseModel):
    """The nearest metro station: its names, line, and where it is (WGS-84) when a source says."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    station_en: Name = ""
    station_zh: Name = ""
    line_en: ShortText = ""
    line_zh: ShortText = ""
    lon: Annotated[float, Field(allow_inf_nan=False)] | None = None
    lat: Annotated[float, Field(allow_inf_nan=False)] | None = None
    source: Slug

    @model_validator(mode="after")
    def _named_and_in_region(self) -> Transit:
        require_either(self.station_en, self.station_zh, "transit needs a station name", "station")
        if (self.lon is None) != (self.lat is None):
            raise ValueError("transit needs both lon and lat, or neither")
        if self.lon is not None and self.lat is not None and not in_region(self.lon, self.lat):
            raise ValueError("the transit station's lon/lat lies outside the Guiyang region")
        return self


class Part(BaseModel):
    """A named part of a site (shown in its panel, never as a pin of its own)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name_en: Name = ""
    name_zh: Name = ""
    note_en: ShortText = ""
    note_zh: ShortText = ""
    source: Slug

    @model_validator(mode="after")
    def _named(self) -> Part:
        require_either(self.name_en, self.name_zh, "a part needs a name", "name")
        return self


DatedField = Literal["hours", "last_entry", "fee"]
DATED_FIELDS: tuple[DatedField, ...] = get_args(DatedField)


class DatedValue(BaseModel):
    """One dated value a source gives for a field; where sources disagree the newest is used."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    field: DatedField
    value: str | Annotated[float, Field(ge=0, le=100000, allow_inf_nan=False)]
    as_of: Annotated[str, Field(pattern=AS_OF_PATTERN)]
    source: Slug

    @model_validator(mode="after")
    def _value_has_the_fields_form(self) -> DatedValue:
        wanted = {"hours": HOURS_PATTERN, "last_entry": TIME_PATTERN}.get(self.field)
        if wanted is None:
            if not isinstance(self.value, float | int):
                raise RuleError("validate.prop.dated_not_number", field=self.field)
        elif not (isinstance(self.value, str) and re.match(wanted, self.value)):
            raise RuleError("validate.prop.dated_wrong_form", field=self.field,
                            value=repr(self.value))
        return self


class MediaItem(BaseModel):
    """A self-hosted photo under geodata/media/ with alt text in both languages and its licence."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    file: Annotated[str, Field(pattern=MEDIA_FILE_PATTERN, max_length=120)]
    alt_en: ShortText = Field(min_length=1)
    alt_zh: ShortText = Field(min_length=1)
    credit: ShortText = Field(min_length=1)
    licence: MediaLicence
    source_url: Url


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
    # "Closed Mondays except national holidays": a closed weekday that is a Chinese public
    # holiday (ecosites/public_holidays.py) opens after all.
    open_on_public_holidays: bool | None = None
    fee: Annotated[float, Field(ge=0, le=100000, allow_inf_nan=False)] | None = None
    fee_note_en: ShortText = ""
    fee_note_zh: ShortText = ""
    visit_minutes: Annotated[int, Field(ge=5, le=24 * 60)] | None = None
    website: Url | None = None
    phone: Annotated[str, Field(max_length=60, pattern=r"^[0-9+()\-\s,;/]*$")] | None = None
    sources: Annotated[list[Source], Field(max_length=MAX_LIST_ITEMS)] = []
    # Optional: GIS exports rarely carry them; a site without them gets a warning and its
    # panel says "accuracy not stated".
    coordinate_accuracy_m: Annotated[float, Field(gt=0, le=50000, allow_inf_nan=False)] | None = None
    coordinate_source: ShortText = ""
    unverified: Annotated[list[Annotated[str, Field(max_length=60)]], Field(max_length=60)] = []
    accessibility_en: ShortText = ""
    accessibility_zh: ShortText = ""
    group_suitable: bool | None = None
    guide_languages: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=20)] = []
    status: SiteStatus | None = None
    status_note_en: LongText = ""
    status_note_zh: LongText = ""
    transit: Transit | None = None
    parts: Annotated[list[Part], Field(max_length=MAX_LIST_ITEMS)] = []
    dated_values: Annotated[list[DatedValue], Field(max_length=MAX_LIST_ITEMS)] = []
    media: Annotated[list[MediaItem], Field(max_length=MAX_MEDIA_ITEMS)] = []

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any) -> Any:
        """Strip control characters from text but the id (they break terminals, CSV and labels).

        One pass over the properties instead of a validator per field: at 100,000 sites
        the per-field form cost about 2.4 s of the load.
        """
        if isinstance(data, dict):
            # One search over all of a site's text (a control character cannot appear where
            # two texts meet) spares rebuilding the properties of nearly every site. The id
            # is searched too, as it costs less than leaving it out: one holding a control
            # character only rebuilds properties equal to these.
            if not _CONTROL_CHARS.search("".join(
                    [value for value in data.values() if isinstance(value, str)])):
                return data
            # Not the id: a changed id would publish a different site than the file names,
            # so one holding a control character fails its pattern and is refused instead.
            return {key: _CONTROL_CHARS.sub("", value)
                    if isinstance(value, str) and key != ID else value
                    for key, value in data.items()}
        return data

    @model_validator(mode="before")
    @classmethod
    def _missing_lists_are_empty(cls, data: Any) -> Any:
        """A list left out is a new empty list: pydantic deep-copied the default for each site."""
        if isinstance(data, dict) and (missing := _DEFAULT_EMPTY_LISTS.difference(data)):
            return {**data, **{name: [] for name in missing}}
        return data

    @model_validator(mode="after")
    def _has_a_name_and_known_sources(self) -> SiteProperties:
        require_either(self.name_en, self.name_zh, "a site needs a name", "name")
        known = {source.id for source in self.sources}
        for number, fact in enumerate(self.facts, start=1):
            if not (fact.en or fact.zh):
                raise ValueError(f"fact {number} has no text in either language")
            if fact.source not in known:
                raise ValueError(
                    f"fact {number} cites source '{fact.source}', which is not in this "
                    "site's sources"
                )
        cited = [("transit", self.transit.source)] if self.transit is not None else []
        cited += [(f"part {n}", part.source) for n, part in enumerate(self.parts, start=1)]
        cited += [(f"dated value {n}", dated.source)
                  for n, dated in enumerate(self.dated_values, start=1)]
        for what, source_id in cited:
            if source_id not in known:
                raise ValueError(f"{what} cites source '{source_id}', which is not in this "
                                 "site's sources")
        return self

    @model_validator(mode="after")
    def _newest_dated_value_is_used(self) -> SiteProperties:
        """Where sources give dated values for a field, the field must hold the newest one."""
        for name in DATED_FIELDS:
            dated = [d for d in self.dated_values if d.field == name]
            if not dated:
                continue
            newest = max(dated, key=lambda d: d.as_of)
            current = getattr(self, name)
            same = (current == newest.value if name != "fee"
                    else current is not None and float(current) == float(newest.value))
            if not same:
                raise RuleError("validate.prop.dated_not_newest", field=name,
                                value=repr(newest.value), as_of=newest.as_of)
        return self


PROPERTY_NAMES: tuple[str, ...] = tuple(SiteProperties.model_fields)
_DEFAULT_EMPTY_LISTS = frozenset(name for name, info in SiteProperties.model_fields.items()
                                 if info.default == [])
LIST_PROPERTIES: tuple[str, ...] = (
    TAGS, FACTS, SOURCES, UNVERIFIED, GUIDE_LANGUAGES, PARTS, DATED_VALUES, MEDIA,
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
