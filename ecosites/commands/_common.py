"""Options and output shared by the intake commands (validate, import, history, rollback)."""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ecosites.crs import CHOICES_HELP, SourceCrs, parse_crs_choice
from ecosites.i18n import DEFAULT_LANG, LANGS
from ecosites.settings import Settings, load_settings
from ecosites.store import CatalogStore, NotRecorded, open_store
from ecosites.validate import Limits, Problem, format_problems


def crs_argument(text: str) -> SourceCrs:
    """Argparse type for ``--crs``: a plain message for unknown names."""
    crs, message = parse_crs_choice(text)
    if crs is None:
        raise argparse.ArgumentTypeError(message)
    return crs


def add_crs_option(parser: Any) -> None:
    """Add ``--crs``."""
    parser.add_argument("--crs", type=crs_argument, default=None, metavar="CRS",
                        help=f"coordinate system of files without one: {CHOICES_HELP}")


def add_catalog_option(parser: Any) -> None:
    """Add ``--catalog DIR``."""
    parser.add_argument("--catalog", type=Path, default=None, metavar="DIR",
                        help="catalogue directory (default: the database of ECOSITES_DATABASE_URL, "
                             "else ECOSITES_GEODATA or geodata/)")


def settings() -> Settings:
    """Settings from the environment (the command line has no st.secrets)."""
    return load_settings({}, os.environ)


def limits() -> Limits:
    """Upload and reading limits from the ECOSITES_* settings."""
    return Limits.for_settings(settings())


def store(args: argparse.Namespace) -> CatalogStore:
    """The catalogue store: the files in ``--catalog DIR`` if given, else the configured one."""
    return store_for(getattr(args, "catalog", None))


def store_for(directory: Path | None) -> CatalogStore:
    """The files in ``directory`` when one is named, else the configured store (database or files)."""
    current = settings()
    if directory:
        current = replace(current, geodata_dir=directory, database_url="")
    return open_store(current)


def author(args: argparse.Namespace) -> str:
    """Who is acting: ``--author``, else ECOSITES_AUTHOR, else the login name."""
    if getattr(args, "author", None):
        return str(args.author)
    try:
        return os.environ.get("ECOSITES_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        return "command line"


def add_author_option(parser: Any) -> None:
    """Add ``--author``."""
    parser.add_argument("--author", default=None,
                        help="name recorded in history and the audit log (default: login name)")


def add_lang_option(parser: Any) -> None:
    """Add ``--lang``: the language of problem messages (English unless asked)."""
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                        help="language of the problem messages (default: en)")


def print_problems(problems: Iterable[Problem], lang: str = DEFAULT_LANG) -> None:
    """One line per problem on stdout, in ``lang``."""
    for line in format_problems(problems, lang):
        print(line)


def not_recorded_warning(exc: NotRecorded) -> str:
    """The warning after a publish whose audit line could not be written (it *was* published)."""
    return (f"warning: version {exc.version.number} was published and is in 'history' with its "
            f"author, but its audit log line was not written: {exc}")
