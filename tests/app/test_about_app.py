"""The green record page as a user sees it, in both languages (AppTest)."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ecosites import state
from tests.app.conftest import APP_TIMEOUT_S, run_page
from tests.conftest import REPO, make_site, write_catalog

PAGE = "pages/about.py"


def run_about(query: dict[str, str] | None = None) -> AppTest:
    return run_page(PAGE, query)


def blocks(at: AppTest) -> list[str]:
    """The page's HTML blocks (not its stylesheet, nor the document script for title and language)."""
    return [e.proto.body for e in at.get("html")
            if not e.proto.body.startswith(("<style>", "<script>"))]


def html_bodies(at: AppTest) -> str:
    return " ".join(blocks(at))


def page_text(at: AppTest) -> str:
    """What the page says in its HTML blocks, tags removed and entities undone."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_bodies(at)))
    return html.unescape(re.sub(r" ([,.:;)])", r"\1", text))


def links(at: AppTest) -> dict[str, str]:
    """Page links shown: label -> query string."""
    return {link.proto.label: link.proto.query_string for link in at.get("page_link")}


def metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(re.sub(r"\\(.)", r"\1", m.label), m.value) for m in at.metric]


@pytest.mark.usefixtures("app_env")
def test_english_page_shows_the_figures_with_their_sources() -> None:
    at = run_about({"lang": "en"})
    assert at.title[0].value == "Guiyang's green record"
    assert [h.value for h in at.header] == [
        "Recognitions", "The 2024 figures", "Three kinds of demonstration site", "Eco Forum Global Guiyang",
        "Contact", "Sources"]
    assert metrics(at) == [("Water-quality compliance", "100%"), ("Pocket parks built", "10"),
                           ("Greening coverage", "42.06%"), ("Park and green space per person", "14.85 m²"),
                           ("Forest coverage", "55.03%"), ("Days of good air", "99.5%")]
    text = page_text(at)
    assert text.count("2024 · Source: Guiyang Foreign Affairs Office brochure") == len(at.metric)
    assert "in 107 rivers, the national and provincial monitoring sections, and 6 centralized" in text
    assert "2023 · National Ecological Civilization Demonstration Area · 国家生态文明建设示范区" in text
    assert "Year not given · Beautiful Rivers and Lakes: the Nanming River" in text
    assert ("The timeline in words: 2009: Eco-Forum Guiyang begins; 2013: Upgraded to Eco Forum Global; "
            "2023: Demonstration Area title; 2024: UN “Cities With Nature”; 2025: EFG 2025.") in text
    assert ("The chart in words: Water-quality compliance 100%; Greening coverage 42.06%; "
            "Forest coverage 55.03%; Days of good air 99.5%.") in text
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert [c["description"] for c in charts] == [
        "2009: Eco-Forum Guiyang begins; 2013: Upgraded to Eco Forum Global; 2023: Demonstration Area "
        "title; 2024: UN “Cities With Nature”; 2025: EFG 2025",
        "Water-quality compliance 100%; Greening coverage 42.06%; Forest coverage 55.03%; "
        "Days of good air 99.5%"]


@pytest.mark.usefixtures("app_env")
def test_the_forum_is_dated_and_the_venue_and_planner_are_linked() -> None:
    at = run_about({"lang": "en"})
    text = page_text(at)
    assert "The latest forum" in [h.value for h in at.subheader]  # EFG 2025 ended on 6 July 2025
    assert "Eco Forum Global Guiyang 2025 was scheduled for 5–6 July 2025." in text
    assert "is scheduled for" not in text
    assert ("“Harmonious Coexistence Between Humans and Nature—Global Collaborative Development for "
            "Green Transformation”") in text
    assert "One of its outcomes of international influence is the Guiyang Consensus." in text
    assert "Guiyang International Eco-Conference Center · 贵阳国际生态会议中心" in text
    assert "Hosted Eco Forum Global sessions in 2016, 2017 and 2018." in text
    assert "Source: Guiyang government (2018), China Economic Net (2017)" in text
    assert links(at) == {
        "Show these 10 sites on the map": "cat=urban-restoration&lang=en",
        "Show this site on the map": "cat=green-industry&lang=en",
        "Show these 4 sites on the map": "cat=conservation-history&lang=en",
        "Show the venue on the map": "site=eco-conference-center&lang=en",
        "Plan a programme around the venue": "from=efg&lang=en",
    }


@pytest.mark.usefixtures("app_env")
def test_the_contact_block_is_the_brochures() -> None:
    at = run_about({"lang": "en"})
    text = page_text(at)
    assert ("Guiyang Foreign Affairs Office · 贵阳市外事办公室 Address: A-3F, Administration Center II, "
            "Guanshanhu District, Guiyang, Guizhou Province, China Phone: 0851-87989151, 0851-87988619 "
            "English website: http://wsb.english.guiyang.gov.cn/ Source: Guiyang Foreign Affairs "
            "Office brochure") in text
    bodies = html_bodies(at)
    assert 'href="tel:+8685187989151"' in bodies
    assert 'href="tel:+8685187988619"' in bodies
    assert 'href="http://wsb.english.guiyang.gov.cn/"' in bodies


@pytest.mark.usefixtures("app_env")
def test_chinese_page_with_english_originals_marked() -> None:
    at = run_about({"lang": "zh"})
    assert at.title[0].value == "贵阳生态文明建设"
    assert [h.value for h in at.header] == [
        "所获荣誉", "2024年数据", "三类生态示范点", "生态文明贵阳国际论坛", "联系方式", "资料来源"]
    assert metrics(at)[3] == ("人均公园绿地面积", "14.85 平方米")
    text = page_text(at)
    assert text.count("2024年 · 来源：贵阳市外事办公室宣传册") == 6
    assert "生态文明贵阳国际论坛2025年年会的会期为2025年7月5日至6日。" in text
    assert "Guiyang Foreign Affairs Office brochure" not in text
    bodies = html_bodies(at)
    # Text in the other language carries its own lang; each block says it is Chinese.
    assert '<span lang="en" class="eco-other">Eco Forum Global Guiyang</span>' in bodies
    assert '<span lang="en" class="eco-other">Guanshanhu Park</span>' in bodies
    assert bodies.count('<div lang="zh-Hans">') == len(blocks(at))
    assert links(at)["在地图上查看会址"] == "site=eco-conference-center&lang=zh"
    assert links(at)["以会址为起点规划参观行程"] == "from=efg&lang=zh"


@pytest.mark.usefixtures("app_env")
def test_english_page_marks_chinese_names() -> None:
    bodies = html_bodies(run_about({"lang": "en"}))
    assert '<span lang="zh-Hans" class="eco-other">观山湖公园</span>' in bodies
    assert "生态文明贵阳国际论坛" in bodies


@pytest.mark.usefixtures("app_env")
def test_the_plan_link_keeps_the_stops_already_chosen() -> None:
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
    at.query_params["lang"] = "en"
    at.switch_page(PAGE)
    at.run()
    at.session_state[state.PLAN_QUERY] = {"plan": "guanshanhu-park,qianling-park", "mode": "walk"}
    at.run()
    assert links(at)["Plan a programme around the venue"] == (
        "plan=guanshanhu-park%2Cqianling-park&mode=walk&from=efg&lang=en")


@pytest.mark.usefixtures("app_env")
def test_links_from_here_apply_even_after_the_explorer_was_visited() -> None:
    """Regression: the explorer reads its link once per session, so a category link from this page
    was ignored by a session that had opened the explorer before."""
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
    at.run()
    assert at.session_state[state.URL_APPLIED]
    at.switch_page(PAGE).run()
    at.query_params["cat"] = "green-industry"
    at.switch_page("pages/explore.py").run()
    assert at.multiselect(key=state.FILTER_CATEGORIES).value == ["green-industry"]
    at.switch_page(PAGE).run()
    at.query_params["from"] = "efg"
    at.switch_page("pages/plan.py").run()
    assert at.selectbox(key="plan.w.start_kind").value == "venue"


@pytest.fixture
def own_catalogue(tmp_path: Path, app_env: Callable[..., None]) -> Path:
    """A catalogue directory without the forum's venue, pointed at by ECOSITES_GEODATA."""
    directory = tmp_path / "geodata"
    write_catalog(directory, [make_site(id="museum", name_en="Museum", name_zh="博物馆",
                                        category="conservation-history")])
    for extra in ("categories.json", "tags.json"):
        shutil.copy(REPO / "geodata" / extra, directory / extra)
    app_env(geodata=str(directory))
    return directory


