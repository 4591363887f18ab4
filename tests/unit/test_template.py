"""The staff template GeoJSON: every schema field documented, and its example site valid."""

from __future__ import annotations

import json

from ecosites import schema
from ecosites.template import EXAMPLE_PROPERTIES, FIELD_NOTES, template_geojson
from ecosites.validate import validate_features


def test_every_schema_field_has_a_note_and_an_example_value() -> None:
    """Guards against the template drifting from the schema when a field is added."""
    assert sorted(FIELD_NOTES) == sorted(schema.PROPERTY_NAMES)
    assert sorted(EXAMPLE_PROPERTIES) == sorted(schema.PROPERTY_NAMES)


def test_the_template_documents_every_field_and_its_example_passes_validation() -> None:
    data = json.loads(template_geojson())
    assert sorted(data["fields"]) == sorted(schema.PROPERTY_NAMES)
    assert data["fields"]["coordinate_accuracy_m"]["required"] is True
    assert data["fields"]["name_en"]["required"] is False
    report = validate_features(data["features"], "template.geojson")
    assert [p.message for p in report.problems] == []
    assert len(report.features) == 1
