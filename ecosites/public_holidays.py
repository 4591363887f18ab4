"""Chinese public holidays, from the ``holidays`` package (pinned in requirements.txt).

Its China calendar has the statutory holidays for every year and, for the years the
State Council has announced (2001 to 2026 in holidays 0.108), the extra days off and the
weekend working days that are swapped for them; a year not yet announced has only the
statutory days. The package is imported on first use, so light modules stay light.
"""

from __future__ import annotations

import functools
from datetime import date


@functools.lru_cache(maxsize=64)
def _calendar(year: int) -> frozenset[date]:
    import holidays  # only when a rule needs it: about 0.1 s to import

    return frozenset(holidays.country_holidays("CN", years=year))


def is_public_holiday(day: date) -> bool:
    """True on a Chinese public holiday or an official day off swapped into a holiday period."""
    return day in _calendar(day.year)

