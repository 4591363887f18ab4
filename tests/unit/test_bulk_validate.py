"""Bulk validation gives the catalogue per-feature validation gives: same sites, same problems.

Each test loads the same documents twice, ``bulk=True`` and ``bulk=False``, and compares
the Catalogs (sites frame, problems in order) and the answers search and filters give.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import synthetic_features
from ecosites import schema
from ecosites.catalog import Catalog, _load_documents, load_catalog
from ecosites.filters import Criteria, filter_sites
from ecosites.paths import BUNDLED_GEODATA
from ecosites.search import rank_sites
from ecosites.validate import bulk, validate_geojson_bytes
from tests.conftest import REPO, feature_collection, make_site

CORPUS = REPO / "tests" / "data" / "intake"
SEARCHES = ("", "wetland", "huaxi", "hx", "湿地", "park", "museum", "Baihua Lake", "bench-0000")


def _document(features: list[Any]) -> bytes:
    return json.dumps(feature_collection(features), ensure_ascii=False).encode()


def _both(documents: list[tuple[str, bytes]], reference: Path = BUNDLED_GEODATA) -> tuple[Catalog, Catalog]:
    """(bulk, per-feature) catalogues of the same documents."""
    return (_load_documents(documents, reference, [], bulk=True),
            _load_documents(documents, reference, [], bulk=False))


def assert_same_catalog(fast: Catalog, slow: Catalog) -> None:
    """The two loads agree on every site, column and problem, and on search and filter answers."""
    pd.testing.assert_frame_equal(fast.sites, slow.sites)
    assert fast.problems == slow.problems
    assert fast.categories == slow.categories
    assert fast.tags == slow.tags
    for text in SEARCHES:
        for categories in ((), ("urban-restoration",)):
            criteria = Criteria(categories=categories, text=text)
            assert (filter_sites(fast.sites, criteria, rank_sites).index.tolist()
                    == filter_sites(slow.sites, criteria, rank_sites).index.tolist())


def _bulk_count(features: list[Any]) -> int:
    return len(validate_geojson_bytes(_document(features), "sites.geojson", bulk=True).records)


def test_site_schema_is_one_bulk_can_replay() -> None:
    """Guards against a schema change (a field validator, an alias) silently turning bulk off."""
    assert bulk.bulk_schema() is not None


@pytest.mark.parametrize(("core", "as_is"), [
    ({"type": "str"}, True),
    ({"type": "nullable", "schema": {"type": "float"}}, True),
    ({"type": "literal", "expected": ["a"]}, True),
    ({"type": "nullable", "schema": {"type": "nullable", "schema": {"type": "bool"}}}, True),
    ({"type": "str", "serialization": {"type": "to-string"}}, False),
    ({"type": "nullable", "schema": {"type": "list"}}, False),
    ({"type": "datetime"}, False),
    ({"type": "model"}, False),
    (None, False),
])
def test_which_fields_are_dumped_as_validated(core: Any, as_is: bool) -> None:
    """Bulk skips pydantic's dump only when every plain field is dumped as the value it validated."""
    assert bulk.dumped_as_is(core) is as_is


def test_site_plain_fields_are_dumped_as_validated() -> None:
    """The site schema takes the no-dump path, and the dump would give the same rows."""
    schema_now = bulk.bulk_schema()
    assert schema_now is not None
    assert schema_now.dumped_as_is
    rows = schema_now.rows.validate_python([make_site(fee=5, visit_minutes=30)["properties"]])
    assert schema_now.rows.dump_python(rows) == rows
    assert type(rows[0]["fee"]) is float


def test_bundled_catalogue() -> None:
    """The bundled catalogue loads the same both ways."""
    assert_same_catalog(load_catalog(BUNDLED_GEODATA, bulk=True),
                        load_catalog(BUNDLED_GEODATA, bulk=False))


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.iterdir() if p.suffix in (".geojson", ".json")),
                         ids=lambda p: p.name)
def test_intake_corpus_file(path: Path) -> None:
    """Every good and bad file of the intake corpus, loaded as a catalogue file, both ways."""
    assert_same_catalog(*_both([(path.name, path.read_bytes())]))


def test_generated_catalogue_is_mostly_bulk() -> None:
    """A generated catalogue: the same both ways, and bulk really judged nearly every site."""
    features = synthetic_features(400)
    assert _bulk_count(features) >= 380  # all but the ~2% boundaries
    assert_same_catalog(*_both([("sites.geojson", _document(features))]))


def _edited(feature: dict[str, Any], **properties: Any) -> dict[str, Any]:
    edited = copy.deepcopy(feature)
    edited["properties"].update(properties)
    return edited


