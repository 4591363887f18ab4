"""Finding sites by Chinese, pinyin (with or without spaces and tones) and English, misspelt or not.

Everything that depends only on a site is computed once, when the catalogue loads
(``add_search_columns``): the name keys in several spellings and the strings fuzzy
matching compares. A query then costs a few vectorised substring tests and one
rapidfuzz ``cdist`` per target column, about 25 ms at 10,000 sites.

Ranking, best first: a name spelt exactly as typed, a name starting with it, a name
containing it, every word of it found in the names or highlights, every pinyin word of
it spelling whole syllables of the name ('huaxi shidi'), the pinyin initials of a name
('gshgy'), then similar names (rapidfuzz ``partial_ratio``). Within a tier: higher fuzzy
score, then the name closest to the whole query, then catalogue order.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import RE_HANS
from pypinyin.seg.simpleseg import seg
from rapidfuzz import fuzz, process

from ecosites import schema

# Generic place words at the end of a Chinese name and their English, so that
# 观山湖公园 is also found as "Guanshan Lake Park" and 黔灵山公园 as "Qianling Mountain Park".
GENERIC_TERMS: dict[str, str] = {
    "国家": "national",
    "城市": "urban",
    "湿地": "wetland",
    "公园": "park",
    "森林": "forest",
    "古镇": "ancient town",
    "博物馆": "museum",
    "中心": "centre",
    "湖": "lake",
    "山": "mountain",
    "河": "river",
    "江": "river",
    "村": "village",
    "楼": "pavilion",
    "寺": "temple",
    "潭": "pool",
    "洞": "cave",
}
MIN_STEM_CHARS = 2  # 观山湖 keeps 观山 as its name, not 观 + "mountain"
# rapidfuzz partial_ratio, 0-100. WRatio was tried and rejected: it gives 85.5 to any two
# names sharing one word ("Hongfen Lake" ~ "Aha Lake National Wetland Park").
FUZZY_CUTOFF = 85.0
MIN_FUZZY_CHARS = 3
MIN_INFIX_CHARS = 2  # one Latin letter only matches names that start with it
SEPARATOR = "\x1f"  # between keys in the search-keys column; never typed

EXACT, PREFIX, CONTAINS, WORDS, PINYIN_WORDS, INITIALS, FUZZY = range(7)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TONE_DIGIT = re.compile(r"(?<=[a-z])[1-5]")
_NAME_PARTS = re.compile(r"[/／|]")
# Characters none of which combines (tests/unit/test_search.py checks each against
# unicodedata): Latin up to the combining diacritics, and the CJK ideographs.
NEVER_COMBINING = ((0x0000, 0x02FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF))
_NEVER_COMBINING = re.compile(
    "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in NEVER_COMBINING) + "]*")
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Words of these characters, one space apart: text that normalising, dropping combining marks
# and punctuation, and spacing all leave as it is (tests/unit/test_search.py checks each
# character against unicodedata). Not the compatibility ideographs: NFKC changes them.
PLAIN_WORD_CHARS = "0-9a-z\u3400-\u4dbf\u4e00-\u9fff"
_PLAIN_WORDS = re.compile(f"[{PLAIN_WORD_CHARS}]+(?: [{PLAIN_WORD_CHARS}]+)*")
# A run of the characters pypinyin gives readings to: its own pattern (``^(?:[...])+$``)
# without the anchors, so text splits into runs exactly where pypinyin's ``seg`` splits it.
_HANS_RUN = re.compile(RE_HANS.pattern.removeprefix("^").removesuffix("$"))


def fold(text: str) -> str:
    """Lower case, full-width to ASCII, tone marks and tone digits removed, punctuation to spaces."""
    text = text.lower()
    if _PLAIN_WORDS.fullmatch(text):  # most names: only the tone digits can go
        return _TONE_DIGIT.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
        if not _NEVER_COMBINING.fullmatch(text):  # most Chinese names: nothing to drop
            text = "".join(c for c in text if not unicodedata.combining(c))
    text = _TONE_DIGIT.sub("", text)
    return " ".join(_NOT_WORD.sub(" ", text).split())


def compact(text: str) -> str:
    """``fold`` without spaces: 'Guān Shān Hú' -> 'guanshanhu'."""
    return fold(text).replace(" ", "")


def has_chinese(text: str) -> bool:
    """True when the text contains a Chinese character."""
    return bool(_CJK.search(text))


@functools.lru_cache(maxsize=65_536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    if not has_chinese(word):
        return ()
    spoken = lazy_pinyin(word, style=Style.NORMAL, v_to_u=True)
    return tuple(s.replace("ü", "u") for s in spoken if s.isalpha() and s.replace("ü", "u").isascii())


@functools.lru_cache(maxsize=131_072)
def _run_syllables(run: str) -> tuple[str, ...]:
    """The syllables of one run of Chinese characters, segmented into words as pypinyin does."""
    return tuple(s for word in seg(run) for s in _word_pinyin(word))


def syllables(text: str) -> list[str]:
    """Toneless pinyin syllables of the Chinese in ``text`` ('ü' as 'u'); other characters are dropped."""
    # pypinyin's seg splits text into runs of Chinese and of other characters, then splits
    # each Chinese run into words; the runs between give no syllables (_word_pinyin). So
    # the same syllables come run by run, and a run is segmented once per catalogue however
    # many names share it (most names are a place and a kind: 花溪 + 湿地公园 + a number).
    return [s for run in _HANS_RUN.findall(text) for s in _run_syllables(run)]


@functools.lru_cache(maxsize=65_536)
def _stripped_generic(chars: str) -> tuple[str, tuple[str, ...]]:
    stem, tail = _strip_generic(chars)
    return stem, tuple(tail)


def _strip_generic(chars: str) -> tuple[str, list[str]]:
    """Generic words off the end of a name: '观山湖公园' -> ('观山', ['lake', 'park'])."""
    tail: list[str] = []
    stripped = True
    while stripped:
        stripped = False
        for term, english in GENERIC_TERMS.items():
            if chars.endswith(term) and len(chars) - len(term) >= MIN_STEM_CHARS:
                chars = chars[: -len(term)]
                tail.insert(0, english)
                stripped = True
                break
    return chars, tail


def english_pinyin(name_zh: str, spoken: Sequence[str] | None = None) -> str:
    """'观山湖公园' -> 'guanshan lake park': generic words at the end in English, the rest in pinyin.

    ``spoken`` may pass the name's syllables when already known (one per character).
    """
    chars = "".join(_CJK.findall(name_zh))
    stem, tail = _stripped_generic(chars)
    spoken = syllables(chars) if spoken is None else spoken
    stem_spoken = spoken[: len(stem)] if len(spoken) == len(chars) else syllables(stem)
    return " ".join(["".join(stem_spoken), *tail]) if stem_spoken else " ".join(tail)


@functools.lru_cache(maxsize=65_536)
def _english_keys(chars: str, spoken: tuple[str, ...]) -> tuple[str, str]:
    """(``english_pinyin``, its ``compact`` form) of a name's Chinese characters and syllables.

    Both depend only on these, not on the digits or Latin letters between: most names are a
    place, a kind and a number (花溪湿地公园12号), so a catalogue derives each once per kind.
    """
    english = english_pinyin(chars, spoken)
    return english, compact(english)


def _joined(keys: Iterable[str]) -> str:
    unique = [k for k in dict.fromkeys(keys) if k]
    return SEPARATOR + SEPARATOR.join(unique) + SEPARATOR


class _PartKeys(NamedTuple):
    """What a name part's search keys take from its Chinese alone."""

    spoken: tuple[str, ...]
    joined: str  # the syllables without spaces
    english: str
    compact_english: str
    initials: str


