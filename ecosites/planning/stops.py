"""What the planner knows about one site, read from a catalogue row, and a lazy lookup by id."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ecosites import schema
from ecosites.planning.model import Place

# The catalogue may carry a visitor status ("open", "under-construction", ...); read as-is.
STATUS: str = getattr(schema, "STATUS", "status")


def _text(value: Any) -> str | None:
    """A non-empty string, or None for None and ''."""
    return value or None


@dataclass(frozen=True)
class StopInfo:
    """What the planner needs to know about one site."""

    id: str
    name_en: str
    name_zh: str
    lon: float
    lat: float
    hours: str | None = None
    last_entry: str | None = None
    closed_weekdays: tuple[str, ...] | None = None
    visit_minutes: int | None = None
    address_en: str = ""
    address_zh: str = ""
    address_zh_verified: bool = True  # False when the catalogue lists address_zh as unverified
    status: str | None = None  # None or "open": open to visitors; see hours.closed_status
    open_on_public_holidays: bool = False  # a closed weekday that is a public holiday opens

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> StopInfo:
        """From a catalogue row (a mapping of schema columns; None counts as unknown)."""
        closed = row.get(schema.CLOSED_WEEKDAYS)
        minutes = row.get(schema.VISIT_MINUTES)
        return cls(
            id=str(row[schema.ID]),
            name_en=_text(row.get(schema.NAME_EN)) or "",
            name_zh=_text(row.get(schema.NAME_ZH)) or "",
            lon=float(row[schema.LON]),
            lat=float(row[schema.LAT]),
            hours=_text(row.get(schema.HOURS)),
            last_entry=_text(row.get(schema.LAST_ENTRY)),
            closed_weekdays=tuple(closed) if closed is not None else None,
            visit_minutes=int(minutes) if minutes is not None else None,
            address_en=_text(row.get(schema.ADDRESS_EN)) or "",
            address_zh=_text(row.get(schema.ADDRESS_ZH)) or "",
            address_zh_verified=schema.ADDRESS_ZH not in (row.get(schema.UNVERIFIED) or ()),
            status=_text(row.get(STATUS)),
            open_on_public_holidays=row.get(schema.OPEN_ON_PUBLIC_HOLIDAYS) in (True,),
        )

    def as_place(self) -> Place:
        """This site as a start or end point."""
        return Place(self.lon, self.lat, self.id, self.name_en, self.name_zh)


class CatalogStops(Mapping[str, StopInfo]):
    """StopInfo by id, made on demand from a catalogue frame (indexed by id, with lon/lat).

    Building all of them up front would cost a second at 10,000 sites on every rerun.
    """

    def __init__(self, sites: Any) -> None:
        self._sites = sites

    def __getitem__(self, site_id: str) -> StopInfo:
        if site_id not in self._sites.index:
            raise KeyError(site_id)
        return StopInfo.from_row(self._sites.loc[site_id].to_dict())

    def __contains__(self, site_id: object) -> bool:
        return site_id in self._sites.index

    def __iter__(self) -> Iterator[str]:
        return iter(str(i) for i in self._sites.index)

    def __len__(self) -> int:
        return len(self._sites)
