"""Measured leg times: an optional, sourced table that overrides the estimate for its pairs.

The table is ``geodata/leg_times.csv`` (UTF-8, one row per pair and mode, either
direction), described by ``geodata/leg_times.schema.json``. Rows that break the schema
are skipped and reported in plain words; nothing is guessed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from ecosites.planning.model import MODES, MeasuredLeg

LEG_TIMES_FILE = "leg_times.csv"
COLUMNS: tuple[str, ...] = ("from_id", "to_id", "mode", "quick_minutes", "slow_minutes",
                            "source", "measured_on")


def _whole(text: str) -> int | None:
    value = text.strip()
    return int(value) if value.isdigit() and 0 < int(value) <= 24 * 60 else None


def parse_leg_times(rows: Iterable[Mapping[str, str | None]]
                    ) -> tuple[dict[tuple[str, str, str], MeasuredLeg], list[str]]:
    """Measured legs by (from id, to id, mode) from CSV rows, and a message per skipped row."""
    legs: dict[tuple[str, str, str], MeasuredLeg] = {}
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        cells = {key: (row.get(key) or "").strip() for key in COLUMNS}
        quick, slow = _whole(cells["quick_minutes"]), _whole(cells["slow_minutes"])
        if not cells["from_id"] or not cells["to_id"] or cells["from_id"] == cells["to_id"]:
            problems.append(f"line {line}: from_id and to_id must be two different site ids")
        elif cells["mode"] not in MODES:
            problems.append(f"line {line}: mode must be one of {', '.join(MODES)}")
        elif quick is None or slow is None or quick > slow:
            problems.append(f"line {line}: quick_minutes and slow_minutes must be whole minutes "
                            "(1-1440), quick not more than slow")
        elif not cells["source"]:
            problems.append(f"line {line}: a measured time needs its source")
        else:
            legs[(cells["from_id"], cells["to_id"], cells["mode"])] = MeasuredLeg(
                quick, slow, cells["source"])
    return legs, problems


def load_leg_times(geodata_dir: Path) -> tuple[dict[tuple[str, str, str], MeasuredLeg], list[str]]:
    """The measured legs of ``geodata_dir/leg_times.csv`` (none when the file is absent)."""
    path = geodata_dir / LEG_TIMES_FILE
    if not path.is_file():
        return {}, []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return parse_leg_times(csv.DictReader(handle))
