"""The plan for calendar and map apps: ICS, GPX and KML.

The libraries add their own format escaping, so plain-text fields go to them unescaped;
only a KML description, which Google Earth shows as HTML, is HTML-escaped first.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ecosites.escape import escape_text
from ecosites.exports.text import stop_description
from ecosites.i18n import t
from ecosites.planning.plan import Plan
from ecosites.planning.timetable import place_address, stop_name

PRODID = "-//Guiyang Eco Sites//Visit planner//EN"
UID_DOMAIN = "guiyang-eco-sites"


def plan_to_ics(plan: Plan, lang: str = "en", now: datetime | None = None) -> bytes:
    """An RFC 5545 calendar: one event per stop with LOCATION, GEO and DESCRIPTION."""
    import icalendar  # each format's library loads only when that format is written

    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", t("plan.print.title", lang))
    for stop in plan.stops:
        event = icalendar.Event()
        event.add("uid", f"{plan.day.isoformat()}-{stop.number}-{stop.info.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", stop.arrive)
        event.add("dtend", stop.depart)
        event.add("summary", f"{stop.number}. {stop_name(stop, lang)}")
        address = place_address(stop.info, lang)
        event.add("location", address or f"{stop_name(stop, lang)} "
                  f"({stop.info.lat:.5f}, {stop.info.lon:.5f})")
        event.add("geo", (stop.info.lat, stop.info.lon))
        event.add("description", stop_description(plan, stop, lang))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _route_points(plan: Plan) -> list[tuple[str, float, float]]:
    points: list[tuple[str, float, float]] = []
    for leg in plan.legs:
        start = (leg.from_key, leg.from_lonlat[0], leg.from_lonlat[1])
        if not points or points[-1] != start:
            points.append(start)
        points.append((leg.to_key, leg.to_lonlat[0], leg.to_lonlat[1]))
    if not points:
        points = [(s.info.id, s.info.lon, s.info.lat) for s in plan.stops]
    return points


def plan_to_gpx(plan: Plan, lang: str = "en") -> str:
    """GPX 1.1: a waypoint per stop and one route through start, stops and end."""
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    gpx.creator = "Guiyang Eco Sites"
    gpx.name = t("plan.print.title", lang)
    names = {s.info.id: f"{s.number}. {stop_name(s, lang)}" for s in plan.stops}
    for place in (plan.start, plan.end):
        if place is not None:
            names.setdefault(place.key, stop_name(place, lang))
    for stop in plan.stops:
        gpx.waypoints.append(gpxpy.gpx.GPXWaypoint(
            latitude=stop.info.lat, longitude=stop.info.lon, time=stop.arrive,
            name=names[stop.info.id], description=stop_description(plan, stop, lang),
            symbol="Flag, Blue"))
    route = gpxpy.gpx.GPXRoute(name=t("plan.print.title", lang))
    for key, lon, lat in _route_points(plan):
        route.points.append(gpxpy.gpx.GPXRoutePoint(latitude=lat, longitude=lon,
                                                     name=names.get(key, key)))
    gpx.routes.append(route)
    return str(gpx.to_xml(version="1.1"))


def plan_to_kml(plan: Plan, lang: str = "en") -> str:
    """KML: a placemark per stop and the route as a line.

    simplekml XML-escapes every name and description itself. Names are plain text in
    Google Earth, so they go in as they are; a description is HTML shown in the balloon,
    so its text is HTML-escaped first and its line breaks become ``<br>``.
    """
    import simplekml

    kml = simplekml.Kml(name=t("plan.print.title", lang))
    for stop in plan.stops:
        point = kml.newpoint(name=f"{stop.number}. {stop_name(stop, lang)}",
                             coords=[(stop.info.lon, stop.info.lat)])
        point.description = escape_text(stop_description(plan, stop, lang)).replace("\n", "<br>")
        point.timestamp.when = stop.arrive.isoformat()
    line = kml.newlinestring(name=t("plan.print.title", lang),
                             coords=[(lon, lat) for _, lon, lat in _route_points(plan)])
    line.style.linestyle.width = 4
    line.style.linestyle.color = "ffb27200"  # aabbggrr: the app's blue #0072B2
    return str(kml.kml())

