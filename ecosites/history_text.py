"""History and audit entries in the page's language.

The store records actions, authors and notes in English, as the command line shows
them. The staff page translates what our own code writes there (an action name, the
author of a change made outside intake, a publish's diff summary, the edit form, a
rollback, the version recorded as found); anything else, such as a file name, is shown
as written. A test writes entries through the real store and intake, so these patterns
cannot drift from what is recorded.
"""

from __future__ import annotations

import re

from ecosites.i18n import STRINGS, t
from ecosites.intake import FORM_FILE
from ecosites.store import UNKNOWN_AUTHOR

_DIFF_NOTE = re.compile(r"^(\d+) added, (\d+) changed, (\d+) unchanged, (\d+) removed(?: \((.*)\))?$")
_ROLLBACK_NOTE = re.compile(r"^rolled back to version (\d+)$")
_FOUND_NOTE = "the catalogue as found before this change"


def action_label(action: str, lang: str) -> str:
    """'publish', 'rollback', 'sign-in' … in ``lang``; an action we do not know as recorded."""
    key = f"staff.action.{action}"
    return t(key, lang) if key in STRINGS else action


def author_label(author: str, lang: str) -> str:
    """The author, or in ``lang`` the stand-in recorded for a change made outside intake."""
    return t("staff.author_unknown", lang) if author == UNKNOWN_AUTHOR else author


def note_label(note: str, lang: str) -> str:
    """A version's or audit entry's note in ``lang`` when our code wrote it, else as written."""
    diff = _DIFF_NOTE.match(note)
    if diff:
        added, changed, unchanged, removed, files = diff.groups()
        summary = t("staff.diff_summary", lang, added=added, changed=changed, unchanged=unchanged,
                    removed=removed)
        if files == FORM_FILE:
            files = t("staff.note.form", lang)
        return f"{summary} ({files})" if files is not None else summary
    rollback = _ROLLBACK_NOTE.match(note)
    if rollback:
        return t("staff.note.rolled_back", lang, version=rollback.group(1))
    return t("staff.note.found", lang) if note == _FOUND_NOTE else note
