"""Every page's URL parameters and every setting, fuzzed with hostile values: never a traceback."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from ecosites.compare import QUERY_COMPARE
from ecosites.filters import QUERY_CATEGORY, QUERY_DISTRICT, QUERY_SITE, QUERY_TAG, QUERY_TEXT
from ecosites.i18n import QUERY_LANG
from ecosites.planning.codec import PLAN_QUERY_KEYS
from ecosites.settings import NUMBER_SETTINGS
from tests.app.conftest import APP_TIMEOUT_S
from tests.conftest import REPO

HOSTILE_VALUES: dict[str, str | list[str]] = {
    "huge integer": "9" * 10_000,
    "superscript": "²",
    "inf": "inf",
    "nan": "nan",
    "empty": "",
    "10,000 characters": "x" * 10_000,
    "markup": "[sign in](https://x.co) ![t](https://evil.example/t.png) :red[**ALERT**] <b>b</b>",
    "control characters": "a\x00b\x1b[31m\u202e",
    "far date": "9999-12-31",
    "tiny number": "1e-300",
    "huge float": "1e400",
    "repeated keys": ["2", "3", "²"],
}
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "pages/explore.py": (QUERY_CATEGORY, QUERY_TAG, QUERY_DISTRICT, QUERY_TEXT, QUERY_SITE,
                         QUERY_LANG),
    "pages/plan.py": (*PLAN_QUERY_KEYS, QUERY_LANG),
    "pages/compare.py": (QUERY_COMPARE, QUERY_LANG),
    "pages/staff.py": (QUERY_LANG,),
}
SETTING_NAMES = ("GEODATA", "TILES", "TIANDITU_KEY", "STAFF_PASSWORD",
                 *(setting.name for setting in NUMBER_SETTINGS))


def run_page(page: str, query: dict[str, str | list[str]]) -> AppTest:
    """The page run once through the entry script with these query parameters."""
    at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=APP_TIMEOUT_S)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    return at


def assert_no_traceback(at: AppTest) -> None:
    """No exception box, and no Python traceback or server path in any text shown."""
    assert not at.exception, [e.value for e in at.exception]
    shown = [*(m.value for m in at.markdown), *(w.value for w in at.warning),
             *(e.value for e in at.error), *(i.value for i in at.info)]
    for text in shown:
        assert "Traceback" not in text, text
        assert "File \"/" not in text, text


@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("page", sorted(PAGE_PARAMS))
@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_every_url_parameter_of_every_page_with_a_hostile_value(
    page: str, value: str | list[str]
) -> None:
    """Guards against tracebacks from URL parameters (e.g. days=² or 10,000 nines on /plan)."""
    at = run_page(page, dict.fromkeys(PAGE_PARAMS[page], value))
    assert_no_traceback(at)


@pytest.mark.usefixtures("app_env")
@pytest.mark.parametrize("days", ["²", "9" * 10_000, "0", "-1", "15"])
def test_plan_days_out_of_range_is_named_with_its_range(days: str) -> None:
    """Guards against /plan?days=² showing a Python traceback with server paths."""
    at = run_page("pages/plan.py", {"plan": "guanshanhu-park,qianling-park", "days": days})
    assert_no_traceback(at)
    shown = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "days" in shown
    assert len(shown) < 400


@pytest.mark.parametrize("value", ["inf", "nan", "1e400", "²", "9" * 10_000, "-1", "", "x" * 10_000])
def test_every_setting_with_a_hostile_value(app_env: Callable[..., None], value: str) -> None:
    """Guards against ECOSITES_MAX_UPLOAD_MB=inf|nan or ECOSITES_MAX_FEATURES=1e400 crashing a page."""
    app_env(**dict.fromkeys((name for name in SETTING_NAMES if name != "GEODATA"), value))
    for page in ("pages/explore.py", "pages/staff.py"):
        assert_no_traceback(run_page(page, {}))
