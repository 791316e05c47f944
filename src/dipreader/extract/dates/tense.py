"""Whether a clause reports something past, planned or ongoing, from its verbs and markers."""

from __future__ import annotations

import bisect
import functools
import re

from dipreader.extract.dates.datewords import lowered_for_matching
from dipreader.extract.dates.openings import opened

_PLANNED = re.compile(
    # "the will of the leaderships", "the political will to ...": a noun, not the future.
    r"\b(?:will(?!\s+(?:of|to|and)\b)|shall|'ll|would"
    r"|(?:is|are|was|were)\s+(?:scheduled|expected|planned|set|due|going|slated)\s+(?:to|for)"
    r"|(?:is|are)\s+to\s+(?:be|take|hold|visit|meet|sign|host|open)"
    r"|to\s+be\s+(?:held|hosted|signed|opened|organi[sz]ed|launched|completed)"
    r"|scheduled\s+(?:for|to|in|on)|planned\s+for|plans?\s+to|intends?\s+to|aims?\s+to"
    r"|(?:expected|due|set|slated)\s+to\s+(?:be|take|begin|start|open|hold|visit|meet|sign)"
    r"|look(?:s|ed|ing)?\s+forward\s+to|later\s+this\s+(?:year|month|week)"
    r"|(?:is|are|be)\s+expected|(?:coming|next\s+few)\s+(?:days|weeks|months)"
    r"|upcoming|forthcoming|next\s+(?:year|month|week|round|meeting)"
    # "The celebrations continue with a performance on Saturday evening": what is still to come.
    r"|continues?\s+(?:with|until|through|into)"
    # "could be operational by 2028", "should start next year": what may yet happen (but "it should be
    # noted that ..." introduces what is said).
    r"|(?:could|might|should)\s+(?:be(?!\s+(?:noted|stressed|mentioned|recalled|emphasi[sz]ed|underlined"
    r"|recognised|recognized|said|added|pointed))|become|begin|start|open|reach|enter|come))\b",
    re.IGNORECASE,
)
_ONGOING = re.compile(
    r"\b(?:(?:is|are)\s+(?:being|currently|now)\s+\w+|(?:is|are)\s+(?:taking\s+place|underway|under\s+way)"
    r"|currently|continues\s+to|are\s+continuing|is\s+continuing)\b",
    re.IGNORECASE,
)
# "agreed to expand ...", "invited Malaysian firms to the summit ...": what follows is planned,
# but a date before the verb dates the agreement ("on Tuesday agreed to expand").
_INTENT = re.compile(
    r"\b(?:agreed|decided|pledged|vowed|promised|keen|eager|ready|willing|determined|prepared|poised"
    r"|hop(?:e|es|ed|ing)|wants?|wanted|seek(?:s|ing)?)\s+to\s+(?!the\b|an?\b|this\b)[a-z]+"
    r"|\binvit(?:ed|es|ing)\s+(?:[\w'’-]+\s+){0,4}?to\b",
    re.IGNORECASE,
)
# "have agreed to reopen the crossing ..., following talks in Kampala on Wednesday": a date after
# such a phrase dates the talks, not the plan the intent verb reports.
_AFTER_EVENT = re.compile(
    r"\b(?:following|after)\s+(?:(?:a|an|the|their|his|her|its)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:talks|meetings?|consultations|negotiations|discussions|visits?|summit|session|conference"
    r"|dialogue|round|ceremony)\b",
    re.IGNORECASE,
)
# A clause cut off a coordinated infinitive: "agreed to hold the session in 2026 | and to organize
# a forum before the end of the year". Lower case only: "to Rabat" is a place, not a verb.
# So is a bare passive cut off its modal: "would start next year | and be completed by 2027".
_INFINITIVE_LEAD = re.compile(
    r"[\s,;]*(?:and\s+|or\s+)?(?:to\s+(?!date\b|the\b|an?\b|this\b|that\b)[a-z]{3,}|be\s+[a-z]{3,}(?:ed|en))\b"
)
_PAST = re.compile(
    r"\b(?:was|were|had|has\s+been|have\s+been|did|took\s+place|held|met|took|came|"
    r"became|went|made|gave|began|won|sent|saw|left|led|paid|spoke|wrote|brought|sought|"
    r"(?P<ed>[a-z]{3,}ed))\b",
    re.IGNORECASE,
)
# Past participles that describe rather than report (see _reports_past): "would be concluded",
# "to have signed", "a dinner hosted by ...", "on integrated coastal management", "the planned wall".
_DESCRIBING_BEFORE = (
    " be ",
    " to have ",
    " the ",
    " a ",
    " an ",
    " on ",
    " of ",
    " for ",
    " with ",
    " its ",
    " their ",
)
# A speech verb dates what it reports only right next to the date: "officials said on Wednesday",
# not "... agreed to launch talks in the coming weeks, the ministry said".
_SPEECH = opened(re.compile(r"\b(?:said|told|stated)\b", re.IGNORECASE))
_ATTRIBUTION_BREAK = re.compile(r"[,;:\"“”]")
_SPEECH_REACH = 30


