"""Database mode: the store's answers for the pages, cached by (store, head version, question).

Where the store serves queries (``CatalogStore.serves_queries``: the database), pages ask
it what they show instead of reading every site: the filters' summary, the matching count
and first ids, the map's view, the sites they open. Each rerun checks the head version
once (``change_token``), so every replica answers from a publish on its next rerun; an
answer is cached under that version and its question, never by time. When the database
cannot be reached, the answers already cached under the last version are served with a
warning; a question not asked before then says the catalogue is unavailable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from components.context import current_lang
from components.data import get_catalog
from ecosites.catalog import Catalog
from ecosites.escape import escape_markdown
from ecosites.filters import Criteria
from ecosites.i18n import t
from ecosites.settings import Settings
from ecosites.sitematch import CatalogSummary, Near, SiteMatches
from ecosites.sitequery import SiteAnswer, SiteQuery
from ecosites.store import CatalogStore, StoreError, open_store

Answer = TypeVar("Answer")


def serves_queries(settings: Settings) -> bool:
    """True when the configured store answers the pages' questions itself (database mode)."""
    return open_store(settings).serves_queries


@st.cache_data(max_entries=64, show_spinner=False)
def _summary(store_key: str, token: str, _store: CatalogStore) -> CatalogSummary:  # noqa: ARG001
    return _store.summarize_sites()


@st.cache_data(max_entries=256, show_spinner=False)
def _matches(store_key: str, token: str, criteria: Criteria, limit: int,  # noqa: ARG001
             near: Near | None, _store: CatalogStore) -> SiteMatches:
    return _store.match_sites(criteria, limit, near)


@st.cache_data(max_entries=256, show_spinner=False)
def _answer(store_key: str, token: str, query: SiteQuery, _store: CatalogStore) -> SiteAnswer:  # noqa: ARG001
    return _store.query_sites(query)


# cache_resource: the frame goes to the page as it is (read-only), not as a pickled copy.
@st.cache_resource(max_entries=64, show_spinner=False)
def _sites(store_key: str, token: str, site_ids: tuple[str, ...],  # noqa: ARG001
           _store: CatalogStore) -> Catalog:
    return _store.read_sites(site_ids)


@st.cache_resource
def _last_tokens() -> dict[str, str]:
    """The last head version read from each store (by key), used while it cannot be reached."""
    return {}


def _unavailable(exc: StoreError) -> None:
    st.error(t("data.unavailable", current_lang(), details=escape_markdown(str(exc))))
    st.stop()


def _store_key(settings: Settings) -> str:
    """Which store, as a cache key: a digest of its URL (never the URL, which holds a password)."""
    where = settings.database_url or str(settings.geodata_dir.resolve())
    return hashlib.sha256(where.encode()).hexdigest()


@dataclass(frozen=True)
class StoreQueries:
    """One rerun's questions to the store, under the head version it read at the start."""

    store: CatalogStore
    key: str  # which store (two databases on one server share a location and version numbers)
    token: str

    def _ask(self, cached: Callable[..., Answer], *question: object) -> Answer:
        try:
            return cached(self.key, self.token, *question, _store=self.store)
        except StoreError as exc:
            _unavailable(exc)
            raise  # st.stop() raised already; this satisfies the type checker

    def summary(self) -> CatalogSummary:
        """What the filters offer, and the site count."""
        return self._ask(_summary)

    def matches(self, criteria: Criteria, limit: int, near: Near | None = None) -> SiteMatches:
        """The matching count, first ``limit`` ids and bounds (``open_on`` left to the page)."""
        return self._ask(_matches, criteria, limit, near)

    def answer(self, query: SiteQuery) -> SiteAnswer:
        """The markers or cell counts of one map view."""
        return self._ask(_answer, query)

    def sites(self, site_ids: Iterable[str]) -> Catalog:
        """Only these sites (unknown ids left out), in catalogue order, with categories and tags."""
        return self._ask(_sites, tuple(dict.fromkeys(site_ids)))


def open_queries(settings: Settings) -> StoreQueries:
    """The store's questions for this rerun, after one cheap head-version check."""
    store, key = open_store(settings), _store_key(settings)
    try:
        token = store.change_token()
    except StoreError as exc:
        last = _last_tokens().get(key)
        if last is None:
            _unavailable(exc)
            raise
        st.warning(t("data.stale", current_lang(), details=escape_markdown(str(exc))))
        return StoreQueries(store, key, last)
    _last_tokens()[key] = token
    return StoreQueries(store, key, token)


def get_sites_catalog(settings: Settings, site_ids: Iterable[str]) -> Catalog:
    """The catalogue a page needs for these sites: in database mode only they, else every site."""
    if serves_queries(settings):
        return open_queries(settings).sites(site_ids)
    return get_catalog(settings)
