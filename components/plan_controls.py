"""Adding sites to the visit plan from anywhere: the plan's state, toggles and a summary."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ecosites import state
from ecosites.i18n import t
from ecosites.planning.codec import QUERY_PLAN, split_ids, toggle_id

PLAN_PAGE = "pages/plan.py"


def get_plan_query() -> dict[str, str]:
    """The plan as query parameters (a copy; change it with ``set_plan_query``)."""
    return dict(st.session_state.get(state.PLAN_QUERY) or {})


def set_plan_query(query: dict[str, str]) -> None:
    """Replace the plan (a new dict each time, never mutated in place)."""
    st.session_state[state.PLAN_QUERY] = {k: v for k, v in query.items() if v}


def plan_ids() -> tuple[str, ...]:
    """The site ids in the plan, in the user's order."""
    return split_ids(get_plan_query().get(QUERY_PLAN))


def set_plan_ids(ids: Sequence[str]) -> None:
    """Put these ids in the plan, keeping its other settings."""
    set_plan_query({**get_plan_query(), QUERY_PLAN: ",".join(dict.fromkeys(ids))})


def toggle_plan_site(site_id: str) -> None:
    """Add the site to the plan, or remove it when it is already there."""
    set_plan_ids(toggle_id(plan_ids(), site_id))


def render_plan_link(lang: str) -> None:
    """How many sites are in the plan, as a link to the planner (nothing while it is empty)."""
    count = len(plan_ids())
    if count:
        st.page_link(PLAN_PAGE, label=t("plan.in_plan", lang, count=count), icon=":material/route:")


def render_plan_toggle(site_id: str, lang: str, key: str) -> None:
    """A button that adds the site to the visit plan or removes it, and the planner's link."""
    in_plan = site_id in plan_ids()
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        st.button(t("plan.remove" if in_plan else "plan.add", lang), key=key, icon=(
            ":material/remove_circle:" if in_plan else ":material/add_location_alt:"),
            on_click=toggle_plan_site, args=(site_id,))
    with right:
        render_plan_link(lang)


def _add_all(ids: Sequence[str]) -> None:
    set_plan_ids([*plan_ids(), *ids])


def render_plan_bulk_add(ids: Sequence[str], lang: str, key: str) -> None:
    """'Add all N listed sites' plus how many are in the plan and a link to the planner."""
    left, right = st.columns([3, 2])
    with left:
        st.button(t("plan.add_visible", lang, count=len(ids)), key=key, on_click=_add_all,
                  args=(list(ids),), disabled=not ids)
    with right:
        render_plan_link(lang)
