"""The file catalogue store: atomic publish, versions, rollback, conflicts, audit log, crashes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ecosites.catalog import load_catalog
from ecosites.store import (
    AUDIT_FILE,
    UNKNOWN_AUTHOR,
    VERSIONS_DIR,
    CatalogConflict,
    FileCatalogStore,
    StoreError,
    catalog_bytes,
    sha256_hex,
)
from tests.conftest import REPO, Clock, make_site, write_catalog


@pytest.fixture
def store(catalog_dir: Path) -> FileCatalogStore:
    write_catalog(catalog_dir, [make_site(id="old-site")])
    return FileCatalogStore(catalog_dir, clock=Clock())


def ids(directory: Path) -> list[str]:
    return list(load_catalog(directory).sites.index)


def test_publish_replaces_the_file_and_keeps_the_previous_one_as_a_version(store: FileCatalogStore) -> None:
    before = store.current_sha256()
    version = store.publish([make_site(id="new-site")], author="Li Wei", expected_sha256=before, note="n")
    assert ids(store.directory) == ["new-site"]
    assert [(v.number, v.author, v.action, v.site_count) for v in store.history()] == [
        (1, UNKNOWN_AUTHOR, "found", 1), (2, "Li Wei", "publish", 1)]
    assert store.history()[0].sha256 == before
    assert version.sha256 == store.current_sha256() == sha256_hex(store.path.read_bytes())
    assert version.time == "2025-07-05T09:02:00+00:00"
    assert sorted(p.name for p in (store.directory / VERSIONS_DIR).iterdir()) == [
        "index.jsonl", "v000001.geojson", "v000002.geojson"]


def test_versions_and_audit_log_never_show_up_as_sites(store: FileCatalogStore) -> None:
    """Guards against version files in the catalogue directory being loaded as duplicate sites."""
    store.publish([make_site(id="new-site")], author="a", expected_sha256=store.current_sha256())
    catalog = load_catalog(store.directory)
    assert list(catalog.sites.index) == ["new-site"]
    assert catalog.problems == []


def test_a_stale_preview_is_refused_and_nothing_changes(store: FileCatalogStore) -> None:
    """Guards against a lost update: someone published between this preview and publish."""
    previewed = store.current_sha256()
    store.publish([make_site(id="theirs")], author="other", expected_sha256=previewed)
    content = store.path.read_bytes()
    with pytest.raises(CatalogConflict, match="changed since you previewed it"):
        store.publish([make_site(id="mine")], author="me", expected_sha256=previewed)
    assert store.path.read_bytes() == content
    assert [v.author for v in store.history()] == [UNKNOWN_AUTHOR, "other"]


def test_rollback_restores_content_as_a_new_version(store: FileCatalogStore) -> None:
    original = store.path.read_bytes()
    store.publish([make_site(id="new-site")], author="a", expected_sha256=store.current_sha256())
    version = store.rollback(1, author="b")
    assert store.path.read_bytes() == original
    assert (version.number, version.action, version.note) == (3, "rollback", "rolled back to version 1")
    assert ids(store.directory) == ["old-site"]


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        ("missing", "there is no version 9"),
        ("tampered", "does not match its recorded SHA-256"),
    ],
)
def test_rollback_refuses_what_it_cannot_restore_faithfully(
    store: FileCatalogStore, damage: str, words: str
) -> None:
    store.publish([make_site(id="new-site")], author="a", expected_sha256=store.current_sha256())
    if damage == "tampered":
        (store.directory / VERSIONS_DIR / "v000001.geojson").write_text("{}")
    with pytest.raises(StoreError, match=words):
        store.rollback(9 if damage == "missing" else 1, author="b")


def test_a_hand_edit_between_publishes_is_kept_as_a_found_version(store: FileCatalogStore) -> None:
    store.publish([make_site(id="a-site")], author="a", expected_sha256=store.current_sha256())
    write_catalog(store.directory, [make_site(id="hand-edited")])
    store.publish([make_site(id="b-site")], author="b", expected_sha256=store.current_sha256())
    assert [(v.number, v.action) for v in store.history()] == [
        (1, "found"), (2, "publish"), (3, "found"), (4, "publish")]
    store.rollback(3, author="c")
    assert ids(store.directory) == ["hand-edited"]


def test_the_audit_log_is_append_only_json_lines(store: FileCatalogStore) -> None:
    store.record("Li Wei", "sign-in")
    store.publish([make_site(id="x")], author="Li Wei", expected_sha256=store.current_sha256(), note="n")
    store.rollback(1, author="Li Wei")
    lines = (store.directory / AUDIT_FILE).read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert [(e["author"], e["action"], e.get("version")) for e in entries] == [
        ("Li Wei", "sign-in", None), ("Li Wei", "publish", 2), ("Li Wei", "rollback", 3)]
    assert store.audit_entries() == entries


def test_published_files_keep_the_catalogues_permissions(store: FileCatalogStore) -> None:
    """Guards against mkstemp's private 0600 mode making the catalogue unreadable to the app."""
    store.path.chmod(0o644)
    store.publish([make_site(id="x")], author="a", expected_sha256=store.current_sha256())
    assert store.path.stat().st_mode & 0o777 == 0o644


