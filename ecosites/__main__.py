"""Command line: ``python -m ecosites COMMAND ...`` (see ``--help``).

Each command lives in its own module under ``ecosites.commands`` and exposes
``register(subparsers)``, which adds its parser and sets ``func`` returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES: tuple[str, ...] = (
    "schema", "search", "coords", "validate", "import_", "history", "rollback", "plan",
)


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="python -m ecosites",
        description="Guiyang Eco Sites: validate, import, plan, search and convert.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"ecosites.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
