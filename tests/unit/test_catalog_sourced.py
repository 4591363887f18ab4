"""The bundled catalogue against the sourced values of docs/reference/facts.md ("Corrections").

One row per site: names, the sourced point and how far the catalogue's point may be from
it (pyproj.Geod, metres on the WGS-84 ellipsoid), the accuracy the site states, hours
and fee. A site whose point a source does not give is checked against its own stated
accuracy only.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pytest
from pyproj import Geod

from ecosites import schema
from ecosites.catalog import load_catalog, site_row
from ecosites.paths import BUNDLED_GEODATA

GEOD = Geod(ellps="WGS84")

# (id, name_en, name_zh, sourced (lat, lon) or None, within_m, accuracy_m, hours, fee)
SOURCED: list[tuple[str, str, str, tuple[float, float] | None, float, float, Any, Any]] = [
    ("huaxi-wetland-park", "Guiyang Huaxi National Urban Wetland Park", "花溪国家城市湿地公园",
     (26.44223, 106.67314), 300, 300, "00:00-24:00", 0),
    ("guanshanhu-park", "Guanshanhu Park", "观山湖公园", None, 1000, 1000, "06:00-22:00", 0),
    ("xiaolanshan-eco-village", "Xiaolanshan Digital Cultural Industry Eco-Village",
     "小兰山数字文化产业生态村落", None, 3000, 3000, None, None),
    ("guizhou-geological-museum", "Geological Museum of Guizhou", "贵州省地质博物馆",
     (26.64975, 106.60463), 2500, 2500, "09:00-17:00", 0),
    ("nanming-river-jiaxiu-pavilion", "Nanming River / Jiaxiu Pavilion", "南明河 / 甲秀楼", None,
     1000, 1000, None, 0),
    ("eco-conference-center", "Guiyang International Eco-Conference Center", "贵阳国际生态会议中心",
     (26.64725, 106.63893), 150, 150, None, None),
    ("baihua-lake", "Baihua Lake", "百花湖", None, 2000, 2000, None, 0),
    ("aha-lake-wetland-park", "Aha Lake National Wetland Park", "阿哈湖国家湿地公园", None, 2500,
     2500, None, None),
    ("qianling-park", "Qianling Mountain Park", "黔灵山公园", None, 1000, 1000, "07:00-20:00", 5),
    ("hongfeng-lake", "Hongfeng Lake", "红枫湖", None, 2000, 2000, None, None),
    ("tianhetan", "Tianhetan", "天河潭", None, 3000, 3000, "08:30-18:00", 80),
    ("changpoling-forest-park", "Changpoling National Forest Park", "长坡岭国家森林公园", None, 2000,
     2000, "09:00-17:00", 0),
    ("guiyang-forest-park", "Guiyang Forest Park", "贵阳森林公园", (26.54983, 106.74805), 400, 400,
     "08:00-17:00", 0),
    ("qingyan-ancient-town", "Qingyan Ancient Town", "青岩古镇", (26.33417, 106.68444), 500, 500,
     None, 60),
    ("guizhou-provincial-museum", "Guizhou Provincial Museum", "贵州省博物馆",
     (26.64931, 106.64452), 500, 500, None, None),
]


@pytest.fixture(scope="module")
def sites() -> gpd.GeoDataFrame:
    catalog = load_catalog(BUNDLED_GEODATA)
    assert catalog.problems == []
    return catalog.sites


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two WGS-84 points on the ellipsoid."""
    _, _, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    return float(metres)


def test_the_table_covers_every_bundled_site(sites: gpd.GeoDataFrame) -> None:
    assert sorted(row[0] for row in SOURCED) == sorted(sites.index)


@pytest.mark.parametrize(("site_id", "name_en", "name_zh", "point", "within_m", "accuracy_m",
                          "hours", "fee"), SOURCED, ids=[row[0] for row in SOURCED])
def test_site_matches_its_sources(sites: gpd.GeoDataFrame, site_id: str, name_en: str, name_zh: str,
                                  point: tuple[float, float] | None, within_m: float,
                                  accuracy_m: float, hours: Any, fee: Any) -> None:
    site = site_row(sites, site_id)
    assert (site[schema.NAME_EN], site[schema.NAME_ZH]) == (name_en, name_zh)
    assert site[schema.COORDINATE_ACCURACY_M] == accuracy_m
    if point is not None:
        assert distance_m(site[schema.LAT], site[schema.LON], *point) <= within_m
    assert site[schema.HOURS] == hours
    assert site[schema.FEE] == fee


