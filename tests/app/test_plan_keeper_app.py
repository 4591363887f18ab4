"""The visit plan stays: every page's URL carries it, and the browser's kept copy comes back (AppTest).

AppTest runs no JavaScript, so the browser's answer is put where the storage component
would put it (its widget key); tests/e2e/test_plan_keeper_browser.py does it for real.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from ecosites import state
from tests.app.conftest import elements, run_app, run_page

PLAN = "guanshanhu-park,qianling-park"


def storage_args(at: AppTest) -> dict[str, object]:
    """What the page handed the storage component: the plan (without the day, which a link's
    plan gets as today's), and whether to write it."""
    keeper = [node for node in elements(at, "component_instance") if node.key == state.PLAN_STORAGE]
    assert len(keeper) == 1, "every page draws one plan keeper"
    args = json.loads(keeper[0].proto.json_args)
    plan = {k: v for k, v in args["plan"].items() if k != "date"}
    return {"plan": plan, "write": args["write"]}


@pytest.mark.parametrize("page", ["pages/explore.py", "pages/compare.py", "pages/about.py",
                                  "pages/plan.py"])
@pytest.mark.usefixtures("app_env")
def test_every_page_keeps_the_plan_in_its_url(page: str) -> None:
    at = run_page(page, {"plan": PLAN, "mode": "walk"})
    assert at.query_params["plan"] == PLAN
    assert at.query_params["mode"] == "walk"
    assert storage_args(at) == {"plan": {"plan": PLAN, "mode": "walk"}, "write": False}


@pytest.mark.usefixtures("app_env")
def test_the_kept_plan_comes_back_when_the_link_has_none() -> None:
    at = run_app()
    assert "plan" not in at.query_params
    at.session_state[state.PLAN_STORAGE] = {"stored": {"plan": PLAN, "days": "2"}, "loaded": True}
    at.run()
    assert at.query_params["plan"] == PLAN
    assert at.query_params["days"] == "2"
    assert storage_args(at) == {"plan": {"plan": PLAN, "days": "2"}, "write": True}
    assert at.session_state[state.PLAN_QUERY]["plan"] == PLAN


@pytest.mark.usefixtures("app_env")
def test_a_link_with_a_plan_wins_over_the_kept_one() -> None:
    at = run_app({"plan": "huaxi-wetland-park"})
    at.session_state[state.PLAN_STORAGE] = {"stored": {"plan": PLAN}, "loaded": True}
    at.run()
    assert at.query_params["plan"] == "huaxi-wetland-park"
    assert storage_args(at)["write"] is True


@pytest.mark.usefixtures("app_env")
def test_a_broken_kept_plan_is_ignored() -> None:
    """The browser's copy is input like a link: unknown keys and non-text values are dropped."""
    at = run_app()
    at.session_state[state.PLAN_STORAGE] = {"stored": {"plan": 5, "cat": "x"}, "loaded": True}
    at.run()
    assert not at.exception
    assert "plan" not in at.query_params
    assert storage_args(at) == {"plan": {}, "write": True}
