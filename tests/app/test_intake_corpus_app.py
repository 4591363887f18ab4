"""The hostile part of the intake corpus through the staff page itself (AppTest): upload, report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.app.test_staff_app import PASSWORD, staff_page
from tests.conftest import make_site, write_catalog
from tests.unit.test_intake_corpus import CORPUS, EXPECTED, MAKE_CORPUS

# The entries this page test covers: every generated bomb and the encoding and id cases.
HOSTILE = [entry for entry in EXPECTED if entry.get("generated") or entry["file"].startswith(
    ("utf16", "utf32", "control_character", "markup_id"))]


@pytest.mark.parametrize("entry", HOSTILE, ids=[e["file"] for e in HOSTILE])
def test_staff_page_reports_hostile_uploads_in_plain_words(
    entry: dict[str, Any], tmp_path: Path, app_env: Callable[..., None]
) -> None:
    """Guards against a bomb or odd encoding reaching the staff page as a traceback or a hang."""
    directory = tmp_path / "geodata"
    write_catalog(directory, [make_site(id="keep", name_en="Kept Site")])
    app_env(geodata=str(directory), staff_password=PASSWORD,
            **{name.removeprefix("ECOSITES_").lower(): value
               for name, value in entry.get("env", {}).items()})
    data = (MAKE_CORPUS.GENERATED[entry["file"]]() if entry.get("generated")
            else (CORPUS / entry["file"]).read_bytes())
    at = staff_page()
    at.file_uploader[0].set_value((entry["file"], data, "application/octet-stream")).run()
    assert not at.exception
    lines = "\n".join(code.value for code in at.code)
    for words in entry["says"]:
        assert words in lines
    assert f"{entry['valid']} of " in " ".join(m.value for m in at.markdown)
    assert max((len(line) for line in lines.splitlines()), default=0) <= 400