@pytest.mark.usefixtures("own_catalogue")
def test_without_the_venue_the_page_says_so_and_lists_what_there_is() -> None:
    at = run_about({"lang": "en"})
    assert [i.value for i in at.info] == [
        "The venue is not in the current catalogue, so it cannot be shown on the map."]
    text = page_text(at)
    assert "No site of this kind is in the catalogue yet." in text
    assert "Museum · 博物馆" in text
    assert set(links(at)) == {"Show this site on the map", "Plan a programme around the venue"}


def test_a_broken_record_in_the_catalogue_directory_is_an_error_on_the_page(own_catalogue: Path) -> None:
    data = json.loads((REPO / "geodata" / "green_record.json").read_text(encoding="utf-8"))
    del data["figures"][0]["source"]
    (own_catalogue / "green_record.json").write_text(json.dumps(data), encoding="utf-8")
    at = run_about({"lang": "en"})
    assert [e.value for e in at.error] == [
        "The green record file could not be read, so this page cannot be shown: green_record.json: "
        "figures[0] (water-compliance): missing 'source'"]
    assert not at.metric


@pytest.mark.parametrize(("now", "heading"), [("2025-07-01T10:00", "The next forum"),
                                              ("2025-07-05T10:00", "The forum now"),
                                              ("2025-07-07T10:00", "The latest forum")])
def test_the_forum_heading_follows_ecosites_now(app_env: Callable[..., None], now: str,
                                                heading: str) -> None:
    """Guards against the about page reading the machine's clock: ECOSITES_NOW fixes its 'today'."""
    app_env(now=now)
    at = run_about({"lang": "en"})
    assert heading in [h.value for h in at.subheader]


def test_a_kind_lists_its_first_sites_and_counts_them_all(
        own_catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``LISTED_PER_KIND`` names a kind says how many more there are; its link counts them all."""
    import components.about_sites

    monkeypatch.setattr(components.about_sites, "LISTED_PER_KIND", 2)
    write_catalog(own_catalogue, [make_site(id=f"s{k}", name_en=f"Site {k}", name_zh=f"点{k}",
                                            category="green-industry") for k in range(5)])
    at = run_about({"lang": "en"})
    text = page_text(at)
    assert "5 site(s) in the catalogue:" in text
    assert "Site 0" in text
    assert "Site 1" in text
    assert "Site 2" not in text
    assert "…and 3 more, all on the map." in text
    assert any("5" in label for label in links(at))
