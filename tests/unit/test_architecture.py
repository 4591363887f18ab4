"""The shape of the codebase: a pure core, and a committed schema that matches the code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ecosites.schema import site_json_schema_text
from tests.conftest import REPO

CORE_FILES = sorted((REPO / "ecosites").rglob("*.py"))


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_core_never_imports_streamlit(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not {"streamlit", "streamlit_folium", "components", "pages"} & imported


def test_committed_json_schema_is_generated_from_the_model() -> None:
    """Guards against the staff-facing schema drifting from the validator."""
    committed = (REPO / "geodata" / "site.schema.json").read_text(encoding="utf-8")
    assert committed == site_json_schema_text(), "run: python -m ecosites schema -o geodata/site.schema.json"


def test_no_cdn_address_outside_vendor() -> None:
    """Guards against a script or stylesheet loaded from a third-party CDN at runtime."""
    hosts = ("cdn.jsdelivr", "cdnjs.cloudflare", "unpkg.com", "code.jquery.com", "bootstrapcdn",
             "googleapis.com")
    for folder in ("ecosites", "components", "pages"):
        for path in (REPO / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not [h for h in hosts if h in text], path


MAX_MODULE_LINES = 400
# The translation table is one long mapping by design. The others are still to be split;
# the test below fails once one of them is under the limit, so the list only shrinks.
OVER_THE_LIMIT = {"ecosites/i18n.py"}


def module_lines() -> dict[str, int]:
    """Lines per module under ecosites/, by path from the repository root."""
    return {str(p.relative_to(REPO)): len(p.read_text(encoding="utf-8").splitlines()) for p in CORE_FILES}


def test_no_core_module_is_over_the_size_limit() -> None:
    """Guards against one module growing back into many concerns (split it into a package instead)."""
    over = {name: n for name, n in module_lines().items() if n > MAX_MODULE_LINES}
    assert sorted(set(over) - OVER_THE_LIMIT) == []


def test_the_size_exemptions_are_still_needed() -> None:
    """Guards against the exemption list outliving a split: a module under the limit leaves it."""
    lines = module_lines()
    assert sorted(name for name in OVER_THE_LIMIT if lines.get(name, 0) <= MAX_MODULE_LINES) == []
