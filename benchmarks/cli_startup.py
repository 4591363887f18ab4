"""Start-up time of the command line: ``python -m ecosites coords ...`` from launch to exit.

    python benchmarks/cli_startup.py             # 21 runs
    python benchmarks/cli_startup.py --runs 51

Each run is a fresh interpreter (``subprocess.run``), timed with ``time.perf_counter``
from launch to exit; one untimed run first warms the bytecode cache. The child's CPU time
(user + system, from ``resource.getrusage``) is printed beside it: on a shared machine it
varies far less than wall time. Also measured the same way: a bare ``python -c pass``,
the floor no command can go below. Prints medians (and the spread) as Markdown. A
measurement, not a test: see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COORDS_ARGV: tuple[str, ...] = ("-m", "ecosites", "coords", "--from", "wgs84", "--to", "gcj02",
                                "106.629,26.645")
BARE_ARGV: tuple[str, ...] = ("-c", "pass")
TARGET_S = 0.3


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_times(argv: Sequence[str], runs: int) -> tuple[list[float], list[float]]:
    """(wall, CPU) seconds of ``python ARGV`` from launch to exit, ``runs`` times after a warm-up."""
    command = [sys.executable, *argv]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    wall, cpu = [], []
    for _ in range(runs):
        cpu_before, start = _children_cpu_s(), time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, capture_output=True)
        wall.append(time.perf_counter() - start)
        cpu.append(_children_cpu_s() - cpu_before)
    return wall, cpu


def row(label: str, wall: list[float], cpu: list[float]) -> str:
    """One Markdown table row: median, fastest and slowest wall time, median CPU time."""
    return (f"| {label} | {statistics.median(wall):.3f} | {min(wall):.3f} | {max(wall):.3f} "
            f"| {statistics.median(cpu):.3f} | {len(wall)} |")


def main(argv: Sequence[str] | None = None) -> int:
    """Measure and print the table; exit 0 (a slow machine is reported, not a failure)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each command")
    args = parser.parse_args(argv)
    coords_wall, coords_cpu = run_times(COORDS_ARGV, args.runs)
    bare_wall, bare_cpu = run_times(BARE_ARGV, args.runs)
    print("| command | median (s) | fastest (s) | slowest (s) | CPU median (s) | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    print(row("`python -m ecosites coords --from wgs84 --to gcj02 106.629,26.645`", coords_wall,
              coords_cpu))
    print(row("`python -c pass` (interpreter alone)", bare_wall, bare_cpu))
    met = "met" if statistics.median(coords_wall) < TARGET_S else "NOT met"
    print(f"\ntarget: coords median under {TARGET_S} s: {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
