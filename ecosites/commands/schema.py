"""``python -m ecosites schema``: print or write the JSON Schema of site properties."""

from __future__ import annotations

import argparse
from pathlib import Path

from ecosites.schema import site_json_schema_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``schema`` command's parser."""
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema, or write it to ``--output``."""
    text = site_json_schema_text()
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0
