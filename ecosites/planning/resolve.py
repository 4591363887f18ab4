"""A request's stops and start/end points looked up in the catalogue, with a notice for each problem."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ecosites.planning.model import VENUE_ALIAS, VENUE_ID, Notice, Place
from ecosites.planning.stops import StopInfo
from ecosites.planning.travel import DEFAULT_CONFIG, PlannerConfig
from ecosites.vocab import in_region

_LONLAT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def parse_place(text: str | None, which: str, known: Mapping[str, StopInfo]
                ) -> tuple[Place | None, list[Notice]]:
    """A start/end point from a site id, 'efg' (the Eco Forum Global venue) or 'lon,lat'."""
    if text is None or not text.strip():
        return None, []
    value = text.strip()
    if value.lower() == VENUE_ALIAS:
        value = VENUE_ID
    if value in known:
        return known[value].as_place(), []
    match = _LONLAT.match(value)
    if not match:
        return None, [Notice("place_unknown", {"which": which, "value": value[:60]})]
    lon, lat = float(match.group(1)), float(match.group(2))
    if in_region(lon, lat):
        return Place(lon, lat), []
    if in_region(lat, lon):
        return None, [Notice("place_swapped", {"which": which, "lon": lat, "lat": lon})]
    return None, [Notice("place_outside", {"which": which, "lon": lon, "lat": lat})]


def resolve_stops(site_ids: Sequence[str], known: Mapping[str, StopInfo],
                  config: PlannerConfig = DEFAULT_CONFIG) -> tuple[list[StopInfo], list[Notice]]:
    """Known stops in the given order (duplicates dropped, at most ``max_stops``), with notices."""
    wanted = list(dict.fromkeys(s.strip() for s in site_ids if s.strip()))
    unknown = [s for s in wanted if s not in known]
    notices: list[Notice] = []
    if unknown:
        notices.append(Notice("unknown_ids", {
            "ids": ", ".join(repr(s[:40]) for s in unknown[:5]) + (" …" if len(unknown) > 5
                                                                   else ""),
            "count": len(unknown)}))
    stops = [known[s] for s in wanted if s in known]
    if len(stops) > config.max_stops:
        notices.append(Notice("too_many", {"max": config.max_stops, "count": len(stops),
                                           "dropped": len(stops) - config.max_stops}))
        stops = stops[:config.max_stops]
    if not stops:
        notices.append(Notice("empty", {}))
    return stops, notices

