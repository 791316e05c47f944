"""date_format: the directives it accepts and partial dates rendered without the parts they lack."""

from __future__ import annotations

import pytest

from dipreader.core.date_format import check_date_format, format_partial_date
from dipreader.model.article import PartialDate

DAY, MONTH, YEAR = PartialDate(2024, 4, 9), PartialDate(2024, 4), PartialDate(2024)


@pytest.mark.parametrize(
    ("fmt", "day", "month", "year"),
    [
        ("%-d %b %Y", "9 Apr 2024", "Apr 2024", "2024"),
        ("%Y-%m-%d", "2024-04-09", "2024-04", "2024"),
        ("%d/%m/%Y", "09/04/2024", "04/2024", "2024"),
        ("%B %-d, %Y", "April 9, 2024", "April 2024", "2024"),
        ("%A, %-d %B %Y", "Tuesday, 9 April 2024", "April 2024", "2024"),
        ("%a %e %b %y", "Tue  9 Apr 24", "Apr 24", "24"),
        ("%Y年%-m月%-d日", "2024年4月9日", "2024年4月", "2024年"),
        ("%d.%m.%Y (100%%)", "09.04.2024 (100%)", "04.2024 (100%)", "2024 (100%)"),
    ],
)
def test_partial_dates_drop_the_parts_they_lack(fmt: str, day: str, month: str, year: str) -> None:
    check_date_format(fmt)
    assert [format_partial_date(fmt, date) for date in (DAY, MONTH, YEAR)] == [day, month, year]


@pytest.mark.parametrize(
    ("fmt", "reason"),
    [
        ("%Y %Q", "unknown directive %Q"),
        ("%-Y", "unknown directive %-Y"),
        ("%Y %", "lone %"),
        ("plain text", "no date directive"),
        ("%Y" * 40, "longer than"),
        ("%Y\n%m", "control characters"),
    ],
)
def test_bad_formats_say_why(fmt: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        check_date_format(fmt)
