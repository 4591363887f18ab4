"""Text search from the database: the SQL prefilter keeps every site the Python ranking matches.

The database narrows a text query to candidates (``ecosites/pgstore/textsearch.py``) and
ranks them with ``ecosites/search.py``; these tests ask both stores the same questions
over the bundled catalogue plus synthetic sites, in English, pinyin, initials, Chinese and
misspelt, and compare the ranked answers, and check that the prefilter does narrow.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import synthetic_features
from ecosites.filters import Criteria
from ecosites.pgstore.textsearch import _sufficient_subsets, candidates_condition
from ecosites.sitequery import SiteQuery
from ecosites.store import CatalogStore, FileCatalogStore
from tests.conftest import REPO, Clock

pytestmark = pytest.mark.postgis

EVERYWHERE = (100.0, 20.0, 112.0, 32.0)
QUERIES = [
    "wetland", "Wetland Park", "park", "huaxi", "huaxi shidi", "gshgy", "hxgjcssdgy", "guanshanhu",
    "guanshan lake park", "guan shan hu", "Guānshān", "湿地", "花溪", "观山湖公园", "湿地公园",
    "国家城市湿地", "地质博物馆", "贵州省地质", "geologcal", "musem", "wetlnd park", "qianlingshan",
    "qian ling", "nanming river", "jiaxiu", "甲秀楼", "aha lake", "baihua", "eco village", "eco-village",
    "digital", "huaxi wetland park 12", "forest park 7", "Ancient Town 3", "石板古镇", "xiuwen",
    "tianhetan", "tian he tan", "changpoling forest", "conference", "reed beds", "karst", "x", "h", "公",
    "9", "12", "park 1", "lake restoration", "湖泊修复区", "低碳产业园", "shengtai", "stcy", "dtcyy",
    "!!!", "  wetland  ", "WETLAND", "wet land", "hua xi guo jia", "生态文明展览馆", "展览",
]


def _catalogue() -> list[dict[str, Any]]:
    bundled = json.loads((REPO / "geodata" / "sites.geojson").read_text(encoding="utf-8"))["features"]
    return [*bundled, *synthetic_features(400)]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, postgis_server: str) -> Any:
    """The same catalogue in both stores."""
    from ecosites.pgstore import PostgisCatalogStore
    from tests.conftest import fresh_schema

    features = _catalogue()
    directory = tmp_path_factory.mktemp("geodata")
    files = FileCatalogStore(Path(directory), clock=Clock())
    files.publish(features, author="a", expected_sha256=files.current_sha256())
    with fresh_schema(postgis_server) as url:
        database = PostgisCatalogStore(url, clock=Clock())
        database.init_schema()
        database.publish(features, author="a", expected_sha256=database.current_sha256())
        yield files, database, url


def _ids(store: CatalogStore, text: str) -> list[str]:
    answer = store.query_sites(SiteQuery(EVERYWHERE, Criteria(text=text), limit=10_000))
    return [m.id for m in answer.markers]


@pytest.mark.parametrize("text", QUERIES)
def test_the_database_ranks_text_as_the_file_store_does(stores: Any, text: str) -> None:
    files, database, _ = stores
    assert _ids(database, text) == _ids(files, text)


@pytest.mark.parametrize(("text", "fetched"), [("wetland", 35), ("gshgy", 1), ("geologcal", 1),
                                               ("湿地公园", 39), ("huaxi shidi", 4), ("park 12", 70)])
def test_only_the_rows_that_match_are_fetched_whole(stores: Any, text: str, fetched: int) -> None:
    """Guards against a prefilter that keeps every row (correct, but as slow as no prefilter)."""
    import psycopg

    files, _, url = stores
    params: dict[str, Any] = {}
    with psycopg.connect(url) as connection:
        condition = candidates_condition(connection, "true", params, text)
        row = connection.execute(f"SELECT count(*) FROM site_markers m WHERE {condition}", params).fetchone()
    assert (row[0] if row else None, len(_ids(files, text))) == (fetched, fetched)


@pytest.mark.parametrize("spoken", ["shi di", "hua xi gong yuan", "hua xi guo jia cheng shi shi di gong yuan",
                                    "gui zhou sheng di zhi bo wu guan"])
def test_a_site_scores_the_cutoff_on_shared_syllables_only_with_a_sufficient_set(spoken: str) -> None:
    """Guards against the syllable prefilter dropping a site rapidfuzz would match."""
    import itertools

    from rapidfuzz import fuzz

    tokens = sorted(set(spoken.split()))
    sufficient = [set(subset) for subset in _sufficient_subsets(tokens, 85.0)]
    unrelated = "zzzzzzzzzz yyyyyyyyyyyy xxxxxxxxxxxxxx wwwwwwwwwwwwwwwwww"  # long: only shared ones count
    for size in range(1, len(tokens) + 1):
        for shared in itertools.combinations(tokens, size):
            score = fuzz.token_set_ratio(spoken, " ".join([*shared, unrelated]), score_cutoff=85.0)
            assert (score >= 85.0) == any(s <= set(shared) for s in sufficient), shared
