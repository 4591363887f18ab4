"""The days a visit can be planned for, and their labels in each language."""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from ecosites.dayoptions import DAYS_AHEAD, day_choices, day_label, time_choices, time_label

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(("chosen", "count", "first", "last"), [
    (None, DAYS_AHEAD, TODAY, date(2027, 12, 2)),
    (TODAY, DAYS_AHEAD, TODAY, date(2027, 12, 2)),
    (date(2027, 12, 2), DAYS_AHEAD, TODAY, date(2027, 12, 2)),  # the last day offered anyway
    (date(2027, 12, 3), DAYS_AHEAD + 1, TODAY, date(2027, 12, 3)),  # one past it: added
    (date(2099, 11, 30), DAYS_AHEAD + 1, TODAY, date(2099, 11, 30)),  # a link years ahead
    (date(2026, 11, 30), DAYS_AHEAD + 1, date(2026, 11, 30), date(2027, 12, 2)),  # last month's plan
])
def test_day_choices_offer_a_year_from_today_and_keep_the_chosen_day(
        chosen: date | None, count: int, first: date, last: date) -> None:
    days = day_choices(TODAY, chosen)
    assert len(days) == count
    assert (days[0], days[-1]) == (first, last)
    assert list(days) == sorted(set(days))  # in order, each once
    assert chosen is None or chosen in days


@pytest.mark.parametrize(("day", "lang", "label"), [
    (TODAY, "en", "Wed 2 December 2026 (today)"),
    (TODAY, "zh", "2026年12月2日（周三）（今天）"),
    (date(2026, 12, 7), "en", "Mon 7 December 2026"),
    (date(2026, 12, 7), "zh", "2026年12月7日（周一）"),
])
def test_day_labels_are_in_the_page_language_and_mark_today(day: date, lang: str, label: str) -> None:
    assert day_label(day, TODAY, lang) == label


def test_no_chinese_day_label_holds_a_latin_letter() -> None:
    """Every day of a year, every month and weekday name: the Chinese labels are all Chinese."""
    labels = [day_label(day, TODAY, "zh") for day in day_choices(TODAY)]
    assert not [label for label in labels if re.search(r"[A-Za-z]", label)]
    assert not [label for label in (day_label(day, TODAY, "en") for day in day_choices(TODAY))
                if re.search(r"[\u4e00-\u9fff]", label)]


@pytest.mark.parametrize(("chosen", "count", "around"), [
    (None, 96, ()),
    (time(9, 0), 96, (time(8, 45), time(9, 0), time(9, 15))),
    (time(9, 10), 97, (time(9, 0), time(9, 10), time(9, 15))),  # a link's 09:10 stays as it is
    (time(23, 59, 30), 97, (time(23, 45), time(23, 59))),  # to the minute
])
def test_time_choices_are_every_quarter_hour_and_the_chosen_time(
        chosen: time | None, count: int, around: tuple[time, ...]) -> None:
    times = time_choices(chosen)
    assert len(times) == count
    assert (times[0], list(times) == sorted(set(times))) == (time(0, 0), True)
    if around:
        start = times.index(around[0])
        assert times[start:start + len(around)] == around
    assert time_label(time(9, 5)) == "09:05"
