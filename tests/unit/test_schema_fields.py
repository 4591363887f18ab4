"""The newer site properties: source titles, status, transit, parts, dated values, optional accuracy."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ecosites import schema
from ecosites.catalog import catalog_files, load_catalog
from ecosites.paths import BUNDLED_GEODATA
from ecosites.search import has_chinese
from ecosites.store import TEMPLATE_FILE
from ecosites.validate import validate_features, validate_geojson_bytes
from tests.conftest import REPO, make_site

SOURCE = {"id": "test-source", "title_en": "Test fixture", "title_zh": "测试资料", "fields": []}


def errors_of(**overrides: Any) -> list[str]:
    report = validate_features([make_site(**overrides)], "upload.geojson")
    return [f"{p.field}: {p.message}" for p in report.errors]


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"status": "under-construction", "status_note_en": "Not open", "status_note_zh": "未开放"}, []),
    ({"status": "demolished"}, ["status: \"demolished\" is not allowed here"]),
    ({"transit": {"station_en": "Huaxi Park", "station_zh": "花溪公园站", "lon": 106.67314,
                  "lat": 26.44223, "source": "test-source"}}, []),
    ({"transit": {"station_zh": "花溪公园站", "source": "test-source"}}, []),
    ({"transit": {"line_en": "Line 3", "source": "test-source"}},
     ["transit: transit needs a station name: give station_en, station_zh or both"]),
    ({"transit": {"station_en": "X", "lon": 116.4, "lat": 39.9, "source": "test-source"}},
     ["transit: the transit station's lon/lat lies outside the Guiyang region"]),
    ({"transit": {"station_en": "X", "lon": 106.6, "source": "test-source"}},
     ["transit: transit needs both lon and lat, or neither"]),
    ({"transit": {"station_en": "X", "source": "elsewhere"}},
     ["(site): transit cites source 'elsewhere', which is not in this site's sources"]),
    ({"parts": [{"name_en": "Shilihetan", "source": "test-source"}]}, []),
    ({"parts": [{"note_en": "no name", "source": "test-source"}]},
     ["parts.0: a part needs a name: give name_en, name_zh or both"]),
    ({"sources": [{"id": "test-source", "url": None}]},
     ["sources.0: source 'test-source' needs a title: give title_en, title_zh or both"]),
    ({"coordinate_accuracy_m": None, "coordinate_source": ""}, []),
    ({"coordinate_accuracy_m": 0}, ["coordinate_accuracy_m: 0 is out of range: it must be "
                                    "greater than 0.0"]),
])
def test_property_rules(overrides: dict[str, Any], expected: list[str]) -> None:
    assert [e.replace("None: ", "(site): ") for e in errors_of(**overrides)] == expected


@pytest.mark.parametrize(("fee", "dated", "expected"), [
    (0, [(5, "2020"), (0, "2022-03-01")], []),
    (5, [(5, "2020"), (0, "2022-03-01")],
     ["'fee' must hold the newest dated value (0.0, as of 2022-03-01)"]),
    (5, [(5, "2020-05")], []),
    (5, [(5, "March 2020")], ["dated_values.0.as_of: \"March 2020\" has the wrong form"]),
])
def test_the_newest_dated_value_is_the_one_used(fee: float, dated: list[tuple[float, str]],
                                                expected: list[str]) -> None:
    values = [{"field": "fee", "value": value, "as_of": as_of, "source": "test-source"}
              for value, as_of in dated]
    found = [e.split(": ", 1)[1] if e.startswith("None: ") else e
             for e in errors_of(fee=fee, dated_values=values)]
    assert found == expected


def test_dated_value_rules_are_said_in_chinese_too() -> None:
    """The schema's dated-value rules carry message keys, so a Chinese page reads them in Chinese."""
    values = [{"field": "fee", "value": 5, "as_of": "2020", "source": "test-source"},
              {"field": "fee", "value": 0, "as_of": "2022-03-01", "source": "test-source"}]
    report = validate_features([make_site(fee=5, dated_values=values)], "upload.geojson")
    assert [p.text("zh") for p in report.errors] == [
        "“fee”必须填写最新的带日期取值（0.0，截至 2022-03-01）"]
    assert [p.hint_text("zh") for p in report.errors] == [
        "请在“fee”中填写最新的值；较早的值保留在 dated_values 中"]


