"""Date arithmetic on partial dates: shifting by years, months and days, weekdays, month ends."""

from __future__ import annotations

import datetime as _dt

from dipreader.model.article import PartialDate


def as_date(date: PartialDate) -> _dt.date:
    """The first day a partial date covers."""
    return _dt.date(date.year, date.month or 1, date.day or 1)


def last_day(date: PartialDate) -> _dt.date:
    """The last day a partial date covers."""
    if date.month is None:
        return _dt.date(date.year, 12, 31)
    if date.day is None:
        if date.month == 12:  # no "following month" to step back from in year 9999
            return _dt.date(date.year, 12, 31)
        return _dt.date(date.year, date.month + 1, 1) - _dt.timedelta(days=1)
    return _dt.date(date.year, date.month, date.day)


def shift_months(date: PartialDate, months: int) -> PartialDate:
    """The month `months` away from a month-precision (or finer) date, at month precision."""
    if date.month is None:
        raise ValueError("needs a month")
    index = date.year * 12 + date.month - 1 + months
    return PartialDate(index // 12, index % 12 + 1)


def shift_days(date: PartialDate, days: int) -> PartialDate:
    if date.day is None:
        raise ValueError("needs a day")
    return PartialDate.from_date(as_date(date) + _dt.timedelta(days=days))


def weekday_on_or_before(date: PartialDate, weekday: int) -> PartialDate:
    """The most recent `weekday` (Monday = 0) on or before a day-precision date."""
    day = as_date(date)
    return PartialDate.from_date(day - _dt.timedelta(days=(day.weekday() - weekday) % 7))


def weekday_on_or_after(date: PartialDate, weekday: int) -> PartialDate:
    day = as_date(date)
    return PartialDate.from_date(day + _dt.timedelta(days=(weekday - day.weekday()) % 7))


def safe_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    """A PartialDate, or None when the parts do not make a calendar date (30 February)."""
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None
