"""Readable tables for the terminal: column widths from the terminal's, cells made safe and cut to fit."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from dipreader.model.terminal_text import ELLIPSIS, safe_one_line

DEFAULT_WIDTH = 100
"""Columns when the output is not a terminal and $COLUMNS is not set."""
NARROWEST = 40
GAP = "  "


def terminal_width(out: TextIO) -> int:
    """$COLUMNS, else the width of the terminal `out` writes to, else DEFAULT_WIDTH."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(NARROWEST, int(columns))
    try:
        if out.isatty():
            return max(NARROWEST, os.get_terminal_size(out.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        pass
    return DEFAULT_WIDTH


def char_cells(char: str) -> int:
    """Cells a character takes on a terminal: 2 for wide East Asian ones, 0 for combining marks."""
    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def cells(text: str) -> int:
    return len(text) if text.isascii() else sum(map(char_cells, text))


def fit(text: str, width: int) -> str:
    """`text` on one line without anything a terminal would act on, cut with an ellipsis to at most
    `width` cells (one pass over the text)."""
    flat = safe_one_line(text, None)
    if cells(flat) <= width:
        return flat
    if width <= 0:
        return ""
    kept, used = [], 0
    for char in flat:
        size = char_cells(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + ELLIPSIS


@dataclass(frozen=True)
class Column:
    """A column: its heading, its share of the room left by fixed columns (0: fixed at `width`),
    its width (the least a shared column gets), and whether numbers align right."""

    title: str
    width: int
    share: int = 0
    right: bool = False


class Table:
    """Columns laid out once for a width, so rows can be written one at a time as they come."""

    def __init__(self, columns: Sequence[Column], width: int, indent: str = "") -> None:
        self.columns = tuple(columns)
        self.indent = indent
        fixed = sum(column.width for column in self.columns if not column.share)
        shared = [column for column in self.columns if column.share]
        room = width - len(indent) - fixed - len(GAP) * (len(self.columns) - 1)
        room -= sum(column.width for column in shared)
        shares = sum(column.share for column in shared)
        widths: list[int] = []
        given = 0
        for column in self.columns:
            if not column.share:
                widths.append(column.width)
                continue
            extra = max(0, room) * column.share // shares if shares else 0
            given += extra
            widths.append(column.width + extra)
        if shared and room > given:  # what integer division left goes to the first shared column
            first = self.columns.index(shared[0])
            widths[first] += room - given
        self.widths = tuple(widths)
        self.headed = False

    def line(self, values: Sequence[str]) -> str:
        parts = []
        for column, width, value in zip(self.columns, self.widths, values, strict=True):
            shown = fit(value, width)
            pad = " " * (width - cells(shown))
            parts.append(pad + shown if column.right else shown + pad)
        return (self.indent + GAP.join(parts)).rstrip()

    def header(self) -> str:
        return self.line([column.title for column in self.columns])

    def write_header(self, out: TextIO) -> None:
        """The header, once (before the first row, so an empty table has none)."""
        if not self.headed:
            self.headed = True
            out.write(self.header() + "\n")

    def write_row(self, out: TextIO, values: Sequence[str]) -> None:
        self.write_header(out)
        out.write(self.line(values) + "\n")
