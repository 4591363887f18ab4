"""The map of a store's answer: the view a query asks for, the fit, and the layer it draws."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pytest
import shapely

from ecosites.catalog import empty_sites, load_categories, sites_frame
from ecosites.mapfit import bounds_fit, map_fit, sites_extent
from ecosites.paths import BUNDLED_GEODATA
from ecosites.querymap import answer_layer, query_bounds
from ecosites.sitequery import Bounds, CellCount, SiteAnswer, SiteMarker, markers_answer
from ecosites.sitequery_frame import site_markers
from tests.conftest import make_site

CATEGORIES = load_categories(BUNDLED_GEODATA)[0]


def frame(*features: dict[str, Any]) -> gpd.GeoDataFrame:
    """A sites frame of these features, as the catalogue builds it."""
    return sites_frame([f["properties"] for f in features],
                       [shapely.geometry.shape(f["geometry"]) for f in features])


@pytest.mark.parametrize(("view", "expected"), [
    ((106.0, 26.0, 107.0, 27.0), (105.9, 25.9, 107.1, 27.1)),  # a tenth more on every side
    ((106.6, 26.6, 106.6, 26.6), (106.595, 26.595, 106.605, 26.605)),  # one site: 0.01° wide
    ((-180.0, -90.0, 180.0, 90.0), (-180.0, -90.0, 180.0, 90.0)),  # never past the world
])
def test_a_view_is_asked_for_with_its_margin(view: Bounds, expected: Bounds) -> None:
    assert query_bounds(view) == pytest.approx(expected)


def test_the_fit_from_bounds_is_the_fit_of_the_sites() -> None:
    sites = frame(make_site(id="a", lon=106.6, lat=26.5), make_site(id="b", lon=106.9, lat=26.8),
                  make_site(id="c", lon=106.7, lat=26.6))
    assert bounds_fit(sites_extent(sites), "why") == map_fit(sites, "why")
    assert bounds_fit(None, "why") == map_fit(empty_sites(), "why")


def test_a_grouped_answer_draws_its_cells_and_the_open_site_as_itself() -> None:
    selected = frame(make_site(id="open", lon=106.7, lat=26.6, coordinate_accuracy_m=50))
    answer = SiteAnswer(7, cells=(CellCount(0, 0, 106.625, 26.625, 7),))
    layer = answer_layer(answer, CATEGORIES, "en", selected)
    assert layer.data["cells"] == [[26.625, 106.625, 7]]
    assert [row[3] for row in layer.data["sites"]] == ["open"]
    assert layer.data["sites"][0][5] == 50.0  # its accuracy circle
    assert layer.grouped


def test_a_markers_answer_draws_each_marker_once() -> None:
    sites = frame(make_site(id="a", lon=106.6, lat=26.5, name_en="A <b>"), make_site(id="b"))
    answer = markers_answer(site_markers(sites))
    layer = answer_layer(answer, CATEGORIES, "en", sites.iloc[:1], grouped=False)
    assert [row[3] for row in layer.data["sites"]] == ["a", "b"]
    assert layer.data["sites"][0][4] == "A &lt;b&gt; · 测试点"  # escaped
    assert "cells" not in layer.data
    assert not layer.grouped
    assert isinstance(answer.markers[0], SiteMarker)
