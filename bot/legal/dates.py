"""Partial dates ("2019", "2019-05", "2019-05-17") as the range of days they may mean.

People rarely remember exact dates. Every comparison here is made on the whole range, and
answers "unknown" when the range straddles the line instead of guessing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    earliest: date
    latest: date
    text: str

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = PARTIAL_RE.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        if not 1900 <= year <= 2100:
            raise ValueError(f"{text!r}: the year must be between 1900 and 2100")
        if month is None:
            return cls(date(year, 1, 1), date(year, 12, 31), text)
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r}: the month must be 01 to 12")
        if day is None:
            return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), text)
        try:
            exact = date(year, month, day)
        except ValueError:
            raise ValueError(f"{text!r} is not a real calendar date") from None
        return cls(exact, exact, text)

    @classmethod
    def exact(cls, day: date) -> PartialDate:
        return cls(day, day, day.isoformat())

    @property
    def is_exact(self) -> bool:
        return self.earliest == self.latest


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def add_lag(day: date, lag: dict[str, int]) -> date:
    """A treaty's lag after deposit: {months: 3} or {days: 30}."""
    if lag.get("months"):
        return add_months(day, lag["months"])
    return day + timedelta(days=lag.get("days", 0))


def compare(value: PartialDate, line: date) -> str:
    """'before', 'after' (on or after), or 'unknown' when the range straddles the line."""
    if value.latest < line:
        return "before"
    if value.earliest >= line:
        return "after"
    return "unknown"
