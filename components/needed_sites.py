"""Which sites the planner and compare pages show: in database mode only these are loaded.

The planner needs its stops, a start or end at a site, and the forum's venue; compare needs
the sites picked (or named by the link on the first run), the venue, and the plan's stops
to offer. A site is added from Explore; these pages never need the whole catalogue.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.plan_controls import get_plan_query, plan_ids
from ecosites import state
from ecosites.compare import QUERY_COMPARE
from ecosites.planning.codec import parse_plan_query, split_ids
from ecosites.planning.model import VENUE_ID


def plan_site_ids(today: date) -> list[str]:
    """The plan's stops, its start and end when they are sites, and the venue."""
    request, _ = parse_plan_query(get_plan_query(), today)
    places = [value for value in (request.start, request.end) if value]
    return list(dict.fromkeys([*request.site_ids, *places, VENUE_ID]))


def compare_site_ids() -> list[str]:
    """The sites picked (the link's on the first run), the plan's stops and the venue."""
    if st.session_state.get(state.COMPARE_URL_APPLIED):
        picked = [str(i) for i in st.session_state.get(state.COMPARE_PICK) or []]
    else:
        picked = list(split_ids(st.query_params.get(QUERY_COMPARE)))
    return list(dict.fromkeys([*picked, *plan_ids(), VENUE_ID]))
