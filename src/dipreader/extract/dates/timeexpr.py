"""Temporal expressions in article text, normalised to YYYY, YYYY-MM or YYYY-MM-DD."""

from __future__ import annotations

import re
from dataclasses import replace

from dipreader.extract.dates.dateline import Furniture, find_furniture, is_stamp_line
from dipreader.extract.dates.openings import opened
from dipreader.extract.dates.tense import ClauseMarkers, clause_markers
from dipreader.extract.dates.timepatterns import Candidate, find_candidates
from dipreader.extract.text.clauses import clause_spans
from dipreader.extract.text.sentences import group_by_sentence, sentence_index, sentence_spans
from dipreader.model.article import PartialDate
from dipreader.model.calendar_math import (
    safe_date,
    shift_days,
    shift_months,
    weekday_on_or_after,
    weekday_on_or_before,
)
from dipreader.model.temporal import TemporalExpression

_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|&)\s*")
_DASH_GAP = re.compile(r"\s*[–—\-]\s*")
_WORD_GAP = re.compile(r"\s+(to|until|till|through|and)\s+", re.IGNORECASE)
_RANGE_OPENER = opened(re.compile(r"\b(from|between)\s+$", re.IGNORECASE))
_UNTIL_NOW = re.compile(
    r"\s+(?:to|until|till|up\s+to|up\s+until)\s+(?:now|the\s+present(?:\s+day)?|this\s+day)\b",
    re.IGNORECASE,
)
_FREQUENCY_CUE = opened(
    re.compile(
        r"\b(?:every|each|annual(?:ly)?|traditionally|usually|regularly|always)\b[^.;]{0,40}$"
        # "the fiscal year runs from January to December": a cycle, not a dated event.
        r"|\b(?:runs?|lasts?|spans?|extends?)\s+(?:from\s+)?$",
        re.IGNORECASE,
    )
)
_EVENT_VERB = opened(
    re.compile(
        r"\b(?:met|held|signed|visited|received|hosted|discussed|attended|took\s+place|opened"
        r"|arrived|launched|adopted|announced|said|stated|told|chaired"
        r"|(?:scheduled|due|expected|set)\s+to\s+[a-z]+)\b",
        re.IGNORECASE,
    )
)
# "in Kandy today (09)": the day of the month after "today", as South Asian papers write it.
_DAY_AFTER_TODAY = re.compile(r"[ \t]*\((?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?\)")
_TODAY = Candidate(0, 0, "deictic", relative="day", amount=0)


def _has_month_or_day(candidate: Candidate) -> bool:
    return (
        candidate.month is not None
        or candidate.relative in ("month", "day", "week")
        or (candidate.relative or "").startswith(("weekday", "named-month"))
    )


def _merge_ranges(text: str, candidates: list[Candidate]) -> list[Candidate]:
    merged: list[Candidate] = []
    index = 0
    while index < len(candidates):
        first = candidates[index]
        second = candidates[index + 1] if index + 1 < len(candidates) else None
        opener = _RANGE_OPENER.search(text[max(0, first.start - 10) : first.start])
        if second is not None and first.datable and second.datable and first.kind != "range":
            gap = text[first.end : second.start]
            if second.prep and text.startswith(second.prep, second.start):
                gap += f"{second.prep} "
            word = _WORD_GAP.fullmatch(gap)
            dash = _DASH_GAP.fullmatch(gap) is not None and (
                _has_month_or_day(first) == _has_month_or_day(second)
            )
            joined = dash or (
                word is not None
                and opener is not None
                and (word.group(1).lower() != "and" or opener.group(1).lower() == "between")
            )
            if joined:
                start = first.start - (len(opener.group()) if opener else 0)
                merged.append(replace(first, start=start, end=second.end, kind="range", range_end=second))
                index += 2
                continue
        until_now = _UNTIL_NOW.match(text, first.end)
        if first.datable and until_now:
            start = first.start - (len(opener.group()) if opener else 0)
            merged.append(replace(first, start=start, end=until_now.end(), kind="range", range_end=_TODAY))
        elif (
            first.relative == "year"
            and first.prep
            and first.prep.lower() == "since"
            and (first.modifier == "early")
        ):
            # "since the beginning of this year": January to the article's date.
            merged.append(replace(first, kind="range", range_end=_TODAY))
        elif first.datable and opener and opener.group(1).lower() == "from" and not first.prep:
            merged.append(
                replace(first, start=first.start - len(opener.group()), modifier=first.modifier or "since")
            )
        else:
            merged.append(first)
        index += 1
    return merged


