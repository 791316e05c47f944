"""The publication date of an article body without front matter, when the text can tell."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass

from dipreader.extract.dates.dateline import Furniture, find_furniture
from dipreader.extract.dates.datewords import (
    DAY_RE,
    MONTH_RE,
    NUMBER_WORD_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_RE,
    count_number,
    day_number,
    is_named_number,
    month_number,
)
from dipreader.extract.dates.openings import opened
from dipreader.extract.dates.tense import ClauseMarkers, clause_markers
from dipreader.extract.text.sentences import sentence_at, sentence_index, sentence_spans
from dipreader.model.article import PartialDate

_EXPLICIT = opened(
    re.compile(
        rf"(?P<md>(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?\s+(?P<y1>{YEAR_RE}))"
        rf"|(?P<dm>(?P<d2>{DAY_RE})\s+(?:of\s+)?(?P<m2>{MONTH_RE}),?\s+(?P<y2>{YEAR_RE}))"
        rf"|(?P<my>(?P<m3>{MONTH_RE})\s+(?:of\s+)?(?P<y3>{YEAR_RE}))"
        rf"|(?P<iso>(?<![0-9\-])(?P<y4>{YEAR_RE})-(?P<m4>0[1-9]|1[0-2])-(?P<d4>0[1-9]|[12][0-9]|3[01]))"
        # A year that opens a span ("the programme for 2025-2030") dates no event.
        rf"|(?P<year>(?<![0-9.,$€£\-])(?P<y5>{YEAR_RE})(?![0-9]|[.,][0-9]|\s*%|\s*[–—-]\s*[0-9]))"
    )
)
# "raise trade to 18 billion USD by 2028": a target, so a year after the article's.
_BY_YEAR = re.compile(r"\bby\s+$")
# "... by 2028, from 16.7 billion USD in 2024": the figure it grows from, so a year gone by.
_BASELINE = re.compile(r"\bfrom\s+(?:[$€£]\s?)?[0-9][0-9.,]*(?:\s+[A-Za-z$€£%]+){0,3}\s+in\s+$")
_HISTORICAL = opened(re.compile(r"\b(?:anniversary|established|founded|ago|history)\b", re.IGNORECASE))
# "the 54th anniversary of diplomatic relations, established on November 2, 1971" or "the 50th
# anniversary of diplomatic relations (1975-2025)": the year the article is written in.
# "marked exactly 50 years since the two countries established relations on 6 November 1975": the same.
_ANNIVERSARY_NOW = opened(
    re.compile(r"\b(?P<n>[0-9]{1,3})(?:(?:st|nd|rd|th)\s+anniversary\b|\s+years\s+since\b)", re.IGNORECASE)
)
_FOUNDING = opened(
    re.compile(rf"\b(?:established|founded|set\s+up|signed)\b[^.;]{{0,80}}?\b(?P<y>{YEAR_RE})")
)
# "2024 marks the 85th anniversary of ...": the year named is the article's.
_YEAR_MARKS = re.compile(
    rf"\b(?P<y>{YEAR_RE})\s+marks\s+the\s+[0-9]{{1,3}}(?:st|nd|rd|th)\s+anniversary\b", re.IGNORECASE
)
# "(1975-2025)", and with the founding day: "(September 5, 1962 – 2025)".
_SPAN = re.compile(
    rf"\((?:(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?|(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE}),?)\s+)?"
    rf"(?P<a>{YEAR_RE})\s*[–—-]\s*(?P<b>{YEAR_RE})\)"
)
# The day and month right before a founding year: "signed ... on November 29, 1984".
_DAY_BEFORE_YEAR = opened(
    re.compile(
        rf"(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?|(?P<d2>{DAY_RE})\s+(?:of\s+)?(?P<m2>{MONTH_RE}),?)\s+$"
    )
)
# What an anniversary counts: "the 33rd anniversary of diplomatic relations", "... of the Treaty of Peace".
_ANNIVERSARY_OF = re.compile(
    r"\s+of\s+(?:the\s+)?(?P<what>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*)?)", re.IGNORECASE
)
# "four decades to the day after the deal": the anniversary's own day.
_TO_THE_DAY = opened(
    re.compile(r"\bto\s+the\s+day\b|\bexactly\s+[0-9]{1,3}\s+years\s+since\b", re.IGNORECASE)
)
# An anniversary in another year than the article's: "in November next year, on the occasion of ...".
_OTHER_YEAR = opened(re.compile(r"\b(?:next|last|previous|following|coming)\s+year\b", re.IGNORECASE))
# "on Wednesday, two weeks after ... on 26 March", "on Tuesday, one month after 9 February": the day
# the lead reports, counted from a date.
_ON_WEEKDAY = opened(re.compile(rf"\b[Oo]n\s+(?P<w>{WEEKDAY_RE})"))
_COUNTED_FROM = opened(
    re.compile(
        rf"\b(?P<n>[0-9]{{1,2}}|{NUMBER_WORD_RE})\s+(?P<unit>days?|weeks?|months?)\s+(?P<dir>after|before)\b"
        rf"[^.;]{{0,160}}?\b(?:(?P<d1>{DAY_RE})\s+(?:of\s+)?(?P<m1>{MONTH_RE})|(?P<m2>{MONTH_RE})\s+(?P<d2>{DAY_RE}))"
        rf"(?!,?\s*[0-9])",
        re.IGNORECASE,
    )
)
# "received X on October 8." (or "on Wednesday, Aug 24,") with no year after it.
_ON_DAY = opened(
    re.compile(
        rf"\bon\s+(?:{WEEKDAY_RE},?\s+(?:the\s+)?)?(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})|(?P<d2>{DAY_RE})\s+(?:of\s+)?(?P<m2>{MONTH_RE}))"
        rf"(?!,?\s*(?:[0-9]|{MONTH_RE}))"
    )
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# How far into the body the weekday of the reported day is looked for.
_WEEKDAY_CHARS = 700
# With no planned date to bound it, a year-less dateline is at most this many years after the
# latest past year the story names (a news report's past dates are recent ones).
_RECENT_YEARS = 2
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
    starts = [start for start, _end in spans]
    # Each sentence's tense markers and historical words are read once for all its dates.
    sentences: dict[int, tuple[int, ClauseMarkers, bool]] = {}
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
        held_by = sentence_index(match.start(), spans, starts)
        if held_by not in sentences:
            start, end = spans[held_by] if held_by >= 0 else (0, len(body))
            sentence = body[start:end]
            sentences[held_by] = (start, clause_markers(sentence), _HISTORICAL.search(sentence) is not None)
        start, markers, historical = sentences[held_by]
        status = markers.status(match.start() - start)
        if g["year"] and _BY_YEAR.search(body, max(0, match.start() - 4), match.start()):
            status = "planned"
        elif g["year"] and _BASELINE.search(body, max(0, match.start() - 60), match.start()):
            status = "past"
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


@dataclass(frozen=True)
class _Anchors:
    """The anchors of one body, with the window of dates they allow found once."""

    items: list[_Anchor]
    latest_past: PartialDate | None  # the latest first day of a past anchor
    earliest_planned: PartialDate | None  # the earliest last day of a planned anchor

    @classmethod
    def of(cls, items: list[_Anchor]) -> _Anchors:
        past = [_first_day(anchor.date) for anchor in items if not anchor.planned]
        planned = [_last_day(anchor.date) for anchor in items if anchor.planned]
        return cls(items, max(past, default=None), min(planned, default=None))


def _consistent(candidate: PartialDate, anchors: _Anchors) -> bool:
    """No past event after the candidate date, no planned event wholly before it."""
    if anchors.earliest_planned is not None and anchors.earliest_planned < candidate:
        return False
    return anchors.latest_past is None or anchors.latest_past <= candidate


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


def _year_for(month: int, day: int, anchors: _Anchors) -> int | None:
    """The year that the text makes certain for a day-and-month, or None.

    Each anchor with a month proposes the nearest year it allows: a past one the first
    year on or after it, a planned one the last year on or before it. The proposals that
    every anchor accepts must agree on one year, else the article stays undated.
    """
    proposals: set[int] = set()
    for anchor in anchors.items:
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


@dataclass(frozen=True)
class _Anniversaries:
    """What the anniversaries of one body make certain: the years, and the days with their year."""

    years: frozenset[int]
    days: frozenset[PartialDate]


def _founding_sentences(body: str, mark: re.Match[str], spans: list[tuple[int, int]]) -> list[str]:
    """The anniversary's sentence, or else the sentence before or after it that names what the
    anniversary counts ("... relations were established on January 29, 1992. This year marks the
    33rd anniversary of diplomatic relations.")."""
    start, end = sentence_at(body, mark.start(), spans)
    own = body[start:end]
    if _FOUNDING.search(own) or _SPAN.search(own):
        return [own]
    counted = _ANNIVERSARY_OF.match(body, mark.end())
    if counted is None:
        return [own]
    words = [word.lower() for word in re.findall(r"[^\W\d_]{4,}", counted["what"])]
    index = spans.index((start, end)) if (start, end) in spans else -1
    found = [own]
    for neighbour in (index - 1, index + 1):
        if index < 0 or not 0 <= neighbour < len(spans):
            continue
        text = body[spans[neighbour][0] : spans[neighbour][1]]
        lowered = text.lower()
        if words and any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words):
            found.append(text)
    return found


