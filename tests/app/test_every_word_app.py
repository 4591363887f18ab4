"""Every word in the chosen language: each page, in both languages, over the bundled catalogue (AppTest).

With ``?lang=zh`` no English UI words may show: a Latin-letter word must be part of a proper
name the catalogue gives in English (shown as the other-language name), a URL, a file name,
an id, a unit or a name on ``ZH_ALLOWED_WORDS``. With ``?lang=en`` no Chinese may show
except the catalogue's Chinese names and ``EN_ALLOWED``. Every text a page shows is checked
(tests/app/language_leaks.py); the maps' own texts are checked in the browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from ecosites import state
from tests.app.conftest import APP_TIMEOUT_S, run_page
from tests.app.language_leaks import chinese_leaks, english_leaks, page_texts
from tests.conftest import REPO, feature_collection, make_site

CATALOG = json.loads((REPO / "geodata" / "sites.geojson").read_text(encoding="utf-8"))
PROPS = [f["properties"] for f in CATALOG["features"]]
# Publications that exist under one title only, cited as published.
PUBLICATION_TITLES = ["Green Synergy: Guiyang's Eco-Partnership with the World"]
UPLOAD_IDS = ["ring", "far", "plain"]
AUTHOR = "Li Wei"  # the signed-in staff member's name, as typed


def _other_names(lang: str) -> list[str]:
    """Names the catalogue gives in ``lang`` that pages show as a name's other-language form:
    sites, their parts and metro stations, and source titles that exist in one language only."""
    names = [p.get(f"name_{lang}") for p in PROPS]
    names += [part.get(f"name_{lang}") for p in PROPS for part in p.get("parts") or []]
    names += [(p.get("transit") or {}).get(f"station_{lang}") for p in PROPS]
    other = "zh" if lang == "en" else "en"
    names += [s.get(f"title_{lang}") for p in PROPS for s in p.get("sources") or []
              if not s.get(f"title_{other}")]
    return [name for name in names if name]


EN_NAMES = [*_other_names("en"), *(p["id"] for p in PROPS), *UPLOAD_IDS, AUTHOR,
            *PUBLICATION_TITLES]
ZH_NAMES = _other_names("zh")

# Words a Chinese page may show in Latin letters: units, formats, standards, brand names and
# the language switch's own "English". Reasons are the kind of word; the list may only shrink.
ZH_ALLOWED_WORDS = frozenset({
    "km", "mi", "min", "mb", "kb", "ha",  # units (the map scale shows miles too)
    "geojson", "json", "csv", "ics", "gpx", "kml", "kmz", "pdf", "html", "qr", "gpkg",
    "geopackage", "shapefile", "zip",  # file formats
    "rfc", "wgs", "gcj", "bd", "epsg", "cgcs", "crs", "id",  # standards and codes
    "openstreetmap", "osm", "amap", "gaode", "baidu", "tianditu", "leaflet",  # map services
    "english",  # the language switch offers English by its own name
    "aaaa", "aaa",  # China's scenic-area grades are written with the letter A
    "tab",  # the keyboard's key is labelled Tab
    "language",  # the language switch is labelled in both languages, so either reader finds it
    "efg",  # Eco Forum Global's own short name, used in Chinese too
    "guanshanhu",  # the search box's example: pinyin is something to type
    "gps", "google", "earth",  # what the GPX and KML downloads open in
    "cop", "aaaaa",  # UN conferences (COP29) and the top scenic-area grade keep their letters
    "qingyan",  # the English Wikipedia article's title, cited as it is
})
# Chinese an English page may show: the switch offers 中文 by its own name ("Language · 语言").
EN_ALLOWED = ["中文", "语言", "高德", "天地图", *ZH_NAMES,
              "观山湖"]  # the search box's example: Chinese is something to type
CHINESE_TITLE = re.compile(r"《[^》]*》")  # a Chinese publication's title, cited as published
# The allow-lists may only shrink: a new word of the other language needs a translation, not an
# entry. Lower these figures when an entry goes.
MOST_ZH_ALLOWED_WORDS = 48
MOST_EN_ALLOWED = 5

PLAN_STOPS = "guizhou-geological-museum,guanshanhu-park,huaxi-wetland-park"
PASSWORD = "correct horse battery"


def _scenarios() -> list[tuple[str, dict[str, str]]]:
    sites = [p["id"] for p in PROPS]
    return [
        ("pages/explore.py", {}),
        *[("pages/explore.py", {"site": site}) for site in sites],
        # 2026-11-30 is a Monday: the museum is closed, the planner warns.
        ("pages/plan.py", {"plan": PLAN_STOPS, "date": "2026-11-30", "start": "16:30"}),
        ("pages/compare.py", {"compare": PLAN_STOPS}),
        ("pages/about.py", {}),
        ("pages/staff_signin.py", {}),
    ]


FILE_MEMBERS = frozenset({"geometry", "properties", "coordinates", "type", "features", "fields"})


def assert_in_language(at: AppTest, lang: str, extra_words: frozenset[str] = frozenset()) -> None:
    """No text of the other script outside the allow-lists."""
    texts = page_texts(at, lang)
    assert texts, "the page showed nothing"
    leaks = (english_leaks(texts, EN_NAMES, ZH_ALLOWED_WORDS | extra_words) if lang == "zh"
             else chinese_leaks([CHINESE_TITLE.sub(" ", text) for text in texts], EN_ALLOWED))
    assert not leaks, "\n".join(f"{word!r} in {text!r}" for word, text in leaks)


def test_the_allow_lists_only_shrink() -> None:
    """Guards the allow-lists against growing (the catalogue's own names are not counted)."""
    assert len(ZH_ALLOWED_WORDS) <= MOST_ZH_ALLOWED_WORDS
    assert len([word for word in EN_ALLOWED if word not in ZH_NAMES]) <= MOST_EN_ALLOWED


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("page", "query"), _scenarios(),
                         ids=[f"{page[6:-3]}-{query.get('site', '')}" for page, query in _scenarios()])
def test_every_page_speaks_one_language(app_env: Callable[..., None], page: str,
                                        query: dict[str, str], lang: str) -> None:
    app_env(staff_password=PASSWORD)
    at = run_page(page, {"lang": lang, **query})
    assert not at.exception
    assert_in_language(at, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_staff_page_with_an_upload_speaks_one_language(
        app_env: Callable[..., None], lang: str) -> None:
    """Validation problems and warnings of an upload are worded in the page's language."""
    app_env(staff_password=PASSWORD)
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
    at.query_params["lang"] = lang
    at.session_state[state.STAFF_SIGNED_IN] = True
    at.session_state[state.STAFF_AUTHOR] = "Li Wei"
    at.run()
    at.switch_page("pages/staff.py").run()
    open_ring = [[106.6, 26.6], [106.7, 26.6], [106.7, 26.7], [106.6, 26.7], [106.6, 26.60000004]]
    upload = feature_collection([
        make_site(id="ring", name_en="Ring Park", name_zh="环公园",
                  geometry={"type": "Polygon", "coordinates": [open_ring]}),
        make_site(id="far", name_en="Far Park", name_zh="远公园", lon=116.4, lat=39.9),
        make_site(id="plain", name_en="Plain Park", name_zh="平公园", lon=106.71, lat=26.61),
    ])
    at.file_uploader[0].set_value(("upload.geojson", json.dumps(upload).encode(),
                                   "application/geo+json")).run()
    assert not at.exception
    # Staff are shown the member names of their own file ("geometry", "name_en") to find them there.
    assert_in_language(at, lang, extra_words=FILE_MEMBERS)
