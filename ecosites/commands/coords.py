"""``python -m ecosites coords``: convert points between WGS-84, GCJ-02 and BD-09."""

from __future__ import annotations

import argparse
import math

from ecosites.coords import DATUMS, convert

DECIMALS = 7  # 1e-7 degrees is about 1 cm


def parse_point(text: str) -> tuple[float, float]:
    """'LON,LAT' (spaces allowed) to a (lon, lat) pair; raises ArgumentTypeError with a plain message."""
    parts = [part.strip() for part in text.split(",")]
    try:
        if len(parts) != 2:
            raise ValueError
        lon, lat = float(parts[0]), float(parts[1])
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a LON,LAT pair (for example 106.63,26.65)") from None
    if not (math.isfinite(lon) and math.isfinite(lat)) or not (
        -180 <= lon <= 180 and -90 <= lat <= 90
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r} is out of range: longitude must be -180..180 and latitude -90..90")
    return lon, lat


def format_point(lon: float, lat: float) -> str:
    """'LON,LAT' with 7 decimals."""
    return f"{lon:.{DECIMALS}f},{lat:.{DECIMALS}f}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``coords`` command's parser."""
    parser.description = ("Convert points between WGS-84 (GPS, OpenStreetMap, Tianditu), GCJ-02 "
                          "(Amap/Gaode, Tencent) and BD-09 (Baidu). Prints one LON,LAT per point. "
                          "Outside mainland China GCJ-02 equals WGS-84.")
    parser.epilog = ("A negative longitude needs '--' before it: "
                     "coords --from wgs84 --to gcj02 -- -0.13,51.5")
    parser.add_argument("--from", dest="source", choices=DATUMS, required=True,
                        help="datum of the given points")
    parser.add_argument("--to", dest="target", choices=DATUMS, required=True,
                        help="datum to convert to")
    parser.add_argument("points", nargs="+", type=parse_point, metavar="LON,LAT")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print each point converted."""
    for lon, lat in args.points:
        print(format_point(*convert(lon, lat, args.source, args.target)))
    return 0
