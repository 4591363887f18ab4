"""Session-state keys and their defaults, in one place. State holds ids and small values."""

from __future__ import annotations

SELECTED_SITE = "selected_site"
LANG = "lang"
LAST_MAP_CLICK = "explore.last_map_click"
URL_APPLIED = "explore.url_applied"

# Widget keys carry their page as prefix.
FILTER_CATEGORIES = "explore.categories"
FILTER_TAGS = "explore.tags"
FILTER_DISTRICTS = "explore.districts"
FILTER_TEXT = "explore.text"
SITE_TABLE = "explore.table"
SITE_MAP = "explore.map"

DEFAULTS: dict[str, object] = {
    SELECTED_SITE: None,
    LAST_MAP_CLICK: None,
    URL_APPLIED: False,
}