def _founding_day(sentence: str, year_start: int, year: int) -> PartialDate | None:
    """The founding day written before a founding year, moved to `year`."""
    day = _DAY_BEFORE_YEAR.search(sentence, max(0, year_start - 30), year_start)
    if day is None:
        return None
    return _safe_date(year, month_number(day["m1"] or day["m2"]), day_number(day["d1"] or day["d2"]))


# Asked once per piece of furniture of the same body.
@functools.lru_cache(maxsize=4)
def _anniversaries(body: str) -> _Anniversaries:
    """The years an "Nth anniversary" and a founding year or a span in its sentence (or in the next
    or previous one about the same thing) make certain, and the day when the founding date has one."""
    years: set[int] = set()
    days: set[PartialDate] = set()
    spans = sentence_spans(body)
    for mark in _ANNIVERSARY_NOW.finditer(body):
        start, end = sentence_at(body, mark.start(), spans)
        if _OTHER_YEAR.search(body, start, end):
            continue
        count = int(mark["n"])
        for sentence in _founding_sentences(body, mark, spans):
            for span in _SPAN.finditer(sentence):
                if int(span["b"]) - int(span["a"]) != count:
                    continue
                years.add(int(span["b"]))
                if span["m1"] or span["m2"]:
                    month, day = month_number(span["m1"] or span["m2"]), day_number(span["d1"] or span["d2"])
                    if (date := _safe_date(int(span["b"]), month, day)) is not None:
                        days.add(date)
            for founding in _FOUNDING.finditer(sentence):
                years.add(int(founding["y"]) + count)
                if (
                    date := _founding_day(sentence, founding.start("y"), int(founding["y"]) + count)
                ) is not None:
                    days.add(date)
    years.update(int(mark["y"]) for mark in _YEAR_MARKS.finditer(body))
    return _Anniversaries(frozenset(years), frozenset(days))


