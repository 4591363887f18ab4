"""No export books a visit while a site is closed; the itinerary's PDF, addresses and QR codes.

Every format is parsed back and each visit it contains is checked against the site's
opening hours by a check written here, apart from the planner's.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import gpxpy
import icalendar
import pytest

from ecosites import exports
from ecosites.coords import wgs84_to_gcj02
from ecosites.itinerary import amap_url, taxi_text
from ecosites.planning.model import LOCAL_TZ, PlanRequest
from ecosites.planning.plan import Plan
from ecosites.planning.schedule import plan_visit
from ecosites.planning.stops import StopInfo
from tests.conftest import make_stop

MONDAY = date(2026, 12, 7)
TODAY = date(2026, 11, 1)
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}
HOURS = {"museum": ("09:00", "17:00", "16:00", {0}), "park": ("06:00", "22:00", None, set()),
         "garden": ("09:00", "12:00", None, set())}


def _known() -> dict[str, Any]:
    return {s.id: s for s in (
        make_stop(id="museum", name_en="Geological Museum", name_zh="地质博物馆", lon=106.627,
                  lat=26.647, hours="09:00-17:00", last_entry="16:00", closed_weekdays=["mon"],
                  address_zh="观山湖区云潭南路607号", address_en="607 Yuntan South Rd"),
        make_stop(id="park", name_en="Lake Park", name_zh="湖公园", lon=106.629, lat=26.66,
                  hours="06:00-22:00", closed_weekdays=[], visit_minutes=120),
        make_stop(id="garden", name_en="Morning Garden", name_zh="晨园", lon=106.64, lat=26.65,
                  hours="09:00-12:00", closed_weekdays=[], visit_minutes=120),
        make_stop(id="lake", name_en="Unverified Lake", name_zh="未核实湖", lon=106.60, lat=26.62,
                  hours=None, closed_weekdays=None))}


PLANS: dict[str, Plan] = {
    # The museum is closed on Mondays: it must not appear as a visit anywhere.
    "monday": plan_visit(PlanRequest(("museum", "park", "lake"), day=MONDAY), _known(), TODAY),
    # Keep my order from 09:00: the garden would close during its visit, so it is left out.
    "locked": plan_visit(PlanRequest(("park", "garden", "museum"), day=MONDAY + timedelta(days=1),
                                     start_time=time(9, 0), locked=True), _known(), TODAY),
}


def assert_open(site_id: str, begin: datetime, end: datetime) -> None:
    """The visit lies inside the site's opening on an open weekday (unknown hours: any)."""
    if site_id not in HOURS:
        return
    opens, closes, last_entry, closed = HOURS[site_id]
    local_begin, local_end = begin.astimezone(LOCAL_TZ), end.astimezone(LOCAL_TZ)
    assert local_begin.weekday() not in closed, (site_id, begin)
    assert local_begin.strftime("%H:%M") >= opens
    assert local_end.strftime("%H:%M") <= closes
    if last_entry is not None:
        assert local_begin.strftime("%H:%M") <= last_entry


def _visits_ics(plan: Plan) -> list[tuple[str, datetime, datetime]]:
    calendar = icalendar.Calendar.from_ical(exports.plan_to_ics(plan, now=datetime(
        2026, 11, 1, tzinfo=UTC)))
    ids = {f"{s.number}. {s.info.name_en} · {s.info.name_zh}": s.info.id for s in plan.stops}
    return [(ids[str(e["summary"])], e.decoded("dtstart"), e.decoded("dtend"))
            for e in calendar.walk("VEVENT")]


def _ids_by_name() -> dict[str, str]:
    known = _known()
    return {f"{s.name_en} · {s.name_zh}": s.id for s in known.values()}


def _stop_id(name: str) -> str:
    return _ids_by_name()[name.split(". ", 1)[1]]


def visits(plan: Plan, fmt: str) -> list[tuple[str, datetime | None, datetime | None]]:
    """(site id, begin, end) of every visit the format books; None where it has no end time."""
    if fmt == "ics":
        return [(i, b, e) for i, b, e in _visits_ics(plan)]
    if fmt == "json":
        data = json.loads(exports.plan_to_json(plan))
        return [(s["id"], datetime.fromisoformat(s["arrive"]) + timedelta(
            minutes=s["wait_minutes"]), datetime.fromisoformat(s["depart"])) for s in data["stops"]]
    if fmt == "csv":
        rows = csv.DictReader(io.StringIO(exports.plan_to_csv(plan).lstrip("\ufeff")))
        out: list[tuple[str, datetime | None, datetime | None]] = []
        for r in rows:
            begin = datetime.fromisoformat(f"{r['date']}T{r['arrive']}").replace(tzinfo=LOCAL_TZ)
            out.append((r["id"], begin + timedelta(minutes=int(r["wait_minutes"])),
                        datetime.fromisoformat(f"{r['date']}T{r['depart']}").replace(
                            tzinfo=LOCAL_TZ)))
        return out
    if fmt == "gpx":
        gpx = gpxpy.parse(exports.plan_to_gpx(plan))
        return [(_stop_id(w.name or ""), w.time, None) for w in gpx.waypoints]
    if fmt == "kml":
        root = ET.fromstring(exports.plan_to_kml(plan).encode("utf-8"))
        marks = [m for m in root.findall(".//k:Placemark", KML_NS)
                 if m.find("k:Point", KML_NS) is not None]
        return [(_stop_id(m.findtext("k:name", namespaces=KML_NS) or ""),
                 datetime.fromisoformat(m.findtext("k:TimeStamp/k:when", namespaces=KML_NS)
                                        or ""), None) for m in marks]
    if fmt == "html":
        page = exports.plan_to_html(plan, "en")
        found: list[tuple[str, datetime | None, datetime | None]] = []
        for section in re.findall(r'<section class="stop">(.*?)</section>', page, re.S):
            title = re.search(r"<h3>\d+\. (.*?)</h3>", section)
            times = re.search(r"Arrive (\d\d:\d\d) · Leave (\d\d:\d\d)", section)
            assert title
            assert times
            found.append((_ids_by_name()[title.group(1)], None, None))
        return found
    raise AssertionError(fmt)


