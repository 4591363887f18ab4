"""The vendored front-end files are the pinned npm releases and load nothing remote."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
MANIFEST_PATH = VENDOR_DIR / "manifest.json"
SCRIPT_PATH = REPO_ROOT / "scripts" / "refresh_vendor.py"
# Files the browser may load and therefore may pull further URLs in.
LOADABLE_SUFFIXES = frozenset({".js", ".mjs", ".css", ".html", ".htm", ".svg"})

MANIFEST: list[dict[str, str]] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))

# Patterns that make a browser fetch a remote (absolute or protocol-relative) URL.
# Plain mentions of URLs (licence headers, <a href> attribution links, XML
# namespaces) are not loads and are deliberately not matched.
REMOTE = r"""(?:https?:)?//"""
REMOTE_LOAD_PATTERNS: dict[str, re.Pattern[str]] = {
    "css url()": re.compile(r"""url\(\s*['"]?\s*""" + REMOTE, re.IGNORECASE),
    "@import": re.compile(r"@import\b", re.IGNORECASE),
    "src=": re.compile(r"""\bsrc\s*=\s*['"]?\s*""" + REMOTE, re.IGNORECASE),
    "<link href=": re.compile(r"""<link\b[^>]*\bhref\s*=\s*['"]?\s*""" + REMOTE, re.IGNORECASE),
    "<script src": re.compile(r"""<script\b[^>]*\bsrc\s*=\s*['"]?\s*""" + REMOTE, re.IGNORECASE),
    "JS import": re.compile(r"""\bimport\s*(?:\(\s*|[^;'"]*\bfrom\s*)['"]""" + REMOTE),
    "importScripts": re.compile(r"""\bimportScripts\s*\(\s*['"]""" + REMOTE),
    "remote source map": re.compile(r"""[#@]\s*sourceMappingURL\s*=\s*""" + REMOTE),
}