def _share_years(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A list or range gives its year to the items that lack one: "8 April and 12 May 2024"."""
    shared = list(candidates)
    for index in range(len(shared) - 2, -1, -1):
        item, following = shared[index], shared[index + 1]
        if item.year is not None or item.relative or item.month is None:
            continue
        if following.year is None or following.relative:
            continue
        if _LIST_GAP.fullmatch(text[item.end : following.start]):
            year = following.year
            if following.month is not None and item.month > following.month:
                year -= 1
            shared[index] = replace(item, year=year)
    for index, item in enumerate(shared):
        end = item.range_end
        if end is None:
            continue
        if item.year is None and end.year is not None and not item.relative:
            year = end.year - (1 if (item.month or 0) > (end.month or 13) else 0)
            shared[index] = item = replace(item, year=year)
        if end.year is None and not end.relative and item.year is not None:
            year = item.year + (1 if (end.month or 13) < (item.month or 0) else 0)
            shared[index] = replace(item, range_end=replace(end, year=year))
    return shared


def _mark_frequencies(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """ "every year in May", "celebrated annually on May 28": a recurring day, not an event."""
    marked: list[Candidate] = []
    for item in candidates:
        recurring = item.kind in ("month", "month_day", "weekday", "season") and item.year is None
        joined = (
            bool(marked)
            and marked[-1].kind == "frequency"
            and (
                _WORD_GAP.fullmatch(text[marked[-1].end : item.start]) is not None
                or _DASH_GAP.fullmatch(text[marked[-1].end : item.start]) is not None
            )
        )
        if recurring and (joined or _FREQUENCY_CUE.search(text[max(0, item.start - 60) : item.start])):
            item = replace(item, kind="frequency", datable=False)
        marked.append(item)
    return marked


def _year_for_undated(month: int, day: int | None, article: PartialDate, status: str) -> int:
    """The article's year, moved back for a past event or on for a planned one when needed.

    A clause with no tense marker ("Euro 2024, which kicks off on June 14") takes the year
    that puts the date nearest the article's date.
    """
    year = article.year
    if article.month is None:
        return year
    mentioned = (month, day or 0)
    current = (article.month, article.day or 0 if day is not None else 0)
    if status == "unmarked":
        months_ahead = (month - article.month) % 12
        if mentioned == current or months_ahead == 0:
            return year
        return (
            year + 1
            if months_ahead <= 6 and mentioned < current
            else (year - 1 if months_ahead > 6 and mentioned > current else year)
        )
    if status == "past" and mentioned > current:
        return year - 1
    if status == "planned" and mentioned < current:
        return year + 1
    return year


def _resolve_relative(item: Candidate, article: PartialDate, status: str) -> PartialDate | None:
    rule, amount = item.relative or "", item.amount
    if rule == "season":
        return safe_date(_year_for_undated(amount, None, article, status))
    if rule == "year":
        return safe_date(article.year + amount, item.month)
    if rule.startswith("named-month"):
        if article.month is None or item.month is None:
            return (
                None
                if rule != "named-month-this" or item.month is None
                else safe_date(article.year, item.month)
            )
        if rule.endswith("last"):
            year = article.year if item.month < article.month else article.year - 1
        elif rule.endswith("next"):
            year = article.year if item.month > article.month else article.year + 1
        else:
            year = article.year
        return safe_date(year, item.month)
    if article.month is None:
        return None
    if rule == "month":
        return shift_months(article, amount)
    if article.day is None:
        return None
    if rule == "day":
        return shift_days(article, amount)
    if rule == "week":
        moved = shift_days(article, 7 * amount)
        return PartialDate(moved.year, moved.month)
    if rule.startswith("weekday"):
        if rule == "weekday-next" or (rule in ("weekday-on", "weekday-this") and status == "planned"):
            base = shift_days(article, 1) if rule == "weekday-next" else article
            return weekday_on_or_after(base, amount)
        base = shift_days(article, -1) if rule in ("weekday-last", "weekday-past") else article
        return weekday_on_or_before(base, amount)
    return None


def _resolve(
    item: Candidate, article: PartialDate | None, status: str, last_year: int | None
) -> PartialDate | None:
    if item.relative == "anaphor-year":
        return safe_date(last_year + item.amount, item.month) if last_year is not None else None
    if item.relative:
        if article is None:
            return None
        try:
            return _resolve_relative(item, article, status)
        except (ValueError, OverflowError):  # past the calendar's ends (year 1, year 9999)
            return None
    if item.year is not None:
        return safe_date(item.year, item.month, item.day)
    if item.month is None or article is None:
        return None
    return safe_date(_year_for_undated(item.month, item.day, article, status), item.month, item.day)


def _range_values(
    item: Candidate, article: PartialDate | None, status: str, last_year: int | None
) -> tuple[PartialDate | None, PartialDate | None]:
    end_item = item.range_end
    if end_item is None and item.end_parts is not None:
        year, month, day = item.end_parts
        if year is None and month is not None:
            value = _resolve(replace(item, end_parts=None), article, status, last_year)
            year = value.year if value else None
        end_value = safe_date(year, month, day) if year is not None else None
        return _resolve(item, article, status, last_year), end_value
    start = _resolve(item, article, status, last_year)
    end = _resolve(end_item, article, status, last_year) if end_item else None
    # "from the beginning of this year to July": a year's start, counted in months.
    if (
        start
        and end
        and start.month is None
        and end.month is not None
        and (item.modifier in ("early", "late"))
    ):
        start = PartialDate(start.year, 1 if item.modifier == "early" else 12)
    if start and end and end.month is None and start.month is not None:
        end = PartialDate(end.year, 12)
    return start, end


def _is_event_today(text: str, sentence: tuple[int, int], item: Candidate) -> bool:
    """ "today" dates an event when its sentence reports one, or inside a quotation: the day the
    words were said ("'Our ties are stronger today,' he added"), but not "'today's world'"."""
    if _EVENT_VERB.search(text, *sentence) is not None or _DAY_AFTER_TODAY.match(text, item.end):
        return True
    return not text.startswith(("'s", "’s"), item.end) and _inside_quotation(text, item.start)


def _inside_quotation(text: str, position: int) -> bool:
    """Whether `position` is between the opening and the closing quotation mark of its paragraph."""
    paragraph = text[text.rfind("\n", 0, position) + 1 : position]
    return paragraph.count('"') % 2 == 1 or paragraph.rfind("“") > paragraph.rfind("”")


def _clauses_of(
    text: str, candidates: list[Candidate], spans: list[tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """The clause of each datable candidate (by index), so that tense is read in its clause."""
    clauses: dict[int, tuple[int, int]] = {}
    datable = [index for index, item in enumerate(candidates) if item.datable]
    groups = group_by_sentence([candidates[index].start for index in datable], spans)
    for sentence, members in zip(spans, groups, strict=True):
        if not members:
            continue
        inside = [datable[member] for member in members]
        found = clause_spans(
            text, sentence, [(candidates[i].start, candidates[i].end) for i in inside], nouns=False
        )
        for index, (start, end) in zip(inside, found, strict=True):
            # A narrowed clause may start after the expression's own preposition.
            clauses[index] = (min(start, candidates[index].start), max(end, candidates[index].end))
    return clauses


def _whole_line(text: str, item: Furniture) -> Furniture:
    """A stamp with the rest of its line ("Published:Thursday | June 19, 2025 | 12:07 AM": the weekday
    is furniture too); a dateline, or a header with prose after it on its line, stays itself."""
    if item.kind == "dateline":
        return item
    start = text.rfind("\n", 0, item.start) + 1
    end = text.find("\n", item.end)
    end = len(text) if end < 0 else end
    return replace(item, start=start, end=end) if is_stamp_line(text[start:end]) else item


def find_temporal_expressions(text: str, article_date: PartialDate | None) -> list[TemporalExpression]:
    """Every temporal expression in `text`, in order, resolved against `article_date`."""
    candidates = _mark_frequencies(text, list(find_candidates(text)))
    candidates = _share_years(text, _merge_ranges(text, candidates))
    furniture = find_furniture(text)
    stamp_lines = [_whole_line(text, f) for f in furniture]
    furniture_end = max((f.end for f in stamp_lines), default=0)
    spans = sentence_spans(text)
    clauses = _clauses_of(text, candidates, spans)
    found: list[TemporalExpression] = []
    last_year: int | None = None
    starts = [start for start, _end in spans]
    markers: dict[tuple[int, int], ClauseMarkers] = {}
    for index, item in enumerate(candidates):
        held_by = sentence_index(item.start, spans, starts)
        sentence_start, sentence_end = spans[held_by] if held_by >= 0 else (0, len(text))
        clause = clauses.get(index, (sentence_start, sentence_end))
        if clause not in markers:
            markers[clause] = clause_markers(text[clause[0] : clause[1]])
        status = markers[clause].status(item.start - clause[0], default="unmarked")
        kind, datable = item.kind, item.datable
        place = (
            next((f for f in stamp_lines if item.start < f.end and f.start < item.end), None)
            if item.start < furniture_end
            else None
        )
        if place is not None:
            kind, datable = place.kind, False
        if kind == "deictic":
            datable = _is_event_today(text, (sentence_start, sentence_end), item)
        value: PartialDate | None = None
        end_value: PartialDate | None = None
        if item.datable:
            if kind == "range" or item.end_parts is not None:
                value, end_value = _range_values(item, article_date, status, last_year)
            else:
                value = _resolve(item, article_date, status, last_year)
        if item.datable and item.year is not None and item.relative is None:
            last_year = item.year
        found.append(
            TemporalExpression(
                text=text[item.start : item.end],
                start=item.start,
                end=item.end,
                kind=kind,
                value=value,
                end_value=end_value,
                modifier=item.modifier,
                resolved=value is not None,
                datable=datable,
            )
        )
    return found
