"""``python -m ecosites import [--crs CRS] [--catalog DIR] [--dry-run] [--replace] FILE...``.

Validates, prints the diff, then publishes into the catalogue: new ids are added,
existing ids updated, nothing removed unless ``--replace``. Exit status: 0 published
(or nothing to do, or a clean dry run), 1 problems found or the catalogue changed
meanwhile (nothing published), 2 a file cannot be read at all. A publish whose audit line
cannot be written is still 0, with a warning on stderr saying what was not recorded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecosites.commands._common import (
    add_author_option,
    add_catalog_option,
    add_crs_option,
    add_lang_option,
    author,
    limits,
    not_recorded_warning,
    print_problems,
    store,
)
from ecosites.diff import CatalogDiff
from ecosites.intake import plan_from_reports, publish_plan
from ecosites.readers import SUPPORTED_HELP, read_path
from ecosites.store import NotRecorded, StoreError, Version


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``import`` command's parser."""
    parser.description = (f"Validate site files ({SUPPORTED_HELP}) and merge them into the "
                          "catalogue by id. Every previous version is kept ('history', 'rollback').")
    add_crs_option(parser)
    add_catalog_option(parser)
    parser.add_argument("--dry-run", action="store_true", help="print the diff, change nothing")
    parser.add_argument("--replace", action="store_true",
                        help="make the catalogue exactly these files: sites not in them are removed")
    parser.add_argument("--repair", action="store_true",
                        help="repair invalid polygons (close rings, fix self-intersections)")
    add_author_option(parser)
    add_lang_option(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.set_defaults(func=run)


def diff_lines(diff: CatalogDiff) -> list[str]:
    """The diff as lines: '+ id', '~ id: field: old -> new', '- id', then counts."""
    lines = [f"+ {site_id}" for site_id in diff.added]
    for change in diff.changed:
        lines.append(f"~ {change.site_id}")
        lines += [f"    {c.field}: {c.old or '(empty)'} -> {c.new or '(empty)'}" for c in change.fields]
    lines += [f"- {site_id}" for site_id in diff.removed]
    lines.append(diff.summary())
    return lines


def published_line(version: Version, location: str) -> str:
    """The line that says a version was published."""
    return (f"published version {version.number} to {location} "
            f"(sha256 {version.sha256[:12]}, {version.site_count} sites)")


def run(args: argparse.Namespace) -> int:
    """Validate, show the diff, publish unless --dry-run; return 0, 1 or 2."""
    catalog = store(args)
    reports = [read_path(path, args.crs, limits(), args.repair) for path in args.files]
    plan = plan_from_reports(reports, catalog.snapshot(), args.replace)
    print_problems(plan.all_problems, args.lang)
    if plan.unreadable or plan.errors:
        print(f"{len(plan.errors)} error(s): nothing was published")
        return 2 if plan.unreadable else 1
    print("\n".join(diff_lines(plan.diff)))
    if args.dry_run:
        print("dry run: nothing was published")
        return 0
    if not plan.diff.has_changes:
        print("nothing to publish: the catalogue already holds exactly this")
        return 0
    try:
        version = publish_plan(plan, catalog, author(args))
    except NotRecorded as exc:
        print(published_line(exc.version, catalog.location))
        print(not_recorded_warning(exc), file=sys.stderr)
        return 0
    except StoreError as exc:
        print(f"not published: {exc}")
        return 1
    print(published_line(version, catalog.location))
    return 0
