"""How a timeline row is laid out on one or two lines of the Chronology tab."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from rich.cells import cell_len

from dipreader.core.timeline import PAST_MARK, PLANNED_MARK, TimelineRow
from dipreader.model.terminal_text import safe_one_line
from dipreader.ui.widgets.common.text_fit import fit

LinePart = Literal["heading", "rule", "count", "date", "past", "planned", "text", "source", "dim"]

MIN_DATE_WIDTH = 4
MAX_DATE_WIDTH = 20


def date_width(rows: Iterable[TimelineRow]) -> int:
    """Width of the date column: the longest date label, within bounds."""
    return date_width_of(max((cell_len(row.date_label) for row in rows if row.kind == "event"), default=0))


def date_width_of(widest: int) -> int:
    """Width of the date column for a longest date label this wide."""
    return max(MIN_DATE_WIDTH, min(MAX_DATE_WIDTH, widest))


def sources_label(row: TimelineRow, cells: int | None = None) -> str:
    """`↳ N sources: first · second · …` — with `cells`, built only until more than that many
    cells are filled (an entry can have thousands of sources): `fit(label, cells)` is the same."""
    titles = list(dict.fromkeys(source.title for source in row.sources))
    parts = ["↳ "]
    if len(titles) > 1:
        parts.append(f"{len(titles)} sources: ")
    filled = sum(cell_len(part) for part in parts)
    for number, title in enumerate(titles):
        if cells is not None and filled > cells:
            # Graphemes may join across the separators: measure the whole before stopping.
            filled = cell_len("".join(parts))
            if filled > cells:
                break
        if number:
            parts.append(" · ")
            filled += 3
        # Each title made safe on its own, so a cut label is a prefix of the whole one.
        parts.append(safe_one_line(title, None))
        if cells is not None:
            filled += cell_len(parts[-1])
    else:
        if row.kind == "unresolved" and row.sources and not row.sources[0].dated:
            parts.append(" — article undated")
    return "".join(parts)


_LEAD_IN = re.compile(r"(?:on|in|since|as of)?\s*$", re.IGNORECASE)
_LEAD_OUT = re.compile(r"[\s,]+")


def list_text_start(row: TimelineRow) -> int:
    """Where the one-line text starts: past a leading "On November 26," the date column repeats."""
    for mark in row.marks:
        if mark.kind != "date" or not _LEAD_IN.fullmatch(row.text[: mark.start]):
            continue
        gap = _LEAD_OUT.match(row.text, mark.end)
        start = gap.end() if gap else mark.end
        # keep the text whole when the date is all there is, or the rest is a fragment
        if len(row.text) - start >= 20:
            return start
    return 0


def row_layout(row: TimelineRow, line: int, width: int, date_column: int) -> list[tuple[str, LinePart]]:
    """The pieces of one line (0 or 1) of a row; a `text` piece starts at `list_text_start(row)`."""
    if row.is_heading:
        if line == 0:
            return []
        noun = "entry" if row.count == 1 else "entries"
        count = f" {row.count} {noun} "
        heading = f" {row.group} "
        rule = "─" * max(0, width - cell_len(heading) - cell_len(count) - 1)
        return [(heading, "heading"), (rule, "rule"), (count, "count")]
    indent = " " * (date_column + 5)  # " " date " " mark "  "
    if line == 1:
        return [
            (indent, "dim"),
            (fit(sources_label(row, width - len(indent)), width - len(indent)), "source"),
        ]
    date_role: LinePart = "dim" if row.kind == "unresolved" else "date"
    date = fit(row.date_label, date_column).ljust(date_column)
    mark_role: LinePart
    if row.kind == "unresolved":
        mark, mark_role = "?", "dim"
    elif row.planned:
        mark, mark_role = PLANNED_MARK, "planned"
    else:
        mark, mark_role = PAST_MARK, "past"
    text = fit(row.text[list_text_start(row) :], width - len(indent))
    return [(" ", "dim"), (date, date_role), (" ", "dim"), (mark, mark_role), ("  ", "dim"), (text, "text")]
