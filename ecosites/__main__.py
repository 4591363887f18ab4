"""Command line: ``python -m ecosites COMMAND ...`` (see ``--help``).

Only the module of the command being run is imported (see ``ecosites.commands``), so a
quick command such as ``coords`` does not pay for loading geopandas, folium or pypinyin.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ecosites.commands import COMMANDS


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names: its first word that is not an option, if it is a command."""
    word = next((arg for arg in argv if not arg.startswith("-")), None)
    return word if word in COMMANDS else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser listing every command; only ``command``'s own parser is filled in."""
    parser = argparse.ArgumentParser(
        prog="python -m ecosites",
        description="Guiyang Eco Sites: validate, import, plan, search and convert.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, info in COMMANDS.items():
        subparser = subparsers.add_parser(name, help=info.summary)
        if name == command:
            importlib.import_module(f"ecosites.commands.{info.module}").add_arguments(subparser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns its exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(chosen_command(arguments)).parse_args(arguments)
    from ecosites.errors import StoreError  # light: no GIS libraries before the command needs them

    try:
        return int(args.func(args))
    except StoreError as exc:  # an unreachable database, a catalogue that cannot be written, ...
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
