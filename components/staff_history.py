"""Version history, rollback and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from ecosites import state
from ecosites.history_text import action_label, author_label, note_label
from ecosites.i18n import t
from ecosites.store import Version


def render_history(
    versions: Sequence[Version], current_sha256: str, audit: Sequence[dict[str, Any]], lang: str
) -> int | None:
    """The versions (newest first) and a guarded rollback; returns the version to restore."""
    if not versions:
        st.info(t("staff.history_none", lang))
        return None
    newest_first = list(reversed(versions))
    st.dataframe(pd.DataFrame({
        t("staff.col.version", lang): [v.number for v in newest_first],
        t("staff.col.current", lang): ["✓" if v.sha256 == current_sha256 else "" for v in newest_first],
        t("staff.col.time", lang): [v.time for v in newest_first],
        t("staff.col.author", lang): [author_label(v.author, lang) for v in newest_first],
        t("staff.col.action", lang): [action_label(v.action, lang) for v in newest_first],
        t("staff.col.sites", lang): [v.site_count for v in newest_first],
        t("staff.col.note", lang): [note_label(v.note, lang) for v in newest_first],
        t("staff.col.sha", lang): [v.sha256[:16] for v in newest_first],
    }), hide_index=True, width="stretch", key=state.STAFF_HISTORY_TABLE)
    # Restoring what is current would change nothing, so the picker never offers (or defaults to) it.
    earlier = [v.number for v in newest_first if v.sha256 != current_sha256]
    number = st.selectbox(t("staff.rollback_pick", lang), earlier, key=state.STAFF_ROLLBACK_VERSION,
                          disabled=not earlier, placeholder=t("form.choose_one", lang))
    confirmed = st.checkbox(t("staff.rollback_confirm", lang), key=state.STAFF_ROLLBACK_CONFIRM)
    clicked = st.button(t("staff.rollback", lang), disabled=not confirmed or number is None,
                        key=state.STAFF_ROLLBACK)
    with st.expander(t("staff.audit", lang)):
        columns = ["time", "author", "action", "version", "note"]
        labels = {"author": author_label, "action": action_label, "note": note_label}
        rows = [[labels[c](str(entry.get(c, "")), lang) if c in labels else str(entry.get(c, ""))
                 for c in columns] for entry in reversed(audit)]
        st.dataframe(pd.DataFrame(rows, columns=[t(f"staff.col.{c}", lang) for c in columns]),
                     hide_index=True, width="stretch", key=state.STAFF_AUDIT_TABLE)
    return int(number) if clicked and number is not None else None
