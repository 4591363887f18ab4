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