def load_script() -> ModuleType:
    """Import scripts/refresh_vendor.py, which is not part of a package."""
    spec = importlib.util.spec_from_file_location("refresh_vendor", SCRIPT_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


refresh_vendor = load_script()


def remote_loads(text: str) -> list[str]:
    """Return the names of the remote-load patterns found in text."""
    return [name for name, pattern in REMOTE_LOAD_PATTERNS.items() if pattern.search(text)]


def loadable_files() -> list[Path]:
    """Return every vendored file a browser could load."""
    return sorted(p for p in VENDOR_DIR.rglob("*") if p.is_file() and p.suffix in LOADABLE_SUFFIXES)


def entry_for(dest: str) -> dict[str, str]:
    """Return the manifest entry whose dest is dest."""
    (entry,) = [entry for entry in MANIFEST if entry["dest"] == dest]
    return entry


@pytest.mark.parametrize(
    ("package", "version", "tarball_file", "dest", "licence"),
    [
        ("leaflet", "1.9.4", "package/dist/leaflet.js", "leaflet/leaflet.js", "BSD-2-Clause"),
        ("leaflet", "1.9.4", "package/dist/leaflet.css", "leaflet/leaflet.css", "BSD-2-Clause"),
        (
            "leaflet",
            "1.9.4",
            "package/dist/images/marker-icon.png",
            "leaflet/images/marker-icon.png",
            "BSD-2-Clause",
        ),
        (
            "leaflet",
            "1.9.4",
            "package/dist/images/marker-icon-2x.png",
            "leaflet/images/marker-icon-2x.png",
            "BSD-2-Clause",
        ),
        (
            "leaflet",
            "1.9.4",
            "package/dist/images/marker-shadow.png",
            "leaflet/images/marker-shadow.png",
            "BSD-2-Clause",
        ),
        (
            "leaflet",
            "1.9.4",
            "package/dist/images/layers.png",
            "leaflet/images/layers.png",
            "BSD-2-Clause",
        ),
        (
            "leaflet",
            "1.9.4",
            "package/dist/images/layers-2x.png",
            "leaflet/images/layers-2x.png",
            "BSD-2-Clause",
        ),
        ("leaflet", "1.9.4", "package/LICENSE", "leaflet/LICENSE", "BSD-2-Clause"),
        ("jquery", "3.7.1", "package/dist/jquery.min.js", "jquery/jquery.min.js", "MIT"),
        ("jquery", "3.7.1", "package/LICENSE.txt", "jquery/LICENSE", "MIT"),
        # The minified dist build, not leaflet.markercluster-src.js.
        (
            "leaflet.markercluster",
            "1.5.3",
            "package/dist/leaflet.markercluster.js",
            "leaflet.markercluster/leaflet.markercluster.js",
            "MIT",
        ),
        (
            "leaflet.markercluster",
            "1.5.3",
            "package/dist/MarkerCluster.css",
            "leaflet.markercluster/MarkerCluster.css",
            "MIT",
        ),
        (
            "leaflet.markercluster",
            "1.5.3",
            "package/dist/MarkerCluster.Default.css",
            "leaflet.markercluster/MarkerCluster.Default.css",
            "MIT",
        ),
        (
            "leaflet.markercluster",
            "1.5.3",
            "package/MIT-LICENCE.txt",
            "leaflet.markercluster/LICENSE",
            "MIT",
        ),
        (
            "leaflet-gesture-handling",
            "1.2.2",
            "package/dist/leaflet-gesture-handling.min.js",
            "leaflet-gesture-handling/leaflet-gesture-handling.min.js",
            "MIT",
        ),
        (
            "leaflet-gesture-handling",
            "1.2.2",
            "package/dist/leaflet-gesture-handling.min.css",
            "leaflet-gesture-handling/leaflet-gesture-handling.min.css",
            "MIT",
        ),
        ("leaflet-gesture-handling", "1.2.2", "package/LICENSE", "leaflet-gesture-handling/LICENSE", "MIT"),
        # The offline vector basemap (ECOSITES_TILES=pmtiles): browser IIFE builds.
        ("protomaps-leaflet", "5.1.0", "package/dist/protomaps-leaflet.js",
         "protomaps-leaflet/protomaps-leaflet.js", "BSD-3-Clause"),
        ("protomaps-leaflet", "5.1.0", "package/LICENSE", "protomaps-leaflet/LICENSE",
         "BSD-3-Clause"),
        ("pmtiles", "4.5.0", "package/dist/pmtiles.js", "pmtiles/pmtiles.js", "BSD-3-Clause"),
        # Its tarball has no LICENSE file; package.json carries the licence it is published under.
        ("pmtiles", "4.5.0", "package/package.json", "pmtiles/package.json", "BSD-3-Clause"),
        # Explore's browser-side grouping: the UMD build, which bundles kdbush.
        ("supercluster", "9.1.0", "package/dist/supercluster.min.js",
         "supercluster/supercluster.min.js", "ISC"),
        ("supercluster", "9.1.0", "package/LICENSE", "supercluster/LICENSE", "ISC"),
    ],
)
def test_manifest_pins_expected_release_file(
    package: str, version: str, tarball_file: str, dest: str, licence: str
) -> None:
    """Each required file is pinned to the agreed release, tarball path and licence."""
    entry = entry_for(dest)
    assert (entry["package"], entry["version"], entry["file"], entry["licence"]) == (
        package,
        version,
        tarball_file,
        licence,
    )


def test_manifest_lists_exactly_the_required_files() -> None:
    """Nothing beyond the agreed files is vendored."""
    assert len(MANIFEST) == 23
    assert len({entry["dest"] for entry in MANIFEST}) == 23


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["dest"] for entry in MANIFEST])
def test_vendored_file_matches_manifest_sha256(entry: dict[str, str]) -> None:
    """A vendored file that is missing or altered by even one byte fails here."""
    path = VENDOR_DIR / entry["dest"]
    assert path.is_file(), f"{entry['dest']} is missing; run scripts/refresh_vendor.py --refresh"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]


def test_check_reports_no_problems_for_the_committed_tree() -> None:
    """The script's own check agrees: nothing missing, altered or unlisted."""
    entries = refresh_vendor.load_manifest(MANIFEST_PATH)
    assert refresh_vendor.check_vendor(VENDOR_DIR, entries) == []


@pytest.mark.parametrize(
    "path", loadable_files(), ids=lambda p: p.relative_to(VENDOR_DIR).as_posix()
)
def test_vendored_file_loads_nothing_remote(path: Path) -> None:
    """Regression guard: no vendored file may pull from a CDN (blank map in mainland China)."""
    assert remote_loads(path.read_text(encoding="utf-8")) == []


