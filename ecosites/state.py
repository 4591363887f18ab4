"""Session-state keys and their defaults, in one place. State holds ids and small values."""

from __future__ import annotations

SELECTED_SITE = "selected_site"
LANG = "lang"
LAST_MAP_CLICK = "explore.last_map_click"
LAST_ROW = "explore.last_row"
LINK_NOTICES = "explore.link_notices"  # what was ignored in the link, shown on every run
URL_APPLIED = "explore.url_applied"

# Widget keys carry their page as prefix.
FILTER_CATEGORIES = "explore.categories"
FILTER_TAGS = "explore.tags"
FILTER_DISTRICTS = "explore.districts"
FILTER_TEXT = "explore.text"
SITE_TABLE = "explore.table"
SITE_MAP = "explore.map"

# Staff intake: the sign-in flag is per session and never set from a URL.
STAFF_SIGNED_IN = "staff.signed_in"
STAFF_AUTHOR = "staff.author"
STAFF_THROTTLE = "staff.throttle"
STAFF_FLASH = "staff.flash"
STAFF_UPLOAD_ROUND = "staff.upload_round"
STAFF_PREVIEWED_SHA = "staff.previewed_sha"
STAFF_EDIT_BASE = "staff.edit_base"
STAFF_HISTORY_SHA = "staff.history_sha"

# Visit planner and comparison: the plan is its query parameters ({"plan": "id,id", ...}),
# kept here so it survives page changes; widgets are synced from it on every run.
PLAN_QUERY = "plan.query"
PLAN_URL_APPLIED = "plan.url_applied"
PLAN_URL_NOTICES = "plan.url_notices"
PLAN_LAST_CLICK = "plan.last_map_click"
PLAN_MAP = "plan.map"
COMPARE_URL_APPLIED = "compare.url_applied"
COMPARE_PICK = "compare.pick"
COMPARE_URL_MESSAGES = "compare.url_messages"

# Language, basemap and near me (issue 5). LANG above holds the
# language for every page; BASEMAP the chosen basemap key, so other pages' maps follow it.
LANG_SWITCH = "app.lang"
BASEMAP = "basemap"
TILES = "explore.tiles"
NEAR_ON = "explore.near.on"
NEAR_TEXT = "explore.near.text"
NEAR_DATUM = "explore.near.datum"
NEAR_RADIUS_KM = "explore.near.radius_km"
NEAR_LOCATE = "explore.near.locate"
NEAR_PENDING = "explore.near.pending"
NEAR_LAST_FIX = "explore.near.last_fix"
NEAR_LAST_CLICK = "explore.near.last_click"

ENTRY_RAN = "app.entry_ran"  # set by streamlit_app.py's defaults: the entry script ran

DEFAULTS: dict[str, object] = {
    ENTRY_RAN: True,
    SELECTED_SITE: None,
    PLAN_URL_APPLIED: False,
    COMPARE_URL_APPLIED: False,
    LAST_MAP_CLICK: None,
    URL_APPLIED: False,
    STAFF_SIGNED_IN: False,
    STAFF_AUTHOR: "",
    STAFF_UPLOAD_ROUND: 0,
}
