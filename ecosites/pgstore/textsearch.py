"""Free-text search in the database: search keys kept per site, and a prefilter that loses nothing.

At publish each marker row gets the search keys ``ecosites/search.py`` derives (the same
``search_fields`` and ``site_search_text`` the file store calls). A text query then keeps,
in SQL, only the rows that *could* reach one of ``rank_sites``' tiers, and the application
ranks those few with ``rank_sites`` itself, so the answer is the file store's.

Each tier's SQL condition is implied by the tier's own test (a superset, never a subset):

- exact, prefix, contains: the key is a substring of the name keys (``LIKE``, which the
  trigram index serves);
- words: every word is in the names and highlights; pinyin words: the same regular
  expression on the syllables; initials: the same substring test;
- fuzzy (rapidfuzz ``partial_ratio`` >= ``FUZZY_CUTOFF``, query as the needle): the score
  allows at most ``E = floor(0.3 * len(query))`` insertions and deletions against some
  window of the name, each of which breaks at most two of the query's two-character
  pieces, so at least ``pieces - 2E`` of the query's distinct pieces occur in the name
  (``fuzzy_bigrams``, a GIN index). A name no longer than the query is the needle
  instead, and such rows are always kept (``fuzzy_shortest``);
- fuzzy on syllables (``token_set_ratio`` of a Chinese query): a score of the cutoff
  needs either the site's distinct syllables to be short enough (``syllable_chars``) or
  them to include a set of the query's syllables that alone reaches the cutoff.

The fuzzy conditions still let many rows through (a short query shares a few pieces with
many names), so those rows' fuzzy scores are computed first on three short columns with
the ranking's own ``fuzzy_scores`` (``candidates_condition``), and only rows that reach a
tier are fetched whole and ranked.

Light on import: pypinyin and rapidfuzz come in with ``ecosites.search`` when used.
"""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import psycopg

# Columns of site_markers the application computes at publish, with their SQL types.
SEARCH_COLUMNS_SQL: dict[str, str] = {
    "search_keys": "text", "search_text": "text", "search_en": "text", "search_hybrid": "text",
    "search_syllables": "text", "search_initials": "text", "highlight_en": "text", "highlight_zh": "text",
    "fuzzy_bigrams": "integer[]", "fuzzy_shortest": "integer", "syllable_set": "text[]",
    "syllable_chars": "integer"}
_CODE_MODULUS = 2**31 - 1  # codes fit PostgreSQL's integer (intarray's element type)
_MAX_SUBSET_TOKENS = 10  # beyond, the sets of syllables to try would be too many
_CUTOFF_MARGIN = 1e-6  # a score computed in floating point a hair under the cutoff still counts


def property_text(value: Any) -> str:
    """A property as text, '' for none: as ``coalesce(feature->'properties'->>'name', '')`` gives it.

    Published sites are validated, so these are strings; anything else is written as JSON.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def bigram_codes(text: str) -> list[int]:
    """The distinct two-character pieces of ``text`` as integers, sorted (equal codes only add candidates)."""
    return sorted({(ord(a) * 0x110000 + ord(b)) % _CODE_MODULUS for a, b in itertools.pairwise(text)})


def search_row(properties: Any) -> tuple[Any, ...]:
    """A site's ``SEARCH_COLUMNS_SQL`` values from its properties, as COPY takes them."""
    from ecosites.search import search_fields, site_search_text

    props = properties if isinstance(properties, dict) else {}
    name_en, name_zh, highlight_en, highlight_zh = (
        property_text(props.get(key)) for key in ("name_en", "name_zh", "highlight_en", "highlight_zh"))
    keys, folded_en, hybrid, spoken, initials = search_fields(name_en, name_zh)
    syllable_set = sorted(set(spoken.split()))
    bigrams = sorted({*bigram_codes(folded_en), *bigram_codes(hybrid)})
    # The arrays as PostgreSQL's array text, which COPY takes as it is (psycopg's own list
    # dumping costs more than the rest of the row): integers, and syllables of letters only.
    return (keys, site_search_text(name_en, name_zh, highlight_en, highlight_zh), folded_en, hybrid,
            spoken, initials, highlight_en, highlight_zh, "{" + ",".join(map(str, bigrams)) + "}",
            min(len(folded_en), len(hybrid)), "{" + ",".join(syllable_set) + "}",
            len(" ".join(syllable_set)))


def candidates_condition(connection: psycopg.Connection[Any], where: str, params: dict[str, Any],
                         text: str) -> str:
    """The rows in ``where`` that ``rank_sites`` matches, or a few more: a condition on ``m``.

    The fuzzy tier's prefilter lets through many more rows than match, so its score is
    computed on their three short search columns first (the same ``fuzzy_scores`` the
    ranking uses), and only the rows that reach the cutoff are fetched whole.
    """
    from ecosites.search import FUZZY_CUTOFF, fuzzy_scores

    tiers, fuzzy = text_conditions(text, params)
    if fuzzy is None:
        return tiers
    rows = connection.execute(
        f"SELECT m.position, m.search_en, m.search_hybrid, m.search_syllables FROM site_markers m "
        f"WHERE {where} AND NOT {tiers} AND ({fuzzy})", params).fetchall()
    if not rows:
        return tiers
    positions, search_en, search_hybrid, search_syllables = zip(*rows, strict=True)
    scores = fuzzy_scores(text, search_en, search_hybrid, search_syllables)
    params["fuzzy_positions"] = [p for p, score in zip(positions, scores, strict=True)
                                 if score >= FUZZY_CUTOFF]
    return f"({tiers} OR m.position = ANY(%(fuzzy_positions)s::integer[]))"