def test_dated_hours_must_look_like_hours() -> None:
    values = [{"field": "hours", "value": "9 to 5", "as_of": "2020", "source": "test-source"}]
    assert errors_of(hours=None, dated_values=values) == [
        "dated_values.0: the dated value for 'hours' has the wrong form ('9 to 5')"]


@pytest.mark.parametrize(("source", "title_en", "title_zh"), [
    ({"id": "old", "title": "An old single title"}, "An old single title", ""),
    ({"id": "new", "title_en": "English", "title_zh": "中文"}, "English", "中文"),
    ({"id": "both", "title": "Old", "title_en": "New"}, "New", ""),
])
def test_an_old_single_title_is_read_as_english(source: dict[str, Any], title_en: str,
                                                title_zh: str) -> None:
    parsed = schema.Source.model_validate(source)
    assert (parsed.title_en, parsed.title_zh) == (title_en, title_zh)


def test_missing_accuracy_is_accepted_with_one_warning_per_site() -> None:
    features = [make_site(id=f"site-{n}", coordinate_accuracy_m=None, coordinate_source="")
                for n in range(3)] + [make_site(id="located")]
    for feature in features[:3]:
        del feature["properties"]["coordinate_accuracy_m"], feature["properties"]["coordinate_source"]
    report = validate_features(features, "export.geojson")
    assert report.errors == []
    assert len(report.features) == 4
    assert [(p.site_id, p.field) for p in report.problems] == [
        ("site-0", "coordinate_accuracy_m"), ("site-1", "coordinate_accuracy_m"),
        ("site-2", "coordinate_accuracy_m")]
    assert all(p.severity == "warning" and "accuracy not stated" in p.message for p in report.problems)
    assert report.problems[0].text("zh") == (
        "未提供 coordinate_accuracy_m 和 coordinate_source；该示范点仍被接受，详情中显示“位置精度未注明”")


def test_template_has_every_property_with_a_note_and_is_valid() -> None:
    raw = (BUNDLED_GEODATA / TEMPLATE_FILE).read_bytes()
    template = json.loads(raw)
    assert list(template["field_notes"]) == list(schema.PROPERTY_NAMES)
    assert list(template["features"][0]["properties"]) == list(schema.PROPERTY_NAMES)
    report = validate_geojson_bytes(raw, TEMPLATE_FILE)
    assert report.errors == []
    assert len(report.features) == 1


def test_template_notes_are_in_both_languages() -> None:
    """Guards against staff who read Chinese getting a template explained only in English.

    One file serves both languages (the staff page and geodata/README.md link the same one),
    so every note and the description carry an English and a Chinese text.
    """
    template = json.loads((BUNDLED_GEODATA / TEMPLATE_FILE).read_text(encoding="utf-8"))
    notes = {"description": template["description"], **template["field_notes"]}
    assert [name for name, note in notes.items() if set(note) != {"en", "zh"}] == []
    assert [name for name, note in notes.items() if not note["en"].strip()] == []
    untranslated = [name for name, note in notes.items()
                    if not has_chinese(note["zh"]) or note["zh"] == note["en"]]
    assert untranslated == []


def test_template_is_never_loaded_as_a_site() -> None:
    assert TEMPLATE_FILE not in [p.name for p in catalog_files(BUNDLED_GEODATA)]
    assert "example-site" not in load_catalog(BUNDLED_GEODATA).sites.index


def test_geodata_readme_documents_every_property_and_links_the_template() -> None:
    readme = (REPO / "geodata" / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Properties"):readme.index("### Photos")]
    assert [name for name in schema.PROPERTY_NAMES if f"`{name}`" not in table] == []
    assert "(template.geojson)" in readme
    assert all(licence in readme for licence in schema.MEDIA_LICENCES)
