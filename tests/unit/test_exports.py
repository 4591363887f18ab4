"""Exports: each format is parsed back with its own library and checked field by field."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time
from pathlib import Path

import gpxpy
import icalendar
import pytest

from ecosites import exports
from ecosites.escape import escape_text
from ecosites.exports.text import plan_summary
from ecosites.planning.model import PlanRequest
from ecosites.planning.plan import Plan
from ecosites.planning.schedule import plan_visit
from tests.conftest import make_stop

HOSTILE = "<script>alert(1)</script> & ${x} `y`"
TODAY = date(2026, 11, 1)
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}


def sample_plan(day: date = date(2026, 12, 1)) -> Plan:
    """Hotel -> museum (closed on Mondays) -> a park with a hostile name -> the venue.

    A Tuesday: on a Monday the museum is left out of the schedule (see the tests at the end).
    """
    museum = make_stop(id="guizhou-geological-museum", name_en="Geological Museum of Guizhou",
                       name_zh="贵州省地质博物馆", lon=106.627, lat=26.647,
                       address_en="607 Yuntan South Rd", hours="09:00-17:00",
                       last_entry="16:00", closed_weekdays=["mon"], visit_minutes=60)
    park = make_stop(id="odd-park", name_en=HOSTILE, name_zh="=HYPERLINK(\"x\")", lon=106.70,
                     lat=26.60, hours=None, closed_weekdays=None, address_en=HOSTILE)
    venue = make_stop(id="eco-conference-center", name_en="Eco-Conference Center",
                      name_zh="贵阳国际生态会议中心", lon=106.64, lat=26.64)
    known = {s.id: s for s in (museum, park, venue)}
    request = PlanRequest(("guizhou-geological-museum", "odd-park"), start="106.62,26.65",
                          end="efg", day=day, start_time=time(9, 0), locked=True)
    return plan_visit(request, known, TODAY)


PLAN = sample_plan()


def test_plan_json_shape() -> None:
    data = json.loads(exports.plan_to_json(PLAN))
    assert [s["id"] for s in data["stops"]] == ["guizhou-geological-museum", "odd-park"]
    first = data["stops"][0]
    assert (first["arrive"], first["depart"]) == ("2026-12-01T09:08:00+08:00",
                                                  "2026-12-01T10:08:00+08:00")
    assert first["warnings"] == []
    assert data["unplaced"] == []
    assert [(leg["from"], leg["to"]) for leg in data["legs"]] == [
        ("106.620000,26.650000", "guizhou-geological-museum"),
        ("guizhou-geological-museum", "odd-park"), ("odd-park", "eco-conference-center")]
    assert all(isinstance(leg["distance_m"], int) and leg["minutes"] > 0 for leg in data["legs"])
    assert [w["code"] for w in data["warnings"]] == ["visit_default"]
    assert data["totals"]["travel_minutes"] == sum(leg["minutes"] for leg in data["legs"])


def test_ics_parses_with_one_event_per_stop() -> None:
    raw = exports.plan_to_ics(PLAN, now=datetime(2026, 11, 1, tzinfo=UTC))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "1. Geological Museum of Guizhou · 贵州省地质博物馆", f"2. {HOSTILE} · =HYPERLINK(\"x\")"]
    start = events[0].decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == ("2026-12-01T09:08:00+08:00", "Asia/Shanghai")
    assert events[0].decoded("dtend").strftime("%H:%M") == "10:08"
    geo = events[0]["geo"]
    assert isinstance(geo, icalendar.vGeo)
    assert (geo.latitude, geo.longitude) == (26.647, 106.627)
    assert str(events[0]["location"]) == "607 Yuntan South Rd"
    assert "Travel to it: 4–8 min · 1.1 km" in str(events[0]["description"])
    assert str(events[1]["location"]) == HOSTILE
    assert len({str(e["uid"]) for e in events}) == 2
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_gpx_parses_with_waypoints_and_route() -> None:
    gpx = gpxpy.parse(exports.plan_to_gpx(PLAN))
    assert gpx.version == "1.1"
    assert [(w.name, w.latitude, w.longitude) for w in gpx.waypoints] == [
        ("1. Geological Museum of Guizhou · 贵州省地质博物馆", 26.647, 106.627),
        (f"2. {HOSTILE} · =HYPERLINK(\"x\")", 26.60, 106.70)]
    (route,) = gpx.routes
    assert [(p.latitude, p.longitude) for p in route.points] == [
        (26.65, 106.62), (26.647, 106.627), (26.60, 106.70), (26.64, 106.64)]
    assert route.points[-1].name == "Eco-Conference Center · 贵阳国际生态会议中心"


def test_kml_parses_and_escapes_balloon_text() -> None:
    """Names are plain text (escaped once, by simplekml); balloon descriptions are HTML-escaped.

    The expected names are written out: an earlier version computed them with
    ``escape_text``, which hid that they were escaped twice.
    """
    root = ET.fromstring(exports.plan_to_kml(PLAN).encode("utf-8"))
    marks = root.findall(".//k:Placemark", KML_NS)
    names = [m.findtext("k:name", namespaces=KML_NS) for m in marks]
    assert names[:2] == ["1. Geological Museum of Guizhou · 贵州省地质博物馆",
                         '2. <script>alert(1)</script> & ${x} `y` · =HYPERLINK("x")']
    description = marks[1].findtext("k:description", namespaces=KML_NS) or ""
    assert "<script>" not in description
    assert "&lt;script&gt;" in description
    coords = marks[0].findtext("k:Point/k:coordinates", namespaces=KML_NS)
    assert coords == "106.627,26.647,0.0"
    line = root.find(".//k:LineString/k:coordinates", KML_NS)
    assert line is not None
    assert len((line.text or "").split()) == 4


@pytest.mark.parametrize(("name_en", "shown", "in_file"), [
    ("A & B", "1. A & B", "<name>1. A &amp; B</name>"),
    ("Rock <Garden>", "1. Rock <Garden>", "<name>1. Rock &lt;Garden&gt;</name>"),
    ("Lake's \"Edge\"", "1. Lake's \"Edge\"", "<name>1. Lake's &quot;Edge&quot;</name>"),
])
def test_kml_placemark_name_is_escaped_once(name_en: str, shown: str, in_file: str) -> None:
    """Guards against placemark names escaped twice ("A & B" shown as "A &amp; B" in Google Earth)."""
    stop = make_stop(id="a", name_en=name_en, name_zh="", hours=None)
    plan = plan_visit(PlanRequest(("a",), day=date(2026, 12, 1)), {"a": stop}, TODAY)
    text = exports.plan_to_kml(plan)
    stop_mark, _route = ET.fromstring(text.encode("utf-8")).findall(".//k:Placemark", KML_NS)
    assert stop_mark.findtext("k:name", namespaces=KML_NS) == shown
    assert in_file in text


def test_csv_rows_and_formula_neutralised() -> None:
    text = exports.plan_to_csv(PLAN)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == ["guizhou-geological-museum", "odd-park"]
    assert (rows[0]["arrive"], rows[0]["depart"], rows[0]["visit_minutes"]) == ("09:08", "10:08",
                                                                               "60")
    assert rows[1]["name_zh"] == "'=HYPERLINK(\"x\")"
    assert rows[1]["name_en"] == HOSTILE
    assert rows[1]["warnings"].startswith("Opening hours not yet verified.")


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+86 851", "'+86 851"), ("-x", "'-x"), ("@sum", "'@sum"),
    ("Park", "Park"), ("", ""),
])
def test_csv_cell(value: str, expected: str) -> None:
    assert exports.csv_cell(value) == expected


@pytest.mark.parametrize(("lang", "title", "day_heading"), [
    ("en", "<h1>Visit itinerary</h1>", "Day 1: Tue 1 December 2026"),
    ("zh", "<h1>参观行程</h1>", "第 1 天：2026年12月1日（周二）"),
])
def test_printable_html(lang: str, title: str, day_heading: str) -> None:
    page = exports.plan_to_html(PLAN, lang)
    assert title in page
    assert day_heading in page
    assert "<script>" not in page
    assert "${x}" not in page
    assert escape_text(HOSTILE) in page
    assert "@media print" in page


@pytest.mark.parametrize("fmt", exports.EXPORT_FORMATS[:-1])
def test_chinese_exports_follow_a_label_with_the_full_width_colon(fmt: str) -> None:
    """Guards against "英文地址: …" and "参观: …": a Chinese reader's labels take "：" as the panel's do."""
    content = exports.export_plan(PLAN, fmt, "zh", now=datetime(2026, 11, 1, tzinfo=UTC))
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    assert re.findall(r"[\u4e00-\u9fff][*）)]*(?:</span>)?:", text) == []


@pytest.mark.parametrize(("lang", "summary"), [
    ("en", "Travel by: Car or taxi · Travelling: 1 h 05 min · At the sites: 2 h 30 min · "
           "Distance (est.): 24 km"),
    ("zh", "出行方式：汽车或出租车 · 路上用时：1 小时 05 分钟 · 参观用时：2 小时 30 分钟 · "
           "估计路程：24 公里"),
])
def test_plan_summary_labels_in_each_language(lang: str, summary: str) -> None:
    assert plan_summary(PLAN, lang) == summary


def test_multi_day_html_has_a_heading_per_day() -> None:
    stops = [make_stop(id=f"s{k}", visit_minutes=300, hours=None) for k in range(3)]
    plan = plan_visit(PlanRequest(tuple(s.id for s in stops), day=date(2026, 12, 1), days=3),
                      {s.id: s for s in stops}, TODAY)
    page = exports.plan_to_html(plan, "en")
    headings = ["Day 1: Tue 1 December 2026", "Day 2: Wed 2 December 2026", "Day 3: Thu 3 December 2026"]
    assert [heading in page for heading in headings] == [True, True, True]


def test_find_cjk_font_falls_back_to_known_paths(tmp_path: Path) -> None:
    font = tmp_path / "wqy-microhei.ttc"
    font.write_bytes(b"not really a font")
    assert exports.find_cjk_font([("/nonexistent.ttc", 2), (str(font), 0)],
                                 use_fontconfig=False) == (font, 0)
    assert exports.find_cjk_font([("/nonexistent.ttc", 2)], use_fontconfig=False) is None


def test_pdf_needs_a_font() -> None:
    with pytest.raises(ValueError, match="CJK font"):
        exports.export_plan(PLAN, "pdf", font=None)


def test_pdf_with_the_system_cjk_font() -> None:
    font = exports.find_cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")
    pdf = exports.export_plan(PLAN, "pdf", "zh", font=font)
    assert pdf.startswith(b"%PDF-")
    assert b"/FontFile" in pdf


@pytest.mark.parametrize("fmt", exports.EXPORT_FORMATS[:-1])
def test_export_plan_covers_every_text_format(fmt: str) -> None:
    assert exports.export_plan(PLAN, fmt, now=datetime(2026, 11, 1, tzinfo=UTC))
    assert fmt in exports.MEDIA_TYPES
