"""``python -m ecosites db init|load DIR|dump DIR``: the PostGIS catalogue of ECOSITES_DATABASE_URL.

- ``init`` creates or upgrades the schema (the SQL files in ``ecosites/migrations/``; running
  it again changes nothing).
- ``load DIR`` imports a file catalogue into an empty database: its recorded versions with
  their times, authors and notes and its audit log when it has them, else its current
  ``sites.geojson`` as version 1.
- ``dump DIR`` writes the database's catalogue back as files: ``sites.geojson``, every
  version under ``.versions/`` and the audit log, so the file store can take over.

Exit status: 0 done, 1 the database or a file refused, 2 no database configured or the
target is not usable.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecosites.pgstore import PostgisCatalogStore


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Fill in the ``db`` command's parser: its ``init``, ``load`` and ``dump`` actions."""
    parser.description = "Manage the PostGIS catalogue named by ECOSITES_DATABASE_URL."
    actions = parser.add_subparsers(dest="db_action", required=True, metavar="ACTION")
    actions.add_parser("init", help="create or upgrade the schema (safe to repeat)")
    load = actions.add_parser("load", help="import a file catalogue directory into an empty database")
    load.add_argument("directory", type=Path, metavar="DIR")
    load.add_argument("--if-empty", action="store_true",
                      help="do nothing (exit 0) when the database already holds a catalogue")
    dump = actions.add_parser("dump", help="write the catalogue, its versions and audit log as files")
    dump.add_argument("directory", type=Path, metavar="DIR")
    parser.set_defaults(func=run)


def _database() -> PostgisCatalogStore | None:
    from ecosites.commands._common import settings
    from ecosites.pgstore import PostgisCatalogStore

    current = settings()
    if not current.database_url:
        return None
    return PostgisCatalogStore(current.database_url, reference_dir=current.geodata_dir)


def run(args: argparse.Namespace) -> int:
    """Run one ``db`` action; StoreError reaches ``main``, which prints it and exits 1."""
    database = _database()
    if database is None:
        print("no database: set ECOSITES_DATABASE_URL=postgresql://USER:PASSWORD@HOST:PORT/DATABASE")
        return 2
    if args.db_action == "init":
        applied = database.init_schema()
        done = f"applied {', '.join(applied)}" if applied else "already up to date"
        print(f"{database.location}: schema {done} (version {database.schema_version()})")
        return 0
    if args.db_action == "load":
        return load(database, args.directory, args.if_empty)
    return dump(database, args.directory)


def load(database: PostgisCatalogStore, directory: Path, if_empty: bool = False) -> int:
    """Import the file catalogue in ``directory`` (see the module docstring)."""
    import json

    from ecosites.store import FileCatalogStore, Version, sha256_hex

    if not directory.is_dir():
        print(f"not loaded: {directory} is not a directory")
        return 2
    database.init_schema()
    if database.head_number() or database.history():
        print(f"not loaded: {database.location} already holds a catalogue; load only into an empty one")
        return 0 if if_empty else 2
    files = FileCatalogStore(directory)
    loaded: list[Version] = []
    recorded = files.history()
    for version in recorded:
        data = files.version_bytes(version.number)
        if sha256_hex(data) != version.sha256:
            print(f"skipped version {version.number}: its file does not match its recorded SHA-256")
            continue
        features = json.loads(data.decode("utf-8-sig"))["features"]
        loaded.append(database.import_version(version, features))
    snapshot = files.snapshot()
    if snapshot.problem:
        print(f"not loaded: {snapshot.problem}")
        return 1
    if not recorded or snapshot.sha256 != recorded[-1].sha256:
        action = "load" if not recorded else "found"
        note = f"loaded from {files.location}" if not recorded else "the catalogue as found by db load"
        loaded.append(database.publish(snapshot.features, author="db load", action=action, note=note,
                                       expected_sha256=database.current_sha256()))
    copied = database.import_audit(files.audit_entries())
    database.record("db load", "load", source=files.location, versions=len(loaded))
    others = sorted(path.name for path in directory.glob("*.geojson") if path != files.path)
    if others:
        print(f"not loaded (only {files.path.name} is the managed catalogue): {', '.join(others)}")
    head = loaded[-1]
    print(f"loaded {len(loaded)} version(s) and {copied} audit entries into {database.location}; "
          f"version {head.number} is current ({head.site_count} sites)")
    return 0


def dump(database: PostgisCatalogStore, directory: Path) -> int:
    """Write the database's catalogue into ``directory`` as a file catalogue."""
    import shutil
    from dataclasses import asdict, replace

    from ecosites.catalog import CATEGORIES_FILE, TAGS_FILE
    from ecosites.paths import BUNDLED_GEODATA
    from ecosites.store import (
        AUDIT_FILE,
        CATALOG_FILE,
        VERSION_INDEX,
        VERSIONS_DIR,
        FileCatalogStore,
        append_line,
        atomic_write,
        catalog_bytes,
        sha256_hex,
    )

    files = FileCatalogStore(directory)
    if files.path.exists() or files.versions_dir.exists() or files.audit_path.exists():
        print(f"not dumped: {directory} already holds a catalogue ({CATALOG_FILE}, {VERSIONS_DIR} "
              f"or {AUDIT_FILE}); choose an empty directory")
        return 2
    directory.mkdir(parents=True, exist_ok=True)
    files.versions_dir.mkdir()
    versions = database.history()
    for version in versions:
        data = catalog_bytes(database.version_features(version.number))
        atomic_write(files.version_path(version.number), data)
        # The file store checks the SHA-256 of the file itself.
        append_line(files.versions_dir / VERSION_INDEX, asdict(replace(version, sha256=sha256_hex(data))))
    atomic_write(files.path, catalog_bytes(database.snapshot().features))
    for entry in database.audit_entries():
        append_line(files.audit_path, entry)
    reference = database.reference_dir or BUNDLED_GEODATA
    for name in (CATEGORIES_FILE, TAGS_FILE):
        if (reference / name).is_file() and not (directory / name).exists():
            shutil.copyfile(reference / name, directory / name)
    print(f"dumped {len(versions)} version(s) from {database.location} into {directory}")
    return 0