OWN_STATIC_FILES = sorted([*(REPO_ROOT / "static" / "js").glob("*.js"),
                           *(REPO_ROOT / "static" / "css").glob("*.css"),
                           *(REPO_ROOT / "static" / "page").glob("*.*")])


@pytest.mark.parametrize(
    "path", OWN_STATIC_FILES, ids=lambda p: p.relative_to(REPO_ROOT / "static").as_posix()
)
def test_own_static_file_loads_nothing_remote(path: Path) -> None:
    """Our own map scripts and styles (outside static/vendor, so not in the manifest) are
    held to the same rule as the vendored files."""
    assert remote_loads(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("background-image: url(images/layers.png);", []),
        ("behavior: url(#default#VML);", []),
        ("background: url(https://cdn.example.com/x.png)", ["css url()"]),
        ("background: url( 'http://cdn.example.com/x.png' )", ["css url()"]),
        ("background: url(//cdn.example.com/x.png)", ["css url()"]),
        ('@import "other.css";', ["@import"]),
        ('img.src="https://tile.example.com/1.png"', ["src="]),
        ('<script src="https://code.jquery.com/jquery.js"></script>', ["src=", "<script src"]),
        ('<link rel="stylesheet" href="https://cdn.example.com/a.css">', ["<link href="]),
        ('import("https://esm.sh/leaflet")', ["JS import"]),
        ('import L from "https://esm.sh/leaflet";', ["JS import"]),
        ('importScripts("https://cdn.example.com/w.js")', ["importScripts"]),
        ("//# sourceMappingURL=leaflet.js.map", []),
        ("//# sourceMappingURL=https://cdn.example.com/leaflet.js.map", ["remote source map"]),
        ('prefix:\'<a href="https://leafletjs.com" title="Leaflet">Leaflet</a>\'', []),
        ('createElementNS("http://www.w3.org/2000/svg", "svg")', []),
        (" * https://github.com/Leaflet/Leaflet.markercluster", []),
    ],
)
def test_remote_load_detector(text: str, expected: list[str]) -> None:
    """The scan flags fetches of remote URLs and ignores mere mentions of them."""
    assert remote_loads(text) == expected


@pytest.mark.parametrize(
    "image",
    sorted(
        set(
            re.findall(
                r"url\((images/[^)]+)\)",
                (VENDOR_DIR / "leaflet" / "leaflet.css").read_text(encoding="utf-8"),
            )
        )
    ),
)
def test_leaflet_css_images_resolve_locally(image: str) -> None:
    """leaflet.css refers to images/ beside it, so the dist layout must be kept."""
    assert (VENDOR_DIR / "leaflet" / image).is_file()


