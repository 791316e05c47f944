"""Where each paragraph of an article falls when wrapped: display lines with their body offsets."""

from __future__ import annotations

import bisect
import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size

from dipreader.model.article import Paragraph

_WORD = re.compile(r"\S+")

GUTTER = 2
"""Cells left of the text: a mark for paragraphs holding an annotation, and a space."""


@dataclass(frozen=True, slots=True)
class BodyLine:
    """One wrapped line of a paragraph: `text` is body[start:end] with newlines shown as spaces."""

    paragraph: int
    start: int
    end: int
    text: str


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` into lines of at most `width` cells, as (start, end) offsets.

    Spaces between words on one line are kept (so offsets stay exact); the spaces at a break are
    dropped. A word wider than the line is cut into pieces that fit.
    """
    return _wrap_some(text, max(1, width), 0, len(text) + 1, _one_cell_each(text))[0]


def _wrap_some(
    text: str, width: int, position: int, count: int, one_cell: bool
) -> tuple[list[tuple[int, int]], int]:
    """About `count` lines of `text` wrapped from `position`, the end of a line (or 0), and where
    the wrapping goes on (`len(text)` at the end): the lines wrapping the whole text gives."""
    width = max(1, width)
    end = _end_of_words(text)
    if one_cell:
        return _wrap_ascii(text, width, position, count, end, len(text))
    lines: list[tuple[int, int]] = []
    line_start = line_end = -1
    used = 0
    for match in _WORD.finditer(text, position, end):
        word_start, word_end = match.span()
        word = match.group()
        cells = len(word) if word.isascii() else cell_len(word)
        if line_start >= 0 and used + (word_start - line_end) + cells <= width:
            used += (word_start - line_end) + cells
            line_end = word_end
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
            if len(lines) >= count:
                return lines, line_end  # this word starts the next line, found again from there
        while cells > width:
            cut = _fitting_prefix(word, width)
            lines.append((word_start, word_start + cut))
            word_start += cut
            word = word[cut:]
            cells = len(word) if word.isascii() else cell_len(word)
        line_start, line_end, used = word_start, word_end, cells
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines, len(text)


_LINE_PATTERNS: dict[int, re.Pattern[str]] = {}
_NOT_SPACE = re.compile(r"\S")
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _one_cell_each(text: str) -> bool:
    """Whether every character of `text` takes one cell, as ASCII does (then characters are cells)."""
    if text.isascii():
        return True
    # The other characters, as one string (a list of one-character strings costs three times more).
    return all(get_character_cell_size(char) == 1 for char in set(_ASCII_RUNS.sub("", text)))


def _end_of_words(text: str) -> int:
    """The length of `text` without its trailing spaces (found without copying it)."""
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    return end


def _wrap_ascii(
    text: str, width: int, position: int, count: int, end: int, limit: int
) -> tuple[list[tuple[int, int]], int]:
    """_wrap_some for text where each character is a cell (up to `end`, the end of its words): each
    line the longest run of words that fits, one match of a regular expression rather than a word
    at a time; no line starting after `limit` (its characters were not looked at)."""
    line = _LINE_PATTERNS.get(width)
    if line is None:
        # After the spaces: as much as fits ending at the end of a word, else a word wider than the
        # line cut at the width.
        more = rf"(?:.{{0,{width - 2}}}\S)?" if width > 1 else ""
        line = _LINE_PATTERNS[width] = re.compile(rf"\s*+(\S{more}(?=\s|\Z)|\S{{{width}}})", re.DOTALL)
    lines: list[tuple[int, int]] = []
    for match in line.finditer(text, position, end):
        if match.start(1) > limit:
            return lines, match.start()
        lines.append(match.span(1))
        if len(lines) >= count:
            return lines, match.end()
    return lines, len(text)


def _fitting_prefix(word: str, width: int) -> int:
    """How many characters of `word` fit in `width` cells (at least one)."""
    if word.isascii():
        return width
    used = 0
    for index, char in enumerate(word):
        used += cell_len(char)
        if used > width:
            return max(1, index)
    return len(word)


class BodyLayout:
    """The body's paragraphs wrapped to one width: a blank line after each paragraph.

    Built on demand, from the top: a query wraps only as far as its answer needs (`line`,
    `line_of_offset`, `offset_at`), and `build` wraps more for a bounded time, so that a caller can
    spread a long body over several turns of the event loop. Until `done`, `estimated_length` is
    the lines built plus an estimate of the rest. Lines are kept as offsets; `BodyLine` records are
    made for the lines asked for. The answers are those of the whole layout, built or not.
    """

    def __init__(self, paragraphs: Sequence[Paragraph], width: int) -> None:
        self.width = width
        self._paragraphs = paragraphs
        self._total_chars = sum(len(paragraph.text) for paragraph in paragraphs)
        self._first_lines: list[int] = []  # the first line of each paragraph begun
        self._line_paragraph: list[int] = []  # per line: its paragraph, or -1 for a blank line
        self._line_start: list[int] = []  # per line: body offsets (a blank line: its paragraph's end)
        self._line_end: list[int] = []
        self._starts: list[int] = []  # per line with text, in order: its start and its line
        self._indexes: list[int] = []
        self._next = 0  # the paragraph being wrapped
        self._text = ""  # its text
        self._ascii = True
        self._resume = -1  # where its wrapping goes on (-1: not begun)
        self._chars_done = 0  # characters of the paragraphs wrapped so far
        self._lines: list[BodyLine | None] | None = None

    @property
    def chars(self) -> int:
        """Characters of the paragraphs' text."""
        return self._total_chars

    @property
    def done(self) -> bool:
        """Whether every paragraph is wrapped."""
        return self._next >= len(self._paragraphs)

    @property
    def built(self) -> int:
        """Lines wrapped so far (all of them once `done`)."""
        return len(self._line_paragraph)

    @property
    def wrapped_to(self) -> int:
        """Body offset up to which every line is known: a line starting later is not built yet."""
        if self.done:
            return self._paragraphs[-1].end + 1 if self._paragraphs else 0
        paragraph = self._paragraphs[self._next]
        return paragraph.start + max(0, self._resume)

    def _extend(self, lines: int = 256) -> None:
        """Wrap about `lines` more lines (fewer at a paragraph's end)."""
        if self.done:
            return
        paragraph = self._paragraphs[self._next]
        if self._resume < 0:
            self._first_lines.append(len(self._line_paragraph))
            self._text = paragraph.text
            self._ascii = self._text.isascii()
            self._resume = 0
        found, self._resume = self._wrap_more(lines)
        index, base = self._next, paragraph.start
        first = len(self._line_paragraph)
        self._line_paragraph.extend([index] * len(found))
        self._line_start.extend([base + start for start, _end in found])
        self._line_end.extend([base + end for _start, end in found])
        self._starts.extend(self._line_start[first:])
        self._indexes.extend(range(first, first + len(found)))
        if self._resume >= len(self._text):
            self._line_paragraph.append(-1)
            self._line_start.append(paragraph.end)
            self._line_end.append(paragraph.end)
            self._chars_done += len(self._text)
            self._next += 1
            self._resume = -1
            self._text = ""

    def _wrap_more(self, lines: int) -> tuple[list[tuple[int, int]], int]:
        """The next lines of the paragraph being wrapped, and where its wrapping goes on: the
        regular expression while the characters ahead each take one cell, else word by word."""
        text, width, resume = self._text, max(1, self.width), self._resume
        if self._ascii:
            return _wrap_ascii(text, width, resume, lines, _end_of_words(text), len(text))
        # Only the characters the next lines can reach are looked at (a paragraph may be huge).
        word = _NOT_SPACE.search(text, resume)
        if word is None:
            return [], len(text)
        limit = min(len(text), word.start() + lines * (width + 1))
        if _one_cell_each(text[word.start() : limit + width + 1]):
            return _wrap_ascii(text, width, resume, lines, _end_of_words(text), limit)
        return _wrap_some(text, width, resume, lines, False)

    def build(self, seconds: float) -> bool:
        """Wrap more for about `seconds` (at least one step); whether the layout is done."""
        deadline = time.perf_counter() + seconds
        while not self.done:
            self._extend()
            if time.perf_counter() >= deadline:
                break
        return self.done

    def finish(self) -> BodyLayout:
        while not self.done:
            self._extend(4096)
        return self

    def estimated_length(self) -> int:
        """The number of lines: exact once `done`, else those built and an estimate of the rest."""
        if self.done:
            return len(self._line_paragraph)
        done = self._chars_done + max(0, self._resume)
        shown = len(self._starts)
        per_line = done / shown if shown and done else self.width * 0.85
        remaining = self._total_chars - done
        return self.built + math.ceil(remaining / max(1.0, per_line)) + len(self._paragraphs) - self._next

    def __len__(self) -> int:
        return len(self.finish()._line_paragraph)

    @property
    def paragraph_first_line(self) -> list[int]:
        return self.finish()._first_lines

    @property
    def lines(self) -> list[BodyLine | None]:
        """Every line (the whole body wrapped): None for the blank line after a paragraph."""
        if self._lines is None:
            self.finish()
            self._lines = [self._record(y) for y in range(len(self._line_paragraph))]
        return self._lines

    def _record(self, y: int) -> BodyLine | None:
        index = self._line_paragraph[y]
        if index < 0:
            return None
        paragraph = self._paragraphs[index]
        start, end = self._line_start[y], self._line_end[y]
        text = paragraph.text[start - paragraph.start : end - paragraph.start].replace("\n", " ")
        return BodyLine(index, start, end, text)

    def line(self, y: int) -> BodyLine | None:
        """Line `y` (None: a blank line, or past the end)."""
        while y >= self.built and not self.done:
            self._extend()
        if not 0 <= y < self.built:
            return None
        return self._record(y)

    def line_of_offset(self, offset: int) -> int | None:
        """The line showing body `offset` (the nearest line before it when it falls in a gap)."""
        while not self.done and self.wrapped_to <= offset:
            self._extend(1024)
        if not self._starts:
            while not self.done and not self._starts:
                self._extend()
            if not self._starts:
                return None
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self._indexes[index]

    def offset_at(self, y: int, x: int = 0) -> int | None:
        """The body offset shown at line `y`, character `x`; a blank line gives the next line's start."""
        while y >= self.built and not self.done:
            self._extend()
        if not self._line_paragraph:
            return None
        y = max(0, min(y, self.built - 1))
        if self._line_paragraph[y] < 0:
            following = bisect.bisect_left(self._indexes, y)
            while following >= len(self._indexes) and not self.done:
                self._extend()
            if following >= len(self._indexes):
                return self._line_end[self._indexes[-1]] if self._indexes else None
            return self._starts[following]
        start = self._line_start[y]
        return start + max(0, min(x, self._line_end[y] - start))
