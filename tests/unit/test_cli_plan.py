"""``python -m ecosites plan``: outputs, and a specific message for every kind of bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import gpxpy
import icalendar
import pytest

from ecosites.__main__ import main
from tests.conftest import REPO, make_site, write_catalog

FUTURE_MONDAY = "2099-11-30"
FUTURE_TUESDAY = "2099-12-01"


@pytest.fixture(scope="module")
def geodata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A museum closed on Mondays, a park, a second Monday-closed site and 30 small sites."""
    directory = tmp_path_factory.mktemp("geodata")
    features = [
        make_site(id="museum", name_en="Museum", lon=106.627, lat=26.647, hours="09:00-17:00",
                  last_entry="16:00", closed_weekdays=["mon"]),
        make_site(id="gallery", name_en="Gallery", lon=106.70, lat=26.60, closed_weekdays=["mon"]),
        make_site(id="park", name_en="Park", lon=106.65, lat=26.62, hours="06:00-22:00",
                  closed_weekdays=[]),
        *(make_site(id=f"s{k:02d}", name_en=f"Site {k}", lon=106.5 + k * 0.01, lat=26.6,
                    hours=None, closed_weekdays=None) for k in range(30)),
    ]
    write_catalog(directory, features)
    return directory


def run(capsys: pytest.CaptureFixture[str], geodata: Path, *args: str) -> tuple[int, str, str]:
    code = main(["plan", "--geodata", str(geodata), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_has_stops_legs_and_warnings(capsys: pytest.CaptureFixture[str],
                                          geodata: Path) -> None:
    """From the museum at 08:30: the park first (open from 06:00), the museum after it opens.

    The order minimises travel plus waiting: 63 minutes, against 68 when waiting 30 minutes
    at the museum first (as this test expected before opening hours became constraints).
    """
    code, out, err = run(capsys, geodata, "--sites", "gallery,museum,park", "--from", "museum",
                         "--date", FUTURE_TUESDAY, "--start", "08:30", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [s["id"] for s in data["stops"]] == ["park", "museum", "gallery"]
    assert set(data["stops"][0]) >= {"id", "arrive", "depart", "warnings"}
    assert data["stops"][0]["arrive"] == "2099-12-01T08:46:00+08:00"
    assert [s["wait_minutes"] for s in data["stops"]] == [0, 0, 0]
    assert [(leg["from"], leg["to"]) for leg in data["legs"]] == [
        ("museum", "park"), ("park", "museum"), ("museum", "gallery")]
    assert all(set(leg) >= {"from", "to", "distance_m", "minutes"} for leg in data["legs"])
    assert [w["code"] for w in data["warnings"]] == ["visit_default"]
    assert "note: Visit length not yet verified for 3 stop(s)" in err


@pytest.mark.parametrize(("args", "expected_code", "message", "stop_count"), [
    (["--sites", ""], 1, "The plan has no stops yet.", 0),
    (["--sites", "nope,never"], 1, "2 unknown site id(s) left out of the plan: 'nope', 'never'.",
     0),
    # Seven days: four 90-minute visits 1 km apart fill an 8-hour day.
    (["--sites", ",".join(f"s{k:02d}" for k in range(30)), "--days", "7"], 0,
     "A plan can have at most 25 stops; 30 were given, so the last 5 were left out.", 25),
    (["--sites", "park,ghost"], 0, "1 unknown site id(s) left out of the plan: 'ghost'.", 1),
    (["--sites", "park", "--date", "2020-01-06"], 0, "6 January 2020 is in the past.", 1),
    (["--sites", "park", "--from", "121.47,31.23"], 0,
     "The start point 121.47,31.23 lies outside the Guiyang region; it was ignored.", 1),
    (["--sites", "park", "--from", "26.6,106.6"], 0,
     "The start point looks like latitude,longitude; it was ignored. Give the longitude first: "
     "106.6,26.6.", 1),
    # Nothing is booked on a day its site is closed: the plan is empty, and says why.
    (["--sites", "museum,gallery", "--date", FUTURE_MONDAY], 1,
     "Every stop is closed on 30 November 2099. Try 1 December 2099 (Tuesday), when they are open.", 0),
])
def test_bad_input_gets_a_specific_message(capsys: pytest.CaptureFixture[str], geodata: Path,
                                           args: list[str], expected_code: int, message: str,
                                           stop_count: int) -> None:
    code, out, err = run(capsys, geodata, *args, "--format", "json")
    assert code == expected_code
    assert any(line.startswith(f"warning: {message}") for line in err.splitlines()), err
    if stop_count:
        assert len(json.loads(out)["stops"]) == stop_count
    else:
        assert out == ""
        assert "error: nothing to plan" in err
    if "--date" in args and FUTURE_MONDAY in args:
        assert "warning: Cannot be visited on these dates: Museum · 测试点: Closed on every day" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "30/11/2099"], "'30/11/2099' is not a date; write it as YYYY-MM-DD"),
    (["--start", "9am"], "'9am' is not a time; write it as HH:MM (24-hour)"),
    (["--days", "0"], "'0' is not a number of days from 1 to 14"),
    (["--mode", "plane"], "invalid choice: 'plane'"),
])
def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str], geodata: Path,
                                      args: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(capsys, geodata, "--sites", "park", *args, "--format", "json")
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_formats_parse_back(capsys: pytest.CaptureFixture[str], geodata: Path,
                            tmp_path: Path) -> None:
    common = ["--sites", "museum,park", "--date", FUTURE_TUESDAY, "--lock"]
    _, ics, _ = run(capsys, geodata, *common, "--format", "ics")
    events = list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["1. Museum · 测试点", "2. Park · 测试点"]
    _, gpx_text, _ = run(capsys, geodata, *common, "--format", "gpx")
    assert [w.name for w in gpxpy.parse(gpx_text).waypoints] == ["1. Museum · 测试点",
                                                                 "2. Park · 测试点"]
    _, csv_text, _ = run(capsys, geodata, *common, "--format", "csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))] == [
        "museum", "park"]
    target = tmp_path / "plan.kml"
    code, out, _ = run(capsys, geodata, *common, "--format", "kml", "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").count("<Placemark") == 3


