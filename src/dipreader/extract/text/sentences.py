"""Sentence and clause boundaries in agency prose, as code-point spans into the text."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re

from dipreader.extract.text.sentence_bounds import bounded_spans

_ABBREVIATIONS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "amb",
        "no",
        "nos",
        "vs",
        "etc",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
    )
)
# A full stop, "!" or "?" (with closing quotes/brackets) followed by space and a likely start.
_END = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# Run-together sentences ("a high level.His speeches") are common in scraped agency text.
# (That is "[.!?]" after two lower-case letters or the gap after a letter and ")", both
# before a capitalised word; the look-behinds are checked in code, which is much faster.)
_GLUED = re.compile(r"[.!?)](?=[A-Z][a-z])")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_LETTERS = _LOWER | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE_BREAK = re.compile(r"\n")
_SHORT_LINE = 80
_START = operator.itemgetter(0)


def _word_before(text: str, position: int) -> str:
    start = position
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return text[start:position].lower().rstrip(".")


def _cut_points(text: str) -> set[int]:
    cuts: set[int] = set()
    for match in _END.finditer(text):
        word = _word_before(text, match.start())
        if match.group().startswith(".") and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        cuts.add(match.end())
    for match in _GLUED.finditer(text):
        mark = match.start()
        if text[mark] == ")":
            if mark >= 1 and text[mark - 1] in _LETTERS:
                cuts.add(mark + 1)
        elif mark >= 2 and text[mark - 2] in _LOWER and text[mark - 1] in _LOWER:
            cuts.add(mark + 1)
    cuts.update(match.start() for match in _BLANK_LINE.finditer(text))
    for match in _LINE_BREAK.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        previous = text[line_start : match.start()].rstrip()
        # Hard-wrapped prose keeps going across a single newline; titles and bylines do not.
        if not previous or previous[-1] in '.!?:"”’' or len(previous) < _SHORT_LINE:
            cuts.add(match.start())
    return cuts


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in text order. A run longer than any
    real sentence is cut at clause punctuation (sentence_bounds), so that work per sentence
    stays bounded."""
    return list(_sentence_spans(text))


# The dates, the events and the publication date of one article each ask for its sentences.
@functools.lru_cache(maxsize=4)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    bounds = sorted({0, len(text), *_cut_points(text)})
    spans: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(bounds):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return tuple(bounded_spans(text, spans))


def sentence_at(text: str, position: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The span of the sentence holding `position` (the whole text when none does)."""
    ordered = spans if spans is not None else _sentence_spans(text)
    index = bisect.bisect_right(ordered, position, key=_START) - 1
    if index >= 0 and position < ordered[index][1]:
        return ordered[index]
    return 0, len(text)


def sentence_index(position: int, spans: list[tuple[int, int]], starts: list[int]) -> int:
    """The index in `spans` (from sentence_spans; `starts` their starts) holding `position`, or -1."""
    index = bisect.bisect_right(starts, position) - 1
    return index if index >= 0 and position < spans[index][1] else -1


def group_by_sentence(positions: list[int], spans: list[tuple[int, int]]) -> list[list[int]]:
    """For each span of sentence_spans, the indices of `positions` inside it, in order."""
    starts = [start for start, _end in spans]
    groups: list[list[int]] = [[] for _span in spans]
    for index, position in enumerate(positions):
        found = sentence_index(position, spans, starts)
        if found >= 0:
            groups[found].append(index)
    return groups
