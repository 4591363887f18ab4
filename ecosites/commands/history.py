"""``python -m ecosites history [--catalog DIR]``: every published version, newest last."""

from __future__ import annotations

import argparse

from ecosites.commands._common import add_catalog_option, store
from ecosites.store import Version, sha256_hex


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``history`` command's parser."""
    add_catalog_option(parser)
    parser.set_defaults(func=run)


def history_lines(versions: list[Version], current_sha256: str) -> list[str]:
    """One line per version; '*' marks the one the catalogue holds now."""
    lines = []
    for v in versions:
        mark = "*" if v.sha256 == current_sha256 else " "
        lines.append(f"{mark} {v.number:>4}  {v.time}  {v.action:<8}  {v.sha256[:12]}  "
                     f"{v.site_count:>5} sites  {v.author}  {v.note}".rstrip())
    return lines


def run(args: argparse.Namespace) -> int:
    """Print the history."""
    catalog = store(args)
    versions = catalog.history()
    if not versions:
        print(f"no versions yet: nothing has been published to {catalog.location}")
        return 0
    current = catalog.snapshot().sha256
    print("\n".join(history_lines(versions, current)))
    if all(v.sha256 != current for v in versions) and current != sha256_hex(None):
        print("the catalogue was changed outside staff intake since the last version")
    return 0