def test_multi_day_and_overrides(capsys: pytest.CaptureFixture[str], geodata: Path) -> None:
    ids = ",".join(f"s{k:02d}" for k in range(6))
    _, out, _ = run(capsys, geodata, "--sites", ids, "--date", FUTURE_TUESDAY, "--days", "3",
                    "--hours-per-day", "4", "--mode", "walk", "--speed-kmh", "5", "--format",
                    "json")
    data = json.loads(out)
    assert [s["day"] for s in data["stops"]] == [1, 1, 2, 2, 3, 3]
    assert data["mode"] == "walk"


def test_module_entry_point_writes_json_to_stdout(geodata: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ecosites", "plan", "--geodata", str(geodata), "--sites",
         "park,museum", "--round-trip", "--from", "106.63,26.64", "--date", FUTURE_TUESDAY,
         "--format", "json"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["legs"][0]["from"] == data["legs"][-1]["to"] == "106.630000,26.640000"
    assert len(data["stops"]) == 2


def test_ecosites_now_fixes_the_default_date_and_the_calendar_stamp(
        capsys: pytest.CaptureFixture[str], geodata: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards against the command reading the machine's clock: ECOSITES_NOW is its today and now."""
    monkeypatch.setenv("ECOSITES_NOW", "2099-12-01T07:00")
    _, ics, _ = run(capsys, geodata, "--sites", "park", "--format", "ics")
    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    assert event.decoded("dtstart").date().isoformat() == FUTURE_TUESDAY
    assert event.decoded("dtstamp").isoformat() == "2099-11-30T23:00:00+00:00"