@functools.lru_cache(maxsize=65_536)
def _part_keys(runs: tuple[str, ...]) -> _PartKeys:
    """The keys of a name part from its runs of Chinese characters (``_HANS_RUN``).

    They hold every Chinese character of the part (each ``_CJK`` one is a ``_HANS_RUN``
    one), so the syllables, English-pinyin and initials follow from them alone, and a
    catalogue derives them once per place and kind, whatever the numbers between.
    """
    spoken = tuple(s for run in runs for s in _run_syllables(run))
    english, compact_english = _english_keys("".join(_CJK.findall("".join(runs))), spoken)
    return _PartKeys(spoken, "".join(spoken), english, compact_english,
                     "".join([s[0] for s in spoken]))


def search_fields(name_en: str, name_zh: str) -> tuple[str, str, str, str, str]:
    """A site's search keys (``schema.SEARCH_COLUMNS``), derived from its names alone.

    Name keys, folded English, English-pinyin, syllables and initials: the one place
    they are made, so a prepared catalogue can compute them once per site and keep them.
    """
    folded_en = fold(name_en)
    compact_en = folded_en.replace(" ", "")
    compact_zh = compact(name_zh)
    keys = [compact_en, compact_zh]
    hybrid: list[str] = []
    spoken_all: list[str] = []
    initials: list[str] = []
    parts_zh = _NAME_PARTS.split(name_zh)  # 南明河 / 甲秀楼 is two names
    for part in parts_zh:
        found = _part_keys(tuple(_HANS_RUN.findall(part)))
        spoken_all += found.spoken
        hybrid.append(found.english)
        # fold is the costliest step here: a name of one part is not folded twice.
        keys += [compact_zh if len(parts_zh) == 1 else compact(part), found.joined,
                 found.compact_english]
        initials.append(found.initials)
    parts_en = _NAME_PARTS.split(name_en)
    keys += [compact_en] if len(parts_en) == 1 else [compact(part) for part in parts_en]
    return (_joined(keys), folded_en, " ".join(h for h in hybrid if h), " ".join(spoken_all),
            _joined(initials))


