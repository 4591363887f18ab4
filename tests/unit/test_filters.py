"""Filtering and the URL round trip."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pytest

from ecosites.catalog import load_catalog
from ecosites.filters import (
    Criteria,
    Notice,
    filter_options,
    filter_sites,
    link_notice,
    open_moment,
    read_url_state,
    split_open_at,
    url_params,
)
from ecosites.planning.model import LOCAL_TZ
from ecosites.urlsync import sync_query_params
from tests.conftest import make_site, write_catalog


@pytest.fixture
def sites(catalog_dir: Path) -> gpd.GeoDataFrame:
    write_catalog(catalog_dir, [
        make_site(id="lake", name_en="Baihua Lake", name_zh="百花湖", tags=["lake", "birds"],
                  district="Guanshanhu", category="urban-restoration"),
        make_site(id="village", name_en="Digital Village", name_zh="数字村", tags=["digital-industry"],
                  district="Guanshanhu", category="green-industry", highlight_en="Lakeside offices"),
        make_site(id="museum", name_en="Geology Museum", name_zh="地质博物馆", tags=["museum"],
                  district="Nanming", category="conservation-history"),
    ])
    return load_catalog(catalog_dir).sites


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (Criteria(), ["lake", "village", "museum"]),
        (Criteria(categories=("green-industry",)), ["village"]),
        (Criteria(categories=("green-industry", "conservation-history")), ["village", "museum"]),
        (Criteria(tags=("birds", "museum")), ["lake", "museum"]),
        (Criteria(districts=("Nanming",)), ["museum"]),
        (Criteria(text="lake"), ["lake", "village"]),
        (Criteria(text="LAKE baihua"), ["lake"]),
        (Criteria(text="博物馆"), ["museum"]),
        (Criteria(text="lake", categories=("green-industry",)), ["village"]),
        (Criteria(text="nothing like this"), []),
    ],
)
def test_filter_sites(sites: gpd.GeoDataFrame, criteria: Criteria, expected: list[str]) -> None:
    assert sorted(filter_sites(sites, criteria).index) == sorted(expected)


def test_options_come_from_the_catalogue(sites: gpd.GeoDataFrame) -> None:
    options = filter_options(sites)
    assert options.tags == ("birds", "digital-industry", "lake", "museum")
    assert options.districts == ("Guanshanhu", "Nanming")


@pytest.mark.parametrize(
    ("params", "criteria", "site", "notices", "markdown"),
    [
        ({}, Criteria(), None, [], []),
        ({"cat": "green-industry", "site": "lake"}, Criteria(categories=("green-industry",)), "lake", [], []),
        ({"cat": "parks,green-industry"}, Criteria(categories=("green-industry",)), None,
         [("link.unknown_category", ("parks",))], ["unknown category 'parks'"]),
        ({"tag": "birds,<script>"}, Criteria(tags=("birds",)), None,
         [("link.unknown_tag", ("<script>",))], [r"unknown tag '\<script\>'"]),
        ({"district": "Atlantis"}, Criteria(), None,
         [("link.unknown_district", ("Atlantis",))], ["unknown district 'Atlantis'"]),
        ({"site": "no-such-site"}, Criteria(), None, [("link.unknown_site", ("no-such-site",))],
         [r"the link names site 'no\-such\-site', which is not in the catalogue"]),
        ({"q": "x" * 150}, Criteria(text="x" * 100), None, [("link.text_cut", ())],
         ["the search text in the link was cut to 100 characters"]),
        ({"open": "now"}, Criteria(open_on="now"), None, [], []),
        ({"open": "2026-12-07T10:00"}, Criteria(open_on="2026-12-07T10:00"), None, [], []),
        ({"open": "monday"}, Criteria(), None, [("link.bad_open", ("monday",))],
         ["unrecognised opening time 'monday' (use now or 2026-12-02T10:00)"]),
    ],
)
def test_url_state_keeps_known_values_and_reports_the_rest(
    sites: gpd.GeoDataFrame, params: dict[str, str], criteria: Criteria, site: str | None,
    notices: list[Notice], markdown: list[str]
) -> None:
    """Asserts the notices and their English Markdown, which the page shows; the state once also
    carried English-only messages that nothing showed, and they were removed."""
    state = read_url_state(params, filter_options(sites), sites.index)
    assert state.criteria == criteria
    assert state.site_id == site
    assert list(state.notices) == notices
    assert [link_notice(notice, "en") for notice in state.notices] == markdown


def test_url_round_trip(sites: gpd.GeoDataFrame) -> None:
    criteria = Criteria(("urban-restoration",), ("birds", "lake"), ("Guanshanhu",), "baihua")
    params = url_params(criteria, "lake")
    assert params == {"cat": "urban-restoration", "tag": "birds,lake", "district": "Guanshanhu",
                      "q": "baihua", "site": "lake"}
    state = read_url_state(params, filter_options(sites), sites.index)
    assert (state.criteria, state.site_id, state.notices) == (criteria, "lake", ())


def test_sync_touches_only_managed_keys_and_only_when_needed() -> None:
    params = {"lang": "zh", "cat": "green-industry", "q": "old"}
    assert sync_query_params(params, {"cat": "green-industry", "site": "lake"}) is True
    assert params == {"lang": "zh", "cat": "green-industry", "site": "lake"}
    assert sync_query_params(params, {"cat": "green-industry", "site": "lake"}) is False


def test_open_filter_round_trips_through_the_url(sites: gpd.GeoDataFrame) -> None:
    """The chosen moment is a URL parameter like every other filter."""
    criteria = Criteria(categories=("urban-restoration",), open_on="2026-12-07T10:00")
    params = url_params(criteria, None)
    assert params == {"cat": "urban-restoration", "open": "2026-12-07T10:00"}
    assert read_url_state(params, filter_options(sites), sites.index).criteria == criteria


@pytest.mark.parametrize(("open_on", "expected"), [
    ("", None),
    ("now", "2026-12-02T10:00:00+08:00"),
    ("2026-12-07T18:30", "2026-12-07T18:30:00+08:00"),
    ("2026-13-07T18:30", None),
])
def test_open_moment(open_on: str, expected: str | None) -> None:
    """"now" is the injected clock; a chosen time is Guiyang's; anything else is off."""
    now = datetime(2026, 12, 2, 10, 0, tzinfo=LOCAL_TZ)
    moment = open_moment(open_on, now)
    assert (moment.isoformat() if moment else None) == expected


