"""The Chronology tab: every dated event of the corpus by year, filterable, opening its passage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from dipreader.core.builds import LibraryIndex
from dipreader.core.timeline import PLANNED_MARK, Mark, TimelineRow, with_headings
from dipreader.core.timeline_query import TimelineRecords
from dipreader.model.query import QueryError, parse
from dipreader.model.query_match import AS_TYPED
from dipreader.ui.bench_hook import mark_ready
from dipreader.ui.messages import OpenPassage
from dipreader.ui.widgets.chronology.rows import (
    LinePart,
    date_width,
    list_text_start,
    row_layout,
    sources_label,
)
from dipreader.ui.widgets.common.highlight_palette import HighlightPalette
from dipreader.ui.widgets.common.index_view import IndexView
from dipreader.ui.widgets.common.virtual_list import VirtualList
from dipreader.ui.widgets.reader.highlight import Highlighter


class ChronologyList(VirtualList):
    """Timeline rows two lines each (date, mark and event text; sources), under year headings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_curly_bracket,ctrl+down", "next_year", "Next year", id="next_year"),
        Binding("left_curly_bracket,ctrl+up", "previous_year", "Previous year", id="previous_year"),
    ]

    row_height: ClassVar[int] = 2

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chronology-list--heading",
        "chronology-list--date",
        "chronology-list--planned",
    }

    DEFAULT_CSS = """
    ChronologyList {
        height: 1fr;
    }
    ChronologyList > .chronology-list--heading {
        color: $accent;
        text-style: bold;
    }
    ChronologyList > .chronology-list--date {
        text-style: bold;
    }
    ChronologyList > .chronology-list--planned {
        color: $warning;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[TimelineRow] = []
        self.date_column = date_width(())
        self.building = True
        self.highlighter = Highlighter()

    def on_mount(self) -> None:
        self.highlighter.palette = HighlightPalette.of(self)

    def row_count(self) -> int:
        return len(self.rows)

    def empty_message(self) -> str:
        if self.building:
            return " Building the chronology…"
        return " No dated events match."

    @property
    def highlighted(self) -> TimelineRow | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def set_rows(self, rows: Sequence[TimelineRow]) -> None:
        """Show these rows, keeping the highlighted entry when it is still there."""
        keep = self.highlighted
        self.building = False
        self.rows = list(rows)
        self.date_column = date_width(self.rows)
        self.refresh_rows()
        index = self.rows.index(keep) if keep in self.rows else 0
        self.cursor = self._entry_at_or_after(index, 1)

    def _entry_at_or_after(self, index: int, step: int) -> int:
        """The nearest non-heading row from `index` in the direction of `step` (else the other way)."""
        for direction in (step, -step):
            probe = index
            while 0 <= probe < len(self.rows):
                if not self.rows[probe].is_heading:
                    return probe
                probe += direction
        return max(0, min(index, len(self.rows) - 1))

    def move_cursor(self, delta: int) -> None:
        count = self.row_count()
        if count:
            target = max(0, min(self.cursor + delta, count - 1))
            self.cursor = self._entry_at_or_after(target, 1 if delta >= 0 else -1)

    def watch_cursor(self, old: int, new: int) -> None:
        super().watch_cursor(old, new)
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        """Keep the highlighted row in view, with its year heading when it is the year's first."""
        if not self.rows or not self.size.height:
            return
        top = self.cursor
        if top > 0 and self.rows[top - 1].is_heading:
            top -= 1
        height = (self.cursor - top + 1) * self.row_height
        region = Region(0, top * self.row_height, self.size.width, height)
        self.scroll_to_region(region, animate=False, force=True)

    def on_show(self) -> None:
        self.call_after_refresh(self.scroll_to_cursor)

    def on_key(self, event: events.Key) -> None:
        # Keys typed fast after "/" are all queued here before any binding runs, so "/" opens
        # the filter at once and the keys behind it are passed on to it.
        focused = self.app.focused
        if event.key == "slash" and focused is self:
            self.query_ancestor(ChronologyView).action_filter()
        elif focused is not self and isinstance(focused, Input) and event.is_printable:
            assert event.character is not None
            focused.insert_text_at_cursor(event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def _jump_year(self, step: int) -> None:
        headings = [i for i, row in enumerate(self.rows) if row.is_heading]
        if step > 0:
            later = [i for i in headings if i > self.cursor]
            target = later[0] if later else None
        else:
            current = max((i for i in headings if i < self.cursor), default=None)
            earlier = [i for i in headings if current is not None and i < current]
            target = earlier[-1] if earlier else None
        if target is None:
            self.app.bell()
            return
        self.cursor = self._entry_at_or_after(target, 1)

    def action_next_year(self) -> None:
        self._jump_year(1)

    def action_previous_year(self) -> None:
        self._jump_year(-1)

    def style_for(self, role: LinePart, base: Style) -> Style:
        if role == "heading":
            return base + self.get_component_rich_style("chronology-list--heading")
        if role == "date":
            return base + self.get_component_rich_style("chronology-list--date")
        if role == "planned":
            return base + self.get_component_rich_style("chronology-list--planned")
        if role in ("rule", "count", "source", "dim", "past"):
            return base + self.get_component_rich_style("virtual-list--dim")
        return base

    def mark_style(self, mark: Mark) -> Style:
        if mark.kind == "official":
            return self.highlighter.official_style
        if mark.kind == "sector" and mark.sector is not None:
            return self.highlighter.sector_style(mark.sector)
        return Style(bold=True)

    def highlighted_text(self, row: TimelineRow, text: str, base: Style | str = "", offset: int = 0) -> Text:
        """`text` (row.text from `offset`, maybe cut with an ellipsis) with the row's marks."""
        rendered = Text(text, style=base, end="")
        for mark in row.marks:
            start, end = mark.start - offset, min(mark.end - offset, len(text))
            if end > max(0, start):
                rendered.stylize(self.mark_style(mark), max(0, start), end)
        return rendered

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        row = self.rows[index]
        width = min(width, self.scrollable_content_region.width)
        if row.is_heading:
            base = self.rich_style  # the cursor only rests on a heading after a click
        segments: list[Segment] = []
        for piece, role in row_layout(row, line, width, self.date_column):
            style = self.style_for(role, base)
            if role == "text":
                text = self.highlighted_text(row, piece, style, list_text_start(row))
                segments.extend(text.render(self.app.console))
            else:
                segments.append(Segment(piece, style))
        return segments


class ChronologyView(IndexView):
    """The Chronology tab: a title line, the timeline, a filter input and the full highlighted entry."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter: words, @official, #sector", id="filter"),
        Binding("escape", "clear_filter", "Clear the filter", show=False, id="clear_filter"),
    ]

    DEFAULT_CSS = """
    ChronologyView {
        height: 1fr;
    }
    ChronologyView > #chronology-title {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    ChronologyView > #chronology-filter {
        height: 1;
        border: none;
        padding: 0 1;
        background: $panel;
    }
    ChronologyView > #chronology-filter:focus {
        background: $boost;
    }
    ChronologyView > #chronology-detail {
        height: 9;
        padding: 0 1;
        border-top: hkey $foreground 20%;
        background: $surface;
    }
    """

    class Built(Message):
        """The worker finished the timeline rows."""

        def __init__(self, rows: list[TimelineRow], records: TimelineRecords) -> None:
            super().__init__()
            self.rows = rows
            self.records = records

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.all_rows: list[TimelineRow] = []
        self.records: TimelineRecords | None = None
        self.query_text = ""
        self.query_problem: str | None = None
        self.only: tuple[frozenset[str], str] | None = None
        """The articles the rows must come from (a pair's) and what they are, when narrowed."""

    def compose(self) -> ComposeResult:
        yield Static("Chronology · waiting for the index…", id="chronology-title", markup=False)
        yield ChronologyList(id="chronology-list")
        yield Input(
            placeholder="/ filter: words, person:, #sector, from: · enter keeps it · escape clears",
            id="chronology-filter",
            select_on_focus=False,
        )
        yield Static("", id="chronology-detail", markup=False)

    def on_mount(self) -> None:
        # The title and the detail hold highlighted text: draw it again in the new theme's colours.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.restyle())

    def restyle(self) -> None:
        self.timeline.refresh()
        if not self.timeline.building:
            self.update_title(self.timeline.rows)
            self.update_detail()

    @property
    def timeline(self) -> ChronologyList:
        return self.query_one(ChronologyList)

    def show_index(self, index: LibraryIndex) -> None:
        """Called when every article is analysed: build the timeline off the loop."""
        self.timeline.building = True
        self.query_one("#chronology-title", Static).update("Chronology · building…")
        self.build(index)

    @work(thread=True, exclusive=True, group="chronology")
    def build(self, index: LibraryIndex) -> None:
        from dipreader.core.builds import timeline

        rows = index.build(timeline)
        records = TimelineRecords(rows, index.analyses.reader(index.library))
        if not get_current_worker().is_cancelled:
            self.post_message(self.Built(rows, records))

    @on(Built)
    def built(self, message: Built) -> None:
        self.all_rows = message.rows
        self.records = message.records
        self.apply_filter()
        mark_ready("chronology-built")

    def narrow_to(self, article_ids: frozenset[str] | None, label: str | None) -> None:
        self.only = None if article_ids is None else (article_ids, label or "chosen articles")
        self.apply_filter()

    def _in_pair(self, rows: list[TimelineRow]) -> list[TimelineRow]:
        """The rows from the narrowed-to articles, under their headings (all of them when not narrowed)."""
        if self.only is None:
            return rows
        ids = self.only[0]
        return with_headings(
            row
            for row in rows
            if not row.is_heading and any(source.article_id in ids for source in row.sources)
        )

    def apply_filter(self) -> None:
        """The rows the filter (the search language) matches; a query that cannot be read changes nothing."""
        try:
            query = parse(self.query_text)
        except QueryError as error:
            self.query_problem = str(error)
            self.update_title(self.timeline.rows)
            return
        self.query_problem = None
        rows = self.records.filter(query, AS_TYPED) if self.records is not None else list(self.all_rows)
        rows = self._in_pair(rows)
        self.timeline.set_rows(rows)
        self.update_title(rows)
        self.update_detail()

    def update_title(self, shown: Sequence[TimelineRow]) -> None:
        def entries(rows: Sequence[TimelineRow]) -> int:
            return sum(1 for row in rows if row.kind == "event")

        def unresolved(rows: Sequence[TimelineRow]) -> int:
            return sum(1 for row in rows if row.kind == "unresolved")

        title = Text("Chronology", style="bold")
        total = entries(self.all_rows)
        if self.only is not None:
            title.append(f" · only {self.only[1]}", style="bold")
        if self.only is not None and not self.query_text.strip():
            title.append(f" · {entries(shown)} of {total} entries")
        elif self.query_text.strip():
            title.append(f" · {entries(shown)} of {total} entries match “{self.query_text.strip()}”")
        else:
            years = sorted({row.group for row in self.all_rows if row.kind == "event"})
            span = f" · {years[0]}–{years[-1]}" if len(years) > 1 else ""
            title.append(f" · {total} entries{span}")
        if unresolved(shown):
            title.append(f" · {unresolved(shown)} unresolved", style="dim")
        if self.query_problem:
            title.append(f" · cannot read the filter: {self.query_problem}", style="bold red")
        title.append("   ")
        title.append(PLANNED_MARK, style=self.timeline.get_component_rich_style("chronology-list--planned"))
        title.append(" planned", style="dim")
        self.query_one("#chronology-title", Static).update(title)

    @on(VirtualList.Highlighted, "#chronology-list")
    def row_highlighted(self) -> None:
        self.update_detail()

    def update_detail(self) -> None:
        detail = self.query_one("#chronology-detail", Static)
        row = self.timeline.highlighted
        if row is None:
            detail.update("")
            return
        if row.is_heading:
            detail.update(Text(f"{row.group}: {row.count} entries", style="bold"))
            return
        text = Text()
        if row.kind == "unresolved":
            text.append(f"“{row.expression}”", style="bold")
            text.append(" — not resolved to a date (the article gives no date to count from)", style="dim")
        else:
            text.append(row.date_label, style="bold")
            text.append(" · planned" if row.planned else " · took place", style="dim")
            text.append(f" · from “{row.expression}”", style="dim")
        text.append("\n")
        text.append_text(self.timeline.highlighted_text(row, row.text))
        text.append("\n")
        text.append(sources_label(row), style="dim italic")
        detail.update(text)

    @on(VirtualList.Selected, "#chronology-list")
    def row_selected(self, message: VirtualList.Selected) -> None:
        row = self.timeline.rows[message.index] if message.index < len(self.timeline.rows) else None
        if row is None or row.is_heading or not row.sources:
            return
        source = row.sources[0]
        self.post_message(OpenPassage(source.article_id, source.start, source.end))

    def action_filter(self) -> None:
        field = self.query_one("#chronology-filter", Input)
        field.value = self.query_text
        field.cursor_position = len(field.value)
        # focus now, not via focus() (queued behind keys already typed after "/")
        self.app.set_focus(field)

    def action_clear_filter(self) -> None:
        self.timeline.focus()
        if self.query_text:
            self.query_text = ""
            self.query_one("#chronology-filter", Input).value = ""
            self.apply_filter()

    @on(Input.Changed, "#chronology-filter")
    def filter_changed(self, message: Input.Changed) -> None:
        if message.value != self.query_text:
            self.query_text = message.value
            self.apply_filter()

    @on(Input.Submitted, "#chronology-filter")
    def filter_submitted(self) -> None:
        self.timeline.focus()