@pytest.mark.parametrize("name", list(PLANS))
@pytest.mark.parametrize("fmt", ["ics", "json", "csv", "gpx", "kml", "html"])
def test_no_export_books_a_closed_site(name: str, fmt: str) -> None:
    plan = PLANS[name]
    booked = visits(plan, fmt)
    assert [site for site, _, _ in booked] == [s.info.id for s in plan.stops]
    left_out = {u.info.id for u in plan.unplaced}
    assert left_out
    assert not left_out & {site for site, _, _ in booked}
    for site, begin, end in booked:
        if begin is not None and end is not None:
            assert_open(site, begin, end)
        elif begin is not None:  # a waypoint/placemark time is the arrival: on an open day
            assert begin.astimezone(LOCAL_TZ).weekday() not in HOURS.get(site, ("", "", "", set()))[3]


def test_the_plans_leave_out_what_they_should() -> None:
    assert [(u.info.id, u.reason.code) for u in PLANS["monday"].unplaced] == [
        ("museum", "no_open_day")]
    assert [(u.info.id, u.reason.code) for u in PLANS["locked"].unplaced] == [
        ("garden", "closes_during_visit")]
    assert [s.info.id for s in PLANS["locked"].stops] == ["park", "museum"]


def test_amap_link_uses_gcj02() -> None:
    museum = _known()["museum"]
    query = parse_qs(urlparse(amap_url(museum)).query)
    lon, lat = (float(v) for v in query["position"][0].split(","))
    expected = wgs84_to_gcj02(106.627, 26.647)
    assert (lon, lat) == pytest.approx(expected, abs=1e-6)
    assert (lon - 106.627, lat - 26.647) != pytest.approx((0, 0), abs=1e-4)  # really shifted
    assert query["name"] == ["地质博物馆"]
    assert query["coordinate"] == ["gaode"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_printable_has_taxi_address_both_names_and_qr(lang: str) -> None:
    page = exports.plan_to_html(PLANS["locked"], lang, share_link="http://h/plan?plan=park")
    assert '<div class="taxi" lang="zh-Hans">观山湖区云潭南路607号</div>' in page
    assert '<div class="taxi" lang="zh-Hans">湖公园（26.66000, 106.62900）</div>' in page
    assert "地址未核实 · address not verified" in page
    assert "607 Yuntan South Rd" in page
    assert ("Geological Museum · 地质博物馆" if lang == "en" else "地质博物馆 · Geological Museum") in page
    assert page.count("<svg") == 3  # two stops and the share link


@pytest.mark.parametrize(("unverified", "verified"), [([], True), (["address_zh"], False)])
def test_a_taxi_address_listed_as_unverified_says_so(unverified: list[str], verified: bool) -> None:
    """A Chinese address the catalogue marks unverified is shown with the 'not verified' note."""
    info = StopInfo.from_row({"id": "park", "name_en": "Park", "name_zh": "公园", "lon": 106.6,
                              "lat": 26.6, "address_zh": "花溪大道南段3014号", "unverified": unverified})
    assert taxi_text(info) == ("花溪大道南段3014号", verified)


def _pdf_pages(data: bytes) -> list[Any]:
    pdfium = pytest.importorskip("pypdfium2")
    return list(pdfium.PdfDocument(data))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_is_a4_portrait_with_text_inside_and_qr_codes_that_open_amap(lang: str) -> None:
    font = exports.find_cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")
    zxing = pytest.importorskip("zxingcpp")
    plan = plan_visit(PlanRequest(("museum", "park", "garden", "lake"), day=MONDAY + timedelta(
        days=1), days=2), _known(), TODAY)
    assert len(plan.stops) == 4
    data = exports.plan_to_pdf(plan, lang, font, share_link="http://h/plan?plan=museum,park")
    pages = _pdf_pages(data)
    text = ""
    decoded: list[str] = []
    for page in pages:
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 portrait in points
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(index)
            assert 0 <= left <= right <= width
            assert 0 <= bottom <= top <= height
        text += textpage.get_text_range()
        image = page.render(scale=2).to_pil()
        decoded += [r.text for r in zxing.read_barcodes(image)]
    flat = re.sub(r"\s+", "", text)
    for needle in ("观山湖区云潭南路607号", "地质博物馆", "GeologicalMuseum", "地址未核实"):
        assert needle in flat
    amap = sorted(u for u in decoded if u.startswith("https://uri.amap.com/marker"))
    assert len(amap) == 4
    assert "http://h/plan?plan=museum,park" in decoded
    positions = {parse_qs(urlparse(u).query)["name"][0]: parse_qs(urlparse(u).query)["position"][0]
                 for u in amap}
    gcj = wgs84_to_gcj02(106.627, 26.647)
    assert positions["地质博物馆"] == f"{gcj[0]:.6f},{gcj[1]:.6f}"
