"""The green record's typed records: sources, passages, recognitions, figures, the forum, the contact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from ecosites.i18n import bilingual, own_first

GREEN_RECORD_FILE = "green_record.json"

FigureUnit = Literal["percent", "count", "m2_per_person"]
FIGURE_UNITS: tuple[FigureUnit, ...] = get_args(FigureUnit)
ForumStatus = Literal["upcoming", "ongoing", "past"]
FORUM_STATUSES: tuple[ForumStatus, ...] = get_args(ForumStatus)
SourceLang = Literal["en", "zh"]
SOURCE_LANGS: tuple[SourceLang, ...] = get_args(SourceLang)


class GreenRecordError(ValueError):
    """The green record file breaks a rule; the message names the file, the item and the field."""


@dataclass(frozen=True)
class Pair:
    """One text in English and in Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        """The text in ``lang``."""
        return bilingual(self.en, self.zh, lang)

    def own_first(self, lang: str) -> tuple[str, str]:
        """(the text in ``lang``, the text in the other language)."""
        return own_first(self.en, self.zh, lang)


@dataclass(frozen=True)
class Source:
    """Where a statement comes from: a short label per language, the full title, a link if any."""

    id: str
    short: Pair
    title: str
    title_lang: SourceLang
    url: str | None


@dataclass(frozen=True)
class Passage:
    """A sentence or paragraph with its sources."""

    text: Pair
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Recognition:
    """A title or selection the city received; ``year`` None when the source gives none."""

    id: str
    year: int | None
    title: Pair
    detail: Pair
    short: Pair | None  # label on the timeline; None keeps it off the timeline
    note: Pair | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """A measured figure for a year: value as published, with the decimals it was published with."""

    id: str
    year: int
    value: float
    decimals: int
    unit: FigureUnit
    label: Pair
    detail: Pair | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SiteKind:
    """A category of demonstration site and the sentence that explains it."""

    category: str
    text: Pair
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Milestone:
    """A dated step in the forum's history."""

    year: int
    text: Pair
    short: Pair
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Edition:
    """One forum, with its dates (inclusive) and theme."""

    id: str
    name: Pair
    short: Pair
    start: date
    end: date
    theme: Pair
    focus: Pair
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Forum:
    """Eco Forum Global Guiyang: name, history, what it does, the Consensus, editions, venue."""

    name: Pair
    history: tuple[Milestone, ...]
    about: Passage
    consensus: Passage
    editions: tuple[Edition, ...]
    venue_facts: tuple[Passage, ...]


@dataclass(frozen=True)
class Contact:
    """The Foreign Affairs Office as the brochure gives it (its address is in English only)."""

    name: Pair
    address_en: str
    phones: tuple[str, ...]
    website: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class GreenRecord:
    """The whole file, checked."""

    sources: Mapping[str, Source]
    intro: tuple[Passage, ...]
    recognitions: tuple[Recognition, ...]
    figures_intro: Passage
    figures: tuple[Figure, ...]
    site_kinds: tuple[SiteKind, ...]
    forum: Forum
    contact: Contact


@dataclass(frozen=True)
class TimelineEntry:
    """A year and a short label, for the milestones chart and its text alternative."""

    year: int
    label: Pair

