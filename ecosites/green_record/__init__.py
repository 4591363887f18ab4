"""Guiyang's green record: recognitions, the 2024 figures, the site kinds, the forum, the contact.

Everything the "green record" page states lives in one data file,
``geodata/green_record.json`` (described in ``geodata/README.md``), each item with the
id of its source. ``model`` holds the typed records; ``reader`` reads the file into them
and refuses a file that breaks a rule, naming the item and the field: a figure without
a source must never reach the page; ``views`` computes what the page says, the forum
from an injected ``today``, so a past forum is never announced as upcoming. Light: no
heavy imports.
"""

from __future__ import annotations

from ecosites.green_record.model import (
    FIGURE_UNITS,
    FORUM_STATUSES,
    GREEN_RECORD_FILE,
    SOURCE_LANGS,
    Contact,
    Edition,
    Figure,
    FigureUnit,
    Forum,
    ForumStatus,
    GreenRecord,
    GreenRecordError,
    Milestone,
    Pair,
    Passage,
    Recognition,
    SiteKind,
    Source,
    SourceLang,
    TimelineEntry,
)
from ecosites.green_record.reader import load_green_record, parse_green_record
from ecosites.green_record.views import (
    featured_edition,
    format_day_range,
    format_figure,
    forum_status,
    forum_when,
    share_figures,
    sites_by_category,
    source_labels,
    timeline,
)

__all__ = [
    "FIGURE_UNITS",
    "FORUM_STATUSES",
    "GREEN_RECORD_FILE",
    "SOURCE_LANGS",
    "Contact",
    "Edition",
    "Figure",
    "FigureUnit",
    "Forum",
    "ForumStatus",
    "GreenRecord",
    "GreenRecordError",
    "Milestone",
    "Pair",
    "Passage",
    "Recognition",
    "SiteKind",
    "Source",
    "SourceLang",
    "TimelineEntry",
    "featured_edition",
    "format_day_range",
    "format_figure",
    "forum_status",
    "forum_when",
    "load_green_record",
    "parse_green_record",
    "share_figures",
    "sites_by_category",
    "source_labels",
    "timeline",
]