# A predicate coordinated with the one before it, sharing its subject: "had lifted the ban last week
# and would review the quotas". The tense markers of one say nothing of a date in the other.
_NEXT_PREDICATE = re.compile(
    r"\s(?:and|but)\s+(?=(?:would|will|shall|could|should|might|must|can|has|have|had|was|were|is|are)\b)",
    re.IGNORECASE,
)
_RAW_MARKERS = (_PLANNED, _ONGOING, _PAST, _INTENT, _AFTER_EVENT)
_MARKERS = tuple(opened(pattern) for pattern in _RAW_MARKERS)
# The same markers for lowered text: case-sensitive matching is much faster.
_LOWERED_MARKERS = tuple(opened(re.compile(pattern.pattern)) for pattern in _RAW_MARKERS)
_LOWERED_NEXT_PREDICATE = re.compile(_NEXT_PREDICATE.pattern)


class ClauseMarkers:
    """The planned, ongoing, past and intent markers of one clause, found once: each question
    about a position is then a bisection, not a scan of the clause."""

    __slots__ = ("_bounds", "_predicates", "_subject")

    def __init__(self, clause: str) -> None:
        lowered = lowered_for_matching(clause)
        markers, subject = (_LOWERED_MARKERS, lowered) if lowered is not None else (_MARKERS, clause)
        self._subject = subject
        bounds: list[tuple[list[int], list[int]]] = []
        for pattern in markers:
            starts: list[int] = []
            ends: list[int] = []
            for match in pattern.finditer(subject):
                if match.lastgroup == "ed" and not _reports_past(subject, match):
                    continue
                starts.append(match.start())
                ends.append(match.end())
            bounds.append((starts, ends))
        lead = _INFINITIVE_LEAD.match(clause)
        if lead is not None:
            intent_starts, intent_ends = bounds[3]
            if not intent_starts or intent_starts[0] > lead.start():
                intent_starts.insert(0, lead.start())
                intent_ends.insert(0, lead.end())
        self._bounds = tuple(bounds)
        if lowered is None:
            self._predicates = [match.start() for match in _NEXT_PREDICATE.finditer(clause)]
        elif "and" in lowered or "but" in lowered:
            self._predicates = [match.start() for match in _LOWERED_NEXT_PREDICATE.finditer(lowered)]
        else:
            self._predicates = []

    def _tense_distances(self, position: int) -> tuple[int | None, int | None, int | None]:
        """The planned, ongoing and past distances inside the coordinated predicate that holds
        `position`, when that predicate has a marker of its own; else in the whole clause."""
        if self._predicates:
            index = bisect.bisect_right(self._predicates, position)
            low = self._predicates[index - 1] if index else 0
            high = self._predicates[index] if index < len(self._predicates) else len(self._subject)
            inside = tuple(
                _nearest_within(starts, ends, position, low, high) for starts, ends in self._bounds[:3]
            )
            if any(distance is not None for distance in inside):
                return inside[0], inside[1], inside[2]
        (planned_starts, planned_ends), (ongoing_starts, ongoing_ends), (past_starts, past_ends) = (
            self._bounds[:3]
        )
        return (
            _nearest(planned_starts, planned_ends, position),
            _nearest(ongoing_starts, ongoing_ends, position),
            _nearest(past_starts, past_ends, position),
        )

    def distances(self, position: int) -> tuple[int | None, int | None, int | None]:
        """How far the nearest planned, ongoing and past markers are from `position`."""
        planned, ongoing, past = self._tense_distances(position)
        intent = _nearest_before(*self._bounds[3], position)
        after_event = _nearest_before(*self._bounds[4], position)
        if intent is not None and after_event is not None and after_event < intent:
            intent = None  # the date belongs to the event phrase between the intent and it
            past = after_event if past is None else min(past, after_event)
        if intent is not None and (planned is None or intent < planned):
            planned = intent
        speech = _speech_distance(self._subject, position)
        if speech is not None and (past is None or speech < past):
            past = speech
        return planned, ongoing, past

    def status(self, position: int = 0, default: str = "past") -> str:
        """`planned`, `ongoing` or `past` for the expression at `position` (see clause_status)."""
        return status_from_distances(self.distances(position), default)


