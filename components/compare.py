"""The comparison table: fields down the side, one column per site, unknowns said plainly."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from components.plan_controls import set_plan_ids
from ecosites import state
from ecosites.compare import MAX_SITES, Comparison
from ecosites.i18n import t


def render_compare_picker(site_ids: Sequence[str], label: Callable[[str], str],
                          lang: str) -> list[str]:
    """Pick 2 to 4 sites; returns the ids picked, in order."""
    chosen = st.multiselect(t("compare.pick", lang), site_ids, key=state.COMPARE_PICK,
                            format_func=label, max_selections=MAX_SITES,
                            placeholder=t("filters.choose", lang))
    return list(chosen)


def comparison_frame(comparison: Comparison, lang: str) -> pd.DataFrame:
    """Rows are fields, columns are sites; None becomes 'not yet verified'."""
    unknown = t("detail.unverified", lang)
    titles = [f"{title} ({site_id})" if comparison.titles.count(title) > 1 else title
              for title, site_id in zip(comparison.titles, comparison.site_ids, strict=True)]
    data = {title: [values[i] if values[i] is not None else unknown
                    for _, values in comparison.rows]
            for i, title in enumerate(titles)}
    return pd.DataFrame(data, index=pd.Index([label for label, _ in comparison.rows],
                                             name=t("compare.field", lang)))


def _render_thumbnails(comparison: Comparison, thumbnails: Mapping[str, str], lang: str) -> None:
    """One thumbnail per site above its column, where the site has a photo."""
    for column, site_id, title in zip(st.columns(len(comparison.site_ids)), comparison.site_ids,
                                      comparison.titles, strict=True):
        if site_id in thumbnails:
            column.image(thumbnails[site_id], alt=f"{t('column.photo', lang)}: {title}")


def render_comparison(comparison: Comparison, lang: str,
                      thumbnails: Mapping[str, str] | None = None) -> None:
    """The table (plain text cells, nothing interpreted), thumbnails where present, a plan button."""
    if thumbnails:
        _render_thumbnails(comparison, thumbnails, lang)
    frame = comparison_frame(comparison, lang)
    st.dataframe(frame, width="stretch", height=38 + 35 * len(frame), row_height=35,
                 key=state.COMPARE_TABLE)
    if st.button(t("compare.add_to_plan", lang), key=state.COMPARE_ADD_TO_PLAN,
                 icon=":material/route:"):
        set_plan_ids(comparison.site_ids)
        st.switch_page("pages/plan.py")
