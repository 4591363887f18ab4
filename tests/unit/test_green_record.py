"""The green record: the bundled file's figures and their sources, the forum's dates, bad files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ecosites.green_record import (
    GREEN_RECORD_FILE,
    Edition,
    GreenRecordError,
    Pair,
    featured_edition,
    format_day_range,
    format_figure,
    forum_status,
    forum_when,
    load_green_record,
    parse_green_record,
    share_figures,
    sites_by_category,
    source_labels,
    timeline,
)
from ecosites.i18n import format_number
from ecosites.vocab import CATEGORY_SLUGS
from tests.conftest import REPO

BUNDLED = REPO / "geodata" / GREEN_RECORD_FILE
BROCHURE = " ".join((REPO / "docs" / "reference" / "brochure.txt").read_text(encoding="utf-8").split())
RECORD = load_green_record(BUNDLED)


def raw() -> dict[str, Any]:
    """A fresh copy of the bundled file's JSON, to break in one place."""
    return copy.deepcopy(json.loads(BUNDLED.read_text(encoding="utf-8")))


def every_sourced_item() -> list[tuple[str, tuple[str, ...]]]:
    """(what, its source ids) for everything the page states."""
    forum = RECORD.forum
    items: list[tuple[str, tuple[str, ...]]] = [
        *((f"intro {n}", p.sources) for n, p in enumerate(RECORD.intro)),
        *((f"recognition {r.id}", r.sources) for r in RECORD.recognitions),
        ("figures intro", RECORD.figures_intro.sources),
        *((f"figure {f.id}", f.sources) for f in RECORD.figures),
        *((f"site kind {k.category}", k.sources) for k in RECORD.site_kinds),
        *((f"forum history {m.year}", m.sources) for m in forum.history),
        ("forum about", forum.about.sources), ("consensus", forum.consensus.sources),
        *((f"edition {e.id}", e.sources) for e in forum.editions),
        *((f"venue fact {n}", p.sources) for n, p in enumerate(forum.venue_facts)),
        ("contact", RECORD.contact.sources),
    ]
    return items


def test_every_item_on_the_page_names_a_known_source() -> None:
    """Guards against a figure or fact shown without its source."""
    items = every_sourced_item()
    assert len(items) == 25
    assert [what for what, ids in items if not ids or not set(ids) <= set(RECORD.sources)] == []


@pytest.mark.parametrize(("figure_id", "value", "shown_en", "shown_zh"), [
    ("water-compliance", 100, "100%", "100%"),
    ("pocket-parks", 10, "10", "10"),
    ("greening-coverage", 42.06, "42.06%", "42.06%"),
    ("park-per-person", 14.85, "14.85 m²", "14.85 平方米"),
    ("forest-coverage", 55.03, "55.03%", "55.03%"),
    ("good-air-days", 99.5, "99.5%", "99.5%"),
])
def test_the_2024_figures_are_the_brochures(figure_id: str, value: float, shown_en: str,
                                            shown_zh: str) -> None:
    figure = next(f for f in RECORD.figures if f.id == figure_id)
    assert (figure.value, figure.year, figure.sources) == (value, 2024, ("brochure",))
    assert (format_figure(figure, "en"), format_figure(figure, "zh")) == (shown_en, shown_zh)


def test_every_brochure_figure_appears_in_the_brochure_text() -> None:
    """Guards against an invented or mistyped figure: each value, as shown, is in the source text."""
    for figure in RECORD.figures:
        assert figure.sources == ("brochure",)
        assert format_number(figure.value, "en", figure.decimals) in BROCHURE, figure.id
    for needle in ("107 rivers", "6 centralized drinking water sources", "In 2023", "In 2024",
                   "In 2009", "in 2013", "from July 5 to 6", "Guiyang Consensus",
                   "0851-87989151, 0851-87988619", "http://wsb.english.guiyang.gov.cn/",
                   RECORD.forum.editions[0].theme.en):
        assert needle in BROCHURE, needle


def test_no_national_figure_is_shown_because_no_source_gives_one() -> None:
    """The reference material has no national comparison figure, so the record holds none."""
    text = BUNDLED.read_text(encoding="utf-8").lower()
    assert "national average" not in text
    assert "nationwide average" not in text
    assert {f.unit for f in RECORD.figures} <= {"percent", "count", "m2_per_person"}