def _anniversary_year(body: str, month: int, day: int, anchors: _Anchors) -> int | None:
    """The year an anniversary makes certain for a day-and-month, when the other dates agree."""
    years = _anniversaries(body).years
    fitting = {
        year for year in years if (probe := _safe_date(year, month, day)) and _consistent(probe, anchors)
    }
    return fitting.pop() if len(fitting) == 1 else None


def _weekday_date(body: str, dateline: Furniture | None, anchors: _Anchors) -> PartialDate | None:
    """The day a lead reports "on Wednesday, two weeks after ... on 26 March", in the one year the
    other dates allow (a past date before it and a planned one after it) where it is that weekday."""
    top = body[:_WEEKDAY_CHARS]
    spans = sentence_spans(top)
    for weekday in _ON_WEEKDAY.finditer(top):
        start, end = sentence_at(top, weekday.start(), spans)
        counted = _COUNTED_FROM.search(top, start, end)
        if counted is None:
            continue
        month = month_number(counted["m1"] or counted["m2"])
        day = day_number(counted["d1"] or counted["d2"])
        unit = counted["unit"].lower()
        count = count_number(counted["n"]) * (1 if counted["dir"].lower() == "after" else -1)
        past = [a.date.year for a in anchors.items if not a.planned and not a.historical]
        planned = [a.date.year for a in anchors.items if a.planned and not a.historical]
        if not past or not planned:
            return None
        fitting = []
        for year in range(max(past), min(planned) + 1):
            date = _counted_date(year, month, day, count, unit)
            if date is None:
                continue
            on_dateline = dateline is None or (date.month, date.day) == (dateline.month, dateline.day)
            on_weekday = _as_date(date).weekday() == WEEKDAYS[weekday["w"].lower()]
            if on_dateline and on_weekday and _consistent(date, anchors):
                fitting.append(date)
        return fitting[0] if len(fitting) == 1 else None
    return None


