"""The command-line door: import (dry run, merge, replace), history, rollback and staff accounts."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from ecosites.__main__ import main
from ecosites.catalog import load_catalog
from ecosites.staffauth import verify_password
from ecosites.store import FileCatalogStore
from tests.conftest import feature_collection, make_site, write_catalog


def write(path: Path, *features: dict[str, Any]) -> Path:
    path.write_text(json.dumps(feature_collection(list(features))), encoding="utf-8")
    return path


@pytest.fixture
def catalog(catalog_dir: Path) -> Path:
    write_catalog(catalog_dir, [make_site(id="keep"), make_site(id="change", name_en="Old")])
    return catalog_dir


def ids(directory: Path) -> list[str]:
    return list(load_catalog(directory).sites.index)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_dry_run_prints_the_diff_and_changes_nothing(
    catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (catalog / "sites.geojson").read_bytes()
    upload = write(tmp_path / "u.geojson", make_site(id="change", name_en="New"), make_site(id="added"))
    status, out = run(capsys, "import", "--dry-run", "--catalog", str(catalog), str(upload))
    assert status == 0
    assert out.splitlines() == [
        "+ added", "~ change", "    name_en: Old -> New",
        "1 added, 1 changed, 1 unchanged, 0 removed", "dry run: nothing was published"]
    assert (catalog / "sites.geojson").read_bytes() == before
    assert not (catalog / ".versions").exists()


def test_import_history_and_rollback(
    catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upload = write(tmp_path / "u.geojson", make_site(id="added", lon=106.7))
    status, out = run(capsys, "import", "--catalog", str(catalog), "--author", "Li Wei", str(upload))
    assert status == 0
    assert "published version 2" in out
    assert ids(catalog) == ["keep", "change", "added"]
    status, out = run(capsys, "import", "--catalog", str(catalog), str(upload))
    assert status == 0
    assert out.splitlines()[-1] == "nothing to publish: the catalogue already holds exactly this"
    status, out = run(capsys, "history", "--catalog", str(catalog))
    lines = out.splitlines()
    assert [line[:6] for line in lines] == ["     1", "*    2"]
    assert "Li Wei" in lines[1]
    assert "1 added, 0 changed, 2 unchanged" in lines[1]
    status, out = run(capsys, "rollback", "1", "--catalog", str(catalog), "--author", "Li Wei")
    assert status == 0
    assert out.startswith("version 1 restored as version 3")
    assert ids(catalog) == ["keep", "change"]
    status, out = run(capsys, "rollback", "7", "--catalog", str(catalog))
    assert status == 1
    assert out.strip() == "not rolled back: there is no version 7; 'history' lists the versions"


def test_replace_removes_sites_not_in_the_files(
    catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upload = write(tmp_path / "u.geojson", make_site(id="only"))
    status, out = run(capsys, "import", "--replace", "--catalog", str(catalog), str(upload))
    assert status == 0
    assert "- keep\n- change\n" in out
    assert ids(catalog) == ["only"]


@pytest.mark.parametrize(
    ("content", "status", "last_line"),
    [
        (b"\x00\x01binary", 2, "1 error(s): nothing was published"),
        (json.dumps(feature_collection([make_site(id="Bad Id")])).encode(), 1,
         "1 error(s): nothing was published"),
    ],
)
def test_import_with_problems_publishes_nothing(
    catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, status: int,
    last_line: str,
) -> None:
    before = (catalog / "sites.geojson").read_bytes()
    upload = tmp_path / "u.geojson"
    upload.write_bytes(content)
    got, out = run(capsys, "import", "--catalog", str(catalog), str(upload))
    assert (got, out.splitlines()[-1]) == (status, last_line)
    assert (catalog / "sites.geojson").read_bytes() == before


def test_history_of_a_catalogue_never_published(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "history", "--catalog", str(catalog))
    assert status == 0
    assert out.startswith("no versions yet")


def test_an_unknown_crs_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--crs", "mercator", "x.geojson"])
    assert exited.value.code == 2
    assert "'mercator' is not a coordinate system this tool knows" in capsys.readouterr().err


def test_gcj02_import_lands_on_the_wgs84_point(
    catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    amap_point = make_site(id="amap-point", lon=106.6335680016, lat=26.6363307855)  # GCJ-02 of 106.63, 26.64
    upload = write(tmp_path / "amap.geojson", amap_point)
    status, _ = run(capsys, "import", "--crs", "gcj02", "--catalog", str(catalog), str(upload))
    assert status == 0
    site = load_catalog(catalog).sites.loc["amap-point"]
    assert (site["lon"], site["lat"]) == pytest.approx((106.63, 26.64), abs=1e-6)


def test_an_import_whose_audit_line_cannot_be_written_says_it_was_published(
    catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards against "not published" and exit 1 after the catalogue had in fact changed."""
    (catalog / ".audit.jsonl").mkdir()  # the log cannot be appended to
    upload = write(tmp_path / "new.geojson", make_site(id="new-site"))
    status = main(["import", "--catalog", str(catalog), "--author", "Li Wei", str(upload)])
    captured = capsys.readouterr()
    assert status == 0
    assert "published version 2 to" in captured.out
    assert "not published" not in captured.out
    assert captured.err.startswith(
        "warning: version 2 was published and is in 'history' with its author, but its audit log "
        "line was not written: the audit log")
    assert "new-site" in ids(catalog)


@pytest.mark.usefixtures("cheap_hashes")
@pytest.mark.parametrize(
    ("argv", "stdin", "status", "output"),
    [
        (["add", "Li Wei"], "a long enough password\n", 0, "account 'Li Wei' added"),
        (["add", "Li Wei"], "short\n", 1, "not added: a password needs at least 10 characters"),
        (["add", " Li"], "a long enough password\n", 1, "not added: an account name cannot be empty"),
        (["remove", "Nobody"], "", 1, "there is no account 'Nobody'"),
        (["list"], "", 0, ""),
    ],
)
def test_staff_accounts_from_the_command_line(
    catalog: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    argv: list[str], stdin: str, status: int, output: str,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert main(["staff", "--catalog", str(catalog), *argv]) == status
    assert capsys.readouterr().out.startswith(output)


@pytest.mark.usefixtures("cheap_hashes")
def test_staff_add_list_remove_and_the_shared_password_migration(
    catalog: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("王芳's own password\n"))
    assert main(["staff", "--catalog", str(catalog), "add", "王芳"]) == 0
    monkeypatch.setenv("ECOSITES_STAFF_PASSWORD", "the old shared password")
    assert main(["staff", "--catalog", str(catalog), "add", "staff", "--from-env"]) == 0
    capsys.readouterr()
    assert main(["staff", "--catalog", str(catalog), "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["staff", "王芳"]
    accounts = FileCatalogStore(catalog).staff_accounts()
    assert verify_password(accounts["staff"], "the old shared password")
    assert main(["staff", "--catalog", str(catalog), "--author", "Admin", "remove", "王芳"]) == 0
    assert list(FileCatalogStore(catalog).staff_accounts()) == ["staff"]
    monkeypatch.setenv("ECOSITES_AUTHOR", "Root")
    assert main(["staff", "--catalog", str(catalog), "add", "staff", "--from-env"]) == 0
    audited = [(e["author"], e["action"], e["account"]) for e in FileCatalogStore(catalog).audit_entries()]
    assert audited[-2:] == [("Admin", "staff-remove", "王芳"), ("Root", "staff-password", "staff")]
    assert "the old shared password" not in (catalog / ".audit.jsonl").read_text(encoding="utf-8")
