"""Search: Chinese, pinyin with or without spaces and tones, English, misspellings; ranking; CLI."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import pytest

from ecosites import schema, search
from ecosites.__main__ import main
from ecosites.catalog import empty_sites, load_catalog
from ecosites.filters import Criteria, filter_sites
from ecosites.search import compact, english_pinyin, fold, rank_sites, search_fields, syllables
from tests.conftest import make_site, write_catalog

SITES = [
    make_site(id="guanshanhu-park", name_en="Guanshanhu Park", name_zh="观山湖公园",
              highlight_en="675 plant species; egrets and herons.", highlight_zh="675 种植物。"),
    make_site(id="qianling-park", name_en="Qianling Mountain Park", name_zh="黔灵山公园"),
    make_site(id="hongfeng-lake", name_en="Hongfeng Lake", name_zh="红枫湖",
              category="green-industry"),
    make_site(id="baihua-lake", name_en="Baihua Lake", name_zh="百花湖"),
    make_site(id="huaxi-wetland", name_en="Guiyang Huaxi National Urban Wetland Park",
              name_zh="花溪国家城市湿地公园"),
    make_site(id="geological-museum", name_en="Geological Museum of Guizhou",
              name_zh="贵州省地质博物馆"),
    make_site(id="nanming-jiaxiu", name_en="Nanming River / Jiaxiu Pavilion",
              name_zh="南明河 / 甲秀楼"),
    make_site(id="guiyang-forest", name_en="Guiyang Forest Park", name_zh="贵阳森林公园"),
    make_site(id="qingyan-town", name_en="", name_zh="青岩古镇"),
]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> gpd.GeoDataFrame:
    """The sites above, loaded through the real catalogue loader."""
    directory = tmp_path_factory.mktemp("search") / "geodata"
    write_catalog(directory, SITES)
    catalog = load_catalog(directory)
    assert catalog.problems == []
    return catalog.sites


@pytest.mark.parametrize(("query", "best"), [
    ("观山湖", "guanshanhu-park"),
    ("观山湖公园", "guanshanhu-park"),
    ("guanshanhu", "guanshanhu-park"),
    ("guan shan hu", "guanshanhu-park"),
    ("GuanShanHu", "guanshanhu-park"),
    ("guānshānhú", "guanshanhu-park"),
    ("guan1 shan1 hu2", "guanshanhu-park"),
    ("ＧＵＡＮＳＨＡＮＨＵ", "guanshanhu-park"),
    ("gshgy", "guanshanhu-park"),
    ("Guanshanhu Park", "guanshanhu-park"),
    ("Guanshan Lake", "guanshanhu-park"),
    ("guanshan lake park", "guanshanhu-park"),
    ("Guanshanhu Prak", "guanshanhu-park"),
    ("Quanshanhu", "guanshanhu-park"),
    ("观山胡", "guanshanhu-park"),
    ("黔灵山", "qianling-park"),
    ("qianlingshan", "qianling-park"),
    ("Qianlin Mountan", "qianling-park"),
    ("Hongfen Lake", "hongfeng-lake"),
    ("hong feng hu", "hongfeng-lake"),
    ("Geologcal Musem", "geological-museum"),
    ("贵州省地质博物馆", "geological-museum"),
    ("甲秀楼", "nanming-jiaxiu"),
    ("jiaxiulou", "nanming-jiaxiu"),
    ("Jiaxu Pavilion", "nanming-jiaxiu"),
    ("Nanming River", "nanming-jiaxiu"),
    ("花溪湿地", "huaxi-wetland"),
    ("qingyan", "qingyan-town"),
    ("Qingyan Ancient Town", "qingyan-town"),
    ("egrets", "guanshanhu-park"),
    ("huaxi shidi", "huaxi-wetland"),
    ("guanshan gongyuan", "guanshanhu-park"),
    ("Huāxī shīdì", "huaxi-wetland"),
    ("jiaxiu lou", "nanming-jiaxiu"),
    ("hxgj", "huaxi-wetland"),
    ("jxl", "nanming-jiaxiu"),
])
def test_best_match(sites: gpd.GeoDataFrame, query: str, best: str) -> None:
    assert rank_sites(sites, query)[0] == best


@pytest.mark.parametrize(("query", "expected"), [
    ("Guanshanhu Park", ["guanshanhu-park"]),
    ("Hongfen Lake", ["hongfeng-lake"]),
    ("Guanshan Lake", ["guanshanhu-park"]),
    ("贵阳", ["guiyang-forest"]),
    ("Guiyang", ["guiyang-forest", "huaxi-wetland"]),
    ("lake", ["baihua-lake", "hongfeng-lake", "guanshanhu-park"]),
    ("湿地", ["huaxi-wetland"]),
    ("museum", ["geological-museum"]),
    ("xyzzy", []),
    ("!!!", []),
    ("a", []),  # one Latin letter: only names starting with it
    # equally good matches: the shorter name first, then catalogue order
    ("g", ["guanshanhu-park", "guiyang-forest", "geological-museum", "huaxi-wetland"]),
    ("湖", ["hongfeng-lake", "baihua-lake", "guanshanhu-park"]),
    ("huaxi shidi", ["huaxi-wetland"]),
    ("guanshan gongyuan", ["guanshanhu-park"]),
    ("gshgy", ["guanshanhu-park"]),
    ("senlin gongyuan", ["guiyang-forest"]),
    ("anshan gongyuan", []),  # a word never starts inside a syllable (guAN SHAN)
    ("shan gongyuan", ["qianling-park", "guanshanhu-park"]),  # the closer whole name first
])
def test_whole_result(sites: gpd.GeoDataFrame, query: str, expected: list[str]) -> None:
    """Regression: rapidfuzz WRatio scored any two names sharing one word ('Lake', 'Park')
    at 85.5, so 'Hongfen Lake' listed every lake and 'Guanshanhu Park' every park."""
    assert rank_sites(sites, query) == expected


RANKING_SITES = [  # listed worst first, so catalogue order cannot produce the expected order
    make_site(id="fuzzy", name_en="Baihau Lakes", name_zh="白化湖群"),
    make_site(id="words", name_en="Lakeside Trail", name_zh="湖滨步道",
              highlight_en="Starts near Baihua Lake."),
    make_site(id="contains", name_en="North Baihua Lake Trail", name_zh="北百花湖步道"),
    make_site(id="prefix", name_en="Baihua Lake Wetland", name_zh="百花湖湿地"),
    make_site(id="exact", name_en="Baihua Lake", name_zh="百花湖"),
]


@pytest.mark.parametrize("query", ["Baihua Lake", "baihua lake", "百花湖"])
def test_ranking_exact_prefix_contains_words_fuzzy(tmp_path: Path, query: str) -> None:
    write_catalog(tmp_path, RANKING_SITES)
    ranked = rank_sites(load_catalog(tmp_path).sites, query)
    expected = ["exact", "prefix", "contains", "words", "fuzzy"]
    if query == "百花湖":  # the English highlight does not apply; 白化湖群 sounds the same
        expected = ["exact", "prefix", "contains", "fuzzy"]
    assert ranked == expected


def test_pinyin_words_and_initials_rank_below_name_matches(tmp_path: Path) -> None:
    """A name spelt as typed beats a name the words only spell in pinyin or its initials."""
    write_catalog(tmp_path, [
        make_site(id="by-initials", name_en="", name_zh="华夏书店"),       # hxsd
        make_site(id="by-pinyin", name_en="", name_zh="花溪湿地"),         # huaxi shidi
        make_site(id="by-name", name_en="Huaxi Shidi", name_zh="测试"),
        make_site(id="named-hxsd", name_en="HXSD", name_zh="测试二"),
    ])
    sites = load_catalog(tmp_path).sites
    assert rank_sites(sites, "huaxi shidi")[:2] == ["by-name", "by-pinyin"]
    assert rank_sites(sites, "hxsd") == ["named-hxsd", "by-initials", "by-pinyin"]


def test_filter_sites_uses_the_ranking_within_other_filters(sites: gpd.GeoDataFrame) -> None:
    visible = filter_sites(sites, Criteria(categories=("urban-restoration",), text="lake"),
                           matcher=rank_sites)
    assert list(visible.index) == ["baihua-lake", "guanshanhu-park"]


def test_empty_catalogue_matches_nothing() -> None:
    assert rank_sites(empty_sites(), "lake") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Guān Shān Hú", "guan shan hu"),
    ("guan1shan1hu2", "guanshanhu"),
    ("ＧＵＡＮ", "guan"),
    ("Lǚ", "lu"),
    ("Eco-Village, No. 1", "eco village no 1"),
    ("南明河 / 甲秀楼", "南明河 甲秀楼"),
])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_the_never_combining_characters_never_combine() -> None:
    """fold skips dropping combining marks from text made of these only: none may be one."""
    assert [c for low, high in search.NEVER_COMBINING for c in range(low, high + 1)
            if unicodedata.combining(chr(c))] == []
    assert search._NEVER_COMBINING.fullmatch("\x00\u02ff\u3400\u4dbf\u4e00\u9fff")
    assert not search._NEVER_COMBINING.fullmatch("\u0300")


def test_plain_word_characters_are_left_as_they_are() -> None:
    """fold takes text of these only, one space apart, as folded already: each must be so."""
    ranges = [(ord(low), ord(high)) for low, high in
              re.findall(r"(.)-(.)", search.PLAIN_WORD_CHARS)]
    assert ranges == [(0x30, 0x39), (0x61, 0x7A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF)]
    changed = [c for low, high in ranges for c in map(chr, range(low, high + 1))
               if unicodedata.normalize("NFKC", c) != c or unicodedata.normalize("NFKD", c) != c
               or unicodedata.combining(c) or search._NOT_WORD.match(c)]
    assert changed == []


@pytest.mark.parametrize(("text", "plain"), [
    ("guanshan lake park 1", True), ("长坡岭生态茶园1号", True), ("a", True), ("\u3400\u9fff", True),
    ("", False), ("a  b", False), (" a", False), ("a ", False), ("a,b", False), ("\u33ff", False),
    ("\u4dc0", False), ("\ua000", False), ("\uf900", False), ("ǎ", False), ("Guanshan", False),
])
def test_which_text_is_plain(text: str, plain: bool) -> None:
    """The fast path's edge: fold skips normalising only text that needs none (after lower case)."""
    assert bool(search._PLAIN_WORDS.fullmatch(text)) is plain


