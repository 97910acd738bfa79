"""Date arithmetic for follow-ups: the one place that adds days, business days and months.

Journals may hold any real date, 0001-01-01 to 9999-12-31, so every sum saturates at date.min or
date.max instead of raising OverflowError: a task due on 9999-12-31 plus a day is still due on
9999-12-31 ("never", in practice), and the build goes on.
"""

from __future__ import annotations

import calendar
from datetime import date

# Numbers of days an option or a file may give (keep_in_touch, nudge_days, ...): a century is more
# than any follow-up needs, and the reader and option validation reject anything above it.
MAX_DAYS = 36500

_MIN, _MAX = date.min.toordinal(), date.max.toordinal()


def add_days(day: date, count: int) -> date:
    """day + count days, clamped to date.min..date.max."""
    return date.fromordinal(min(_MAX, max(_MIN, day.toordinal() + count)))


def add_business_days(day: date, count: int) -> date:
    """`count` working days (Monday to Friday) after `day`; Friday + 1 is Monday.
    Computed in whole weeks, so a large count costs nothing; clamped to date.max."""
    if count <= 0:
        return day
    weekday = day.weekday()
    ordinal = day.toordinal() - max(0, weekday - 4)  # Saturday + 1 is Friday + 1: start on Friday
    weekday = min(weekday, 4)
    weeks, rest = divmod(count, 5)
    ordinal += weeks * 7
    while rest > 0:
        ordinal += 1
        weekday = (weekday + 1) % 7
        if weekday < 5:
            rest -= 1
    return date.fromordinal(min(_MAX, ordinal))


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31 Aug + 3 months is 30 Nov) and to
    date.min..date.max."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_day(day: date) -> date | None:
    """The day after, or None after 9999-12-31 (there is none: callers leave it out)."""
    return None if day == date.max else add_days(day, 1)
