"""The Chronology tab: every dated event of the corpus by year, filterable, opening its passage."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from dipreader.core.builds import LibraryIndex, StoredLoad
from dipreader.core.timeline import PLANNED_MARK, Mark, TimelineRow
from dipreader.core.timeline_query import TimelineRecords
from dipreader.core.timeline_rows import (
    ListedSearch,
    ListedTimeline,
    ShownTimeline,
    TimelineSearch,
    year_after,
    year_before,
)
from dipreader.model.query import Query, QueryError, parse
from dipreader.ui.bench_hook import mark_ready
from dipreader.ui.messages import OpenPassage
from dipreader.ui.widgets.chronology.rows import (
    LinePart,
    date_width_of,
    list_text_start,
    row_layout,
    sources_label,
)
from dipreader.ui.widgets.common.highlight_palette import HighlightPalette
from dipreader.ui.widgets.common.index_view import IndexView
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.virtual_list import VirtualList
from dipreader.ui.widgets.reader.highlight import Highlighter

MAX_DRAWN_LINES = 2000
"""Lines kept drawn: a few screens' worth in each style (with and without the cursor)."""
DETAIL_SOURCE_LINES = 3
"""Lines of the detail pane the sources label may fill."""
FILTER_HERE_ROWS = 5000
"""Timelines up to this many rows are filtered at once; bigger ones in a worker."""


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
        self.rows: ShownTimeline = ListedTimeline(())
        self.date_column = date_width_of(0)
        self.building = True
        self.highlighter = Highlighter()
        self._drawn: dict[tuple[int, int, int, Style], list[Segment]] = {}
        """Each line drawn, by row, line, width and style: a cursor move redraws from here."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()  # drawn in the styles of before

    def forget_drawn(self) -> None:
        """Draw every line again (the rows, the theme or the palette changed)."""
        self._drawn.clear()
        self.refresh()

    def on_mount(self) -> None:
        self.highlighter.palette = HighlightPalette.of(self)
        self._drawn.clear()

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

    def set_rows(self, rows: ShownTimeline, date_column: int | None = None) -> None:
        """Show these rows, keeping the highlighted entry when it is still there."""
        keep = self.highlighted
        self.building = False
        self.rows = rows
        self.date_column = date_column if date_column is not None else date_width_of(rows.widest_date)
        self._drawn.clear()
        self.refresh_rows()
        index = rows.position_of(keep) if keep is not None else None
        self.cursor = self._entry_at_or_after(index or 0, 1)

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
        headings = self.rows.headings
        target = year_after(headings, self.cursor) if step > 0 else year_before(headings, self.cursor)
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
        width = min(width, self.scrollable_content_region.width)
        key = (index, line, width, base)
        drawn = self._drawn.get(key)
        if drawn is None:
            if len(self._drawn) > MAX_DRAWN_LINES:
                self._drawn.clear()
            drawn = self._drawn[key] = self._draw_row_line(self.rows[index], line, width, base)
        return drawn

    def _draw_row_line(self, row: TimelineRow, line: int, width: int, base: Style) -> list[Segment]:
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

    shows_stored_index = True

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
        """The worker finished the timeline: every row, and how to filter them."""

        def __init__(self, search: TimelineSearch, *, complete: bool = True) -> None:
            super().__init__()
            self.search = search
            self.complete = complete
            """Read after the library was indexed (else: what the last session stored)."""

    class Filtered(Message):
        """A filter worker found the rows of the filter asked for (`asked`: its number)."""

        def __init__(self, shown: ShownTimeline, asked: int) -> None:
            super().__init__()
            self.shown = shown
            self.asked = asked

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.search: TimelineSearch | None = None
        self.query_text = ""
        self.query_problem: str | None = None
        self.only: tuple[frozenset[str], str] | None = None
        """The articles the rows must come from (a pair's) and what they are, when narrowed."""
        self._asked = 0
        self._stored: StoredLoad[TimelineSearch] | None = None
        self._shown_complete = False
        """How many filters were asked for: a worker's answer to an older one is dropped."""

    @property
    def all_rows(self) -> ShownTimeline:
        """Every row of the chronology (none before it is built)."""
        return self.search.everything if self.search is not None else ListedTimeline(())

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
        self.timeline.forget_drawn()
        if not self.timeline.building:
            self.update_title(self.timeline.rows)
            self.update_detail()

    @property
    def timeline(self) -> ChronologyList:
        return self.query_one(ChronologyList)

    def show_index(self, index: LibraryIndex) -> None:
        """Read the timeline off the loop: before the library is indexed, what the last session
        stored; after, the persisted index brought up to date."""
        self.timeline.building = True
        self.query_one("#chronology-title", Static).update("Chronology · building…")
        if index.complete:
            self.build(index)
        else:
            self._stored = StoredLoad()
            self.build_stored(index, self._stored)

    @work(thread=True, exclusive=True, group="chronology-stored", description="build_stored")
    def build_stored(self, index: LibraryIndex, stored: StoredLoad[TimelineSearch]) -> None:
        search = index.indexed_timeline()
        stored.set(search)
        if search is not None:
            self.post_message(self.Built(search, complete=False))
        else:
            self.settle()  # nothing stored: the rows wait for the index

    @work(thread=True, exclusive=True, group="chronology", description="build")
    def build(self, index: LibraryIndex) -> None:
        """The timeline from the persisted index (brought up to date first), read page by page;
        built in memory when the index cannot be kept on disk."""
        stored = self._stored
        search = stored.wait() if stored is not None and index.unchanged() else None
        if search is None:
            search = index.indexed_timeline()
        if search is None:
            from dipreader.core.builds import timeline

            rows = index.build(timeline)
            search = ListedSearch(rows, TimelineRecords(rows, index.analyses.reader(index.library)))
        try:
            keep = self.timeline.highlighted
        except NoMatches:  # the view is being taken down (the app quits)
            return
        if keep is not None and search is not self.search:
            # Found here first, so that keeping it highlighted reads nothing on the event loop (a
            # merged entry's thousands of sources took 0.35 s at 100,000 articles).
            search.everything.position_of(keep)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Built(search))

    @on(Built)
    def built(self, message: Built) -> None:
        if not message.complete and self._shown_complete:
            return  # what was stored, read after the rows of the indexed library arrived
        self._shown_complete = message.complete
        if message.complete:
            self._stored = None  # the next index is compared with this one, not with what was stored
        if message.search is self.search:
            self.timeline.building = False
            self.update_title(self.timeline.rows)
            return  # what was stored is what the library gives: nothing to draw again
        self.search = message.search
        self.apply_filter()
        mark_ready("chronology-built")
        self.timeline.call_after_refresh(mark_ready, "chronology-shown")
        self.timeline.call_after_refresh(self.settle)

    def narrow_to(self, article_ids: frozenset[str] | None, label: str | None) -> None:
        self.only = None if article_ids is None else (article_ids, label or "chosen articles")
        self.apply_filter()

    def apply_filter(self) -> None:
        """The rows the filter (the search language) matches; a query that cannot be read changes nothing.

        A big timeline is filtered in a worker, so typing never waits for it."""
        try:
            query = parse(self.query_text)
        except QueryError as error:
            self.query_problem = str(error)
            self.update_title(self.timeline.rows)
            return
        self.query_problem = None
        search = self.search
        if search is None:
            return
        self._asked += 1
        only = self.only[0] if self.only is not None else None
        if (query.empty and only is None) or len(search.everything) <= FILTER_HERE_ROWS:
            self.show_rows(search.shown(query, only))
        else:
            self.query_one("#chronology-title", Static).update("Chronology · filtering…")
            self.filter_in_worker(search, query, only, self._asked)

    @work(thread=True, exclusive=True, group="chronology-filter", description="filter_in_worker")
    def filter_in_worker(
        self, search: TimelineSearch, query: Query, only: frozenset[str] | None, asked: int
    ) -> None:
        shown = search.shown(query, only)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Filtered(shown, asked))

    @on(Filtered)
    def filtered(self, message: Filtered) -> None:
        if message.asked == self._asked:
            self.show_rows(message.shown)

    def show_rows(self, shown: ShownTimeline) -> None:
        self.timeline.set_rows(shown)
        self.update_title(shown)
        self.update_detail()

    def update_title(self, shown: ShownTimeline) -> None:
        title = Text("Chronology", style="bold")
        everything = self.all_rows
        total = everything.entries
        if self.only is not None:
            title.append(f" · only {self.only[1]}", style="bold")
        if self.only is not None and not self.query_text.strip():
            title.append(f" · {shown.entries} of {total} entries")
        elif self.query_text.strip():
            title.append(f" · {shown.entries} of {total} entries match “{self.query_text.strip()}”")
        else:
            years = everything.years
            span = f" · {years[0]}–{years[1]}" if years is not None and years[0] != years[1] else ""
            title.append(f" · {total} entries{span}")
        if shown.unresolved:
            title.append(f" · {shown.unresolved} unresolved", style="dim")
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
        room = max(detail.content_region.width, self.app.size.width) * DETAIL_SOURCE_LINES
        text.append(fit(sources_label(row, room), room), style="dim italic")
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
