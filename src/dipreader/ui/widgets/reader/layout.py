"""Where each paragraph of an article falls when wrapped: display lines with their body offsets."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size

from dipreader.model.article import Paragraph

_WORD = re.compile(r"\S+")

GUTTER = 2
SEGMENT_LINES = 32
"""Lines of a layout styled from one list of overlays (`BodyLayout.segments`)."""
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
    width = max(1, width)
    if _one_cell_each(text):
        return _wrap_ascii(text, width)
    lines: list[tuple[int, int]] = []
    line_start = line_end = -1
    used = 0
    for match in _WORD.finditer(text):
        word_start, word_end = match.span()
        word = match.group()
        cells = len(word) if word.isascii() else cell_len(word)
        if line_start >= 0 and used + (word_start - line_end) + cells <= width:
            used += (word_start - line_end) + cells
            line_end = word_end
            continue
        if line_start >= 0:
            lines.append((line_start, line_end))
        while cells > width:
            cut = _fitting_prefix(word, width)
            lines.append((word_start, word_start + cut))
            word_start += cut
            word = word[cut:]
            cells = len(word) if word.isascii() else cell_len(word)
        line_start, line_end, used = word_start, word_end, cells
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines


_LINE_PATTERNS: dict[int, re.Pattern[str]] = {}
_NOT_SPACE = re.compile(r"\S")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _one_cell_each(text: str) -> bool:
    """Whether every character of `text` takes one cell, as ASCII does (then characters are cells)."""
    if text.isascii():
        return True
    return all(get_character_cell_size(char) == 1 for char in set(_NOT_ASCII.findall(text)))


def _wrap_ascii(text: str, width: int) -> list[tuple[int, int]]:
    """wrap_offsets for text where each character is a cell: each line the longest run of words that
    fits, found by the regular expression engine rather than a word at a time."""
    line = _LINE_PATTERNS.get(width)
    if line is None:
        # From a word's start: as much as fits, ending at the end of a word.
        more = rf"(?:.{{0,{width - 2}}}\S)?" if width > 1 else ""
        line = _LINE_PATTERNS[width] = re.compile(rf"\S{more}(?=\s|\Z)", re.DOTALL)
    lines: list[tuple[int, int]] = []
    found = _NOT_SPACE.search(text)
    while found is not None:
        start = found.start()
        match = line.match(text, start)
        end = match.end() if match is not None else start + width  # a word wider than the line
        lines.append((start, end))
        found = _NOT_SPACE.search(text, end)
    return lines


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
    """The body's paragraphs wrapped to one width: a blank line after each paragraph."""

    def __init__(self, paragraphs: Sequence[Paragraph], width: int) -> None:
        self.width = width
        self.lines: list[BodyLine | None] = []
        self.paragraph_first_line: list[int] = []
        for index, paragraph in enumerate(paragraphs):
            self.paragraph_first_line.append(len(self.lines))
            flat = paragraph.text.replace("\n", " ")
            for start, end in wrap_offsets(flat, width):
                self.lines.append(
                    BodyLine(index, paragraph.start + start, paragraph.start + end, flat[start:end])
                )
            self.lines.append(None)
        self._starts = [line.start for line in self.lines if line is not None]
        self._indexes = [y for y, line in enumerate(self.lines) if line is not None]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of_offset(self, offset: int) -> int | None:
        """The line showing body `offset` (the nearest line before it when it falls in a gap)."""
        if not self._starts:
            return None
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self._indexes[index]

    def offset_at(self, y: int, x: int = 0) -> int | None:
        """The body offset shown at line `y`, character `x`; a blank line gives the next line's start."""
        if not self.lines:
            return None
        y = max(0, min(y, len(self.lines) - 1))
        line = self.lines[y]
        if line is None:
            following = bisect.bisect_left(self._indexes, y)
            if following >= len(self._indexes):
                last = self.lines[self._indexes[-1]] if self._indexes else None
                return last.end if last is not None else None
            line = self.lines[self._indexes[following]]
            assert line is not None
            return line.start
        return line.start + max(0, min(x, line.end - line.start))

    def segments(self) -> tuple[list[int], list[int]]:
        """(starts, ends): the body range of each run of SEGMENT_LINES lines, in order."""
        starts: list[int] = []
        ends: list[int] = []
        end = 0
        for first in range(0, len(self.lines), SEGMENT_LINES):
            shown = [line for line in self.lines[first : first + SEGMENT_LINES] if line is not None]
            start = shown[0].start if shown else end
            end = shown[-1].end if shown else end
            starts.append(start)
            ends.append(end)
        return starts, ends