def site_search_text(name_en: str, name_zh: str, highlight_en: str, highlight_zh: str) -> str:
    """A site's ``schema.SEARCH_TEXT``: names and highlights, lower case, one per line."""
    return "\n".join((name_en, name_zh, highlight_en, highlight_zh)).lower()


def add_search_text(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add ``schema.SEARCH_TEXT`` and the precomputed search columns in place."""
    sites[schema.SEARCH_TEXT] = _text_column(
        [site_search_text(*texts) for texts in zip(
            sites[schema.NAME_EN], sites[schema.NAME_ZH],
            sites[schema.HIGHLIGHT_EN], sites[schema.HIGHLIGHT_ZH], strict=True)], sites.index)
    return add_search_columns(sites)


def _text_column(values: list[str], index: pd.Index) -> pd.Series:
    """Text as pandas' Arrow-backed ``str`` column, where substring search runs in C.

    Built through pyarrow: pandas checks each value of a list on its own, five to ten
    times slower at 100,000 sites.
    """
    return pd.Series(pd.array(pa.array(values, type=pa.large_string()), dtype="str"), index=index)


def add_search_columns(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add the precomputed search columns (``schema.SEARCH_COLUMNS``) in place."""
    fields = [search_fields(en, zh) for en, zh in
              zip(sites[schema.NAME_EN].tolist(), sites[schema.NAME_ZH].tolist(), strict=True)]
    for position, column in enumerate(schema.SEARCH_COLUMNS):
        sites[column] = _text_column([row[position] for row in fields], sites.index)
    return sites


def _contains(column: pd.Series, needle: str) -> np.ndarray:
    return np.asarray(column.str.contains(needle, regex=False).to_numpy(dtype=bool))


def _pinyin_words(spoken: pd.Series, query: str) -> np.ndarray:
    """True where every word of ``query`` spells one or more whole syllables of the name in a row.

    'huaxi shidi' matches hua xi guo jia cheng shi shi di gong yuan; a word may end inside
    a syllable ('huax'), but never starts inside one ('anshan' does not match guan shan).
    Spaces in the column stand only between syllables, so optional spaces between the
    word's letters let it run across syllables and nowhere else.
    """
    found = np.ones(len(spoken), dtype=bool)
    for word in query.split():
        if len(word) < MIN_INFIX_CHARS:
            return np.zeros(len(spoken), dtype=bool)
        pattern = "(?:^| )" + " ?".join(re.escape(letter) for letter in word)
        found &= np.asarray(spoken.str.contains(pattern, regex=True).to_numpy(dtype=bool))
    return found


def _best_scores(queries: Iterable[str], column: Sequence[str], scorer: Callable[..., float]) -> np.ndarray:
    targets = list(column)
    best = np.zeros(len(targets))
    for query in queries:
        if not query:
            continue
        scores = process.cdist([query], targets, scorer=scorer, processor=None,
                               score_cutoff=FUZZY_CUTOFF, dtype=np.float32)[0]
        best = np.maximum(best, scores)
    return best


def _closeness(query: str, search_en: Sequence[str], names_zh: Sequence[str]) -> np.ndarray:
    """How much of a whole name the query is, per site (given their folded English and Chinese names).

    'Guiyang' is closer to 'Guiyang Forest Park' than to 'Guiyang Huaxi National Urban Wetland Park'.
    """
    if not len(search_en):
        return np.zeros(0)
    english = process.cdist([query], search_en, scorer=fuzz.ratio, processor=None)[0]
    chinese = process.cdist([query.replace(" ", "")], names_zh, scorer=fuzz.ratio, processor=None)[0]
    return np.asarray(np.maximum(english, chinese), dtype=float)


def fuzzy_scores(text: str, search_en: Sequence[str], search_hybrid: Sequence[str],
                 search_syllables: Sequence[str]) -> np.ndarray:
    """Each site's fuzzy similarity to ``text``, 0 under ``FUZZY_CUTOFF`` (given its search columns)."""
    query = fold(text)
    if len(query.replace(" ", "")) < MIN_FUZZY_CHARS:
        return np.zeros(len(search_en))
    fuzzy = np.maximum(_best_scores([query], search_en, fuzz.partial_ratio),
                       _best_scores([query], search_hybrid, fuzz.partial_ratio))
    spoken = " ".join(syllables(text)) if has_chinese(text) else ""
    if len(spoken.split()) >= 2:  # one syllable would match half the catalogue
        fuzzy = np.maximum(fuzzy, _best_scores([spoken], search_syllables, fuzz.token_set_ratio))
    return np.asarray(fuzzy, dtype=float)


def rank_sites(sites: gpd.GeoDataFrame, text: str) -> list[str]:
    """Ids of the sites matching ``text``, best first (a ``TextMatcher``)."""
    query = fold(text)
    key = query.replace(" ", "")
    if not key or not len(sites):
        return []
    keys = sites[schema.SEARCH_KEYS]
    tier = np.full(len(sites), FUZZY + 1)
    in_keys = _contains(keys, key)
    if len(key) >= MIN_INFIX_CHARS or has_chinese(key):
        tier[in_keys] = CONTAINS
        words = np.ones(len(sites), dtype=bool)
        haystack = sites[schema.SEARCH_TEXT]
        for word in text.lower().split():
            words &= _contains(haystack, word)
        tier[(tier > WORDS) & words] = WORDS
    if query.isascii() and len(key) >= MIN_INFIX_CHARS:
        if " " in query:  # one word is a substring of the joined syllables: CONTAINS has it
            tier[(tier > PINYIN_WORDS) & _pinyin_words(sites[schema.SEARCH_SYLLABLES], query)] = (
                PINYIN_WORDS)
        tier[(tier > INITIALS) & _contains(sites[schema.SEARCH_INITIALS], SEPARATOR + key)] = (
            INITIALS)
    # A prefix or the whole of a name key contains the key: only those rows are looked at again.
    holding = np.flatnonzero(in_keys)
    if len(holding):
        among = keys.iloc[holding]
        tier[holding[_contains(among, SEPARATOR + key)]] = PREFIX
        tier[holding[_contains(among, SEPARATOR + key + SEPARATOR)]] = EXACT

    search_en = sites[schema.SEARCH_EN].tolist()
    fuzzy = fuzzy_scores(text, search_en, sites[schema.SEARCH_HYBRID].tolist(),
                         sites[schema.SEARCH_SYLLABLES].tolist())
    tier[(tier > FUZZY) & (fuzzy >= FUZZY_CUTOFF)] = FUZZY
    matched = np.flatnonzero(tier <= FUZZY)
    names_zh = sites[schema.NAME_ZH].to_numpy(dtype=object)[matched].tolist()
    closeness = _closeness(query, [search_en[row] for row in matched], names_zh)
    order = np.lexsort((matched, -closeness, -fuzzy[matched], tier[matched]))
    ids: Sequence[str] = sites.index[matched[order]].tolist()
    return [str(site_id) for site_id in ids]
