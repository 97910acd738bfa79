"""Date arithmetic for follow-ups: the one place that adds days, business days and months.

Journals may hold any real date, 0001-01-01 to 9999-12-31, so every sum saturates at date.min or
date.max instead of raising OverflowError: a task due on 9999-12-31 plus a day is still due on
9999-12-31 ("never", in practice), and the build goes on.
"""

from __future__ import annotations

import calendar
import difflib
from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# Numbers of days an option or a file may give (keep_in_touch, nudge_days, ...): a century is more
# than any follow-up needs, and the reader and option validation reject anything above it.
MAX_DAYS = 36500

_MIN, _MAX = date.min.toordinal(), date.max.toordinal()


def add_days(day: date, count: int) -> date:
    """day + count days, clamped to date.min..date.max."""
    return date.fromordinal(min(_MAX, max(_MIN, day.toordinal() + count)))


@dataclass(frozen=True, slots=True)
class Holidays:
    """The public holidays of a country (and subdivision) that the `holidays` package knows: days
    a business-day rule skips. A plain value (hashable, comparable); the package's calendar is
    made once per country and fills in each year as it is asked about."""

    country: str
    subdiv: str | None = None

    @classmethod
    def parse(cls, value: object) -> Holidays:
        """`US`, `US-CA` or {country: US, subdiv: CA}, any case; ValueError says what is known."""
        if isinstance(value, dict):
            unknown = set(value) - {"country", "subdiv"}
            if unknown or not isinstance(value.get("country"), str):
                raise ValueError(
                    "write it as a country code (US), US-CA, or {country: US, subdiv: CA}"
                )
            country, subdiv = value["country"], value.get("subdiv")
        elif isinstance(value, str):
            country, _, subdiv = value.partition("-")
        else:
            raise ValueError("write it as a country code (US), US-CA, or {country: US, subdiv: CA}")
        supported = _supported()
        code = {c.upper(): c for c in supported}.get(country.strip().upper())
        if code is None:
            raise ValueError(
                f"the holidays package knows no country “{country}”{_country_hint(country)}"
            )
        if subdiv is None or not str(subdiv).strip():
            return cls(code)
        wanted = str(subdiv).strip()
        known = {s.upper(): s for s in supported[code]}
        if wanted.upper() not in known:
            listed = ", ".join(supported[code][:12]) or "none"
            raise ValueError(
                f"{code} has no subdivision “{wanted}” in the holidays package (it knows: {listed}"
                f"{'…' if len(supported[code]) > 12 else ''})"
            )
        return cls(code, known[wanted.upper()])

    def calendar(self) -> Container[date]:
        return _calendar(self.country, self.subdiv)


@lru_cache(maxsize=1)
def _supported() -> dict[str, list[str]]:
    import holidays  # imported when a journal asks for holidays: the rest never waits for it

    return {code: list(subdivs) for code, subdivs in holidays.list_supported_countries().items()}


def _country_hint(text: str) -> str:
    """`Germany` → "write DE"; `USA` is known already; a near-miss code → the code it misses."""
    from holidays.registry import COUNTRIES

    names = {key.replace("_", " "): entry[1] for key, entry in COUNTRIES.items()}
    wanted = " ".join(text.replace("_", " ").split()).lower()
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.8)
    if close:
        return f"; for {close[0].title()} write {names[close[0]]}"
    if len(wanted) <= 3:
        codes = difflib.get_close_matches(wanted.upper(), _supported(), n=1)
        if codes:
            return f"; did you mean {codes[0]}?"
    return "; use a two-letter ISO code such as US, GB or DE"


@lru_cache(maxsize=8)
def _calendar(country: str, subdiv: str | None) -> Container[date]:
    import holidays

    return holidays.country_holidays(country, subdiv=subdiv)


def add_business_days(day: date, count: int, holidays: Holidays | None = None) -> date:
    """`count` working days (Monday to Friday, and not a public holiday when `holidays` is given)
    after `day`; Friday + 1 is Monday. Without holidays it is computed in whole weeks, so a large
    count costs nothing; clamped to date.max."""
    if count <= 0:
        return day
    if holidays is not None:
        return _add_working_days(day, count, holidays.calendar())
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


def _add_working_days(day: date, count: int, closed: Container[date]) -> date:
    """Day by day: holidays do not come in whole weeks. Counts are at most MAX_DAYS, so this is at
    most some 51,000 steps, and it stops at date.max."""
    ordinal = day.toordinal()
    while count > 0:
        ordinal += 1
        if ordinal > _MAX:
            return date.max
        current = date.fromordinal(ordinal)
        if current.weekday() < 5 and current not in closed:
            count -= 1
    return date.fromordinal(ordinal)


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
