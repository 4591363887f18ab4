"""Check or refresh the vendored front-end files in static/vendor/.

The map must load no script or stylesheet from a CDN (mainland-China users get
a blank map otherwise), so Leaflet, jQuery and Leaflet.markercluster are copied
from their npm release tarballs into ``static/vendor/`` and pinned by SHA-256 in
``static/vendor/manifest.json``.

Usage::

    python scripts/refresh_vendor.py            # same as --check
    python scripts/refresh_vendor.py --check    # verify files against manifest
    python scripts/refresh_vendor.py --refresh  # re-fetch pinned versions via npm pack
    python scripts/refresh_vendor.py --update leaflet@1.9.5

Exit status: 0 on success, 1 on a failed check or refresh, 2 on bad usage.
Standard library only; ``--refresh`` and ``--update`` need ``npm`` on PATH and
access to the npm registry.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path, PurePosixPath

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VENDOR_DIR = REPO_ROOT / "static" / "vendor"
MANIFEST_NAME = "manifest.json"
# Files in the vendor directory that are ours, not upstream's.
OWN_FILES = frozenset({MANIFEST_NAME, "README.md", ".gitattributes"})
NPM_TIMEOUT_S = 300


class VendorError(Exception):
    """An expected failure with a message fit to show the user as is."""


@dataclass(frozen=True)
class Entry:
    """One vendored file: where it comes from and what it must hash to."""

    package: str
    version: str
    file: str  # member path inside the npm tarball, e.g. "package/dist/leaflet.js"
    dest: str  # path relative to the vendor directory, e.g. "leaflet/leaflet.js"
    sha256: str
    licence: str


def sha256_bytes(data: bytes) -> str:
    """Return the hex SHA-256 of data."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's contents."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def safe_relative(path_text: str, what: str) -> PurePosixPath:
    """Return path_text as a relative POSIX path, refusing absolute paths and '..'."""
    path = PurePosixPath(path_text)
    if not path_text or path.is_absolute() or ".." in path.parts:
        raise VendorError(f"manifest: {what} {path_text!r} must be a relative path without '..'")
    return path


