"""Session-state keys and their defaults, in one place. State holds ids and small values."""

from __future__ import annotations

SELECTED_SITE = "selected_site"
LANG = "lang"
LAST_MAP_CLICK = "explore.last_map_click"
LAST_ROW = "explore.last_row"
LINK_NOTICES = "explore.link_notices"  # what was ignored in the link, shown on every run
URL_APPLIED = "explore.url_applied"
MAP_LINK = "explore.map_link"  # (site a link opened, what the map listed then): see link_view

# Widget keys carry their page as prefix.
FILTER_CATEGORIES = "explore.categories"
FILTER_TAGS = "explore.tags"
FILTER_DISTRICTS = "explore.districts"
FILTER_TEXT = "explore.text"
FILTER_OPEN_MODE = "explore.open_mode"  # "any", "now" or "at"
FILTER_OPEN_DATE = "explore.open_date"
FILTER_OPEN_TIME = "explore.open_time"
UNVERIFIED_HOURS_LIST = "explore.unverified_hours"
SITE_TABLE = "explore.table"
SITE_MAP = "explore.map"
FILTER_RESET = "explore.reset"
FILTER_CLEAR_FOR_SITE = "explore.clear_for_site"
SITE_DETAIL = "explore.detail"
PLAN_TOGGLE = "explore.plan_toggle"
PLAN_ADD_VISIBLE = "explore.plan_add_visible"

# Staff intake: the sign-in flag is per session and never set from a URL.
STAFF_SIGNED_IN = "staff.signed_in"
STAFF_AUTHOR = "staff.author"
STAFF_SHARED_PASSWORD = "staff.shared_password"  # signed in by the migration password
STAFF_FLASH_WARNING = "staff.flash_warning"
STAFF_FLASH = "staff.flash"
STAFF_FLASH_AT = "staff.flash_at"  # the section and upload round the message was first shown in
STAFF_UPLOAD_ROUND = "staff.upload_round"
STAFF_PREVIEWED_SHA = "staff.previewed_sha"
STAFF_EDIT_BASE = "staff.edit_base"
STAFF_HISTORY_SHA = "staff.history_sha"
STAFF_SIGNIN_FORM = "staff.signin_form"
STAFF_SIGNIN_NAME = "staff.signin_name"
STAFF_SIGNIN_PASSWORD = "staff.signin_password"
STAFF_SIGN_OUT = "staff.sign_out"
STAFF_CRS = "staff.crs"
STAFF_EPSG = "staff.epsg"
STAFF_REPLACE = "staff.replace"
STAFF_REPAIR = "staff.repair"
STAFF_REPORT_TABLE = "staff.report_table"
STAFF_PREVIEW_MAP = "staff.preview_map"
STAFF_DIFF_ADDED = "staff.diff_added"
STAFF_DIFF_CHANGED = "staff.diff_changed"
STAFF_DIFF_REMOVED = "staff.diff_removed"
STAFF_PUBLISH = "staff.publish"
STAFF_EDIT_SITE = "staff.edit_site"
STAFF_EDIT_REPORT = "staff.edit_report"
STAFF_HISTORY_TABLE = "staff.history_table"
STAFF_ROLLBACK_VERSION = "staff.rollback_version"
STAFF_ROLLBACK_CONFIRM = "staff.rollback_confirm"
STAFF_ROLLBACK = "staff.rollback"
STAFF_AUDIT_TABLE = "staff.audit_table"
REPORT_FORM = "explore.report"  # per site: explore.report.<site id>
REPORT_KIND = "explore.report_kind"
REPORT_TEXT = "explore.report_text"
REPORT_TIMES = "explore.report_times"  # when this session sent reports (its rate limit)
REPORT_SENT = "explore.report_sent"  # the site this session last reported, for the thank-you
STAFF_REPORT_DONE = "staff.report_done"
STAFF_REPORTS_DONE_TABLE = "staff.reports_done_table"
STAFF_TEMPLATE = "staff.template"
STAFF_SECTION = "staff.section"  # upload, edit or history: kept across reruns
STAFF_EDIT_PREVIEW = "staff.edit_preview"  # the catalogue SHA-256 the edit form was re-previewed against
STAFF_EDIT_PREVIEW_AGAIN = "staff.edit_preview_again"
STAFF_EDIT_DIFF_KEYS = ("staff.edit_diff_added", "staff.edit_diff_changed", "staff.edit_diff_removed")
STAFF_UPLOAD_CONFLICT = "staff.upload_conflict"  # True after an upload met a conflict, until re-previewed
STAFF_UPLOAD_PREVIEW_AGAIN = "staff.upload_preview_again"

