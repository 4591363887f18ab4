"""The corpus of bad and tricky uploads (tests/data/intake), through both doors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from ecosites.__main__ import main
from ecosites.crs import parse_crs_choice
from ecosites.readers import read_upload
from ecosites.settings import load_settings
from ecosites.validate import Limits
from tests.conftest import REPO

CORPUS = REPO / "tests" / "data" / "intake"
EXPECTED: list[dict[str, Any]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
# Longest line a problem report may print: ids and values in it are cut, never echoed whole.
MAX_LINE_CHARS = 400


def _load_builder() -> Any:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE_CORPUS = _load_builder()


@pytest.fixture
def corpus_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The entry's file: committed, or built into tmp_path (bombs are never committed)."""
    entry: dict[str, Any] = request.param
    name = str(entry["file"])
    if not entry.get("generated"):
        return CORPUS / name
    path = tmp_path / name
    path.write_bytes(MAKE_CORPUS.GENERATED[name]())
    return path


def test_corpus_is_complete() -> None:
    """Guards against a corpus file without an expected outcome, or an entry without a file."""
    files = {p.name for p in CORPUS.iterdir()} - {"README.md", "expected.json", "make_corpus.py"}
    assert files == {entry["file"] for entry in EXPECTED if not entry.get("generated")}
    assert set(MAKE_CORPUS.GENERATED) == {e["file"] for e in EXPECTED if e.get("generated")}
    assert files.isdisjoint(MAKE_CORPUS.GENERATED)
    assert sum(entry["exit"] > 0 for entry in EXPECTED) >= 30


@pytest.mark.parametrize(("entry", "corpus_file"), [(e, e) for e in EXPECTED],
                         ids=[e["file"] for e in EXPECTED], indirect=["corpus_file"])
def test_command_line_exit_status_and_words(
    entry: dict[str, Any], corpus_file: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in entry.get("env", {}).items():
        monkeypatch.setenv(name, value)
    crs = ["--crs", entry["crs"]] if "crs" in entry else []
    status = main(["validate", *crs, str(corpus_file)])
    out, err = capsys.readouterr()
    assert status == entry["exit"]
    for words in entry["says"]:
        assert words in out
    assert f"{entry['valid']} of " in err
    assert "Traceback" not in out + err
    assert max(map(len, (out + err).splitlines())) <= MAX_LINE_CHARS


@pytest.mark.parametrize(("entry", "corpus_file"), [(e, e) for e in EXPECTED],
                         ids=[e["file"] for e in EXPECTED], indirect=["corpus_file"])
def test_staff_page_reader_agrees(entry: dict[str, Any], corpus_file: Path) -> None:
    """The page's door (bytes of an upload) gives the same verdict as the command line."""
    chosen = parse_crs_choice(entry["crs"])[0] if "crs" in entry else None
    limits = Limits.for_settings(load_settings({}, entry.get("env", {})))
    report = read_upload(entry["file"], corpus_file.read_bytes(), chosen, limits)
    status = 2 if not report.readable else 1 if report.errors else 0
    assert (status, len(report.features)) == (entry["exit"], entry["valid"])
    for problem in report.problems:
        assert problem.file == entry["file"]


@pytest.mark.parametrize(
    ("file", "crs", "lon", "lat"),
    [
        ("legacy_crs_3857.geojson", None, 106.63, 26.64),
        ("legacy_crs_cgcs2000.geojson", None, 106.63, 26.64),
        ("gcj02_point.geojson", "gcj02", 106.63, 26.64),
        ("kml_extended_data.kml", None, 106.65, 26.61),
    ],
)
def test_declared_coordinate_systems_end_up_in_wgs84(
    file: str, crs: str | None, lon: float, lat: float
) -> None:
    chosen = parse_crs_choice(crs)[0] if crs else None
    report = read_upload(file, (CORPUS / file).read_bytes(), chosen)
    got_lon, got_lat = report.features[0].geometry["coordinates"][:2]
    # 1e-6 degrees is about 0.1 m here.
    assert got_lon == pytest.approx(lon, abs=1e-6)
    assert got_lat == pytest.approx(lat, abs=1e-6)
