"""The benchmark's table: every size in one row, "–" where a measurement was not taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks import run
from benchmarks.pg_query import SECTION_START
from benchmarks.run import IN_TURN_START, kept_sections


def _result(sites: int, **overrides: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        "sites": sites, "cold_cpu_s": 8.5, "cold_load_s": 12.0, "warm_cpu_s": 1.2,
        "warm_load_s": 1.5, "cold_rss_mb": 500.0, "warm_rss_mb": 560.0, "load_s": 7.0,
        "app_start_s": 2.0, "rerun_s": 0.08, "rerun_max_s": 0.2, "map_bytes": 500_000,
        "table_bytes": 270_000, "filter_s": 0.01, "ranked_filter_s": 0.02, "layer_s": 0.04,
        "render_s": 0.06, "rss_after_start_mb": 600.0, "map_args": {}, "load_average_before": 1.0,
    }
    return {**result, **overrides}


def test_textbook_column_is_a_dash_where_it_was_not_run() -> None:
    """Guards against a size without the textbook run breaking the table (200,000 has none)."""
    table = run.results_table([_result(1_000, textbook_s=1.25, textbook_bytes=780_000),
                               _result(200_000)])
    rows = table.splitlines()
    assert rows[2].startswith("| 1,000 | 12.0 | 8.500 | 1.200 |")
    assert "| 1.250 | 0.78 |" in rows[2]
    assert "| – | – |" in rows[3]
    assert len({row.count("|") for row in rows}) == 1


def test_browser_hook_columns_appear_only_when_measured() -> None:
    """The optional browser module's values become columns; without it there are none."""
    assert "browser" not in run.results_table([_result(1_000)])
    measured = _result(1_000, **{"browser first_markers_s": 0.9, "browser pan_zoom_s": 0.25})
    table = run.results_table([measured, _result(10_000)])
    assert "| browser first_markers_s | browser pan_zoom_s |" in table
    assert table.splitlines()[2].endswith("| 0.900 | 0.250 |")
    assert table.splitlines()[3].endswith("| – | – |")


@pytest.mark.parametrize(("cold_load_s", "verdict"), [(9.9, "met"), (10.5, "MISSED")])
def test_cold_start_target_line(cold_load_s: float, verdict: str) -> None:
    """The 100,000-site line judges the 10 s cold start by seconds waited; it gives both processes' CPU."""
    line = run.target_lines([_result(100_000, cold_load_s=cold_load_s, cold_cpu_s=14.2)])[0]
    assert line.startswith(
        f"Targets at 100,000 sites: cold start {cold_load_s:.1f} s (target ≤ 10 s: {verdict}; "
        "14.2 s CPU in the two processes)")


def test_cold_start_line_gives_the_spread_of_its_starts() -> None:
    """Guards against one start standing for all: the median and the fastest and slowest cold start."""
    line = run.target_lines([_result(100_000, cold_load_s=7.4, cold_cpu_s=11.0, starts=3,
                                     cold_load_range_s=(6.9, 9.8))])[0]
    assert line.startswith("Targets at 100,000 sites: cold start 7.4 s, the median of 3 starts "
                           "(6.9–9.8 s) (target ≤ 10 s: met;")


def test_each_start_figure_is_the_median_of_its_phase() -> None:
    """Guards the medians: taken per phase and per figure, never across phases."""
    def start(seconds: float, peak: float) -> dict[str, float]:
        return {"seconds": seconds, "cpu_s": seconds * 2, "rss_mb": 500.0, "peak_mb": peak,
                "child_peak_mb": 0.0}
    runs = {"cold": [start(9.0, 1000.0), start(7.0, 1100.0), start(8.0, 900.0)],
            "warm": [start(0.7, 600.0), start(0.9, 650.0), start(0.8, 620.0)]}
    medians = run.start_medians(runs)
    assert (medians["cold_load_s"], medians["cold_cpu_s"], medians["cold_peak_mb"]) == (8.0, 16.0, 1000.0)
    assert (medians["warm_load_s"], medians["warm_peak_mb"]) == (0.8, 620.0)


@pytest.mark.parametrize(("measured", "expected"), [
    ({"rss_after_reruns_mb": 604.0, "app_peak_mb": 809.0},
     "app (AppTest) resident memory after its first page and reruns 604 MB (target < 700 MB: met), "
     "at its peak 809 MB (MISSED)"),
    ({"rss_after_reruns_mb": 604.0, "browser server_rss_mb": 650.4, "browser server_peak_mb": 690.0},
     "server resident memory after its first page and reruns 650 MB (target < 700 MB: met), "
     "at its peak 690 MB (met)"),
    ({"browser server_rss_mb": 720.0},
     "server resident memory after its first page and reruns 720 MB (target < 700 MB: MISSED)"),
])
def test_memory_target_prefers_the_real_server(measured: dict[str, float], expected: str) -> None:
    """Guards against judging the memory target on a process that also holds the benchmark's copies."""
    assert run.memory_target(_result(100_000, **measured)) == expected


@pytest.mark.parametrize(("written", "kept"), [
    ("# Results\n| table |\n", ""),
    (f"# Results\n| table |\n{IN_TURN_START}\n## In turn\n", f"\n{IN_TURN_START}\n## In turn\n"),
    (f"# Results\n{SECTION_START}\npg\n", f"\n{SECTION_START}\npg\n"),
    (f"# Results\n{IN_TURN_START}\nturn\n{SECTION_START}\npg\n",
     f"\n{IN_TURN_START}\nturn\n{SECTION_START}\npg\n"),
])
def test_a_rewrite_keeps_the_sections_written_below_the_table(tmp_path: Path, written: str,
                                                               kept: str) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(written, encoding="utf-8")
    assert kept_sections(results) == kept


@pytest.mark.parametrize(("site_file", "verdict"), [(None, "met"), (216_000, "met"), (600_000, "MISSED")])
def test_the_payload_target_counts_the_site_file(site_file: int | None, verdict: str) -> None:
    """Guards against judging the 0.6 MB target on the map's arguments alone: the sites come in a file."""
    extra = {} if site_file is None else {"site_file_gzip_bytes": site_file, "site_file_bytes": 5 * site_file}
    line = run.target_lines([_result(10_000, map_bytes=10_000, **extra)])[0]
    assert line.endswith(f"(target ≤ 0.6 MB: {verdict}).")
    first_visit = (10_000 + (site_file or 0)) / 1e6
    assert f"map payload on a first visit {first_visit:.2f} MB" in line
    assert ("site file not measured" in line) == (site_file is None)
    assert len({row.count("|") for row in run.results_table([_result(10_000, **extra)]).splitlines()}) == 1
