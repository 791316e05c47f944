"""The clause each dated expression of a sentence governs: cuts between dated clauses, narrowing."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

# Between two dated expressions, the strongest break found decides where one clause ends and
# the next begins; the tiers go from sure boundaries to a bare comma.
_BREAK_TIERS = (
    re.compile(r";\s*"),
    re.compile(
        r",?\s+(?:and|but|while|whereas|as\s+well\s+as)\s+"
        r"|,\s+(?=(?:which|who|whose|where|when)\b)"
    ),
    re.compile(
        r"(?:,\s+[^,;]{0,50}?)?\b(?:said|says|noted|stressed|added|recalled|announced"
        r"|stated|emphasi[sz]ed|underlined|told\s+\w+)(?:\s+that)?\s+"
    ),
    re.compile(r",\s+"),
)
_REPORTING_TIER = 2
_COORDINATION_TIER = 1
# A coordinated infinitive opens the second clause: "agreed to prepare the session, to be held early
# next year, and to finish the survey and mapping of the river by the end of this year".
_INFINITIVE_AFTER = re.compile(r"to\s+(?!date\b|the\b|an?\b|this\b|that\b)[a-z]{3,}\b")
# A coordinated clause with a subject of its own: "..., and that the two countries would continue",
# "..., but the ministers will meet". Its verbs say nothing of a date outside it.
_NEXT_CLAUSE = re.compile(
    r",\s+(?:and|but|while|whereas)\s+(?=(?:that|the|both|they|he|she|it|we|each|its|their|his|her)\b)"
    r"|;\s+"
)
# Items of one list or range share their clause: "in 2020 and 2022", "8 April, 12 May".
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|&|[–—\-]|to|until)?\s*", re.IGNORECASE)
# No `^`: matched at a start position inside the text, it reads from there.
_TRIM_LEAD = re.compile(r"[\s,;:—–\-]*(?:(?:and|but|while|whereas|as\s+well\s+as)\s+)?")
# What may trail a clause: white space and these marks.
_TAIL_PUNCTUATION = frozenset(",;:—–-")
_RELATIVE_START = re.compile(r"(?:which|who|whose)\b")
_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who|whose)\b(?!.*,\s+(?:which|who|whose)\b)")
_OF_BEFORE = re.compile(r"(?P<noun>[A-Za-z]+)\s+(?:of|dated)\s+$")
# "the autumn of this year", "the end of 2025": a time noun, not a dated document or event.
_TIME_NOUNS = frozenset(
    (
        "autumn",
        "spring",
        "summer",
        "winter",
        "fall",
        "end",
        "start",
        "half",
        "quarter",
        "part",
        "middle",
        "beginning",
        "month",
        "months",
        "day",
        "days",
        "week",
        "weeks",
        "year",
        "years",
    )
)
# Where a noun phrase inside a clause begins, strongest first.
_NP_STRONG = re.compile(r",\s+|;\s+|\bincluding\s+|\bsuch\s+as\s+")
_NP_WEAK = re.compile(r"\s(?:on|about|to|with|for|at|regarding|concerning|from)\s+")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without the lead of _TRIM_LEAD and the tail of _TRIM_TAIL (the tail only
    when something is left before it), in time proportional to what is trimmed."""
    if end <= start:
        return start, start
    lead = _TRIM_LEAD.match(text, start, end)
    offset = lead.end() - start if lead else 0
    tail = end
    while tail > start and (text[tail - 1] in _TAIL_PUNCTUATION or text[tail - 1].isspace()):
        tail -= 1
    stop = tail - start if tail < end and tail - start > offset else end - start
    return start + offset, start + stop


def _cut(gap: str) -> tuple[int, int] | None:
    """(end of the first clause, start of the second) inside `gap`, or None when no break."""
    for tier, pattern in enumerate(_BREAK_TIERS):
        breaks = list(pattern.finditer(gap))
        if not breaks:
            continue
        first, last = breaks[0], breaks[-1]
        if tier == _COORDINATION_TIER and len(breaks) > 1:
            last = next((b for b in reversed(breaks) if _INFINITIVE_AFTER.match(gap, b.end())), last)
        if tier == _REPORTING_TIER and last.end() == len(gap):
            # "..., the ministry said on Wednesday": the date belongs to the saying.
            comma = re.match(r",\s+", gap[last.start() :])
            return first.start(), last.start() + (comma.end() if comma else 0)
        return first.start(), last.end()
    return None


def _np_start(text: str, low: int, high: int) -> int:
    """Where the noun phrase ending at `high` begins, not before `low`."""
    window = text[low:high]
    for pattern in (_NP_STRONG, _NP_WEAK):
        found = list(pattern.finditer(window))
        if found:
            return low + found[-1].end()
    return low


def _narrowed(
    text: str, clause: tuple[int, int], expression: tuple[int, int], sentence_start: int, nouns: bool
) -> tuple[int, int]:
    """The relative clause or "X of <date>" phrase that holds the date, when it holds it."""
    start, end = clause
    before = text[start : expression[0]]
    if _RELATIVE_START.match(text, start):
        comma = text.rfind(",", sentence_start, start)
        if comma > sentence_start:
            return _np_start(text, sentence_start, comma), end
        return clause
    relative = _RELATIVE_BEFORE.search(before)
    if relative is not None:
        head = _np_start(text, start, start + relative.start())
        close = text.find(",", expression[1], end)
        return head, close if close != -1 else end
    of = _OF_BEFORE.search(before) if nouns else None
    if of is not None and of["noun"].lower() not in _TIME_NOUNS:
        head = _np_start(text, start, start + of.start())
        if head > start:
            return head, expression[1]
    return clause


def clause_spans(
    text: str,
    sentence: tuple[int, int],
    expressions: Sequence[tuple[int, int]],
    nouns: bool = True,
) -> list[tuple[int, int]]:
    """For each (start, end) of a dated expression in one sentence, the clause it dates.

    With `nouns`, a date that qualifies a noun inside the clause ("briefed him on the
    Declaration of August 8, 2025") dates that noun phrase only; without, the clause stays
    whole (a noun phrase has no tense to read).
    """
    if not expressions:
        return []
    first_start, last_end = sentence
    if not nouns:
        # The tense of the first and the last date is read inside their own coordinated clause.
        before = list(_NEXT_CLAUSE.finditer(text, sentence[0], expressions[0][0]))
        first_start = before[-1].end() if before else sentence[0]
        after = _NEXT_CLAUSE.search(text, expressions[-1][1], sentence[1])
        last_end = after.start() if after else sentence[1]
    starts = [first_start]
    ends: list[int] = []
    for previous, following in itertools.pairwise(expressions):
        gap = text[previous[1] : following[0]]
        cut = None if _LIST_GAP.fullmatch(gap) else _cut(gap)
        if cut is None:
            ends.append(-1)
            starts.append(starts[-1])
            continue
        ends.append(previous[1] + cut[0])
        starts.append(previous[1] + cut[1])
    ends.append(last_end)
    # A list shares the end of its last item's clause.
    for index in range(len(ends) - 2, -1, -1):
        if ends[index] == -1:
            ends[index] = ends[index + 1]
    spans: list[tuple[int, int]] = []
    for start, end, expression in zip(starts, ends, expressions, strict=True):
        clause = _trimmed(text, start, end)
        narrowed = _narrowed(text, clause, expression, sentence[0], nouns)
        spans.append(_trimmed(text, *narrowed))
    return spans