# Features the bulk check must hand to the per-feature path (or judge exactly as it does).
TRICKY: dict[str, Any] = {
    "control character in a name": lambda f: _edited(f, name_en="Lake\x07 Park"),
    "control character in the id": lambda f: _edited(f, id="bad\x01id"),
    "missing category": lambda f: {**f, "properties": {
        k: v for k, v in f["properties"].items() if k != "category"}},
    "no name": lambda f: _edited(f, name_en="  ", name_zh=""),
    "fact citing an unknown source": lambda f: _edited(f, facts=[
        {"en": "x", "zh": "x", "source": "nobody"}]),
    "dated value not the newest": lambda f: _edited(f, hours="09:00-17:00", dated_values=[
        {"field": "hours", "value": "08:00-18:00", "as_of": "2024", "source": "test-source"}]),
    "dated value that is the newest": lambda f: _edited(f, hours="08:00-18:00", dated_values=[
        {"field": "hours", "value": "08:00-18:00", "as_of": "2024", "source": "test-source"}]),
    "whitespace to strip": lambda f: _edited(f, name_en="  Padded  ", coordinate_source=" gps "),
    "no accuracy": lambda f: _edited(f, coordinate_accuracy_m=None, coordinate_source=""),
    "blank accuracy source": lambda f: _edited(f, coordinate_source="   "),
    "old source title": lambda f: _edited(f, sources=[{"id": "test-source", "title": "Old"}]),
    "unknown property": lambda f: _edited(f, colour="green"),
    "fee as text": lambda f: _edited(f, fee="5"),
    "fee out of range": lambda f: _edited(f, fee=-1),
    "visit minutes as float": lambda f: _edited(f, visit_minutes=30.0),
    "transit outside region": lambda f: _edited(f, transit={
        "station_en": "X", "lon": 1.0, "lat": 1.0, "source": "test-source"}),
    "media": lambda f: _edited(f, media=[{
        "file": "missing.jpg", "alt_en": "a", "alt_zh": "a", "credit": "c", "licence": "CC-BY-4.0",
        "source_url": "https://example.org/x"}]),
    "properties null": lambda f: {**f, "properties": None},
    "feature id member": lambda f: {**f, "id": f["properties"]["id"]},
    "feature id differing": lambda f: {**f, "id": "other"},
    "bbox": lambda f: {**f, "bbox": [106.0, 26.0, 107.0, 27.0]},
    "point with height": lambda f: {**f, "geometry": {"type": "Point",
                                                      "coordinates": [106.6, 26.6, 1000]}},
    "boolean coordinate": lambda f: {**f, "geometry": {"type": "Point", "coordinates": [True, 26.6]}},
    "integer coordinates": lambda f: {**f, "geometry": {"type": "Point", "coordinates": [107, 27]}},
    "huge integer coordinate": lambda f: {**f, "geometry": {"type": "Point",
                                                            "coordinates": [10**400, 26.6]}},
    "outside the region": lambda f: {**f, "geometry": {"type": "Point", "coordinates": [116.4, 39.9]}},
    "swapped": lambda f: {**f, "geometry": {"type": "Point", "coordinates": [26.6, 106.6]}},
    "geometry with foreign member": lambda f: {**f, "geometry": {
        "type": "Point", "coordinates": [106.6, 26.6], "properties": {}}},
    "no geometry": lambda f: {k: v for k, v in f.items() if k != "geometry"},
    "null geometry": lambda f: {**f, "geometry": None},
    "not a feature": lambda f: [f],
}


@pytest.mark.parametrize("name", list(TRICKY))
def test_tricky_feature_among_good_ones(name: str) -> None:
    """One tricky feature between two good ones, and a duplicate of its id after them."""
    good = make_site(id="good-one")
    tricky = TRICKY[name](make_site(id="tricky"))
    features = [good, tricky, make_site(id="good-two"), make_site(id="tricky"), good]
    assert_same_catalog(*_both([("sites.geojson", _document(features))]))


# Nested values equal or nearly equal to a good site's: each is judged on its own, never as
# the value it resembles (bulk judges each distinct nested value once and shares it).
SHARED_NESTED: dict[str, dict[str, Any]] = {
    "the same facts": {},
    "a fact with a control character": {"facts": [{"en": "x\x07", "zh": "", "source": "test-source"}]},
    "a fact with spaces to strip": {"facts": [{"en": " x ", "zh": "", "source": "test-source"}]},
    "a tag with spaces": {"tags": [" park "]},
    "a bad tag": {"tags": ["Park"]},
    "transit at a whole number": {"transit": {"station_en": "X", "lon": 107, "lat": 26.6,
                                              "source": "test-source"}},
    "transit at true": {"transit": {"station_en": "X", "lon": True, "lat": 26.6,
                                    "source": "test-source"}},
    "transit at a float": {"transit": {"station_en": "X", "lon": 107.0, "lat": 26.6,
                                       "source": "test-source"}},
    "closed weekdays null": {"closed_weekdays": None},
    "tags null": {"tags": None},
    "members in another order": {"facts": [{"source": "test-source", "zh": "", "en": "x"}]},
}