# The plain fast path and its edges: the first text each side of it that must fold in full.
@pytest.mark.parametrize("text", [
    "花溪湿地公园12号", "湖\u302a", "e\u0301", "ａｂｃ花溪", "Ｇuān 湖", "〇",
    "Changpoling Ecological Tea Garden 1", "park1", "hua1xi2 a12", "a 1 b", "长坡岭生态茶园1号",
    "", " ", "a", "a  b", " a", "a ", "a\tb", "a,b", "a-b", "A B", "\u3400\u4dbf\u4e00\u9fff",
    "\u33ff", "\u4dc0", "\u4dff", "\ua000", "\uf900", "\ufaff", "İ", "ǎ", "Ⅻ", "¹", "ﬁ", "\u00a0a",
])
def test_fold_drops_combining_marks_as_one_pass_would(text: str) -> None:
    normal = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text.lower()))
    plain = "".join(c for c in normal if not unicodedata.combining(c))
    assert fold(text) == " ".join(search._NOT_WORD.sub(" ", search._TONE_DIGIT.sub("", plain)).split())


@pytest.mark.parametrize(("name_zh", "expected"), [
    ("观山湖公园", "guanshan lake park"),
    ("黔灵山公园", "qianling mountain park"),
    ("百花湖", "baihua lake"),
    ("花溪国家城市湿地公园", "huaxi national urban wetland park"),
    ("青岩古镇", "qingyan ancient town"),
    ("观山", "guanshan"),
    ("", ""),
])
def test_english_pinyin(name_zh: str, expected: str) -> None:
    assert english_pinyin(name_zh) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("观山湖", ["guan", "shan", "hu"]),
    ("绿色", ["lu", "se"]),
    ("Park 1号", ["hao"]),
    ("Park", []),
])
def test_syllables(text: str, expected: list[str]) -> None:
    assert syllables(text) == expected


