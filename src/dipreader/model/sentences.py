"""Sentence and clause boundaries in agency prose, as code-point spans into the text."""

from __future__ import annotations

import itertools
import re

_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "gov", "sen",
    "rep", "amb", "no", "nos", "vs", "etc", "jr", "sr", "inc", "ltd", "co", "corp", "dept", "est",
    "approx", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m",
))
# A full stop, "!" or "?" (with closing quotes/brackets) followed by space and a likely start.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# Run-together sentences ("a high level.His speeches") are common in scraped agency text.
_GLUED = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])|(?<=[A-Za-z]\))(?=[A-Z][a-z])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE_BREAK = re.compile(r"\n")
_SHORT_LINE = 80


def _word_before(text: str, position: int) -> str:
    start = position
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return text[start:position].lower().rstrip(".")


def _cut_points(text: str) -> set[int]:
    cuts: set[int] = set()
    for match in _END.finditer(text):
        word = _word_before(text, match.start())
        if match.group().startswith(".") and (
            word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        ):
            continue
        cuts.add(match.end())
    cuts.update(match.end() for match in _GLUED.finditer(text))
    cuts.update(match.start() for match in _BLANK_LINE.finditer(text))
    for match in _LINE_BREAK.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        previous = text[line_start:match.start()].rstrip()
        # Hard-wrapped prose keeps going across a single newline; titles and bylines do not.
        if not previous or previous[-1] in ".!?:\"”’" or len(previous) < _SHORT_LINE:
            cuts.add(match.start())
    return cuts


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in text order."""
    bounds = sorted({0, len(text), *_cut_points(text)})
    spans: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(bounds):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def sentence_at(
    text: str, position: int, spans: list[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """The span of the sentence holding `position` (the whole text when none does)."""
    for start, end in spans if spans is not None else sentence_spans(text):
        if start <= position < end:
            return start, end
    return 0, len(text)
