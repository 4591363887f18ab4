"""The list's questions to both stores: counts, first ids, bounds, near a position, the summary.

The same table runs on the file store and on PostGIS (the contract's ``kit`` fixture), so
a page in database mode lists what it would list in memory.
"""

from __future__ import annotations

import pytest

from ecosites.filters import Criteria
from ecosites.sitematch import CatalogSummary, Near, near_bounds
from tests.unit import test_store_contract as contract
from tests.unit.test_store_contract import QUERY_SITES, StoreKit, _published_for_queries

kit = contract.kit  # the contract's fixture: each test runs on the file store and on PostGIS

ALL_IDS = [f["properties"]["id"] for f in QUERY_SITES]
CENTRE: Near = (106.62, 26.62, 3_000.0)  # the wetland; the lake park is about 1.5 km away


@pytest.mark.parametrize(("criteria", "limit", "near", "total", "ids"), [
    (Criteria(), 100, None, 9, ALL_IDS),
    (Criteria(), 3, None, 9, ALL_IDS[:3]),
    (Criteria(), 0, None, 9, []),
    (Criteria(categories=("urban-restoration",)), 100, None, 5,
     ["lake-park", "wetland", "edge", "far", "beyond"]),
    (Criteria(tags=("park", "karst")), 100, None, 4, ["lake-park", "midline", "far", "beyond"]),
    (Criteria(districts=("Wudang",)), 1, None, 2, ["edge"]),
    (Criteria(text="park"), 100, None, 2, ["lake-park", "wetland"]),  # ranked: the closer name first
    (Criteria(text="lake", districts=("Kaiyang", "Guanshanhu")), 1, None, 2, ["far"]),
    (Criteria(text="gshgy"), 100, None, 1, ["lake-park"]),
    (Criteria(), 100, CENTRE, 2, ["wetland", "lake-park"]),  # nearest first
    (Criteria(text="park"), 100, CENTRE, 2, ["wetland", "lake-park"]),
    (Criteria(categories=("conservation-history",)), 100, CENTRE, 0, []),
])
def test_a_match_counts_every_matching_site_and_lists_the_first(
    kit: StoreKit, criteria: Criteria, limit: int, near: Near | None, total: int, ids: list[str],
) -> None:
    matches = _published_for_queries(kit).match_sites(criteria, limit, near)
    assert (matches.total, list(matches.ids)) == (total, ids)


def test_a_match_gives_the_bounds_of_every_matching_marker(kit: StoreKit) -> None:
    store = _published_for_queries(kit)
    assert store.match_sites(Criteria(districts=("Wudang",)), 0).bounds == (106.8, 26.8, 106.9, 26.9)
    assert store.match_sites(Criteria(text="no such site"), 10).bounds is None


def test_the_open_filter_is_never_a_store_question(kit: StoreKit) -> None:
    with pytest.raises(ValueError, match="open_on"):
        _published_for_queries(kit).match_sites(Criteria(open_on="now"), 10)


def test_the_summary_counts_sites_per_category_tag_and_district(kit: StoreKit) -> None:
    assert _published_for_queries(kit).summarize_sites() == CatalogSummary(
        9,
        (("conservation-history", 2), ("green-industry", 2), ("urban-restoration", 5)),
        (("birds", 1), ("forest", 1), ("geology", 1), ("heritage", 1), ("karst", 1), ("lake", 1),
         ("museum", 1), ("park", 3), ("wetland", 1)),
        (("Baiyun", 1), ("Guanshanhu", 1), ("Huaxi", 1), ("Kaiyang", 1), ("Nanming", 1),
         ("Wudang", 2), ("Yunyan", 1)),  # tea-farm has none
    )


def test_sites_are_read_by_id_in_catalogue_order_and_unknown_ids_are_left_out(kit: StoreKit) -> None:
    catalog = _published_for_queries(kit).read_sites(["far", "nope", "wetland"])
    assert list(catalog.sites.index) == ["wetland", "far"]
    assert catalog.sites.loc["far", "name_en"] == "Far Lake"
    assert {c.slug for c in catalog.categories} >= {"urban-restoration"}


def test_only_a_database_store_serves_queries(kit: StoreKit) -> None:
    assert kit.open().serves_queries is (kit.kind == "postgis")


@pytest.mark.parametrize("near", [(106.62, 26.62, 3_000.0), (0.0, 0.0, 50_000.0), (20.0, 89.9, 50_000.0)])
def test_the_box_around_a_radius_holds_the_whole_circle(near: Near) -> None:
    from ecosites.nearby import _GEOD

    west, south, east, north = near_bounds(near)
    lon, lat, radius = near
    for azimuth in range(0, 360, 15):
        to_lon, to_lat, _ = _GEOD.fwd(lon, lat, azimuth, radius)
        assert west <= to_lon <= east
        assert south <= to_lat <= north
