"""``python -m ecosites plan``: an ordered, timed visit plan as JSON, ICS, GPX, KML, CSV, HTML or PDF.

Problems with the input (unknown ids, a past date, a start point outside the region,
closed stops, ...) are reported on stderr in plain words and the rest of the plan is
still written. Exit codes: 0 plan written; 1 nothing to plan or no PDF font; 2 bad usage.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

from ecosites import exports
from ecosites.commands._common import settings, store_for
from ecosites.escape import shown_text
from ecosites.i18n import t
from ecosites.planning import codec, model, schedule, stops, travel
from ecosites.planning.timetable import notice_text, unplaced_rows
from ecosites.settings import local_now


def _date(text: str) -> date:
    value = codec.parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"'{shown_text(text)}' is not a date; write it as "
                                         f"YYYY-MM-DD, {codec.DATE_RANGE}")
    return value


def _time(text: str) -> time:
    value = codec.parse_time(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"'{shown_text(text)}' is not a time; write it as HH:MM "
                                         "(24-hour)")
    return value


def _days(text: str) -> int:
    value = codec.parse_days(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"'{shown_text(text)}' is not a number of days from 1 to "
                                         f"{model.MAX_DAYS}")
    return value


def _number_from(low: float, high: float) -> Callable[[str], float]:
    """An argparse type for a number from ``low`` to ``high`` (ends included; never inf or nan)."""
    def parse(text: str) -> float:
        try:
            value = float(text) if text.isascii() and len(text) <= 30 else math.nan
        except ValueError:
            value = math.nan
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"'{shown_text(text)}' is not a number from {low:g} "
                                             f"to {high:g}")
        return value
    return parse


# Ranges for the travel-model overrides: beyond them a plan means nothing (and a speed
# near zero overflows the timetable).
SPEED_KMH_RANGE = (1.0, 150.0)
DETOUR_RANGE = (1.0, 5.0)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``plan`` command's parser."""
    parser.description = ("Order sites for the least travel time, time the visit for a date and "
                          "write it as json, ics, gpx, kml, csv, html or pdf.")
    parser.add_argument("--sites", required=True, metavar="ID,ID,...",
                        help="site ids, comma-separated (at most 25)")
    parser.add_argument("--from", dest="origin", metavar="ID|LON,LAT",
                        help="start point: a site id, 'efg' (the Eco Forum Global venue) or "
                             "WGS-84 longitude,latitude such as a hotel")
    parser.add_argument("--to", dest="destination", metavar="ID|LON,LAT", help="end point, same forms")
    parser.add_argument("--round-trip", action="store_true", help="return to the start point")
    parser.add_argument("--mode", choices=model.MODES, default=model.DEFAULT_MODE,
                        help="travel mode (default: car, which also stands for taxi)")
    parser.add_argument("--date", type=_date, help="visit date YYYY-MM-DD (default: today)")
    parser.add_argument("--start", dest="start_time", type=_time, default=model.DEFAULT_START,
                        help="start time HH:MM (default: 09:00)")
    parser.add_argument("--days", type=_days, default=1,
                        help="split over up to N days by --hours-per-day (default: 1)")
    parser.add_argument("--hours-per-day", type=_number_from(1, model.MAX_HOURS_PER_DAY),
                        default=None,
                        help=f"longest day in hours (default: "
                             f"{model.DEFAULT_HOURS_PER_DAY:g})")
    parser.add_argument("--lock", action="store_true", help="keep the order given in --sites")
    parser.add_argument("--speed-kmh", type=_number_from(*SPEED_KMH_RANGE),
                        help=f"override the mode's average speed ({SPEED_KMH_RANGE[0]:g} to "
                             f"{SPEED_KMH_RANGE[1]:g} km/h)")
    parser.add_argument("--detour", type=_number_from(*DETOUR_RANGE),
                        help=f"override the mode's detour factor ({DETOUR_RANGE[0]:g} to "
                             f"{DETOUR_RANGE[1]:g})")
    parser.add_argument("--lang", choices=("en", "zh"), default="en",
                        help="language of messages and exported text")
    parser.add_argument("--format", required=True, choices=exports.EXPORT_FORMATS)
    parser.add_argument("--geodata", type=Path, help="catalogue directory (default: the database "
                        "of ECOSITES_DATABASE_URL, else ECOSITES_GEODATA or the bundled catalogue)")
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build the plan, report problems on stderr and write the export."""
    catalog = store_for(args.geodata).read_catalog()
    known = stops.CatalogStops(catalog.sites)
    config = travel.with_config(travel.DEFAULT_CONFIG, args.mode, args.speed_kmh, args.detour,
                                args.hours_per_day)
    now = local_now(settings())
    today = now.date()
    request = model.PlanRequest(
        site_ids=tuple(args.sites.split(",")), start=args.origin, end=args.destination,
        round_trip=args.round_trip, mode=args.mode, day=args.date or today,
        start_time=args.start_time, days=args.days, locked=args.lock)
    plan = schedule.plan_visit(request, known, today, config)
    for notice in plan.all_notices():
        label = "warning" if notice.severity == "warning" else "note"
        print(f"{label}: {notice_text(notice, args.lang)}", file=sys.stderr)
    for row in unplaced_rows(plan, args.lang):
        print(f"warning: {t('plan.unplaced.title', args.lang)}: {row.name}: {row.reason} "
              f"{row.dates}".rstrip(), file=sys.stderr)
    if not plan.stops:
        hint = ("no stop can be visited on these dates" if plan.unplaced
                else "give at least one known site id with --sites")
        print(f"error: nothing to plan: {hint}", file=sys.stderr)
        return 1
    font = None
    if args.format == "pdf":
        font = exports.find_cjk_font()
        if font is None:
            print("error: no PDF: no Chinese (CJK) font was found; install one (Debian: "
                  "apt-get install fonts-noto-cjk) or use --format html", file=sys.stderr)
            return 1
    data = exports.export_plan(plan, args.format, args.lang, font, now)
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
