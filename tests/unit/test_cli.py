"""The command line as a whole: every command's help, and a light start for quick commands."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from ecosites.__main__ import chosen_command, main
from ecosites.commands import COMMANDS
from tests.conftest import REPO

HEAVY_PACKAGES = ("pandas", "geopandas", "shapely", "pyproj", "folium", "pydantic", "pypinyin",
                  "numpy", "streamlit")


def imported_modules(*argv: str) -> set[str]:
    """Every module ``python -X importtime -m ecosites ARGV`` imports (it must exit 0)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "ecosites", *argv],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return set(re.findall(r"^import time:.*\|\s*(\S+)\s*$", result.stderr, flags=re.MULTILINE))


def test_coords_starts_without_any_heavy_library() -> None:
    """Guards against the command line importing every command's dependencies to convert a point."""
    modules = imported_modules("coords", "--from", "wgs84", "--to", "gcj02", "106.629,26.645")
    assert "ecosites.coords" in modules  # the parse really saw the command run
    assert sorted({m.split(".")[0] for m in modules} & set(HEAVY_PACKAGES)) == []


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps long summaries
    for name, command in COMMANDS.items():
        assert f" {name} {command.summary}" in out


def test_listing_the_commands_imports_none_of_them() -> None:
    modules = imported_modules("--help")
    assert "ecosites.commands" in modules
    assert sorted(m for m in modules if m.startswith("ecosites.commands.")) == []


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_its_own_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: python -m ecosites {name} [-h]")
    assert "options:" in out


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["coords", "--from", "wgs84"], "coords"),
        (["--", "coords", "1,2"], "coords"),
        (["-h", "plan"], "plan"),
        (["--help"], None),
        (["unknown", "coords"], None),
        ([], None),
    ],
)
def test_chosen_command_is_the_first_word(argv: list[str], command: str | None) -> None:
    assert chosen_command(argv) == command