@pytest.mark.parametrize(
    ("package_dir", "licence_opening"),
    [
        ("leaflet", "BSD 2-Clause License"),
        ("jquery", "Copyright OpenJS Foundation and other contributors"),
        ("leaflet.markercluster", "Copyright 2012 David Leaver"),
        ("leaflet-gesture-handling", "MIT License"),
        ("protomaps-leaflet", "Copyright 2021-2024 Protomaps LLC"),
        ("supercluster", "ISC License"),
    ],
)
def test_each_package_ships_its_licence(package_dir: str, licence_opening: str) -> None:
    """Every vendored package carries its own licence text next to its files."""
    text = (VENDOR_DIR / package_dir / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith(licence_opening)


@pytest.mark.parametrize(
    ("package", "version"), sorted({(entry["package"], entry["version"]) for entry in MANIFEST})
)
def test_readme_names_vendored_versions(package: str, version: str) -> None:
    """The README's table keeps up with the manifest."""
    readme = (VENDOR_DIR / "README.md").read_text(encoding="utf-8")
    assert f"| `{package}` | {version} |" in readme


@pytest.fixture
def vendor_copy(tmp_path: Path) -> Path:
    """Return a scratch copy of static/vendor that a test may damage."""
    copy = tmp_path / "vendor"
    shutil.copytree(VENDOR_DIR, copy)
    return copy


def run_check_cli(vendor_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `refresh_vendor.py --check` against vendor_dir."""
    return subprocess.run(
        [sys.executable, str(SCRIPT_PATH), "--check", "--vendor-dir", str(vendor_dir)],
        capture_output=True,
        text=True,
        check=False,
    )


def append_byte(path: Path) -> None:
    """Alter a file by one trailing byte."""
    path.write_bytes(path.read_bytes() + b"\n")


def delete(path: Path) -> None:
    """Remove a file."""
    path.unlink()


@pytest.mark.parametrize(
    ("damage", "dest", "expected_kind"),
    [
        (append_byte, "leaflet/leaflet.js", "MISMATCH"),
        (append_byte, "leaflet/images/marker-icon.png", "MISMATCH"),
        (append_byte, "leaflet.markercluster/MarkerCluster.css", "MISMATCH"),
        (delete, "jquery/jquery.min.js", "MISSING"),
        (delete, "leaflet/LICENSE", "MISSING"),
    ],
)
def test_check_cli_names_damaged_file(
    vendor_copy: Path, damage: Callable[[Path], None], dest: str, expected_kind: str
) -> None:
    """`--check` exits 1 and names the altered or missing file, without a traceback."""
    damage(vendor_copy / dest)
    result = run_check_cli(vendor_copy)
    assert result.returncode == 1
    assert f"{expected_kind:<9} {dest}:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_cli_names_unlisted_file(vendor_copy: Path) -> None:
    """A file dropped into the vendor directory without a manifest entry is reported."""
    (vendor_copy / "leaflet" / "extra.js").write_text("// not pinned\n", encoding="utf-8")
    result = run_check_cli(vendor_copy)
    assert result.returncode == 1
    assert "UNLISTED  leaflet/extra.js:" in result.stdout


def test_check_cli_passes_on_intact_copy(vendor_copy: Path) -> None:
    """An untouched copy passes and every file is reported ok."""
    result = run_check_cli(vendor_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sum(line.startswith("ok ") for line in result.stdout.splitlines()) == len(MANIFEST)
    assert f"OK: {len(MANIFEST)} file(s) match manifest.json" in result.stdout


@pytest.mark.parametrize(
    ("manifest_text", "message"),
    [
        (None, "manifest not found"),
        ("{not json", "manifest unreadable"),
        ('{"package": "leaflet"}', "must hold a JSON list"),
        ('[{"package": "leaflet"}]', "must have exactly the keys"),
        (
            '[{"package": "x", "version": "1", "file": "package/a.js", "dest": "../a.js", '
            '"sha256": "", "licence": ""}]',
            "must be a relative path",
        ),
    ],
)
def test_check_cli_bad_manifest_is_a_plain_error(
    vendor_copy: Path, manifest_text: str | None, message: str
) -> None:
    """A broken manifest gives exit 1 and one plain message, not a traceback."""
    manifest = vendor_copy / "manifest.json"
    if manifest_text is None:
        manifest.unlink()
    else:
        manifest.write_text(manifest_text, encoding="utf-8")
    result = run_check_cli(vendor_copy)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("leaflet@1.9.5", ("leaflet", "1.9.5")),
        ("leaflet.markercluster@1.5.3", ("leaflet.markercluster", "1.5.3")),
        ("@scope/pkg@2.0.0", ("@scope/pkg", "2.0.0")),
    ],
)
def test_parse_spec(spec: str, expected: tuple[str, str]) -> None:
    """PACKAGE@VERSION splits at the last '@', so scoped names work."""
    assert refresh_vendor.parse_spec(spec) == expected


@pytest.mark.parametrize("spec", ["leaflet", "leaflet@", "@1.9.4", "@scope/pkg"])
def test_parse_spec_rejects_malformed(spec: str) -> None:
    """A spec without both name and version is a plain VendorError."""
    with pytest.raises(refresh_vendor.VendorError, match="expected PACKAGE@VERSION"):
        refresh_vendor.parse_spec(spec)


def test_test_only_vendor_matches_its_manifest() -> None:
    """axe-core for the browser tests (tests/e2e/vendor) is held to the same pins."""
    test_vendor = REPO_ROOT / "tests" / "e2e" / "vendor"
    entries = refresh_vendor.load_manifest(test_vendor / "manifest.json")
    assert {(e.package, e.version, e.licence) for e in entries} == {("axe-core", "4.10.3", "MPL-2.0")}
    assert refresh_vendor.check_vendor(test_vendor, entries) == []
