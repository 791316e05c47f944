"""Page furniture at the top of an article: a page-date header and an agency dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dipreader.extract.dates.datewords import DAY_RE, MONTH_RE, WEEKDAY_RE, YEAR_RE, day_number, month_number

# Furniture only ever sits in the first lines; looking further finds ordinary sentences.
_TOP_CHARS = 600

_NUMERIC_DATE = (
    rf"(?P<iso>(?P<iy>{YEAR_RE})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12][0-9]|3[01]))"
    rf"|(?P<dotted>(?P<dd>0?[1-9]|[12][0-9]|3[01])\.(?P<dm>0?[1-9]|1[0-2])\.(?P<dy>{YEAR_RE}))"
)
# The year may follow a slash: "Addis Ababa, March 18/2025(ENA)".
_WORD_DATE = (
    rf"(?P<md>(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})(?:(?:,?\s+|\s*/\s*)(?P<y1>{YEAR_RE}))?)"
    rf"|(?P<dm_>(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE})(?:(?:,?\s+|\s*/\s*)(?P<y2>{YEAR_RE}))?)"
)
# "2024/03/12", and "21/05/2024 07:12 PM": day first, as most of the world writes it (see _day_first).
_SLASHED_DATE = (
    rf"(?P<slashed>(?P<sy>{YEAR_RE})/(?P<sm>0?[1-9]|1[0-2])/(?P<sd>3[01]|[12][0-9]|0?[1-9])(?![0-9]))"
    rf"|(?P<dmy>(?<![0-9/])(?P<xa>3[01]|[12][0-9]|0?[1-9])/(?P<xb>3[01]|[12][0-9]|0?[1-9])/(?P<xy>{YEAR_RE}))"
)
# "Publish Date: Mar 13, 2025", "Publication date: ...", "Date published: ...", "Updated - ...".
_HEADER_LABEL = (
    r"(?:publish(?:ed)?|publication|release)\s+date|date\s+(?:published|posted)"
    r"|date|dated|published|posted|(?P<updated>updated)"
)
_HEADER = re.compile(
    rf"(?im)^[ \t]*(?:{_HEADER_LABEL})(?:\s+on)?[ \t]*[:\-–—]?[ \t]*"
    rf"(?:{_NUMERIC_DATE}|{_SLASHED_DATE}|{_WORD_DATE})"
)
# A time of day: "14:32", "14:32:10", "7:14 PM", and "19h42" as French and Portuguese write it.
_CLOCK = r"[0-9]{1,2}(?::[0-9]{2}(?::[0-9]{2})?|h[0-9]{2})(?![0-9])(?:[ \t]*[AaPp]\.?[Mm]\.?)?"
# A time zone: "GMT+5", "UTC", and the capitals of one ending in T ("IST", "JST", "CEST") or a few others.
_ZONE = (
    r"(?:GMT|UTC)(?:\s*[+\-]\s*(?:[0-9]{1,2}:[0-9]{2}|[0-9]{1,4}))?"
    r"|(?-i:[A-Z]{2,4}T|MSK|WIB|WITA)(?![A-Za-z])"
)
_BARE_NUMERIC_LINE = re.compile(rf"(?m)^[ \t]*(?:{_NUMERIC_DATE})(?:[ \t]+[0-9]{{1,2}}:[0-9]{{2}})?[ \t]*$")
# A time-stamp line: dates with a year, times, labels, weekdays and separators, nothing else
# ("Published: 14:32, 23 September 2025", "12.03.2024 | 14:32", "Name |04.06.2024 - Update :
# 05.06.2024", "January 15, 2025 3:42 PM GMT+5 Updated January 16, 2025", "2024/03/12").
_STAMP_DATE = re.compile(
    rf"{_NUMERIC_DATE}|{_SLASHED_DATE}"
    rf"|(?P<md>(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?\s+(?P<y1>{YEAR_RE}))"
    rf"|(?P<dm_>(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE}),?\s+(?P<y2>{YEAR_RE}))"
)
_STAMP_NOISE = re.compile(
    r"(?i)\b(?:last\s+)?(?:publish(?:ed)?|publication|posted|updated?|modified|date[d]?|on|at)\b"
    rf"|{_CLOCK}|\b(?:{_ZONE})"
    r"|\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?"
    r"|[\s|,;:/()\[\]\-–—•·]+"
)
# A byline after the stamp's last date: "27/06/2025 - 18:45 By Name - Reporter - Agency - City".
_BYLINE_AFTER = re.compile(r"(?:^|[\s,|\-–—])[Bb]y[ \t]+[A-Z][^\n]*$")
# A line holding only a day and a month (and a time): "Jan 19", "Monday, 19 January | 2:05 pm".
_BARE_WORD_LINE = re.compile(
    rf"(?m)^[ \t]*(?:{WEEKDAY_RE},?[ \t]+)?(?:{_WORD_DATE})"
    rf"(?:[ \t]*[,|\-–—·•]?[ \t]*{_CLOCK}(?:[ \t]*(?:{_ZONE}))?)?"
    rf"[ \t]*$"
)
_UPDATED_LABEL = re.compile(r"(?i)\b(?:updated?|modified)\b[\s:\-–—]*$")
# What may stand before a stamp's dates: "By ZHOU Jin | chinadaily.com.cn | Updated: ...", and an
# outlet's name before a comma: "Ahram Online , Tuesday 30 Jul 2024".
_BYLINE_BEFORE_BAR = re.compile(r"^(?:[^|\n]{1,60}\|)+")
_SOURCE_BEFORE_COMMA = re.compile(r"^[ \t]*(?:[A-Z][\w.’'-]*[ \t]+){0,3}[A-Z][\w.’'-]*[ \t]*,")
_STAMP_LINE_CHARS = 120
# The longest last line read as a stamp: outlets that stamp the bottom ("Friday 07 February 2025 - 09:14").
_BOTTOM_CHARS = 200
_PLACE_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’.\-][^\W\d_]*)*"
_PLACE = rf"{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}}"
# The city before a slash: "Jakarta / Fri, September 6, 2024 / 04:12 pm".
_PLACE_BEFORE_SLASH = re.compile(rf"^[ \t]*{_PLACE}[ \t]*/")
# A city or a section after a dash that ends the stamp: "... 09:14 pm IST - NEW DELHI", "19h42 - Politics".
_PLACE_AFTER_DASH = re.compile(rf"[ \t]+[\-–—][ \t]*{_PLACE}[ \t]*$")
# How many stamp lines may follow the first ("Published ..." above "Updated ...", blank lines between).
_MORE_STAMP_LINES = 3
# A byline alone on its line between two stamp lines: "By A. Writer".
_BYLINE_LINE = re.compile(r"[ \t]*[Bb][Yy][ \t]+[A-Z][^\n]{0,60}$")
# A time and a bar may stand before it: "18:10 | Lima, Jun. 5."
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?:[0-9]{{1,2}}:[0-9]{{2}}[ \t]*\|[ \t]*)?"
    rf"(?!(?:In|On|At|The|During|From|Since|By|And|But|Also|Later|Earlier|Then)\b)"
    rf"(?P<place>{_PLACE}(?:,[ \t]*{_PLACE}){{0,2}}),[ \t]*"
    rf"(?:{_WORD_DATE})(?=[ \t]*(?:[0-9]{{1,2}}:[0-9]{{2}}|[.,:(/\-–—]|$))"
)


@dataclass(frozen=True)
class Furniture:
    """A page-date header or a dateline; `year` is None when the line gives none."""

    kind: str  # "page_date" | "updated" | "dateline"
    start: int
    end: int
    year: int | None
    month: int
    day: int


def _from_match(kind: str, match: re.Match[str], offset: int = 0) -> Furniture:
    groups = match.groupdict()
    year: int | None
    if groups.get("slashed"):
        year, month, day = int(groups["sy"]), int(groups["sm"]), int(groups["sd"])
    elif groups.get("dmy"):
        year, (day, month) = int(groups["xy"]), _day_first(int(groups["xa"]), int(groups["xb"]))
    elif groups.get("iso"):
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    elif groups.get("dotted"):
        year, month, day = int(groups["dy"]), int(groups["dm"]), int(groups["dd"])
    elif groups.get("md"):
        year = int(groups["y1"]) if groups["y1"] else None
        month, day = month_number(groups["m1"]), day_number(groups["d1"])
    else:
        year = int(groups["y2"]) if groups["y2"] else None
        month, day = month_number(groups["m2"]), day_number(groups["d2"])
    return Furniture(kind, offset + match.start(), offset + match.end(), year, month, day)


_YEAR_IN_LINE = re.compile(YEAR_RE)


def _day_first(first: int, second: int) -> tuple[int, int]:
    """(day, month) of "first/second/year": day first unless only the other order is a date."""
    return (second, first) if first <= 12 < second else (first, second)


def _stamp_dates(line: str, offset: int) -> list[Furniture]:
    """The dates of a time-stamp line (the first one not labelled "updated" is the page date)."""
    if len(line) > _STAMP_LINE_CHARS or not _YEAR_IN_LINE.search(line):
        return []  # every stamp date has a year: most lines have none
    dates = list(_STAMP_DATE.finditer(line))
    if not dates:
        return []
    byline = _BYLINE_AFTER.search(line, dates[-1].end())
    rest = line[: byline.start()] if byline else line
    place = _PLACE_AFTER_DASH.search(rest, dates[-1].end())
    rest = rest[: place.start()] if place else rest
    rest = _BYLINE_BEFORE_BAR.sub("", rest) if "|" in rest else rest
    rest = _SOURCE_BEFORE_COMMA.sub("", rest, count=1)
    rest = _PLACE_BEFORE_SLASH.sub("", rest, count=1)
    for match in _STAMP_DATE.finditer(rest):
        rest = rest.replace(match.group(), " ", 1)
    if _STAMP_NOISE.sub("", rest):
        return []
    found: list[Furniture] = []
    for match in dates:
        kind = "updated" if _UPDATED_LABEL.search(line[: match.start()]) else "page_date"
        if kind == "page_date" and any(f.kind == "page_date" for f in found):
            kind = "updated"
        found.append(_from_match(kind, match, offset))
    return found


def is_stamp_line(line: str) -> bool:
    """Whether `line` holds only a stamp: dates with a year, times, labels, weekdays and separators."""
    return bool(_stamp_dates(line, 0))


def _stamp_lines(top: str) -> list[Furniture]:
    offset = 0
    for line in top.splitlines(keepends=True):
        found = _stamp_dates(line.rstrip("\r\n"), offset)
        if found:
            return found
        offset += len(line)
    return []


def _following_stamps(top: str, start: int) -> list[Furniture]:
    """The dates of the stamp lines right after the one ending at `start` (blank lines between), up
    to the first line that is not a stamp: "Published May 6, 2025, 07:00" above "Updated May 7, ..."."""
    found: list[Furniture] = []
    lines = 0
    offset = top.find("\n", start) + 1
    while 0 < offset < len(top) and lines < _MORE_STAMP_LINES:
        end = top.find("\n", offset)
        end = len(top) if end < 0 else end
        line = top[offset:end].rstrip("\r")
        if line.strip() and not _BYLINE_LINE.match(line):
            dates = _stamp_dates(line, offset)
            if not dates:
                break
            found.extend(dates)
            lines += 1
        offset = end + 1
    return found


def _one_page_date(items: list[Furniture], first_labelled_updated: bool) -> list[Furniture]:
    """Of a block of stamps, the first date not labelled "updated" is the page date, the rest are
    `updated`; when every one is labelled so, the first header stays the page date."""
    page = next(
        (
            index
            for index, item in enumerate(items)
            if item.kind == "page_date" and (index > 0 or not first_labelled_updated)
        ),
        None,
    )
    if page is None:
        page = 0 if items and items[0].kind == "page_date" else None
    return [
        replace(item, kind="page_date" if index == page else "updated") if item.kind != "dateline" else item
        for index, item in enumerate(items)
    ]


def _bottom_stamp(body: str) -> list[Furniture]:
    """The dates of a stamp that is the last non-blank line, when the top had none."""
    stripped = body.rstrip()
    start = stripped.rfind("\n") + 1
    if start == 0 or len(stripped) - start > _BOTTOM_CHARS:
        return []  # a one-line body has no bottom apart from its top
    return [item for item in _stamp_dates(stripped[start:], start) if item.start >= _TOP_CHARS]


def _datelines(top: str) -> list[re.Match[str]]:
    """The datelines that start a line of `top` (tried at line starts only: most lines are prose)."""
    found = []
    start = 0
    while start < len(top):
        match = _DATELINE.match(top, start)
        if match:
            found.append(match)
        newline = top.find("\n", start)
        if newline < 0:
            break
        start = newline + 1
    return found


def find_furniture(body: str) -> list[Furniture]:
    """The page-date header and the dateline near the top of `body` (or a stamp as its last line).

    Dates a stamp line marks as updated have kind `updated`: furniture, not the page date.
    """
    top = body[:_TOP_CHARS]
    found: list[Furniture] = []
    labelled_updated = False
    for pattern, kind in (
        (_HEADER, "page_date"),
        (_BARE_NUMERIC_LINE, "page_date"),
        (_BARE_WORD_LINE, "page_date"),
    ):
        match = pattern.search(top)
        if match:
            found.append(_from_match(kind, match))
            labelled_updated = bool(match.groupdict().get("updated"))
            # "Published : 2024-06-12 15:21 Updated : 2024-06-12 18:40": the rest of the line too.
            line_start = top.rfind("\n", 0, match.start()) + 1
            line_end = top.find("\n", match.end())
            line = top[line_start : line_end if line_end >= 0 else len(top)]
            found.extend(
                replace(item, kind="updated")
                for item in _stamp_dates(line, line_start)
                if item.start >= match.end()
            )
            break
    if not found:
        found.extend(_stamp_lines(top))
        labelled_updated = bool(found) and found[0].kind == "updated"
    if found:
        found = _one_page_date(found + _following_stamps(top, found[-1].end), labelled_updated)
    else:
        found.extend(_bottom_stamp(body))
    # A wire story may carry two ("18:10 | Lima, Jun. 5." above "Lima, June 5 (ANDINA).").
    for dateline in _datelines(top):
        if not any(
            f.start <= dateline.start() < f.end or dateline.start() <= f.start < dateline.end() for f in found
        ):
            found.append(_from_match("dateline", dateline))
    return sorted(found, key=lambda item: item.start)