def _nearest(starts: list[int], ends: list[int], position: int) -> int | None:
    """How far the nearest of these matches is from `position`. Matches of one pattern never
    overlap, so it is the last one starting at or before `position` or the first after it."""
    index = bisect.bisect_right(starts, position)
    nearest: int | None = None
    if index:
        nearest = min(position - starts[index - 1], abs(ends[index - 1] - position))
    if index < len(starts):
        distance = starts[index] - position  # the first after it: its end is farther
        if nearest is None or distance < nearest:
            nearest = distance
    return nearest


def _nearest_within(starts: list[int], ends: list[int], position: int, low: int, high: int) -> int | None:
    """How far the nearest of these matches that starts in [low, high) is from `position`."""
    index = bisect.bisect_right(starts, position)
    nearest: int | None = None
    for candidate in (index - 1, index):
        if 0 <= candidate < len(starts) and low <= starts[candidate] < high:
            distance = min(abs(starts[candidate] - position), abs(ends[candidate] - position))
            if nearest is None or distance < nearest:
                nearest = distance
    return nearest


def _nearest_before(starts: list[int], ends: list[int], position: int) -> int | None:
    """How far the nearest match that ends at or before `position` is: the last such one."""
    index = bisect.bisect_right(ends, position) - 1
    return None if index < 0 else min(abs(starts[index] - position), position - ends[index])


# The dates and then the events of an article read the tense of mostly the same clauses.
@functools.lru_cache(maxsize=1024)
def clause_markers(clause: str) -> ClauseMarkers:
    """The markers of `clause`, found once per clause text."""
    return ClauseMarkers(clause)


def _reports_past(text: str, match: re.Match[str]) -> bool:
    """An "-ed" word reports a past event unless it describes: after "be", "the", "on" ..., or "by"."""
    start, end = match.start(), match.end()
    before = " " + text[max(0, start - 9) : start].lower()
    if before.endswith(_DESCRIBING_BEFORE):
        return False
    return not (text[end : end + 3].lower() == " by" and not text[end + 3 : end + 4].isalnum())


def _speech_distance(clause: str, position: int) -> int | None:
    """How far a speech verb is that governs the date at `position`: near, with no comma or quote
    between them."""
    window_start = max(0, position - _SPEECH_REACH)
    window = clause[window_start : position + _SPEECH_REACH].lower()
    if "said" not in window and "told" not in window and "stated" not in window:
        return None
    nearest: int | None = None
    for match in _SPEECH.finditer(clause, window_start, position + _SPEECH_REACH):
        between = (
            clause[match.end() : position] if match.end() <= position else clause[position : match.start()]
        )
        if _ATTRIBUTION_BREAK.search(between):
            continue
        distance = min(abs(match.start() - position), abs(match.end() - position))
        nearest = distance if nearest is None else min(nearest, distance)
    return nearest


def clause_status(clause: str, position: int = 0, default: str = "past") -> str:
    """`planned`, `ongoing` or `past` for the expression at `position` within `clause`.

    `default` is returned when the clause has no marker at all (callers that pick a year
    for "on June 14" ask for "unmarked" to choose the nearest one).

    The marker nearest the expression wins, because one clause can mix a past report
    ("the sides noted") with the plan it reports ("the forum will be held next year").
    """
    return clause_markers(clause).status(position, default)


def status_from_distances(distances: tuple[int | None, int | None, int | None], default: str = "past") -> str:
    """The status the nearest planned, ongoing and past markers give (None: no such marker)."""
    planned, ongoing, past = distances
    candidates = [
        (d, name) for d, name in ((planned, "planned"), (ongoing, "ongoing"), (past, "past")) if d is not None
    ]
    if not candidates:
        return default
    # A future marker anywhere near still outweighs a farther past participle ("will be held").
    if planned is not None and (past is None or planned <= past + 12):
        return "planned"
    return min(candidates)[1]
