"""The anchors and anniversary years of pubdate, each sentence read once instead of once per date."""

from __future__ import annotations

from collections.abc import Sequence

# The patterns and the anchor type stay in pubdate.py, so both versions read the same dates.
from dipreader.extract.dates.datewords import day_number, is_named_number, month_number
from dipreader.extract.dates.pubdate import _ANNIVERSARY_NOW, _EXPLICIT, _FOUNDING, _HISTORICAL, _Anchor
from dipreader.extract.dates.tense_index import MarkerIndex
from dipreader.extract.text.sentences import sentence_index, sentence_spans
from dipreader.model.article import PartialDate


def _explicit_date(groups: dict[str, str | None]) -> PartialDate:
    """The date of one _EXPLICIT match; ValueError when it names no real day."""

    def number(name: str) -> int:
        return int(groups[name] or "")

    if groups["md"]:
        return PartialDate(number("y1"), month_number(groups["m1"] or ""), day_number(groups["d1"] or ""))
    if groups["dm"]:
        return PartialDate(number("y2"), month_number(groups["m2"] or ""), day_number(groups["d2"] or ""))
    if groups["my"]:
        return PartialDate(number("y3"), month_number(groups["m3"] or ""))
    if groups["iso"]:
        return PartialDate(number("y4"), number("m4"), number("d4"))
    return PartialDate(number("y5"))


def find_anchors(body: str, spans: Sequence[tuple[int, int]] | None = None) -> list[_Anchor]:
    """What pubdate._anchors(body) returns, in time linear in the body: the sentence of a date
    is found by bisection, and each sentence's tense markers and historical words are read
    once for all the dates in it. `spans` defaults to sentence_spans(body)."""
    spans = list(sentence_spans(body) if spans is None else spans)
    starts = [start for start, _end in spans]
    sentences: dict[int, tuple[int, MarkerIndex, bool]] = {}
    found: list[_Anchor] = []
    for match in _EXPLICIT.finditer(body):
        if is_named_number(body, match.start()):
            continue
        try:
            date = _explicit_date(match.groupdict())
        except ValueError:
            continue
        held_by = sentence_index(match.start(), spans, starts)
        if held_by not in sentences:
            start, end = spans[held_by] if held_by >= 0 else (0, len(body))
            sentence = body[start:end]
            sentences[held_by] = (start, MarkerIndex(sentence), _HISTORICAL.search(sentence) is not None)
        start, markers, historical = sentences[held_by]
        planned = markers.status(match.start() - start) == "planned"
        found.append(_Anchor(date, planned, match.start(), historical))
    return found


def anniversary_years(body: str) -> set[int]:
    """The years that pubdate._anniversary_year considers: each "Nth anniversary this year" with
    each founding year, built from the distinct numbers (the original pairs every mention)."""
    marks = {int(mark["n"]) for mark in _ANNIVERSARY_NOW.finditer(body)}
    foundings = {int(founding["y"]) for founding in _FOUNDING.finditer(body)}
    return {founding + mark for mark in marks for founding in foundings}