def test_site_kinds_cover_the_three_categories_in_order() -> None:
    assert tuple(k.category for k in RECORD.site_kinds) == CATEGORY_SLUGS


def test_timeline_and_shares() -> None:
    assert [(e.year, e.label.en) for e in timeline(RECORD)] == [
        (2009, "Eco-Forum Guiyang begins"), (2013, "Upgraded to Eco Forum Global"),
        (2023, "Demonstration Area title"), (2024, "UN “Cities With Nature”"), (2025, "EFG 2025")]
    assert [f.id for f in share_figures(RECORD)] == [
        "water-compliance", "greening-coverage", "forest-coverage", "good-air-days"]


def test_source_labels_name_each_source_once() -> None:
    assert source_labels(RECORD, ["brochure", "brochure"], "en") == "Guiyang Foreign Affairs Office brochure"
    assert source_labels(RECORD, ["gygov-2018", "ce-2017"], "zh") == (
        "贵阳市政府英文网站（2018年）、中国经济网（2017年）")


def edition(start: date, end: date, name: str = "EFG") -> Edition:
    text = Pair(name, name)
    return Edition(name.lower(), text, text, start, end, text, text, ("brochure",))


EFG_2025 = RECORD.forum.editions[0]


@pytest.mark.parametrize(("today", "status"), [
    (date(2025, 1, 1), "upcoming"),
    (date(2025, 7, 4), "upcoming"),
    (date(2025, 7, 5), "ongoing"),
    (date(2025, 7, 6), "ongoing"),
    (date(2025, 7, 7), "past"),
    (date(2031, 3, 1), "past"),
])
def test_forum_status_follows_the_injected_date(today: date, status: str) -> None:
    assert (EFG_2025.start, EFG_2025.end) == (date(2025, 7, 5), date(2025, 7, 6))
    assert forum_status(EFG_2025, today) == status


@pytest.mark.parametrize(("today", "lang", "sentence"), [
    (date(2025, 6, 1), "en", "Eco Forum Global Guiyang 2025 is scheduled for 5–6 July 2025."),
    (date(2025, 7, 5), "en", "Eco Forum Global Guiyang 2025 is scheduled for 5–6 July 2025: "
                             "today is one of its days."),
    (date(2025, 7, 7), "en", "Eco Forum Global Guiyang 2025 was scheduled for 5–6 July 2025. "
                             "Later forums are not yet in this page's sources."),
    (date(2025, 6, 1), "zh", "生态文明贵阳国际论坛2025年年会定于2025年7月5日至6日举行。"),
    (date(2025, 7, 6), "zh", "生态文明贵阳国际论坛2025年年会定于2025年7月5日至6日举行，今天正在会期内。"),
    (date(2026, 12, 2), "zh", "生态文明贵阳国际论坛2025年年会的会期为2025年7月5日至6日。"
                              "本页资料来源尚未收录此后的论坛。"),
])
def test_the_forum_sentence_never_calls_a_past_forum_upcoming(today: date, lang: str,
                                                               sentence: str) -> None:
    assert forum_when(EFG_2025, today, lang) == sentence


OLD = edition(date(2024, 7, 5), date(2024, 7, 6), "Old")
NEXT = edition(date(2026, 7, 4), date(2026, 7, 5), "Next")
LATER = edition(date(2027, 7, 3), date(2027, 7, 4), "Later")


@pytest.mark.parametrize(("editions", "today", "expected"), [
    ((OLD, NEXT, LATER), date(2025, 1, 1), NEXT),   # the next to come, not the one after
    ((LATER, NEXT, OLD), date(2026, 7, 5), NEXT),   # on its last day
    ((OLD, NEXT), date(2030, 1, 1), NEXT),          # all past: the latest
    ((OLD,), date(2024, 7, 5), OLD),
    ((), date(2025, 1, 1), None),
])
def test_featured_edition(editions: tuple[Edition, ...], today: date, expected: Edition | None) -> None:
    assert featured_edition(editions, today) == expected


@pytest.mark.parametrize(("start", "end", "lang", "text"), [
    (date(2025, 7, 5), date(2025, 7, 6), "en", "5–6 July 2025"),
    (date(2025, 7, 5), date(2025, 7, 6), "zh", "2025年7月5日至6日"),
    (date(2025, 6, 30), date(2025, 7, 1), "en", "30 June 2025 to 1 July 2025"),
    (date(2025, 12, 31), date(2026, 1, 1), "zh", "2025年12月31日至2026年1月1日"),
    (date(2025, 7, 5), date(2025, 7, 5), "en", "5 July 2025"),
])
def test_format_day_range(start: date, end: date, lang: str, text: str) -> None:
    assert format_day_range(start, end, lang) == text


