"""The publication date of an article body without front matter, when the text can tell."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from dipreader.extract.dates.dateline import Furniture, find_furniture
from dipreader.extract.dates.datewords import (
    DAY_RE,
    MONTH_RE,
    YEAR_RE,
    day_number,
    is_named_number,
    month_number,
)
from dipreader.extract.dates.tense import clause_status
from dipreader.extract.text.sentences import sentence_at, sentence_spans
from dipreader.model.article import PartialDate

_EXPLICIT = re.compile(
    rf"(?P<md>(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?\s+(?P<y1>{YEAR_RE}))"
    rf"|(?P<dm>(?P<d2>{DAY_RE})\s+(?:of\s+)?(?P<m2>{MONTH_RE}),?\s+(?P<y2>{YEAR_RE}))"
    rf"|(?P<my>(?P<m3>{MONTH_RE})\s+(?:of\s+)?(?P<y3>{YEAR_RE}))"
    rf"|(?P<iso>(?<![0-9\-])(?P<y4>{YEAR_RE})-(?P<m4>0[1-9]|1[0-2])-(?P<d4>0[1-9]|[12][0-9]|3[01]))"
    rf"|(?P<year>(?<![0-9.,$€£\-])(?P<y5>{YEAR_RE})(?![0-9]|[.,][0-9]|\s*%))"
)
_HISTORICAL = re.compile(r"\b(?:anniversary|established|founded|ago|history)\b", re.IGNORECASE)
# "This year marks the 50th anniversary of ties" with "established relations in 1974": 2024.
_ANNIVERSARY_NOW = re.compile(
    r"\bthis\s+year\s+(?:marks|is|celebrates|will\s+mark)\s+the\s+(?P<n>[0-9]{1,3})(?:st|nd|rd|th)"
    r"\s+anniversary\b",
    re.IGNORECASE,
)
_FOUNDING = re.compile(rf"\b(?:established|founded|set\s+up|signed)\b[^.;]{{0,80}}?\b(?P<y>{YEAR_RE})")
# An anchor proposes a year only when it is this close to the dateline's day.
_PAST_WINDOW_DAYS = 183
_PLANNED_WINDOW_DAYS = 366
# How far the lead may run: the first sentence after any furniture.
_LEAD_CHARS = 400


@dataclass(frozen=True)
class _Anchor:
    """A date with an explicit year, and whether the text reports it as past or planned."""

    date: PartialDate
    planned: bool
    start: int
    historical: bool  # an anniversary or a founding date says nothing about "now"


def _anchors(body: str) -> list[_Anchor]:
    spans = sentence_spans(body)
    found: list[_Anchor] = []
    for match in _EXPLICIT.finditer(body):
        if is_named_number(body, match.start()):
            continue
        g = match.groupdict()
        try:
            if g["md"]:
                date = PartialDate(int(g["y1"]), month_number(g["m1"]), day_number(g["d1"]))
            elif g["dm"]:
                date = PartialDate(int(g["y2"]), month_number(g["m2"]), day_number(g["d2"]))
            elif g["my"]:
                date = PartialDate(int(g["y3"]), month_number(g["m3"]))
            elif g["iso"]:
                date = PartialDate(int(g["y4"]), int(g["m4"]), int(g["d4"]))
            else:
                date = PartialDate(int(g["y5"]))
        except ValueError:
            continue
        start, end = sentence_at(body, match.start(), spans)
        sentence = body[start:end]
        status = clause_status(sentence, match.start() - start)
        historical = _HISTORICAL.search(sentence) is not None
        found.append(_Anchor(date, status == "planned", match.start(), historical))
    return found


def _last_day(date: PartialDate) -> PartialDate:
    if date.month is None:
        return PartialDate(date.year, 12, 31)
    if date.day is None:
        following = _dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return PartialDate.from_date(following - _dt.timedelta(days=1))
    return date


def _first_day(date: PartialDate) -> PartialDate:
    return PartialDate(date.year, date.month or 1, date.day or 1)


def _consistent(candidate: PartialDate, anchors: list[_Anchor]) -> bool:
    """No past event after the candidate date, no planned event wholly before it."""
    for anchor in anchors:
        if anchor.planned and _last_day(anchor.date) < candidate:
            return False
        if not anchor.planned and _first_day(anchor.date) > candidate:
            return False
    return True


def _safe_date(year: int, month: int, day: int) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _as_date(date: PartialDate) -> _dt.date:
    return _dt.date(date.year, date.month or 1, date.day or 1)


def _days_between(anchor: _Anchor, date: PartialDate) -> int:
    edge = _first_day(anchor.date) if anchor.planned else _last_day(anchor.date)
    return abs((_as_date(edge) - _as_date(date)).days)


def _year_for(month: int, day: int, anchors: list[_Anchor]) -> int | None:
    """The year that the text makes certain for a day-and-month, or None.

    Each anchor with a month proposes the nearest year it allows: a past one the first
    year on or after it, a planned one the last year on or before it. The proposals that
    every anchor accepts must agree on one year, else the article stays undated.
    """
    proposals: set[int] = set()
    for anchor in anchors:
        if anchor.date.month is None or anchor.historical:
            continue
        year = anchor.date.year
        probe = _safe_date(year, month, day)
        if anchor.planned and (probe is None or probe > _last_day(anchor.date)):
            year -= 1
        elif not anchor.planned and (probe is None or probe < _first_day(anchor.date)):
            year += 1
        probe = _safe_date(year, month, day)
        if probe is not None and _days_between(anchor, probe) <= (
            _PLANNED_WINDOW_DAYS if anchor.planned else _PAST_WINDOW_DAYS
        ):
            proposals.add(year)
    accepted = {
        year
        for year in proposals
        if (date := _safe_date(year, month, day)) is not None and _consistent(date, anchors)
    }
    return accepted.pop() if len(accepted) == 1 else None


def _lead_date(body: str, after: int) -> PartialDate | None:
    """A full date in the first sentence after the furniture: the day the lead reports."""
    lead = body[after : after + _LEAD_CHARS]
    spans = sentence_spans(lead)
    if not spans:
        return None
    first = lead[spans[0][0] : spans[0][1]]
    for match in _EXPLICIT.finditer(first):
        if match.group("md") or match.group("dm") or match.group("iso"):
            return _safe_date(*_ymd(match))
    return None


def _ymd(match: re.Match[str]) -> tuple[int, int, int]:
    g = match.groupdict()
    if g["md"]:
        return int(g["y1"]), month_number(g["m1"]), day_number(g["d1"])
    if g["dm"]:
        return int(g["y2"]), month_number(g["m2"]), day_number(g["d2"])
    return int(g["y4"]), int(g["m4"]), int(g["d4"])


def _anniversary_year(body: str, month: int, day: int, anchors: list[_Anchor]) -> int | None:
    """The year an "Nth anniversary this year" sentence and a founding year make certain."""
    years = {
        int(founding["y"]) + int(mark["n"])
        for mark in _ANNIVERSARY_NOW.finditer(body)
        for founding in _FOUNDING.finditer(body)
    }
    fitting = {
        year for year in years if (probe := _safe_date(year, month, day)) and _consistent(probe, anchors)
    }
    return fitting.pop() if len(fitting) == 1 else None


def _from_furniture(
    item: Furniture, anchors: list[_Anchor], body: str = ""
) -> tuple[PartialDate, str] | None:
    if item.year is not None:
        date = _safe_date(item.year, item.month, item.day)
        return (date, "text") if date else None
    year = _anniversary_year(body, item.month, item.day, anchors)
    if year is None:
        year = _year_for(item.month, item.day, anchors)
    if year is None:
        return None
    date = _safe_date(year, item.month, item.day)
    return (date, "dateline") if date else None


def infer_publication_date(body: str) -> tuple[PartialDate | None, str | None]:
    """(date, basis) with basis `text`, `dateline` or `inferred`; (None, None) when undated."""
    everything = find_furniture(body)
    furniture = [f for f in everything if f.kind != "updated"]
    anchors = [a for a in _anchors(body) if not any(f.start <= a.start < f.end for f in everything)]
    for item in furniture:
        if item.year is not None:
            result = _from_furniture(item, anchors)
            if result:
                return result
    for item in furniture:
        result = _from_furniture(item, anchors, body)
        if result:
            return result
    after = max((f.end for f in everything), default=0)
    lead = _lead_date(body, after)
    if (
        lead is not None
        and _consistent(lead, anchors)
        and not any(a.historical and a.date == lead for a in anchors)
    ):
        return lead, "inferred"
    return None, None
