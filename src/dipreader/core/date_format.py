"""A small portable strftime for partial dates: English names, `%-d` on every OS, parts it lacks dropped."""

from __future__ import annotations

import datetime as _dt
import re

from dipreader.model.article import PartialDate

MAX_FORMAT_LENGTH = 64
_DIRECTIVE = re.compile(r"%(-?)(.)", re.DOTALL)
_YEAR, _MONTH, _DAY = "year", "month", "day"
# What each directive needs; `-` (no padding) is allowed on the numeric ones only.
_NEEDS = {"Y": _YEAR, "y": _YEAR, "m": _MONTH, "b": _MONTH, "B": _MONTH,
          "d": _DAY, "e": _DAY, "j": _DAY, "a": _DAY, "A": _DAY}  # fmt: skip
_UNPADDABLE = frozenset({"m", "d", "j"})
KNOWN_DIRECTIVES = "%Y %y %m %d %e %j %b %B %a %A %% and %-m %-d %-j"


def check_date_format(fmt: str) -> None:
    """Raise ValueError saying what is wrong with the format, if anything."""
    if len(fmt) > MAX_FORMAT_LENGTH:
        raise ValueError(f"is longer than {MAX_FORMAT_LENGTH} characters")
    if any(not char.isprintable() for char in fmt):
        raise ValueError("has control characters")
    directives = 0
    for token in _tokens(fmt):
        if isinstance(token, str):
            if "%" in token:
                raise ValueError("ends with a lone %")
        else:
            flag, code = token
            if code == "%" and not flag:
                continue
            if code not in _NEEDS or (flag and code not in _UNPADDABLE):
                raise ValueError(f"has an unknown directive %{flag}{code} (known: {KNOWN_DIRECTIVES})")
            directives += 1
    if not directives:
        raise ValueError("has no date directive (such as %Y, %m, %d)")


def format_partial_date(fmt: str, date: PartialDate) -> str:
    """The date in the format; directives for parts the date lacks go, with the text that joins them.

    `%-d %b %Y` gives `9 Apr 2024`, `Apr 2024` or `2024`; `%Y-%m-%d` gives `2024-04` for a month.
    """
    known = {_YEAR} | ({_MONTH} if date.month else set()) | ({_DAY} if date.day else set())
    tokens = _tokens(fmt)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if isinstance(token, str) or _NEEDS.get(token[1], _YEAR) in known:
            index += 1
            continue
        del tokens[index]
        if index < len(tokens) and isinstance(tokens[index], str):
            del tokens[index]  # the separator after the dropped part goes with it
        elif index == len(tokens) and index > 0 and isinstance(tokens[index - 1], str):
            del tokens[index - 1]  # the last part: the separator before it goes
            index -= 1
    return "".join(token if isinstance(token, str) else _render(token, date) for token in tokens).strip()


def _tokens(fmt: str) -> list[str | tuple[str, str]]:
    tokens: list[str | tuple[str, str]] = []
    at = 0
    for match in _DIRECTIVE.finditer(fmt):
        if match.start() > at:
            tokens.append(fmt[at : match.start()])
        tokens.append((match.group(1), match.group(2)))
        at = match.end()
    if at < len(fmt):
        tokens.append(fmt[at:])
    return tokens


def _render(token: tuple[str, str], date: PartialDate) -> str:
    flag, code = token
    month, day = date.month or 1, date.day or 1
    if code == "Y":
        return f"{date.year:04d}"
    if code == "y":
        return f"{date.year % 100:02d}"
    if code == "m":
        return str(month) if flag else f"{month:02d}"
    if code == "b":
        return _MONTHS[month - 1][:3]
    if code == "B":
        return _MONTHS[month - 1]
    if code == "d":
        return str(day) if flag else f"{day:02d}"
    if code == "e":
        return f"{day:2d}"
    weekday = _dt.date(date.year, month, day).weekday()
    if code == "a":
        return _WEEKDAYS[weekday][:3]
    if code == "A":
        return _WEEKDAYS[weekday]
    if code == "j":
        ordinal = _dt.date(date.year, month, day).timetuple().tm_yday
        return str(ordinal) if flag else f"{ordinal:03d}"
    return "%"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
