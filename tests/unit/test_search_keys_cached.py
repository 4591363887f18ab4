"""The search keys a load derives with its caches are the keys derived from scratch, name by name.

Guards against the load's shortcuts (pinyin segmented once per run of Chinese characters,
generic words stripped once per name, English-pinyin keys derived once per
Chinese characters and syllables, a name part's keys once per runs of Chinese) changing
what a search finds.
"""

from __future__ import annotations

import json

from pypinyin import Style, lazy_pinyin
from pypinyin.seg.simpleseg import seg

from benchmarks.generate import synthetic_features
from ecosites import schema, search
from ecosites.catalog import catalog_files
from ecosites.paths import BUNDLED_GEODATA
from ecosites.search import has_chinese, search_fields, syllables

# Runs next to other scripts and digits, 〇, a character outside the basic plane, a
# full-width letter, a character with two readings, a name in two parts, nothing at all.
EDGE_TEXTS = ("", "Park", "花溪123号", "〇", "\U00020000湖", "ａｂｃ花溪", "重庆长江", "南明河 / 甲秀楼",
              "绿色", "观山湖公园1号", "1号\n公园", "Hú 湖 hu")


def _bundled_names() -> list[tuple[str, str]]:
    names = []
    for path in catalog_files(BUNDLED_GEODATA):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            properties = feature["properties"]
            names.append((properties.get(schema.NAME_EN, ""), properties.get(schema.NAME_ZH, "")))
    return names


NAMES = [*_bundled_names(),
         *((f["properties"][schema.NAME_EN], f["properties"][schema.NAME_ZH])
           for f in synthetic_features(500)),
         *(("", text) for text in EDGE_TEXTS)]


def _syllables_from_scratch(text: str) -> list[str]:
    """The syllables as pypinyin gives them for the whole text, with no cache of ours."""
    spoken = []
    for word in seg(text):
        if has_chinese(word):
            spoken += [s.replace("ü", "u") for s in lazy_pinyin(word, style=Style.NORMAL, v_to_u=True)
                       if s.isalpha() and s.replace("ü", "u").isascii()]
    return spoken


def _clear_caches() -> None:
    for cached in (search._word_pinyin, search._run_syllables, search._stripped_generic,
                   search._english_keys, search._part_keys):
        cached.cache_clear()


def test_the_names_include_bundled_and_generated_ones() -> None:
    assert len(NAMES) > 500 + len(EDGE_TEXTS)
    assert any(has_chinese(zh) for _, zh in NAMES[:-500 - len(EDGE_TEXTS)])


def test_syllables_run_by_run_are_pypinyins_for_the_whole_text() -> None:
    texts = [text for name in NAMES for text in name]
    assert [text for text in texts if syllables(text) != _syllables_from_scratch(text)] == []
    assert syllables("南明河 / 甲秀楼") == ["nan", "ming", "he", "jia", "xiu", "lou"]


def test_search_fields_do_not_depend_on_what_was_derived_before() -> None:
    """Each name's keys with cold caches equal its keys amid a whole catalogue, in either order."""
    fresh = []
    for name_en, name_zh in NAMES:
        _clear_caches()
        fresh.append(search_fields(name_en, name_zh))
    _clear_caches()
    assert [search_fields(en, zh) for en, zh in NAMES] == fresh
    assert [search_fields(en, zh) for en, zh in reversed(NAMES)] == fresh[::-1]