@pytest.fixture
def hours_sites(catalog_dir: Path) -> gpd.GeoDataFrame:
    write_catalog(catalog_dir, [
        make_site(id="museum", hours="09:00-17:00", last_entry="16:00", closed_weekdays=["mon"]),
        make_site(id="park", hours="06:00-22:00", closed_weekdays=None),
        make_site(id="night", hours="18:00-02:00", closed_weekdays=[]),
        make_site(id="unknown", hours=None, closed_weekdays=None),
        make_site(id="doubtful", hours="09:00-17:00", unverified=["hours"]),
        make_site(id="building", hours="09:00-17:00", status="under-construction"),
    ])
    return load_catalog(catalog_dir).sites


@pytest.mark.parametrize(("moment", "open_ids"), [
    ("2026-12-02T10:00", ["museum", "park"]),   # Wednesday morning
    ("2026-12-02T16:30", ["park"]),             # after the museum's last entry
    ("2026-12-07T10:00", ["park"]),             # Monday: the museum is closed
    ("2026-12-03T01:00", ["night"]),            # past midnight, still the evening's opening
    ("2026-12-03T05:00", []),
])
def test_split_open_at(hours_sites: gpd.GeoDataFrame, moment: str, open_ids: list[str]) -> None:
    """Open sites kept, closed ones dropped, unverified hours returned on their own every time."""
    when = datetime.fromisoformat(moment).replace(tzinfo=LOCAL_TZ)
    open_sites, unverified = split_open_at(hours_sites, when)
    assert list(open_sites.index) == open_ids
    assert list(unverified.index) == ["unknown", "doubtful"]
