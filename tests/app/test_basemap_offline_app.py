"""The offline vector basemap through the real entry script: offered, drawn, or refused in words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.conftest import map_args, run_app
from tests.basemap_archive import build_archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' small Guiyang archive in the Protomaps schema."""
    return build_archive(tmp_path_factory.mktemp("archive") / "guiyang.pmtiles")


def test_the_configured_archive_is_the_basemap(app_env: Callable[..., None], archive: Path) -> None:
    app_env(tiles="pmtiles", pmtiles=str(archive))
    at = run_app({"lang": "zh"})
    picker = at.sidebar.selectbox(key="explore.tiles")
    assert picker.value == "pmtiles"
    assert "离线地图（本服务器）" in picker.options
    args = map_args(at)
    assert "window.ecoSites.vectorBasemap(" in args["script"]
    found = re.search(r"window\.ecoSites\.vectorBasemap\(\w+, (\{[^{}]*\})\);", args["script"])
    assert found is not None
    config = json.loads(found.group(1))
    assert config["url"].startswith("../../app/static/basemap/")
    assert config["lang"] == "zh"
    assert "https://" not in json.dumps({k: v for k, v in args.items() if k != "script"})
    assert not at.warning


def test_an_unusable_archive_is_refused_in_words_and_no_outside_basemap_is_used(
    app_env: Callable[..., None], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pmtiles"
    broken.write_bytes(b"<html>404</html>")
    app_env(tiles="pmtiles", pmtiles=str(broken))
    at = run_app()
    assert [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning] == [
        "The offline basemap cannot be shown: broken.pmtiles is not a PMTiles (version 3) archive"]
    assert at.sidebar.selectbox(key="explore.tiles").value == "none"
    assert "tile.openstreetmap.org" not in map_args(at)["script"]