def _counted_date(year: int, month: int, day: int, count: int, unit: str) -> PartialDate | None:
    """The day `count` days, weeks or months (the same day of the month) after year-month-day."""
    base = _safe_date(year, month, day)
    if base is None:
        return None
    if unit.startswith("month"):
        index = year * 12 + month - 1 + count
        return _safe_date(index // 12, index % 12 + 1, day)
    return PartialDate.from_date(
        _as_date(base) + _dt.timedelta(days=count * (7 if unit.startswith("week") else 1))
    )


def _weekday_year(body: str, month: int, day: int, anchors: _Anchors, recent: bool = False) -> int | None:
    """The one year between the latest past date and the earliest planned one in which the day falls
    on the weekday the lead names ("La Paz, April 22 (ABI).- ... agreed on Tuesday"), else the one in
    which it is the day after (a story filed the next morning). With `recent` (a dateline or a stamp)
    and no planned date, see _recent_weekday_year."""
    named = _lead_weekdays(body)
    if not named or anchors.latest_past is None:
        return None
    if anchors.earliest_planned is None:
        return _recent_weekday_year(named, month, day, anchors) if recent else None
    fitting: list[set[int]] = [set(), set()]
    for year in range(anchors.latest_past.year, anchors.earliest_planned.year + 1):
        date = _safe_date(year, month, day)
        if date is None or not _consistent(date, anchors):
            continue
        weekday = _as_date(date).weekday()
        if weekday in named:
            fitting[0].add(year)
        elif (weekday - 1) % 7 in named:
            fitting[1].add(year)
    for years in fitting:
        if years:
            return years.pop() if len(years) == 1 else None
    return None


def _lead_weekdays(body: str) -> set[int]:
    """The weekdays the top of the body names after "on" ("agreed on Tuesday", "The meeting on Thursday")."""
    return {WEEKDAYS[match["w"].lower()] for match in _ON_WEEKDAY.finditer(body[:_WEEKDAY_CHARS])}


def _recent_weekday_year(named: set[int], month: int, day: int, anchors: _Anchors) -> int | None:
    """With only past dates to bound it, the one year within _RECENT_YEARS after the latest past year
    (not a founding date or an anniversary) in which the day falls on a weekday the lead names."""
    recent = [a.date.year for a in anchors.items if not a.planned and not a.historical]
    if not recent:
        return None
    fitting = {
        year
        for year in range(max(recent), max(recent) + _RECENT_YEARS + 1)
        if (date := _safe_date(year, month, day)) is not None
        and _consistent(date, anchors)
        and _as_date(date).weekday() in named
    }
    return fitting.pop() if len(fitting) == 1 else None


def _anniversary_day(body: str, anchors: _Anchors) -> PartialDate | None:
    """The anniversary's own day, when the text says "to the day" or the lead reports an event on the
    weekday that day falls on ("met on Friday, on the occasion of the 63rd anniversary of relations
    (September 5, 1962 – 2025)")."""
    days = _anniversaries(body).days
    if not days:
        return None
    exact = _TO_THE_DAY.search(body) is not None
    named = _lead_weekdays(body)
    fitting = {
        date for date in days if _consistent(date, anchors) and (exact or _as_date(date).weekday() in named)
    }
    return fitting.pop() if len(fitting) == 1 else None


def _year_of_day(
    body: str, month: int, day: int, anchors: _Anchors, recent: bool = False
) -> PartialDate | None:
    """A day-and-month dated by an anniversary, the other dates or the lead's weekday, when one year fits."""
    year = _anniversary_year(body, month, day, anchors)
    if year is None:
        year = _year_for(month, day, anchors)
    if year is None:
        year = _weekday_year(body, month, day, anchors, recent)
    if year is None:
        return None
    date = _safe_date(year, month, day)
    return date if date and _weekdays_agree(body, date) else None


def _from_furniture(item: Furniture, anchors: _Anchors, body: str = "") -> tuple[PartialDate, str] | None:
    if item.year is not None:
        date = _safe_date(item.year, item.month, item.day)
        return (date, "text") if date else None
    date = _year_of_day(body, item.month, item.day, anchors, recent=True)
    return (date, "dateline") if date else None


def _lead_day(body: str, after: int, anchors: _Anchors) -> PartialDate | None:
    """A year-less "on October 8" in the headline or the lead paragraph after the furniture, dated as
    a dateline is ("Ulaanbaatar /MONTSAME/. ... received X on October 8.")."""
    lead = "\n\n".join(_PARAGRAPH_BREAK.split(body[after:].lstrip(), maxsplit=2)[:2])[:_LEAD_CHARS]
    match = _ON_DAY.search(lead)
    if match is None:
        return None
    month = month_number(match["m1"] or match["m2"])
    day = day_number(match["d1"] or match["d2"])
    return _year_of_day(body, month, day, anchors)


def _weekdays_agree(body: str, date: PartialDate) -> bool:
    """A year-less dateline's day falls on a weekday the lead names ("on Tuesday"), or the day after:
    a year that makes "Oct 8" a Sunday is not the year of "the meeting took place on Tuesday"."""
    named = _lead_weekdays(body)
    weekday = _as_date(date).weekday()
    return not named or bool(named & {weekday, (weekday - 1) % 7})


def infer_publication_date(body: str) -> tuple[PartialDate | None, str | None]:
    """(date, basis) with basis `text`, `dateline` or `inferred`; (None, None) when undated."""
    everything = find_furniture(body)
    furniture = [f for f in everything if f.kind != "updated"]
    anchors = _Anchors.of(
        [a for a in _anchors(body) if not any(f.start <= a.start < f.end for f in everything)]
    )
    for item in furniture:
        if item.year is not None:
            result = _from_furniture(item, anchors)
            if result:
                return result
    for item in furniture:
        result = _from_furniture(item, anchors, body)
        if result:
            return result
    datelines = [f for f in furniture if f.kind == "dateline" and f.year is None]
    if datelines or not furniture:
        counted = _weekday_date(body, datelines[0] if datelines else None, anchors)
        if counted is not None:
            return counted, "dateline" if datelines else "inferred"
    # Only a time of update: the page was published that day or before; agencies update the same day.
    updated = next((f for f in everything if f.kind == "updated" and f.year is not None), None)
    if updated is not None and not furniture:
        result = _from_furniture(updated, anchors)
        if result:
            return result
    after = max((f.end for f in everything), default=0)
    lead = _lead_date(body, after)
    if (
        lead is not None
        and _consistent(lead, anchors)
        and not any(a.historical and a.date == lead for a in anchors.items)
    ):
        return lead, "inferred"
    if lead is None and not furniture:
        day = _lead_day(body, after, anchors)
        if day is None:
            day = _anniversary_day(body, anchors)
        if day is not None:
            return day, "inferred"
    return None, None