def text_conditions(text: str, params: dict[str, Any]) -> tuple[str, str | None]:
    """Conditions on ``m`` for ``rank_sites``' tiers but the fuzzy one, and for the fuzzy one (or None)."""
    from ecosites.search import (
        FUZZY_CUTOFF,
        MIN_FUZZY_CHARS,
        MIN_INFIX_CHARS,
        SEPARATOR,
        fold,
        has_chinese,
        syllables,
    )

    query = fold(text)
    key = query.replace(" ", "")
    if not key:
        return "false", None
    params["text_key"] = f"%{key}%"  # fold leaves letters, digits and CJK only: nothing to escape
    clauses = ["m.search_keys LIKE %(text_key)s"]
    if len(key) >= MIN_INFIX_CHARS or has_chinese(key):
        words = text.lower().split()
        for n, word in enumerate(words):
            params[f"text_word{n}"] = word
        clauses.append(" AND ".join(f"strpos(m.search_text, %(text_word{n})s) > 0"
                                    for n in range(len(words))))
    if query.isascii() and len(key) >= MIN_INFIX_CHARS:
        words = query.split()
        if len(words) > 1 and all(len(word) >= MIN_INFIX_CHARS for word in words):
            for n, word in enumerate(words):
                params[f"text_pinyin{n}"] = "(?:^| )" + " ?".join(word)  # [0-9a-z]: as re.escape leaves them
            clauses.append(" AND ".join(f"m.search_syllables ~ %(text_pinyin{n})s"
                                        for n in range(len(words))))
        params["text_initials"] = SEPARATOR + key
        clauses.append("strpos(m.search_initials, %(text_initials)s) > 0")
    tiers = "(" + " OR ".join(f"({clause})" for clause in clauses) + ")"
    if len(key) < MIN_FUZZY_CHARS:
        return tiers, None
    # A needle's edits at the cutoff: E / (needle + window) <= 1 - cutoff, window <= needle.
    edits = math.floor(2 * (1 - FUZZY_CUTOFF / 100) * len(query) + 1e-9)
    params["text_bigrams"] = bigram_codes(query)
    params["text_needed"] = len(params["text_bigrams"]) - 2 * edits
    params["text_length"] = len(query)
    fuzzy = ["m.fuzzy_shortest <= %(text_length)s OR "
             "icount(m.fuzzy_bigrams & %(text_bigrams)s::integer[]) >= %(text_needed)s"]
    spoken = syllables(text) if has_chinese(text) else []
    if len(" ".join(spoken).split()) >= 2:
        fuzzy.append(_syllable_clause(sorted(set(" ".join(spoken).split())), FUZZY_CUTOFF, params))
    return tiers, "(" + " OR ".join(f"({clause})" for clause in fuzzy) + ")"


def _syllable_clause(tokens: list[str], cutoff: float, params: dict[str, Any]) -> str:
    """``token_set_ratio(query, site) >= cutoff`` is possible only when this holds (module docstring)."""
    # The site's distinct syllables may be longer than the query's only by the edits the
    # cutoff allows, (1 - cutoff) of both lengths together.
    stretch = (2 - cutoff / 100) / (cutoff / 100)
    params["syllable_chars"] = math.floor(len(" ".join(tokens)) * stretch) + 1
    clauses = ["m.syllable_chars <= %(syllable_chars)s"]
    if len(tokens) > _MAX_SUBSET_TOKENS:  # any sufficient set shares a syllable with the query
        params["syllable_subset"] = tokens
        return " OR ".join([*clauses, "m.syllable_set && %(syllable_subset)s::text[]"])
    for n, subset in enumerate(_sufficient_subsets(tokens, cutoff)):
        params[f"syllable_subset{n}"] = list(subset)
        clauses.append(f"m.syllable_set @> %(syllable_subset{n})s::text[]")
    return " OR ".join(clauses)


def _sufficient_subsets(tokens: list[str], cutoff: float) -> list[tuple[str, ...]]:
    """The smallest sets of the query's syllables whose presence alone can give the cutoff.

    ``token_set_ratio`` compares the shared syllables with the shared plus the query's
    others: ``1 - (1 + others) / (2 * shared + 1 + others)`` in characters. All of them
    shared always suffices (a score of 100). A superset of a sufficient set is sufficient.
    """
    found: list[tuple[str, ...]] = []
    for size in range(1, len(tokens) + 1):
        for subset in itertools.combinations(tokens, size):
            if any(set(smaller) <= set(subset) for smaller in found):
                continue
            rest = [t for t in tokens if t not in subset]
            shared, others = len(" ".join(subset)), len(" ".join(rest))
            score = 100.0 if not rest else 100 * (1 - (1 + others) / (2 * shared + 1 + others))
            if score >= cutoff - _CUTOFF_MARGIN:
                found.append(subset)
    return found
