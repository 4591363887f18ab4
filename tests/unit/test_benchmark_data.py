"""The benchmark catalogues: valid, deterministic, and shaped like the real one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import (
    EAST,
    NORTH,
    SOUTH,
    WEST,
    assert_valid,
    synthetic_features,
    write_catalogue,
)
from ecosites import schema
from ecosites.catalog import load_catalog
from tests.conftest import REPO

SAMPLE = synthetic_features(2_000)
FEATURES = SAMPLE[:50]
TAG_SLUGS = set(json.loads((REPO / "geodata" / "tags.json").read_text(encoding="utf-8")))


def _positions(geometry: dict[str, Any]) -> list[list[float]]:
    if geometry["type"] == "Point":
        return [geometry["coordinates"]]
    return [position for ring in geometry["coordinates"] for position in ring]


def test_every_feature_passes_the_validator_and_loads(tmp_path: Path) -> None:
    assert_valid(FEATURES)
    catalog = load_catalog(write_catalogue(50, tmp_path))
    assert catalog.problems == []
    assert len(catalog.sites) == 50
    assert list(catalog.sites.index[:3]) == ["bench-000001", "bench-000002", "bench-000003"]


def test_a_broken_feature_fails_the_check() -> None:
    """Guards against assert_valid passing whatever it is given."""
    broken = json.loads(json.dumps(FEATURES[:2]))
    broken[1]["properties"]["category"] = "no-such-category"
    with pytest.raises(AssertionError, match="1 problem"):
        assert_valid(broken)


@pytest.mark.parametrize(
    ("seed_a", "seed_b", "same"),
    [(1, 1, True), (1, 2, False)],
)
def test_seeded(seed_a: int, seed_b: int, same: bool) -> None:
    assert (synthetic_features(20, seed_a) == synthetic_features(20, seed_b)) is same


def test_a_smaller_catalogue_is_the_start_of_a_bigger_one() -> None:
    assert synthetic_features(50) == FEATURES


@pytest.mark.parametrize(
    ("values", "allowed"),
    [
        ({f["properties"][schema.CATEGORY] for f in FEATURES}, set(schema.CATEGORY_SLUGS)),
        ({t for f in FEATURES for t in f["properties"][schema.TAGS]} - TAG_SLUGS, set()),
        ({f["properties"][schema.DISTRICT] for f in FEATURES} - {*schema.DISTRICTS, None}, set()),
    ],
    ids=["all three categories", "tags from tags.json", "districts from the schema"],
)
def test_vocabularies(values: set[Any], allowed: set[Any]) -> None:
    assert values == allowed


def test_positions_stay_inside_guiyang() -> None:
    positions = [p for f in SAMPLE for p in _positions(f["geometry"])]
    assert all(WEST <= lon <= EAST and SOUTH <= lat <= NORTH for lon, lat in positions)


def test_about_two_percent_are_boundaries() -> None:
    kinds = [f["geometry"]["type"] for f in SAMPLE]
    assert set(kinds) == {"Point", "Polygon"}
    assert 20 <= kinds.count("Polygon") <= 60