@pytest.mark.parametrize("name", list(SHARED_NESTED))
def test_nested_values_shared_with_other_sites(name: str) -> None:
    """A site whose nested values resemble others', among sites sharing theirs, loads the same both ways."""
    shared = {"facts": [{"en": "x", "zh": "", "source": "test-source"}], "tags": ["park"],
              "transit": {"station_en": "X", "lon": 107.0, "lat": 26.6, "source": "test-source"}}
    features = [make_site(id=f"site-{number}", **shared) for number in range(3)]
    features.insert(1, _edited(make_site(id="odd", **shared), **SHARED_NESTED[name]))
    features.append(make_site(id="last", **{**shared, **SHARED_NESTED[name]}))
    assert _bulk_count(features) >= 3
    assert_same_catalog(*_both([("sites.geojson", _document(features))]))


def test_duplicates_across_files() -> None:
    """The first file's site is kept, the second's is a problem, as before."""
    first = _document([make_site(id="shared"), make_site(id="only-first")])
    second = _document([make_site(id="shared", name_en="Other"), make_site(id="only-second")])
    fast, slow = _both([("a.geojson", first), ("b.geojson", second)])
    assert fast.sites.index.tolist() == ["shared", "only-first", "only-second"]
    assert_same_catalog(fast, slow)


def test_dump_as_before_gives_the_same_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bulk with pydantic's dump of the plain fields loads what it loads without."""
    schema_now = bulk.bulk_schema()
    assert schema_now is not None
    features = [*synthetic_features(60), make_site(id="spaces", name_en=" Padded ", fee=3)]
    without_dump = _both([("sites.geojson", _document(features))])[0]
    monkeypatch.setattr(bulk, "bulk_schema", lambda: dataclasses.replace(schema_now, dumped_as_is=False))
    with_dump, slow = _both([("sites.geojson", _document(features))])
    assert_same_catalog(without_dump, with_dump)
    assert_same_catalog(with_dump, slow)


def test_comparison_fails_when_bulk_skips_a_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards against a vacuous comparison: bulk without the model's after validators differs."""
    schema_now = bulk.bulk_schema()
    assert schema_now is not None
    monkeypatch.setattr(bulk, "bulk_schema", lambda: dataclasses.replace(schema_now, after=()))
    features = [make_site(id="cites-nobody", facts=[{"en": "x", "zh": "x", "source": "nobody"}])]
    with pytest.raises(AssertionError):
        assert_same_catalog(*_both([("sites.geojson", _document(features))]))


_TEXT = st.one_of(st.text(max_size=12), st.sampled_from(["", "  ", "湿地公园", "Huaxi\x1f", "<b>x</b>"]))
_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 2000), st.floats(allow_nan=False, allow_infinity=False),
    _TEXT, st.lists(_TEXT, max_size=3), st.sampled_from(
        [["mon"], ["park", "wetland"], "09:00-17:00", "24:00", "Huaxi", "open", "green-industry",
         [{"en": "x", "zh": "", "source": "test-source"}], {"station_zh": "站", "source": "test-source"}]))
_FIELDS = st.sampled_from([*schema.PROPERTY_NAMES, "title", "colour"])


@st.composite
def _features(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A few sites, each a valid one with some properties or its point changed at random."""
    features = []
    for number in range(draw(st.integers(1, 4))):
        feature = make_site(id=draw(st.sampled_from([f"site-{number}", "site-0"])))
        for name, value in draw(st.dictionaries(_FIELDS, _VALUES, max_size=3)).items():
            feature["properties"][name] = value
        if draw(st.booleans()):
            feature["geometry"]["coordinates"] = [
                draw(st.floats(105.0, 108.0)), draw(st.floats(25.5, 28.0))]
        features.append(feature)
    return features


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(features=_features())
def test_random_sites(features: list[dict[str, Any]]) -> None:
    """Randomly altered sites load the same both ways."""
    assert_same_catalog(*_both([("sites.geojson", _document(features))]))


def test_integer_too_big_for_a_float_is_a_problem_not_a_crash() -> None:
    """Guards against OverflowError from a 400-digit coordinate (JSON allows it; a float cannot hold it)."""
    raw = _document([make_site(geometry={"type": "Point", "coordinates": [10**400, 26.6]})])
    report = validate_geojson_bytes(raw, "sites.geojson")
    assert [p.key for p in report.problems] == ["validate.rfc.position_finite"]
