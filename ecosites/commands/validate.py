"""``python -m ecosites validate [--crs CRS] FILE...``: check files, change nothing.

Exit status: 0 every file is valid (warnings allowed), 1 problems were found, 2 a file
cannot be read at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecosites.commands._common import add_crs_option, add_lang_option, limits, print_problems
from ecosites.i18n import labelled, t
from ecosites.readers import SUPPORTED_HELP, read_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``validate`` command's parser."""
    parser.description = f"Check site files ({SUPPORTED_HELP}); one line per problem."
    add_crs_option(parser)
    add_lang_option(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate every file; print problems; return 0, 1 or 2."""
    status = 0
    for path in args.files:
        report = read_path(path, args.crs, limits())
        print_problems(report.problems, args.lang)
        errors = len(report.errors)
        summary = t("staff.report_summary", args.lang, valid=len(report.features),
                    total=report.feature_count, errors=errors, warnings=len(report.problems) - errors)
        print(labelled(path.name, summary, args.lang), file=sys.stderr)
        if not report.readable:
            status = 2
        elif errors:
            status = max(status, 1)
    return status