def test_search_fields_of_a_two_part_name() -> None:
    """The initials ("nmh", "jxl") have their own column now, so they rank below name keys."""
    keys, english, hybrid, spoken, initials = search_fields("Nanming River / Jiaxiu Pavilion",
                                                            "南明河 / 甲秀楼")
    assert keys.strip("\x1f").split("\x1f") == [
        "nanmingriverjiaxiupavilion", "南明河甲秀楼", "南明河", "nanminghe", "nanmingriver",
        "甲秀楼", "jiaxiulou", "jiaxiupavilion",
    ]
    assert initials.strip("\x1f").split("\x1f") == ["nmh", "jxl"]
    assert (english, hybrid, spoken) == ("nanming river jiaxiu pavilion",
                                         "nanming river jiaxiu pavilion", "nan ming he jia xiu lou")


def test_catalogue_rows_carry_the_search_columns(sites: gpd.GeoDataFrame) -> None:
    row = sites.loc["guanshanhu-park"]
    assert row[schema.SEARCH_INITIALS] == "\x1fgshgy\x1f"
    assert (row[schema.SEARCH_EN], row[schema.SEARCH_HYBRID], row[schema.SEARCH_SYLLABLES]) == (
        "guanshanhu park", "guanshan lake park", "guan shan hu gong yuan")
    assert compact("guanshanhugongyuan") in row[schema.SEARCH_KEYS]


def test_search_command_prints_ids_best_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_catalog(tmp_path, SITES)
    assert main(["search", "--geodata", str(tmp_path), "Guiyang"]) == 0
    assert capsys.readouterr().out == (
        "guiyang-forest\tGuiyang Forest Park\t贵阳森林公园\n"
        "huaxi-wetland\tGuiyang Huaxi National Urban Wetland Park\t花溪国家城市湿地公园\n"
    )


@pytest.mark.parametrize(("argv", "code", "out_first_column"), [
    (["guan", "shan", "hu"], 0, ["guanshanhu-park"]),
    (["--limit", "1", "lake"], 0, ["baihua-lake"]),
    (["qingyan"], 0, ["qingyan-town"]),
    (["huaxi", "shidi"], 0, ["huaxi-wetland"]),
    (["guanshan gongyuan"], 0, ["guanshanhu-park"]),
    (["gshgy"], 0, ["guanshanhu-park"]),
    (["xyzzy"], 1, []),
])
def test_search_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                        code: int, out_first_column: list[str]) -> None:
    write_catalog(tmp_path, SITES)
    assert main(["search", "--geodata", str(tmp_path), *argv]) == code
    captured = capsys.readouterr()
    assert [line.split("\t")[0] for line in captured.out.splitlines()] == out_first_column
    if code == 1:
        assert captured.err == "no site matches 'xyzzy'\n"


def test_search_command_on_a_missing_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--geodata", str(tmp_path / "nowhere"), "lake"]) == 2
    assert "no sites could be loaded from" in capsys.readouterr().err
