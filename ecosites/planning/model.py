"""The planner's light vocabulary: modes, limits, the request, places and notices.

No heavy imports, so the URL codec and the pages' link helpers can use them cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

from ecosites.i18n import format_date, t

Mode = Literal["car", "transit", "walk"]
MODES: tuple[Mode, ...] = get_args(Mode)
DEFAULT_MODE: Mode = "car"
VENUE_ID = "eco-conference-center"  # Guiyang International Eco-Conference Center, EFG's venue
VENUE_ALIAS = "efg"
LOCAL_TZ = ZoneInfo("Asia/Shanghai")
DEFAULT_START = time(9, 0)
MAX_DAYS = 14
DEFAULT_HOURS_PER_DAY = 8.0
MAX_HOURS_PER_DAY = 16.0

# Values of these notice fields are codes, translated when the message is formatted.
_TRANSLATED: dict[str, str] = {"which": "plan.which.", "weekday": "plan.day.",
                               "next_weekday": "plan.day.", "mode": "plan.mode."}
_DATES: frozenset[str] = frozenset({"date", "next_date", "today"})


@dataclass(frozen=True)
class Notice:
    """A warning or note about the plan or one stop: a code plus values, translated late."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)
    severity: str = "warning"  # "warning" or "info"

    def _formatted(self, lang: str) -> dict[str, Any]:
        formatted: dict[str, Any] = {}
        for key, value in self.values.items():
            if key in _TRANSLATED:
                formatted[key] = t(_TRANSLATED[key] + str(value), lang)
            elif key in _DATES:  # ISO dates, possibly "a, b", shown in the language's form
                formatted[key] = t("list.separator", lang).join(
                    format_date(date.fromisoformat(part), lang) for part in str(value).split(", "))
            else:
                formatted[key] = value
        return formatted

    def message(self, lang: str = "en") -> str:
        """What happened, in plain words."""
        return t(f"plan.notice.{self.code}", lang, **self._formatted(lang))

    def suggestion(self, lang: str = "en") -> str:
        """What to do about it ('' when there is nothing to suggest)."""
        key = f"plan.suggest.{self.code}"
        if self.values.get("no_suggestion"):
            return ""
        try:
            return t(key, lang, **self._formatted(lang))
        except KeyError:
            return ""


@dataclass(frozen=True)
class MeasuredLeg:
    """A measured travel time between two sites by one mode, with where it came from."""

    quick_minutes: int
    slow_minutes: int
    source: str


@dataclass(frozen=True)
class Place:
    """A start or end point: a site (``site_id`` set) or plain coordinates (a hotel)."""

    lon: float
    lat: float
    site_id: str = ""
    name_en: str = ""
    name_zh: str = ""

    @property
    def key(self) -> str:
        """The id used in legs: the site id, or 'lon,lat'."""
        return self.site_id or f"{self.lon:.6f},{self.lat:.6f}"


@dataclass(frozen=True)
class PlanRequest:
    """What the user asked for, before validation against the catalogue."""

    site_ids: tuple[str, ...] = ()
    start: str | None = None  # site id, 'efg' or 'lon,lat'
    end: str | None = None
    round_trip: bool = False
    mode: str = DEFAULT_MODE
    day: date | None = None  # None: today
    start_time: time = DEFAULT_START
    days: int = 1
    locked: bool = False
    hours_per_day: float | None = None  # None: the config's max_hours_per_day
