"""Docs and comments point inside the repository, and what they say the sources hold is there."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.conftest import REPO

# Vendored releases and binary files are not ours to word; this file's table spells what it looks for.
SKIPPED = re.compile(r"^static/vendor/.+\.(js|css)$|\.(png|zip|shp|dbf|shx)$|^tests/unit/test_docs\.py$")
OUTSIDE = re.compile(r"\.\./shared/|/work/")
# Our own issue numbers mean nothing to a reader of the code; upstream ones read owner/project#number.
OWN_ISSUE = re.compile(r"\bissues? \d+\b", re.IGNORECASE)


def tracked_text_files() -> list[str]:
    """The repository's tracked files that hold prose or code."""
    listing = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=False)
    if listing.returncode != 0:
        pytest.skip("not a git checkout: the tracked files are unknown")
    return [name for name in listing.stdout.splitlines() if not SKIPPED.search(name)]


@pytest.mark.parametrize(("line", "outside", "own_issue"), [
    ("see ../shared/reference/facts.md", True, False),
    ("/work/venv/bin/python benchmarks/run.py", True, False),
    ("# --- staff intake (issue 3) ---", False, True),
    ("## Targets (issue 2)", False, True),
    ("see docs/reference/facts.md", False, False),
    ("(python-visualization/folium#1640)", False, False),
    ('"url": "../../app/static/vendor/leaflet.js"', False, False),
])
def test_the_patterns_find_what_they_should(line: str, outside: bool, own_issue: bool) -> None:
    """The scan below is only as good as these patterns."""
    assert (bool(OUTSIDE.search(line)), bool(OWN_ISSUE.search(line))) == (outside, own_issue)


def test_no_file_points_outside_the_repository_or_at_our_issues() -> None:
    """Guards against pointers a reader of the repository cannot follow."""
    found = []
    for name in tracked_text_files():
        path = REPO / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line) or OWN_ISSUE.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


def test_brochure_highlights_are_verbatim() -> None:
    """geodata/README.md says the first four highlights are the brochure's text verbatim."""
    brochure = (REPO / "docs" / "reference" / "brochure.txt").read_text(encoding="utf-8")
    features = json.loads((REPO / "geodata" / "sites.geojson").read_text(encoding="utf-8"))["features"]
    highlights = [feature["properties"]["highlight_en"] for feature in features[:4]]
    assert [text for text in highlights if text not in brochure] == []
