"""The staff page in Chinese, section by section: no message, label, option or table text in English."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from ecosites import schema, state
from ecosites.store import FileCatalogStore
from tests.app.conftest import APP_TIMEOUT_S
from tests.conftest import REPO, feature_collection, make_site, write_catalog

AUTHORS = ("Li Wei", "Wang Fang")
# Names and codes that are the same in every language: formats, systems, units, property names.
TECHNICAL = re.compile("|".join([
    r"GeoJSON|GeoPackage|Shapefile|KML|GPX|GPS|SHA-256|WGS-84|GCJ-02|BD-09|EPSG|UTC|OpenStreetMap|MB",
    r"field_notes|https?://|\d{4}-\d\d-\d\dT[\d:+]+|[0-9a-f]{16}|\b[a-z]+(?:-[a-z0-9]+)*\.geojson\b",
    *sorted(schema.PROPERTY_NAMES, key=len, reverse=True)]))
LABELLED = ("button", "checkbox", "radio", "selectbox", "text_input", "text_area", "number_input",
            "expander")
MESSAGES = ("title", "subheader", "markdown", "caption", "error", "warning", "info", "success", "text")


@pytest.fixture
def catalog(tmp_path: Path, app_env: Callable[..., None]) -> Path:
    """Two sites whose names are Chinese only, so any English left on the page is the page's own."""
    directory = tmp_path / "geodata"
    write_catalog(directory, [_site("keep", "保留点"), _site("change", "旧名", lon=106.70)])
    app_env(geodata=str(directory), staff_password="not used")
    return directory


def _site(site_id: str, name_zh: str, **overrides: Any) -> dict[str, Any]:
    return make_site(id=site_id, name_en="", name_zh=name_zh, **overrides)


def shown_texts(at: AppTest) -> list[str]:
    """What the page shows as text: messages, widget labels and options, table headers and cells."""
    found = [str(e.value) for kind in MESSAGES for e in getattr(at, kind)]
    found += [str(e.label) for kind in LABELLED for e in getattr(at, kind)]
    found += [str(o) for kind in ("radio", "selectbox") for e in getattr(at, kind) for o in e.options]
    found += [str(e.proto.label) for e in at.get("download_button")]
    for table in at.dataframe:
        found += [str(c) for c in table.value.columns]
        found += [str(v) for row in table.value.astype(str).values.tolist() for v in row]
    return found


def in_english(texts: list[str], data: tuple[str, ...]) -> list[str]:
    """The texts with an English word left once data (ids, authors) and technical names are taken out."""
    english = []
    for text in texts:
        rest = TECHNICAL.sub(" ", text)
        for token in data:
            rest = rest.replace(token, " ")
        if re.search(r"[A-Za-z]{3,}", rest):
            english.append(text)
    return english


def assert_all_chinese(at: AppTest, *data: str) -> None:
    assert not at.exception
    assert in_english(shown_texts(at), (*AUTHORS, "keep", "change", "new-one", "theirs", *data)) == []


def test_the_scan_finds_english() -> None:
    """The check below is only as good as this."""
    texts = ["发布", "Published version 3", "已登录：Li Wei。", "下载 GeoJSON 模板",
             "新增 1 (new-one.geojson)", "Mark done", "版本 2 · found"]
    assert in_english(texts, (*AUTHORS, "new-one")) == ["Published version 3", "Mark done", "版本 2 · found"]


def test_every_staff_section_speaks_chinese(catalog: Path) -> None:
    """Guards against staff messages, tables and labels left in English on the Chinese staff page."""
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
    at.session_state[state.STAFF_SIGNED_IN] = True
    at.session_state[state.STAFF_AUTHOR] = "Li Wei"
    at.session_state[state.LANG] = "zh"
    at.run()
    at.switch_page("pages/staff.py").run()
    assert_all_chinese(at)

    no_accuracy = _site("new-one", "新点", lon=106.9)
    del no_accuracy["properties"]["coordinate_accuracy_m"]
    data = json.dumps(feature_collection([no_accuracy])).encode()
    at.file_uploader[0].set_value(("new-one.geojson", data, "application/geo+json")).run()
    assert at.dataframe[0].value["状态"].tolist() == ["有效（有警告）"]
    assert_all_chinese(at)

    store = FileCatalogStore(catalog)
    store.publish([_site("theirs", "他们的点")], author="Wang Fang", expected_sha256=store.current_sha256())
    at.button(key=state.STAFF_PUBLISH).click().run()  # a real conflict
    assert at.error[0].value.startswith("未发布")
    assert_all_chinese(at)
    at.button(key=state.STAFF_UPLOAD_PREVIEW_AGAIN).click().run()
    assert_all_chinese(at)
    at.button(key=state.STAFF_PUBLISH).click().run()
    assert at.success[0].value.startswith("已发布版本")
    assert_all_chinese(at)

    at.radio(key=state.STAFF_SECTION).set_value("edit").run()
    assert_all_chinese(at)
    field = next(w for w in at.text_input if str(w.key).endswith(".phone"))
    field.input("0851-1234567")
    store.publish([*store.snapshot().features, _site("later", "后来的点", lon=106.8)], author="Wang Fang",
                  expected_sha256=store.current_sha256())
    next(b for b in at.button if b.label == "检查并发布").click().run()  # another real conflict
    assert_all_chinese(at, "later")
    at.button(key=state.STAFF_EDIT_PREVIEW_AGAIN).click().run()
    next(b for b in at.button if b.label == "检查并发布").click().run()
    assert at.success[0].value.startswith("已发布版本")
    assert_all_chinese(at, "later")

    at.radio(key=state.STAFF_SECTION).set_value("history").run()
    at.selectbox(key=state.STAFF_ROLLBACK_VERSION).set_value(1).run()
    at.checkbox(key=state.STAFF_ROLLBACK_CONFIRM).check().run()
    at.button(key=state.STAFF_ROLLBACK).click().run()
    assert_all_chinese(at, "later")  # versions found, published, edited and rolled back

    store.add_report("keep", "hours", "周一不开")
    at.radio(key=state.STAFF_SECTION).set_value("reports").run()
    assert_all_chinese(at, "later")
    next(b for b in at.button if b.label == "标记为已处理").click().run()
    assert_all_chinese(at, "later")
