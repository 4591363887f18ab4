"""Open now: the state of a site at an injected moment (Asia/Shanghai), and its words."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ecosites.opening import opening_state, opening_text, site_opening_state
from ecosites.planning.model import LOCAL_TZ
from tests.conftest import make_stop

MUSEUM: dict[str, Any] = {"hours": "09:00-17:00", "last_entry": "16:00", "closed_weekdays": ["mon"]}
HOLIDAY_MUSEUM: dict[str, Any] = {**MUSEUM, "open_on_public_holidays": True}
NIGHT_MARKET: dict[str, Any] = {"hours": "18:00-02:00", "last_entry": None,
                                "closed_weekdays": ["tue"]}


def at(text: str) -> datetime:
    """A local Guiyang moment, '2026-12-02 10:00' (a Wednesday)."""
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(("fields", "moment", "expected_kind", "expected_en", "expected_zh"), [
    (MUSEUM, "2026-12-02 10:00", "open", "Open now · closes 17:00 · last entry 16:00",
     "正在开放 · 17:00 关闭 · 最晚入场 16:00"),
    (MUSEUM, "2026-12-02 08:15", "opens_later", "Opens at 09:00", "今天 09:00 开放"),
    (MUSEUM, "2026-12-02 16:30", "entry_closed",
     "Last entry was 16:00 · closes 17:00 · Opens tomorrow at 09:00",
     "已停止入场（最晚入场 16:00）· 17:00 关闭 · 明天 09:00 开放"),
    (MUSEUM, "2026-12-02 17:00", "opens_later", "Opens tomorrow at 09:00", "明天 09:00 开放"),
    (MUSEUM, "2026-12-07 10:00", "closed_today", "Closed today (Monday) · Opens tomorrow at 09:00",
     "今天不开放（周一） · 明天 09:00 开放"),
    (MUSEUM, "2026-12-06 18:00", "opens_later", "Opens Tuesday at 09:00", "周二 09:00 开放"),
    # 2026-10-05 is a Monday of the National Day holiday: open only if the site says so.
    (MUSEUM, "2026-10-05 10:00", "closed_today", "Closed today (Monday) · Opens tomorrow at 09:00",
     "今天不开放（周一） · 明天 09:00 开放"),
    (HOLIDAY_MUSEUM, "2026-10-05 10:00", "open",
     "Open now · closes 17:00 · last entry 16:00 · open for the public holiday",
     "正在开放 · 17:00 关闭 · 最晚入场 16:00 · 法定节假日照常开放"),
    (HOLIDAY_MUSEUM, "2026-12-07 10:00", "closed_today",
     "Closed today (Monday) · Opens tomorrow at 09:00", "今天不开放（周一） · 明天 09:00 开放"),
    # Overnight: Monday's opening runs into Tuesday, a closed day whose own evening stays shut.
    (NIGHT_MARKET, "2026-12-08 01:30", "open", "Open now · closes 02:00", "正在开放 · 02:00 关闭"),
    (NIGHT_MARKET, "2026-12-08 03:00", "closed_today",
     "Closed today (Tuesday) · Opens tomorrow at 18:00", "今天不开放（周二） · 明天 18:00 开放"),
    (NIGHT_MARKET, "2026-12-09 23:59", "open", "Open now · closes 02:00", "正在开放 · 02:00 关闭"),
    ({"hours": "00:00-24:00", "closed_weekdays": []}, "2026-12-02 03:00", "open",
     "Open now · 24 hours", "正在开放 · 全天开放"),
    ({"hours": "06:00-22:00", "closed_weekdays": None}, "2026-12-02 21:00", "open",
     "Open now · closes 22:00 · closing days not verified", "正在开放 · 22:00 关闭 · 闭馆日未核实"),
    ({"hours": "06:00-24:00", "closed_weekdays": []}, "2026-12-02 23:00", "open",
     "Open now · closes 24:00", "正在开放 · 24:00 关闭"),
    ({"hours": None, "closed_weekdays": None}, "2026-12-02 10:00", "unverified",
     "Hours not verified", "开放时间未核实"),
    ({"hours": None, "closed_weekdays": ["mon"]}, "2026-12-07 10:00", "unverified",
     "Hours not verified", "开放时间未核实"),
    ({"hours": "09:00-17:00", "unverified": ["hours"]}, "2026-12-02 10:00", "unverified",
     "Hours not verified", "开放时间未核实"),
    ({"hours": "09:00-17:00", "status": "under-construction"}, "2026-12-02 10:00", "not_open",
     "Not open to visitors: Under construction", "暂不对游客开放：在建"),
    ({"hours": "09:00-17:00", "status": "open"}, "2026-12-02 10:00", "open",
     "Open now · closes 17:00", "正在开放 · 17:00 关闭"),
    ({"hours": "09:00-17:00", "closed_weekdays": list(("mon", "tue", "wed", "thu", "fri", "sat",
                                                        "sun"))},
     "2026-12-02 10:00", "closed_today", "Closed today (Wednesday)", "今天不开放（周三）"),
])
def test_opening_state_and_words(fields: dict[str, Any], moment: str, expected_kind: str,
                                 expected_en: str, expected_zh: str) -> None:
    """The state's kind and its sentence in both languages, at an injected local moment."""
    site = {**make_stop(**fields).__dict__, "unverified": fields.get("unverified", [])}
    now = at(moment)
    state = site_opening_state(site, now)
    assert state.kind == expected_kind
    assert opening_text(state, now, "en") == expected_en
    assert opening_text(state, now, "zh") == expected_zh


def test_a_moment_in_another_zone_is_read_in_guiyang() -> None:
    """02:00 UTC is 10:00 in Guiyang: the museum is open."""
    state = opening_state(make_stop(**MUSEUM), datetime(2026, 12, 2, 2, 0, tzinfo=UTC))
    assert state.is_open
    assert state.closes == at("2026-12-02 17:00")


def test_a_naive_moment_is_refused() -> None:
    """Without a zone the moment is ambiguous: a developer error."""
    with pytest.raises(ValueError, match="aware"):
        opening_state(make_stop(**MUSEUM), datetime(2026, 12, 2, 10, 0))
