"""A Chinese detail panel writes each label with the full-width colon "：", never "label:"."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from ecosites.i18n import t
from tests.app.conftest import markdown_text, run_app
from tests.conftest import make_site, write_catalog

# A site with every labelled field filled, so each label is drawn once.
FULL_SITE = make_site(
    id="full-site", status="under-construction", status_note_zh="仍在施工。",
    fee=20, visit_minutes=90, website="https://example.org/site", phone="0851-12345678",
    address_en="1 Test Road", address_zh="测试路1号", tags=["park"],
    last_entry="16:00",
    transit={"station_en": "Test Station", "station_zh": "测试站", "line_en": "Metro Line 1",
             "line_zh": "地铁1号线", "lon": 106.631, "lat": 26.641, "source": "test-source"},
)

PANEL_LABELS = ("detail.category", "detail.status", "detail.hours", "detail.fee",
                "detail.visit_minutes", "detail.website", "detail.phone", "detail.address",
                "detail.district", "detail.tags", "detail.transit")


@pytest.fixture(scope="module")
def zh_panel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Markdown of the full site's panel in Chinese (warnings included), rendered once."""
    directory = tmp_path_factory.mktemp("geodata")
    write_catalog(directory, [FULL_SITE])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ECOSITES_TILES", "none")
        patch.setenv("ECOSITES_GEODATA", str(directory))
        patch.setenv("ECOSITES_NOW", "2026-12-02T10:00")
        at: AppTest = run_app({"site": "full-site", "lang": "zh"})
        assert not at.exception
        yield markdown_text(at) + "\n" + "\n".join(w.value for w in at.warning)


@pytest.mark.parametrize("key", PANEL_LABELS)
def test_chinese_panel_label_takes_the_full_width_colon(zh_panel: str, key: str) -> None:
    """Guards against "**状态:** 在建": every label the panel shows is followed by "："."""
    label = t(key, "zh")
    assert f"**{label}**：" in zh_panel
    assert not re.search(re.escape(label) + r"(\*\*)?:", zh_panel)


def test_chinese_panel_has_no_ascii_colon_after_chinese_text(zh_panel: str) -> None:
    """A catch-all for labels added later: Chinese text, maybe bold, then an ASCII colon."""
    assert not re.findall(r"[\u4e00-\u9fff][*）)]*:", zh_panel)
