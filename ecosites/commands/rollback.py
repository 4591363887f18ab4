"""``python -m ecosites rollback VERSION [--catalog DIR]``: publish an earlier version again."""

from __future__ import annotations

import argparse
import sys

from ecosites.commands._common import (
    add_author_option,
    add_catalog_option,
    author,
    not_recorded_warning,
    store,
)
from ecosites.store import NotRecorded, StoreError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``rollback`` command's parser."""
    parser.add_argument("version", type=int, metavar="VERSION", help="number from 'history'")
    add_catalog_option(parser)
    add_author_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Roll back; 0 on success, 1 with a message otherwise."""
    catalog = store(args)
    try:
        version = catalog.rollback(args.version, author=author(args))
    except NotRecorded as exc:
        version = exc.version
        print(not_recorded_warning(exc), file=sys.stderr)
    except StoreError as exc:
        print(f"not rolled back: {exc}")
        return 1
    print(f"version {args.version} restored as version {version.number} "
          f"(sha256 {version.sha256[:12]}, {version.site_count} sites)")
    return 0
