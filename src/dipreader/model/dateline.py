"""Page furniture at the top of an article: a page-date header and an agency dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dipreader.model.datewords import DAY_RE, MONTH_RE, YEAR_RE, day_number, month_number

# Furniture only ever sits in the first lines; looking further finds ordinary sentences.
_TOP_CHARS = 400

_NUMERIC_DATE = (
    rf"(?P<iso>(?P<iy>{YEAR_RE})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12][0-9]|3[01]))"
    rf"|(?P<dotted>(?P<dd>0?[1-9]|[12][0-9]|3[01])\.(?P<dm>0?[1-9]|1[0-2])\.(?P<dy>{YEAR_RE}))"
)
_WORD_DATE = (
    rf"(?P<md>(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})(?:,?\s+(?P<y1>{YEAR_RE}))?)"
    rf"|(?P<dm_>(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE})(?:,?\s+(?P<y2>{YEAR_RE}))?)"
)
_HEADER = re.compile(
    rf"(?im)^[ \t]*(?:date|dated|published|posted|updated)(?:\s+on)?[ \t]*:?[ \t]*"
    rf"(?:{_NUMERIC_DATE}|{_WORD_DATE})"
)
_BARE_NUMERIC_LINE = re.compile(
    rf"(?m)^[ \t]*(?:{_NUMERIC_DATE})(?:[ \t]+[0-9]{{1,2}}:[0-9]{{2}})?[ \t]*$"
)
_PLACE = r"[A-Z][A-Za-z'’.\-]*(?:[ \t]+[A-Z][A-Za-z'’.\-]*){0,3}"
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?!(?:In|On|At|The|During|From|Since|By|And|But|Also|Later|Earlier|Then)\b)"
    rf"(?P<place>{_PLACE}(?:,[ \t]*{_PLACE}){{0,2}}),[ \t]*"
    rf"(?:{_WORD_DATE})(?=[ \t]*(?:[0-9]{{1,2}}:[0-9]{{2}}|[.,:(/\-–—]|$))"
)


@dataclass(frozen=True)
class Furniture:
    """A page-date header or a dateline; `year` is None when the line gives none."""

    kind: str  # "page_date" | "dateline"
    start: int
    end: int
    year: int | None
    month: int
    day: int


def _from_match(kind: str, match: re.Match[str]) -> Furniture:
    groups = match.groupdict()
    year: int | None
    if groups.get("iso"):
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    elif groups.get("dotted"):
        year, month, day = int(groups["dy"]), int(groups["dm"]), int(groups["dd"])
    elif groups.get("md"):
        year = int(groups["y1"]) if groups["y1"] else None
        month, day = month_number(groups["m1"]), day_number(groups["d1"])
    else:
        year = int(groups["y2"]) if groups["y2"] else None
        month, day = month_number(groups["m2"]), day_number(groups["d2"])
    return Furniture(kind, match.start(), match.end(), year, month, day)


def find_furniture(body: str) -> list[Furniture]:
    """The page-date header and the dateline near the top of `body`, in text order."""
    top = body[:_TOP_CHARS]
    found: list[Furniture] = []
    for pattern, kind in ((_HEADER, "page_date"), (_BARE_NUMERIC_LINE, "page_date")):
        match = pattern.search(top)
        if match:
            found.append(_from_match(kind, match))
            break
    dateline = _DATELINE.search(top)
    if dateline and not any(f.start <= dateline.start() < f.end for f in found):
        found.append(_from_match("dateline", dateline))
    return sorted(found, key=lambda item: item.start)
