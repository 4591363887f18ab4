"""``python -m ecosites search QUERY``: the ids of matching sites, best first."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecosites import schema


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``search`` command's parser."""
    parser.description = ("Print the sites matching QUERY, best first, one per line: id, English "
                          "name and Chinese name, separated by tabs. Exit status 1 when nothing "
                          "matches.")
    parser.add_argument("query", nargs="+", metavar="QUERY",
                        help="words to look for, e.g. 观山湖, guanshanhu, 'guan shan hu'")
    parser.add_argument("--geodata", type=Path, default=None,
                        help="catalogue directory (default: the database of ECOSITES_DATABASE_URL, "
                             "else ECOSITES_GEODATA or the bundled one)")
    parser.add_argument("--limit", type=int, default=0, help="print at most this many (0: all)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load the catalogue, rank the sites and print the matches."""
    from ecosites.commands._common import store_for
    from ecosites.search import rank_sites

    store = store_for(args.geodata)
    catalog = store.read_catalog()
    if not len(catalog.sites):
        print(f"no sites could be loaded from {store.location}", file=sys.stderr)
        return 2
    text = " ".join(args.query)
    ids = rank_sites(catalog.sites, text)
    if args.limit > 0:
        ids = ids[: args.limit]
    if not ids:
        print(f"no site matches {text!r}", file=sys.stderr)
        return 1
    for site_id in ids:
        site = catalog.sites.loc[site_id]
        print("\t".join([site_id, str(site[schema.NAME_EN]), str(site[schema.NAME_ZH])]))
    return 0
