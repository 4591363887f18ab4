"""Hostile input at the command line and in settings: plain messages that name the limit."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from ecosites import gisworker
from ecosites.__main__ import main
from ecosites.readers import read_upload
from ecosites.settings import NUMBER_SETTINGS, NumberSetting, Settings, load_settings
from ecosites.validate import Limits
from tests.conftest import REPO
from tests.unit.test_intake_corpus import MAKE_CORPUS

HOSTILE_NUMBERS = ["inf", "-inf", "nan", "1e400", "1e-300", "²", "٣", "9" * 10_000, "0x10", "-1",
                   "0", "x" * 10_000, "1\x00"]


def test_special_files_are_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards against `validate /dev/zero` reading until memory runs out, and a FIFO blocking."""
    fifo = tmp_path / "pipe.geojson"
    os.mkfifo(fifo)
    status = main(["validate", "/dev/zero", str(fifo), str(tmp_path)])
    out, _ = capsys.readouterr()
    assert status == 2
    assert out.splitlines() == [
        f"{path}: this is {kind}, not a file; only regular files are read (give the path of a "
        "file: GeoJSON, GeoPackage (.gpkg), a zipped Shapefile (.zip), KML/KMZ or GPX)"
        for path, kind in (("/dev/zero", "a character device"), (fifo, "a pipe (FIFO)"),
                           (tmp_path, "a directory"))]


def test_a_read_is_ended_when_the_session_ends() -> None:
    """Guards against a read that keeps a core busy after the browser has gone."""
    raw = MAKE_CORPUS.GENERATED["recursive_view.gpkg"]()
    with gisworker.stop_when(lambda: True):
        report = read_upload("endless.gpkg", raw, limits=Limits(read_seconds=600))
    assert [p.message for p in report.problems] == ["reading stopped because the session ended"]
    assert not report.readable


def test_a_read_never_runs_the_main_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Streamlit the main module is the app script; the worker must not re-run it."""
    marker = tmp_path / "ran"
    script = tmp_path / "app_script.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    main_module = types.ModuleType("__main__")
    main_module.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main_module)
    source = tmp_path / "one.geojson"
    source.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
                      ' "geometry": {"type": "Point", "coordinates": [106.6, 26.6]}}]}', encoding="utf-8")
    frames = gisworker.read_layers(str(source), seconds=60, memory_bytes=1 << 30)
    assert isinstance(frames, dict)
    assert not marker.exists()


@pytest.mark.parametrize("setting", NUMBER_SETTINGS, ids=lambda s: s.name)
@pytest.mark.parametrize("raw", HOSTILE_NUMBERS, ids=range(len(HOSTILE_NUMBERS)))
def test_every_number_setting_refuses_hostile_values_by_name_and_range(setting: NumberSetting,
                                                                        raw: str) -> None:
    """Guards against ECOSITES_MAX_UPLOAD_MB=inf|nan and ECOSITES_MAX_FEATURES=1e400 tracebacks."""
    name = setting.name
    settings = load_settings({}, {f"ECOSITES_{name}": raw})
    assert getattr(settings, name.lower()) == getattr(Settings(), name.lower())
    (problem,) = settings.problems
    assert problem.startswith(f"ECOSITES_{name}=")
    assert setting.accepted() in problem
    assert len(problem) < 160
    Limits.for_settings(settings)


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "9999-12-31"], "argument --date: '9999-12-31' is not a date; write it as "
                               "YYYY-MM-DD, from 2000-01-01 to 2099-12-31"),
    (["--speed-kmh", "1e-300"], "argument --speed-kmh: '1e-300' is not a number from 1 to 150"),
    (["--speed-kmh", "nan"], "argument --speed-kmh: 'nan' is not a number from 1 to 150"),
    (["--detour", "inf"], "argument --detour: 'inf' is not a number from 1 to 5"),
    (["--hours-per-day", "1e400"], "argument --hours-per-day: '1e400' is not a number from 1 to 16"),
    (["--days", "²"], "argument --days: '²' is not a number of days from 1 to 14"),
    (["--days", "9" * 10_000], "argument --days: '" + "9" * 59 + "…' is not a number of days"),
])
def test_hostile_plan_arguments_are_usage_errors_naming_the_range(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["plan", "--sites", "guanshanhu-park", *args, "--format", "json"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert message in err
    assert "Traceback" not in err
    assert max(map(len, err.splitlines())) < 300


def test_readme_documents_every_number_setting_with_its_default_and_range() -> None:
    """Guards against a limit that can be configured but is not written down."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for setting in NUMBER_SETTINGS:
        row = next(line for line in readme.splitlines() if f"`ECOSITES_{setting.name}`" in line
                   and line.startswith("|"))
        low, high = setting.accepted().split(" from ")[1].split(" to ")
        assert f"({low} to {high})" in row
        assert row.endswith(f"`{setting.default:g}` |")
