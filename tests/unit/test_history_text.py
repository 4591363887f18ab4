"""History and audit entries in the page's language, written through the real store and intake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecosites.history_text import action_label, author_label, note_label
from ecosites.intake import Upload, prepare_edit, prepare_import, publish_plan
from ecosites.search import has_chinese
from ecosites.store import FileCatalogStore
from tests.conftest import feature_collection, make_site, write_catalog


@pytest.fixture
def store(tmp_path: Path) -> FileCatalogStore:
    """A catalogue found on disk, then an upload, an edit and a rollback through intake."""
    write_catalog(tmp_path, [make_site(id="keep")])  # written outside intake: recorded as 'found'
    files = FileCatalogStore(tmp_path)
    upload = Upload("new.geojson", json.dumps(feature_collection([make_site(id="new", lon=106.9)])).encode())
    publish_plan(prepare_import([upload], files), files, author="Li Wei")
    publish_plan(prepare_edit(files.snapshot(), "new", {"phone": "0851-1234567"}), files, author="Li Wei",
                 action="edit")
    files.rollback(2, author="Li Wei", expected_sha256=files.current_sha256())
    files.record("Li Wei", "sign-out")
    return files


def test_every_recorded_action_author_and_note_reads_in_chinese(store: FileCatalogStore) -> None:
    """Guards against the Chinese history showing what the store wrote in English."""
    versions = store.history()
    assert [v.action for v in versions] == ["found", "publish", "edit", "rollback"]
    shown = [(action_label(v.action, "zh"), author_label(v.author, "zh"), note_label(v.note, "zh"))
             for v in versions]
    assert shown == [
        ("发现（导入之外的更改）", "（未知：在员工导入之外更改）", "此次更改之前发现的目录"),
        ("发布", "Li Wei", "新增 1 · 修改 0 · 未变 1 · 移除 0 (new.geojson)"),
        ("编辑", "Li Wei", "新增 0 · 修改 1 · 未变 1 · 移除 0 (编辑表单)"),
        ("回滚", "Li Wei", "回滚到版本 2"),
    ]
    audit = [(action_label(str(e["action"]), "zh"), note_label(str(e.get("note", "")), "zh"))
             for e in store.audit_entries()]
    assert [action for action, _ in audit if not has_chinese(action)] == []
    assert [note for _, note in audit if note and not has_chinese(note)] == []


@pytest.mark.parametrize(("note", "expected"), [
    ("2 added, 1 changed, 11 unchanged, 0 removed", "2 added · 1 changed · 11 unchanged · 0 removed"),
    ("0 added, 0 changed, 3 unchanged, 1 removed (a (1).geojson)",
     "0 added · 0 changed · 3 unchanged · 1 removed (a (1).geojson)"),
    ("0 added, 1 changed, 2 unchanged, 0 removed (form)",
     "0 added · 1 changed · 2 unchanged · 0 removed (form)"),
    ("rolled back to version 7", "rolled back to version 7"),
    ("loaded from backup", "loaded from backup"),  # not ours: shown as written
    ("", ""),
])
def test_notes_in_english_keep_their_meaning(note: str, expected: str) -> None:
    assert note_label(note, "en") == expected


def test_an_unknown_action_is_shown_as_recorded() -> None:
    assert (action_label("merge", "zh"), action_label("sign-in", "zh")) == ("merge", "登录")
