"""The Notes tab's list: three lines a note drawn from a paged listing, each text on one line."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import ClassVar, overload

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from dipreader.core.notes_listing import ListedNote, NotesListing
from dipreader.ui.widgets.common.highlight_palette import HighlightPalette, note_class
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.virtual_list import VirtualList

NEWLINE_MARK = " ⏎ "
LINE_CHARS_PER_CELL = 4
"""A line drawn `width` cells wide reads at most this many characters a cell of a long text."""
ORPHANS_HEADING = "── Orphans ({count}): a re-attaches, x deletes ──"
GONE_ROW = "(this note left the store meanwhile — r reloads)"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Row = ListedNote | str
"""A string is a section heading (or a note that is gone)."""


def one_line(text: str, width: int) -> str:
    """`text` on one line (line breaks shown as ⏎) cut to `width` cells; only the start of a long
    text is read."""
    head = text[: max(0, width) * LINE_CHARS_PER_CELL + 1]
    lines = [line.strip() for line in head.splitlines()]
    return fit(NEWLINE_MARK.join(line for line in lines if line), width)


def short_date(stamp: str, now: _dt.datetime | None = None) -> str:
    """When a note was saved, short as a mail list says it: `14:05` today, `12 Mar` this year, else
    `12 Mar 2024` (local time); "" when the stamp cannot be read."""
    try:
        parsed = _dt.datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.UTC)
    local = parsed.astimezone()
    today = (now or _dt.datetime.now(_dt.UTC)).astimezone()
    if local.date() == today.date():
        return f"{local:%H:%M}"
    day = f"{local.day} {_MONTHS[local.month - 1]}"
    return day if local.year == today.year else f"{day} {local.year}"


def tags_text(tags: Sequence[str]) -> str:
    return "  ".join(f"#{tag}" for tag in tags)


class NoteRows(Sequence[Row]):
    """The listing's notes as rows, with the orphans' heading before the first orphan."""

    def __init__(self, listing: NotesListing | None = None) -> None:
        self.listing = listing

    @property
    def heading_at(self) -> int | None:
        listing = self.listing
        return listing.placed_count if listing is not None and listing.orphan_count else None

    def __len__(self) -> int:
        if self.listing is None:
            return 0
        return len(self.listing) + (self.heading_at is not None)

    def position(self, index: int) -> int | None:
        """The listing position of row `index` (None for the heading)."""
        heading = self.heading_at
        if heading is None or index < heading:
            return index
        return None if index == heading else index - 1

    def index_of(self, position: int) -> int:
        heading = self.heading_at
        return position + (heading is not None and position >= heading)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[at] for at in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self) or self.listing is None:
            raise IndexError(index)
        position = self.position(index)
        if position is None:
            return ORPHANS_HEADING.format(count=self.listing.orphan_count)
        return self.listing.note_at(position) or GONE_ROW


class NotesList(VirtualList):
    """Three lines a note: article, date and when it was saved; the quote; the note and its tags."""

    row_height: ClassVar[int] = 3

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: NoteRows = NoteRows()
        self.loaded = False
        self.palette: HighlightPalette | None = None

    def on_mount(self) -> None:
        self.palette = HighlightPalette.of(self)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())  # the swatches

    @property
    def total(self) -> int:
        return self.rows.listing.total if self.rows.listing is not None else 0

    def row_count(self) -> int:
        return len(self.rows)

    def empty_message(self) -> str:
        if not self.loaded:
            return "Loading notes…"
        if self.total:
            return "No notes match the filter (esc clears it)."
        return "No notes yet: in an article, v selects a passage, a adds a note, h highlights."

    def set_listing(self, listing: NotesListing) -> None:
        self.rows = NoteRows(listing)
        self.loaded = True
        self.refresh_rows()

    def highlighted(self) -> ListedNote | None:
        """The note under the cursor (None on the heading or an empty list)."""
        if not self.row_count():
            return None
        row = self.rows[self.cursor]
        return None if isinstance(row, str) else row

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        row = self.rows[index]
        dim = self.get_component_rich_style("virtual-list--dim")
        if isinstance(row, str):
            accent = self.get_component_rich_style("virtual-list--accent")
            return [Segment(fit(row, width), base + accent)] if line == 1 else []
        ann = row.annotation
        if line == 0:
            swatch = self.palette.overlay(note_class(ann.color)) if self.palette else Style()
            saved = f"saved {short_date(ann.updated)}" if short_date(ann.updated) else ""
            saved = saved if cell_len(saved) + 12 <= width else ""
            heading = " · ".join(part for part in (row.title, row.date) if part)
            room = width - 2 - (cell_len(saved) + 2 if saved else 0)
            fitted = fit(heading, room)
            segments = [
                Segment("▌", base + Style(color=swatch.bgcolor)),
                Segment(" " + fitted + " " * (room - cell_len(fitted)), base + Style(bold=True)),
            ]
            if saved:
                segments.append(Segment("  " + saved, base + dim))
            return segments
        if line == 1:
            return [Segment("   “" + one_line(ann.exact, width - 5) + "”", base + dim + Style(italic=True))]
        return self._note_line(row, width - 3, base)

    def _note_line(self, row: ListedNote, width: int, base: Style) -> list[Segment]:
        """The note's text and its tags; the tags keep up to half the line however long the note."""
        ann = row.annotation
        tags = fit(tags_text(ann.tags), max(width // 2, 8)) if ann.tags else ""
        room = width - (cell_len(tags) + 2 if tags else 0)
        body = "✎ " + one_line(ann.note, room - 2) if ann.note else fit(f"highlight ({ann.color})", room)
        segments = [Segment("   " + body, base)]
        if tags:
            accent = self.get_component_rich_style("virtual-list--accent")
            segments.append(Segment("  " + tags, base + accent))
        return segments