@pytest.mark.parametrize(("site_id", "field", "value", "source"), [
    ("xiaolanshan-eco-village", schema.NAME_ZH, "小兰山数字文化产业生态村落", "xinhua-gz-2025"),
    ("xiaolanshan-eco-village", schema.DISTRICT, "Guanshanhu", "xinhua-gz-2025"),
    ("xiaolanshan-eco-village", schema.STATUS, "under-construction", "xinhua-gz-2025"),
    ("guizhou-geological-museum", schema.WEBSITE, "http://www.gzdzbwg.com/", "gzdzbwg"),
    ("guizhou-geological-museum", schema.PHONE, "(0851) 85801568", "chinaservicesinfo-2023"),
    ("guizhou-geological-museum", schema.ADDRESS_ZH, "观山湖区云潭南路与兴筑路交叉口",
     "chinaservicesinfo-2023"),
    ("tianhetan", schema.HOURS, "08:30-18:00", "baike-tianhetan"),
    ("tianhetan", schema.LAST_ENTRY, "17:30", "baike-tianhetan"),
    ("tianhetan", schema.PHONE, "400-900-9995", "baike-tianhetan"),
    ("changpoling-forest-park", schema.PHONE, "0851-84418171", "gov-page-2020"),
    ("changpoling-forest-park", schema.ADDRESS_ZH, "白云区艳山红镇", "gov-page-2020"),
    ("huaxi-wetland-park", schema.PHONE, "0851-83623593", "travel-listings"),
    ("guanshanhu-park", schema.PHONE, "0851-84584005", "travel-listings"),
    ("guanshanhu-park", schema.ADDRESS_ZH, "观山湖区林城东路", "travel-listings"),
    ("nanming-river-jiaxiu-pavilion", schema.ADDRESS_ZH, "南明区翠微巷8号", "reference-notes-2026"),
    ("eco-conference-center", schema.TRANSIT, "国际生态会议中心站", "zhwiki-efg-station"),
    ("huaxi-wetland-park", schema.TRANSIT, "花溪公园站", "zhwiki-huaxi-park-station"),
    ("aha-lake-wetland-park", schema.DISTRICT, "Nanming", "nanming-gov-en-2020"),
    ("qianling-park", schema.HOURS, "07:00-20:00", "guiyang-daily-2023"),
    ("qianling-park", schema.FEE, 5, "china-daily-2018"),
])
def test_changed_value_is_backed_by_its_source(sites: gpd.GeoDataFrame, site_id: str, field: str, value: Any,
                                               source: str) -> None:
    site = site_row(sites, site_id)
    shown = site[field]["station_zh"] if field == schema.TRANSIT else site[field]
    assert shown == value
    backing = {s["id"]: s["fields"] for s in site[schema.SOURCES]}
    assert field in backing[source]


def test_changpoling_uses_the_newer_dated_fee_and_hours_and_keeps_the_older() -> None:
    site = site_row(load_catalog(BUNDLED_GEODATA).sites, "changpoling-forest-park")
    dated = {(d["field"], d["as_of"]): d["value"] for d in site[schema.DATED_VALUES]}
    assert dated == {("hours", "2020-05-18"): "09:30-17:00", ("hours", "2022-03-01"): "09:00-17:00",
                     ("fee", "2020-05-18"): 5, ("fee", "2022-03-01"): 0}
    assert {"hours", "fee"} <= set(site[schema.UNVERIFIED])


def test_transit_stations_lie_where_the_source_puts_them(sites: gpd.GeoDataFrame) -> None:
    station = site_row(sites, "eco-conference-center")[schema.TRANSIT]
    assert (station["lat"], station["lon"]) == (26.64931, 106.64452)
    # The station is at the venue's north-east corner: a few hundred metres, not kilometres.
    assert distance_m(26.64725, 106.63893, station["lat"], station["lon"]) < 700


def test_shilihetan_is_a_part_of_huaxi_not_a_second_pin(sites: gpd.GeoDataFrame) -> None:
    parts = [p["name_zh"] for p in site_row(sites, "huaxi-wetland-park")[schema.PARTS]]
    assert "十里河滩" in parts
    assert not sites[schema.NAME_EN].str.contains("Shilihetan").any()


def test_xiaolanshan_says_its_site_is_not_published(sites: gpd.GeoDataFrame) -> None:
    site = site_row(sites, "xiaolanshan-eco-village")
    assert "not the site" in site[schema.STATUS_NOTE_EN]
    assert "并非项目所在地" in site[schema.STATUS_NOTE_ZH]
    assert "not a located point" in site[schema.COORDINATE_SOURCE]


def test_every_source_has_a_title_in_both_languages(sites: gpd.GeoDataFrame) -> None:
    untitled = [(site_id, s["id"]) for site_id, sources in sites[schema.SOURCES].items()
                for s in sources if not (s["title_en"] and s["title_zh"])]
    assert untitled == []


def test_every_cited_source_id_is_known_and_every_backed_field_exists(sites: gpd.GeoDataFrame) -> None:
    unknown = [(site_id, field) for site_id, sources in sites[schema.SOURCES].items()
               for s in sources for field in s["fields"] if field not in schema.PROPERTY_NAMES]
    assert unknown == []