def load_manifest(manifest_path: Path) -> list[Entry]:
    """Read and validate the manifest; raise VendorError with a plain message if unusable."""
    try:
        raw = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VendorError(f"manifest not found: {manifest_path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VendorError(f"manifest unreadable: {manifest_path}: {exc}") from None
    if not isinstance(raw, list):
        raise VendorError(f"manifest: {manifest_path} must hold a JSON list of entries")
    keys = [field.name for field in fields(Entry)]
    entries: list[Entry] = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or sorted(item) != sorted(keys):
            raise VendorError(
                f"manifest: entry {index} must have exactly the keys {', '.join(keys)}"
            )
        if not all(isinstance(item[name], str) for name in keys):
            raise VendorError(f"manifest: entry {index} has a non-string value")
        entry = Entry(**item)
        safe_relative(entry.dest, "dest")
        safe_relative(entry.file, "file")
        entries.append(entry)
    dests = [entry.dest for entry in entries]
    duplicates = sorted({dest for dest in dests if dests.count(dest) > 1})
    if duplicates:
        raise VendorError(f"manifest: dest listed more than once: {', '.join(duplicates)}")
    for package in {entry.package for entry in entries}:
        versions = {entry.version for entry in entries if entry.package == package}
        if len(versions) > 1:
            raise VendorError(
                f"manifest: {package} pinned at several versions: {', '.join(sorted(versions))}"
            )
    return entries


def dump_manifest(entries: Sequence[Entry]) -> str:
    """Return the manifest text for entries, sorted by package then dest."""
    ordered = sorted(entries, key=lambda entry: (entry.package, entry.dest))
    return json.dumps([asdict(entry) for entry in ordered], indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Problem:
    """A vendored file that does not match the manifest."""

    kind: str  # "MISSING", "MISMATCH", "UNREADABLE" or "UNLISTED"
    dest: str
    detail: str

    def __str__(self) -> str:
        """Return the line --check prints for this problem."""
        return f"{self.kind:<9} {self.dest}: {self.detail}"


def check_vendor(vendor_dir: Path, entries: Sequence[Entry]) -> list[Problem]:
    """Return the missing, altered and unlisted files under vendor_dir; empty when all match."""
    problems: list[Problem] = []
    for entry in entries:
        path = vendor_dir / entry.dest
        if not path.is_file():
            problems.append(
                Problem("MISSING", entry.dest, f"not found ({entry.package}@{entry.version})")
            )
            continue
        try:
            actual = sha256_file(path)
        except OSError as exc:
            problems.append(Problem("UNREADABLE", entry.dest, str(exc)))
            continue
        if actual != entry.sha256:
            problems.append(
                Problem("MISMATCH", entry.dest, f"expected {entry.sha256}, found {actual}")
            )
    listed = {entry.dest for entry in entries} | OWN_FILES
    if vendor_dir.is_dir():
        for path in sorted(p for p in vendor_dir.rglob("*") if p.is_file()):
            relative = path.relative_to(vendor_dir).as_posix()
            if relative not in listed:
                problems.append(
                    Problem("UNLISTED", relative, f"not in {MANIFEST_NAME}; add it or remove it")
                )
    return problems


def run_check(vendor_dir: Path) -> int:
    """Verify every vendored file against the manifest, print the outcome, return exit status."""
    entries = load_manifest(vendor_dir / MANIFEST_NAME)
    problems = check_vendor(vendor_dir, entries)
    failed = {problem.dest for problem in problems}
    for entry in entries:
        if entry.dest not in failed:
            print(f"ok        {entry.dest}  {entry.sha256}")
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"FAILED: {len(problems)} problem(s) in {vendor_dir}. "
            "Restore the files with: python scripts/refresh_vendor.py --refresh"
        )
        return 1
    print(f"OK: {len(entries)} file(s) match {MANIFEST_NAME}")
    return 0


def parse_spec(spec: str) -> tuple[str, str]:
    """Split 'name@version' (scoped names such as '@scope/name@1.0.0' too) into its parts."""
    name, sep, version = spec.rpartition("@")
    if not sep or not name or not version or name == "@":
        raise VendorError(f"expected PACKAGE@VERSION, got {spec!r}")
    return name, version


def npm_pack(package: str, version: str, workdir: Path) -> Path:
    """Download package@version's registry tarball into workdir with `npm pack`; return its path."""
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm not found on PATH; install Node.js/npm to refresh vendored files")
    command = [
        npm,
        "pack",
        f"{package}@{version}",
        "--ignore-scripts",
        "--pack-destination",
        str(workdir),
    ]
    try:
        result = subprocess.run(
            command, cwd=workdir, capture_output=True, text=True, timeout=NPM_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise VendorError(
            f"npm pack {package}@{version} timed out after {NPM_TIMEOUT_S} s"
        ) from None
    if result.returncode != 0:
        detail = (result.stderr.strip() or result.stdout.strip()).splitlines()
        tail = " | ".join(detail[-3:]) if detail else "no output"
        raise VendorError(f"npm pack {package}@{version} failed: {tail}")
    tarballs = sorted(workdir.glob("*.tgz"))
    if len(tarballs) != 1:
        raise VendorError(
            f"npm pack {package}@{version}: expected one tarball in {workdir}, "
            f"found {len(tarballs)}"
        )
    return tarballs[0]


def read_members(tarball: Path, members: Sequence[str]) -> dict[str, bytes]:
    """Return the bytes of the named regular-file members of tarball plus its package.json."""
    wanted = set(members) | {"package/package.json"}
    found: dict[str, bytes] = {}
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive.getmembers():
                if member.name in wanted and member.isfile():
                    handle = archive.extractfile(member)
                    if handle is not None:
                        found[member.name] = handle.read()
    except (OSError, tarfile.TarError) as exc:
        raise VendorError(f"cannot read {tarball.name}: {exc}") from None
    return found


def fetch_package(
    package: str, version: str, entries: Sequence[Entry], workdir: Path, verify: bool
) -> list[tuple[Entry, bytes]]:
    """Fetch one package's listed files; when verify is set, require the recorded SHA-256."""
    tarball = npm_pack(package, version, workdir)
    contents = read_members(tarball, [entry.file for entry in entries])
    try:
        metadata = json.loads(contents["package/package.json"])
    except (KeyError, json.JSONDecodeError):
        raise VendorError(f"{tarball.name}: no readable package/package.json") from None
    if metadata.get("name") != package or metadata.get("version") != version:
        raise VendorError(
            f"{tarball.name} holds {metadata.get('name')}@{metadata.get('version')}, "
            f"not {package}@{version}"
        )
    licence = metadata.get("license")
    if not isinstance(licence, str) or not licence:
        raise VendorError(f"{package}@{version}: package.json has no SPDX 'license' string")
    fetched: list[tuple[Entry, bytes]] = []
    for entry in entries:
        if entry.file not in contents:
            raise VendorError(
                f"{package}@{version}: {entry.file} is not in the npm tarball "
                "(the release layout changed; edit the manifest entry)"
            )
        data = contents[entry.file]
        digest = sha256_bytes(data)
        # An empty sha256 marks a newly added entry: record, don't verify.
        if verify and entry.sha256 and digest != entry.sha256:
            raise VendorError(
                f"{package}@{version}: {entry.file} from the registry hashes to {digest}, "
                f"manifest says {entry.sha256}; nothing written. A published release "
                "should never change: if the manifest was edited by hand, restore it from git."
            )
        fetched.append((replace(entry, sha256=digest, licence=licence), data))
    return fetched


def run_refresh(vendor_dir: Path, update: tuple[str, str] | None = None) -> int:
    """Re-fetch every pinned package (after bumping `update`, if given) and rewrite the manifest."""
    manifest_path = vendor_dir / MANIFEST_NAME
    entries = load_manifest(manifest_path)
    bumped: str | None = None
    if update is not None:
        package, version = update
        if not any(entry.package == package for entry in entries):
            known = ", ".join(sorted({entry.package for entry in entries}))
            raise VendorError(f"{package} is not in the manifest (known: {known})")
        entries = [
            replace(entry, version=version) if entry.package == package else entry
            for entry in entries
        ]
        bumped = package
    fetched: list[tuple[Entry, bytes]] = []
    with tempfile.TemporaryDirectory(prefix="refresh_vendor_") as tmp:
        for package in sorted({entry.package for entry in entries}):
            group = [entry for entry in entries if entry.package == package]
            version = group[0].version
            workdir = Path(tmp) / package.replace("/", "__")
            workdir.mkdir(parents=True)
            print(f"npm pack {package}@{version}")
            fetched.extend(
                fetch_package(package, version, group, workdir, verify=package != bumped)
            )
    # Write only once every package is fetched and verified: a failure leaves the tree as it was.
    for entry, data in fetched:
        target = vendor_dir / entry.dest
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote     {entry.dest}  {entry.sha256}")
    manifest_path.write_text(dump_manifest([entry for entry, _ in fetched]), encoding="utf-8")
    print(f"wrote     {MANIFEST_NAME} ({len(fetched)} files)")
    if bumped is not None:
        print(f"{bumped} updated: review the diff; update README.md and any version the app names.")
    return run_check(vendor_dir)


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser."""
    parser = argparse.ArgumentParser(
        description="Check or refresh vendored front-end files (static/vendor)."
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="verify each file's SHA-256 against the manifest (default)",
    )
    mode.add_argument(
        "--refresh",
        action="store_true",
        help="re-fetch the pinned versions with `npm pack` and rewrite the manifest",
    )
    mode.add_argument(
        "--update", metavar="PKG@VER", help="pin PKG to VER, then refresh (e.g. leaflet@1.9.5)"
    )
    parser.add_argument(
        "--vendor-dir",
        type=Path,
        default=DEFAULT_VENDOR_DIR,
        help=f"vendor directory (default: {DEFAULT_VENDOR_DIR})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = build_parser().parse_args(argv)
    vendor_dir: Path = args.vendor_dir
    try:
        if args.update is not None:
            return run_refresh(vendor_dir, parse_spec(args.update))
        if args.refresh:
            return run_refresh(vendor_dir)
        return run_check(vendor_dir)
    except VendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