# Visit planner and comparison: the plan is its query parameters ({"plan": "id,id", ...}),
# kept here so it survives page changes; widgets are synced from it on every run.
PLAN_QUERY = "plan.query"
PLAN_URL_APPLIED = "plan.url_applied"
PLAN_URL_NOTICES = "plan.url_notices"
PLAN_FROM_URL = "plan.from_url"  # the plan's parameters the session's first link carried
# The browser's kept plan, sent only when there is one: {"stored": {...}, "loaded": True}.
PLAN_STORAGE = "app.plan_storage"
PLAN_STORAGE_READ = "plan.storage_read"  # that answer was used; from now on the browser keeps the plan
PLAN_LAST_CLICK = "plan.last_map_click"
PLAN_MAP = "plan.map"
COMPARE_URL_APPLIED = "compare.url_applied"
COMPARE_PICK = "compare.pick"
COMPARE_URL_MESSAGES = "compare.url_messages"
COMPARE_TABLE = "compare.table"
COMPARE_ADD_TO_PLAN = "compare.plan"
PLAN_LAST_POINT_CLICK = "plan.last_point_click"
PLAN_TIMETABLE = "plan.timetable"
PLAN_UNPLACED = "plan.unplaced"
COMPARE_MAP = "compare.map"
PLAN_SHOW_SITES = "plan.w.show_sites"
# The planner's sidebar widgets ("w" for widget: these mirror PLAN_QUERY, they are not the plan).
PLAN_STOPS = "plan.w.stops"
PLAN_ROUND_TRIP = "plan.w.round"
PLAN_MODE = "plan.w.mode"
PLAN_DATE = "plan.w.date"
PLAN_TIME = "plan.w.time"
PLAN_DAYS = "plan.w.days"
PLAN_HOURS = "plan.w.hours"
PLAN_LOCK = "plan.w.lock"

# Language, basemap and near me. LANG above holds the language for every page; BASEMAP the
# chosen basemap key, so other pages' maps follow it.
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

# The green record page: its charts, figure cards (state.sub_key(ABOUT_FIGURE, id)), contact box.
ABOUT_TIMELINE = "about.timeline"
ABOUT_SHARES = "about.shares"
ABOUT_FIGURE = "about.figure"
ABOUT_CONTACT = "about.contact"

ENTRY_RAN = "app.entry_ran"  # set by streamlit_app.py's defaults: the entry script ran



# Keys built from values: one function per family, so the shape of each key is decided here too.
def sub_key(parent: str, part: object) -> str:
    """A key under a component's own key (``explore.detail`` -> ``explore.detail.close``)."""
    return f"{parent}.{part}"


def plan_place_keys(which: str) -> tuple[str, str, str]:
    """The planner's kind, site and coordinates widgets for the "start" or "end" place."""
    return f"plan.w.{which}_kind", f"plan.w.{which}_site", f"plan.w.{which}_coords"


def compare_card_key(index: int) -> str:
    """The card of the compared site at ``index``."""
    return f"compare.card.{index}"


def plan_stop_key(number: int) -> str:
    """The card of one stop in the planner's timetable."""
    return f"plan.stop.{number}"


def plan_download_key(fmt: str, suffix: str) -> str:
    """One download button per format and file language suffix ("" or "-en", "-zh")."""
    return f"plan.download.{fmt}{suffix}"


def staff_upload_key(upload_round: int) -> str:
    """The file uploader: a new round (after a publish) gives a fresh, empty uploader."""
    return f"staff.upload.{upload_round}"


def staff_replace_confirm_key(upload_round: int) -> str:
    """The replace confirmation: unticked again for every new upload round."""
    return f"staff.replace_confirm.{upload_round}"


def staff_edit_key(site_id: str, base_sha256: str, field: str) -> str:
    """An edit-form field; it carries the site and catalogue version, so either change gives fresh fields."""
    return f"staff.edit.{site_id}.{base_sha256[:12]}.{field}"


DEFAULTS: dict[str, object] = {
    ENTRY_RAN: True,
    SELECTED_SITE: None,
    PLAN_URL_APPLIED: False,
    PLAN_SHOW_SITES: True,
    COMPARE_URL_APPLIED: False,
    LAST_MAP_CLICK: None,
    URL_APPLIED: False,
    STAFF_SIGNED_IN: False,
    STAFF_AUTHOR: "",
    STAFF_SHARED_PASSWORD: False,
    STAFF_UPLOAD_ROUND: 0,
}