def test_an_unreadable_catalogue_is_reported_not_merged(catalog_dir: Path) -> None:
    (catalog_dir / "sites.geojson").write_text("{not json", encoding="utf-8")
    snapshot = FileCatalogStore(catalog_dir).snapshot()
    assert snapshot.features == []
    assert "not a readable FeatureCollection" in snapshot.problem


def test_ids_in_other_catalogue_files_are_known(store: FileCatalogStore) -> None:
    write_catalog(store.directory, [make_site(id="elsewhere")], name="extra.geojson")
    assert store.snapshot().other_ids == {"elsewhere": "extra.geojson"}


CRASH_SCRIPT = """
import os, sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from ecosites.store import FileCatalogStore
from tests.conftest import make_site

def die(temporary: Path) -> None:
    assert temporary.read_bytes()  # the new content is on disk, not yet in place
    os._exit(137)  # as abrupt as SIGKILL: no cleanup, no finally blocks

store = FileCatalogStore(Path({directory!r}), before_replace=die)
store.publish([make_site(id="half-published")], author="crash", expected_sha256=store.current_sha256())
"""


def test_a_process_killed_mid_publish_leaves_the_previous_catalogue_intact(store: FileCatalogStore) -> None:
    """Guards against a torn or half-written catalogue after a crash between write and replace."""
    before: Any = store.path.read_bytes()
    script = CRASH_SCRIPT.format(repo=str(REPO), directory=str(store.directory))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120, check=False)
    assert result.returncode == 137, result.stderr.decode()
    assert store.path.read_bytes() == before
    assert ids(store.directory) == ["old-site"]
    leftovers = [p.name for p in store.directory.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1  # the orphaned temporary file, which the loader ignores
    version = store.publish([make_site(id="after-crash")], author="a", expected_sha256=store.current_sha256())
    assert [p.name for p in store.directory.iterdir() if p.name.endswith(".tmp")] == []
    assert (version.number, ids(store.directory)) == (2, ["after-crash"])


def test_catalogue_bytes_are_a_clean_feature_collection() -> None:
    data = json.loads(catalog_bytes([make_site(id="x", name_zh="测试")]))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    assert "测试" in catalog_bytes([make_site(name_zh="测试")]).decode()
    with pytest.raises(ValueError, match="not JSON compliant"):
        catalog_bytes([make_site(fee=float("nan"))])


def test_concurrent_publishers_wait_for_the_lock(store: FileCatalogStore) -> None:
    """A second store on the same directory cannot publish while the first holds the lock."""
    other = FileCatalogStore(store.directory, lock_timeout_s=0.01)
    with store._lock, pytest.raises(StoreError, match="another publish is in progress"):
        other.publish([make_site(id="x")], author="b", expected_sha256=other.current_sha256())
    assert ids(store.directory) == ["old-site"]


def test_pages_and_commands_get_the_store_from_settings(catalog_dir: Path) -> None:
    from ecosites.settings import load_settings
    from ecosites.store import open_store

    store = open_store(load_settings({}, {"ECOSITES_GEODATA": str(catalog_dir)}))
    assert isinstance(store, FileCatalogStore)
    assert store.location == str(catalog_dir / "sites.geojson")


def test_a_catalogue_that_cannot_be_written_is_a_plain_message(tmp_path: Path) -> None:
    """Guards against a traceback when the catalogue directory is not writable (here: a file)."""
    blocked = tmp_path / "geodata"
    blocked.write_text("a file where the directory should be")
    store = FileCatalogStore(blocked)
    with pytest.raises(StoreError, match="the catalogue cannot be written in"):
        store.publish([make_site()], author="a", expected_sha256=sha256_hex(None))
    with pytest.raises(StoreError, match=r"the audit log .* cannot be written"):
        store.record("a", "sign-in")


KILL_SCRIPT = """
import os, sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from ecosites.store import FileCatalogStore
from tests.conftest import make_site

def at(step: str) -> None:
    if step == {step!r}:
        os._exit(137)  # as abrupt as SIGKILL: no cleanup, no finally blocks

store = FileCatalogStore(Path({directory!r}), checkpoint=at, before_replace=lambda _: at("before-replace"))
store.publish([make_site(id="killed")], author="Li Wei", expected_sha256=store.current_sha256())
"""


@pytest.mark.parametrize(
    ("step", "published"),
    [
        ("content-saved", False),
        ("record-saved", False),
        ("before-replace", False),
        ("catalogue-replaced", True),
        ("indexed", True),
        ("before-audit", True),
    ],
)
def test_a_kill_at_any_step_never_leaves_an_unattributed_publish(
    store: FileCatalogStore, step: str, published: bool
) -> None:
    """Guards against a version credited to "unknown" (or missing) after a kill mid-publish."""
    store.publish([make_site(id="first")], author="Wang Fang", expected_sha256=store.current_sha256())
    script = KILL_SCRIPT.format(repo=str(REPO), directory=str(store.directory), step=step)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120, check=False)
    assert result.returncode == 137, result.stderr.decode()
    history = store.history()
    assert ids(store.directory) == (["killed"] if published else ["first"])
    assert history[-1].sha256 == store.current_sha256()  # what is there always has a version ...
    assert history[-1].author == ("Li Wei" if published else "Wang Fang")  # ... with its author
    store.publish([make_site(id="next")], author="Zhang Min", expected_sha256=store.current_sha256())
    after = store.history()
    assert [v.number for v in after] == list(range(1, len(after) + 1))
    assert UNKNOWN_AUTHOR not in [v.author for v in after[1:]]  # only the bundled original is "found"
    assert [v.author for v in after[2:]] == (["Li Wei", "Zhang Min"] if published else ["Zhang Min"])
    audited = [(e["author"], e.get("version")) for e in store.audit_entries()]
    assert audited[-1] == ("Zhang Min", after[-1].number)
    if published:  # a kill before the audit line: the next publish writes it, marked late
        assert ("Li Wei", after[-2].number) in audited


def test_an_audit_log_that_cannot_be_written_still_reports_the_publish(
    store: FileCatalogStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards against "not published" when the catalogue had in fact changed."""
    from ecosites.store import NotRecorded

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise StoreError("the audit log cannot be written: No space left on device")

    monkeypatch.setattr(store, "record", full_disk)
    with pytest.raises(NotRecorded, match="No space left") as raised:
        store.publish([make_site(id="new")], author="Li Wei", expected_sha256=store.current_sha256())
    assert raised.value.version.number == 2
    assert ids(store.directory) == ["new"]
    assert store.history()[-1].author == "Li Wei"
