"""The ``python -m ecosites`` commands: one module each, imported only when its command runs.

``COMMANDS`` names every command with the one-line summary that ``--help`` lists, so the
list needs none of the modules. A module exposes ``add_arguments(parser)``, which fills in
its own parser and sets ``func`` (returning an exit code).
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):  # not a dataclass: importing dataclasses costs ~20 ms of start-up
    """One command: the module under ``ecosites.commands`` that runs it, and its summary."""

    module: str
    summary: str


COMMANDS: dict[str, Command] = {
    "schema": Command("schema", "print the JSON Schema of site properties"),
    "search": Command("search", "find sites by Chinese, pinyin or English (misspellings too)"),
    "coords": Command("coords", "convert LON,LAT points between wgs84, gcj02 (Amap) and bd09 (Baidu)"),
    "validate": Command("validate", "check site files and say what is wrong, in plain words"),
    "import": Command("import_", "validate site files and publish them into the catalogue"),
    "history": Command("history", "list published versions of the catalogue"),
    "rollback": Command("rollback", "restore an earlier version (recorded as a new version)"),
    "staff": Command("staff", "add, remove or list staff accounts (passwords never on the command line)"),
    "plan": Command("plan", "order and time a visit to several sites, and export it"),
    "db": Command("db", "create, fill or copy out the PostGIS catalogue (ECOSITES_DATABASE_URL)"),
}
