"""Explore for a tourist (AppTest): open now in the panel, how to get there, the "Open on…" filter.

The clock is fixed with ECOSITES_NOW, so nothing depends on today's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest

from tests.app.conftest import markdown_text, run_app, shown_site_ids
from tests.conftest import make_site, write_catalog

WEDNESDAY_10 = "2026-12-02T10:00"  # Guiyang time
# Bundled sites with verified hours open on a Wednesday at 10:00 (Huaxi's wetland is open
# 24 hours; Guanshanhu, Qianling and the forest park say nothing of closed days).
OPEN_WEDNESDAY_10 = ["huaxi-wetland-park", "guanshanhu-park", "guizhou-geological-museum",
                     "qianling-park", "tianhetan", "guiyang-forest-park"]


@pytest.fixture
def clock(app_env: Callable[..., None]) -> None:
    app_env(now=WEDNESDAY_10)


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize(("lang", "opening", "header", "amap"), [
    ("en", "Open now · closes 17:00 · last entry 16:00", "**How to get there**", "Open in Amap"),
    ("zh", "正在开放 · 17:00 关闭 · 最晚入场 16:00", "**如何到达**", "在高德地图中打开"),
])
def test_panel_says_open_now_and_how_to_get_there(lang: str, opening: str, header: str,
                                                   amap: str) -> None:
    """The museum's panel: the open-now line with its colour class, links that open a new tab."""
    at = run_app({"site": "guizhou-geological-museum", "lang": lang})
    assert not at.exception
    text = markdown_text(at)
    assert f'class="eco-opening eco-opening--open">{opening}</p>' in text
    assert header in text
    links = next(m.value for m in at.markdown if 'class="eco-directions"' in m.value)
    assert links.count('target="_blank" rel="noopener noreferrer"') == 4
    assert f">{amap}</a>" in links
    assert "uri.amap.com/marker?position=106.6" in links


@pytest.mark.usefixtures("clock")
def test_panel_puts_the_metro_line_with_the_directions() -> None:
    at = run_app({"site": "huaxi-wetland-park"})
    text = markdown_text(at)
    assert text.index("**How to get there**") < text.index("**Nearest metro**: Huaxi Park")
    captions = re.sub(r"\\(.)", r"\1", " ".join(c.value for c in at.caption))
    assert "The position is approximate (within about 300 m)" in captions


@pytest.mark.usefixtures("clock")
def test_open_now_filter_keeps_open_sites_and_lists_unverified_hours_apart() -> None:
    """Off by default; "Open now" keeps the open sites, names the unverified ones on their own."""
    at = run_app()
    assert at.radio(key="explore.open_mode").value == "any"
    assert len(shown_site_ids(at)) == 15
    at.radio(key="explore.open_mode").set_value("now").run()
    assert sorted(shown_site_ids(at)) == sorted(OPEN_WEDNESDAY_10)
    assert at.query_params["open"] == "now"
    text = markdown_text(at)
    assert "6 of 15 sites" in text
    assert "8 more with hours not verified" in text
    assert "**Hours not verified**" in text
    assert "- Qingyan Ancient Town · 青岩古镇" in text
    assert "Xiaolanshan" not in text.split("**Hours not verified**")[1]  # under construction


@pytest.mark.usefixtures("clock")
def test_open_on_a_chosen_moment_comes_from_the_link_and_goes_back_into_it() -> None:
    """?open=2026-12-07T10:00 (a Monday): the museum is closed; the widgets show the moment."""
    at = run_app({"open": "2026-12-07T10:00", "lang": "zh"})
    assert not at.exception
    assert at.radio(key="explore.open_mode").value == "at"
    assert at.selectbox(key="explore.open_date").value == date(2026, 12, 7)
    assert at.selectbox(key="explore.open_time").value == time(10, 0)
    assert "guizhou-geological-museum" not in shown_site_ids(at)
    assert "另有 8 个开放时间未核实" in markdown_text(at)
    at.selectbox(key="explore.open_time").set_value(time(23, 0)).run()
    assert at.query_params["open"] == "2026-12-07T23:00"
    assert shown_site_ids(at) == ["huaxi-wetland-park"]  # open 24 hours


@pytest.mark.usefixtures("clock")
def test_a_bad_open_value_in_the_link_is_ignored_and_said() -> None:
    at = run_app({"open": "<b>soon</b>"})
    assert at.radio(key="explore.open_mode").value == "any"
    assert any("unrecognised opening time" in w.value for w in at.warning)


@pytest.mark.parametrize(("lang", "count", "header", "help_start", "names"), [
    ("en", "1 of 4 sites", "**Hours not verified**", "These sites match the other filters",
     ["- No Hours Park · 无时间公园", "- Doubtful Hall · 存疑馆"]),
    ("zh", "共 4 个示范点，显示 1 个", "**开放时间未核实**", "这些示范点符合其他筛选条件",
     ["- 无时间公园 · No Hours Park", "- 存疑馆 · Doubtful Hall"]),
])
def test_open_on_lists_unverified_hours_by_name_with_the_reason(
    app_env: Callable[..., None], tmp_path: Path, lang: str, count: str, header: str,
    help_start: str, names: list[str],
) -> None:
    """Unknown hours and hours the catalogue marks unverified are neither dropped nor counted open.

    They are named under "Hours not verified" with why, in the page's language; a site known
    to be closed then is left out; only the open one is on the map.
    """
    write_catalog(tmp_path, [
        make_site(id="all-day", name_en="All Day Garden", name_zh="全天园", hours="00:00-24:00",
                  closed_weekdays=[]),
        make_site(id="no-hours", name_en="No Hours Park", name_zh="无时间公园", hours=None,
                  closed_weekdays=None, lon=106.64),
        make_site(id="doubtful", name_en="Doubtful Hall", name_zh="存疑馆", hours="09:00-17:00",
                  closed_weekdays=[], unverified=["hours"], lon=106.65),
        make_site(id="early", name_en="Early Market", name_zh="早市", hours="06:00-09:00",
                  closed_weekdays=[], lon=106.66),
    ])
    app_env(geodata=str(tmp_path), now=WEDNESDAY_10)
    at = run_app({"open": "now", "lang": lang})
    assert not at.exception
    assert shown_site_ids(at) == ["all-day"]
    text = markdown_text(at)
    assert count in text
    section = text.split(header)[1]
    captions = " ".join(c.value for c in at.caption)
    assert help_start in captions
    assert [line for line in section.splitlines() if line.startswith("- ")][:2] == names
    assert "早市" not in section
    assert "Early Market" not in section


def test_a_long_hours_not_verified_list_is_capped_and_says_so(
    app_env: Callable[..., None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Guards against an endless page when many sites have unknown hours."""
    import components.site_list

    monkeypatch.setattr(components.site_list, "MAX_UNVERIFIED_NAMES", 2)
    write_catalog(tmp_path, [
        make_site(id=f"unknown-{n}", name_en=f"Unknown {n}", name_zh=f"未知{n}", hours=None,
                  closed_weekdays=None, lon=106.6 + n / 100) for n in range(3)])
    app_env(geodata=str(tmp_path), now=WEDNESDAY_10)
    at = run_app({"open": "now", "lang": "en"})
    assert not at.exception
    section = markdown_text(at).split("**Hours not verified**")[1]
    assert len([line for line in section.splitlines() if line.startswith("- ")]) == 2
    assert "The list shows the first 2 of 3 sites: search or filter to narrow it." in [
        c.value for c in at.caption]