def test_sites_by_category_keeps_catalogue_order() -> None:
    rows = [("a", "green-industry", Pair("A", "甲")), ("b", "urban-restoration", Pair("B", "乙")),
            ("c", "green-industry", Pair("C", "丙"))]
    assert sites_by_category(rows) == {"green-industry": [("a", Pair("A", "甲")), ("c", Pair("C", "丙"))],
                                       "urban-restoration": [("b", Pair("B", "乙"))]}


def _drop_figure_source(d: dict[str, Any]) -> None:
    del d["figures"][2]["source"]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets one value, addressed like 'figures.2.value'."""
    def change(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = d
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


@pytest.mark.parametrize(("change", "message"), [
    (_drop_figure_source, "figures[2] (greening-coverage): missing 'source'"),
    (_set("figures.2.source", ""), "figures[2] (greening-coverage): 'source' must name a source id"),
    (_set("figures.2.source", []), "figures[2] (greening-coverage): 'source' must name a source id"),
    (_set("figures.2.source", "a-blog"), "figures[2] (greening-coverage): unknown source 'a-blog'"),
    (_set("forum.venue_facts.0.source", ["gygov-2018", "nowhere"]),
     "forum.venue_facts[0]: unknown source 'nowhere'"),
    (_set("figures.2.label_zh", " "), "(greening-coverage): 'label_zh' must be a non-empty string"),
    (_set("figures.2.value", 142.06), "figures[2] (greening-coverage): a percentage cannot exceed 100"),
    (_set("figures.2.value", "42.06"), "'value' must be a number"),
    (_set("figures.2.value", True), "'value' must be a number"),
    (_set("figures.2.value", 42.061), "'value' 42.061 has more decimals than 'decimals' (2)"),
    (_set("figures.2.unit", "hectares"), "'unit' must be one of percent, count, m2_per_person"),
    (_set("figures.2.year", "2024"), "'year' must be a year between 1900 and 2100"),
    (_set("figures.2.national", 37.0), "unknown field(s) 'national'"),
    (_set("figures.2.detail_zh", ""), "'detail' must be given in both languages or in neither"),
    (_set("figures.1.id", "water-compliance"), "figures: duplicate id 'water-compliance'"),
    (_set("recognitions.0.year", 1800), "recognitions[0] (demonstration-area): 'year' must be a year"),
    (_set("site_kinds.0.category", "parks"), "site_kinds[0] (parks): 'category' must be one of"),
    (_set("forum.editions.0.end", "2025-07-04"), "forum.editions[0] (efg-2025): 'end' is before 'start'"),
    (_set("forum.editions.0.start", "5 July 2025"), "'start' must be a date as YYYY-MM-DD"),
    (_set("contact.website", "wsb.english.guiyang.gov.cn"), "contact: 'website' must start with http"),
    (_set("contact.phones", ["0851-87989151", "call us"]), "contact: 'phones' must be numbers"),
    (_set("sources.0.url", "javascript:alert(1)"), "sources[0] (brochure): 'url' must be null or start"),
    (_set("sources.1.id", "brochure"), "sources: duplicate id 'brochure'"),
    (_set("figures", []), "figures: must be a non-empty list"),
    (_set("forum", "EFG"), "forum: must be an object"),
])
def test_a_bad_file_is_refused_naming_the_item_and_field(change: Callable[[dict[str, Any]], None],
                                                        message: str) -> None:
    data = raw()
    change(data)
    with pytest.raises(GreenRecordError) as caught:
        parse_green_record(data)
    assert str(caught.value).startswith(f"{GREEN_RECORD_FILE}: ")
    assert message in str(caught.value)


def test_invalid_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / GREEN_RECORD_FILE
    path.write_text('{"sources": [\n  {"id": "brochure",}\n]}', encoding="utf-8")
    with pytest.raises(GreenRecordError, match=r"green_record.json: not valid JSON at line 2, column 21"):
        load_green_record(path)


def test_the_bundled_file_round_trips_unchanged() -> None:
    """The loader accepts exactly what is committed (and a copy of it parses the same)."""
    assert parse_green_record(raw()) == RECORD
