"""Keeping the page URL's query parameters in step with the view."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping

from ecosites.filters import (
    QUERY_CATEGORY,
    QUERY_DISTRICT,
    QUERY_OPEN,
    QUERY_SITE,
    QUERY_TAG,
    QUERY_TEXT,
)

EXPLORE_KEYS: tuple[str, ...] = (QUERY_CATEGORY, QUERY_TAG, QUERY_DISTRICT, QUERY_TEXT, QUERY_OPEN,
                                 QUERY_SITE)


def sync_query_params(
    params: MutableMapping[str, str],
    wanted: dict[str, str],
    managed: Iterable[str] = EXPLORE_KEYS,
) -> bool:
    """Set the managed keys to ``wanted`` (removing the others); other keys are kept.

    Writes only what differs, so an unchanged view does not touch the browser history.
    Returns True when anything changed.
    """
    touched = False
    for key in managed:
        value = wanted.get(key)
        if value:
            if params.get(key) != value:
                params[key] = value
                touched = True
        elif key in params:
            del params[key]
            touched = True
    return touched
