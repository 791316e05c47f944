"""The Notes tab: every annotation in the store, filterable by text and #tag, orphans listed apart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, TabbedContent, TabPane

from dipreader.core.builds import LibraryIndex
from dipreader.core.library import Library
from dipreader.model.anchoring import Annotation
from dipreader.model.query import QueryError, parse
from dipreader.model.query_match import Record, plain_words
from dipreader.model.query_match import matches as query_matches
from dipreader.store import Store, StoreError
from dipreader.ui.messages import OpenPassage
from dipreader.ui.widgets.common.highlight_palette import HighlightPalette, note_class
from dipreader.ui.widgets.common.index_view import IndexView
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.virtual_list import VirtualList


@dataclass(frozen=True)
class NoteEntry:
    """One annotation with what the list shows about its article."""

    annotation: Annotation
    title: str
    date: str
    sort_date: tuple[int, int, int]

    def haystack(self) -> str:
        ann = self.annotation
        return " ".join((self.title, self.date, ann.exact, ann.note, *ann.tags)).casefold()


Row = NoteEntry | str  # a string is a section heading


def note_record(entry: NoteEntry) -> Record:
    ann = entry.annotation
    return Record(title=entry.title, text=f"{entry.date} {ann.exact} {ann.note}", tags=ann.tags)


def matches(entry: NoteEntry, query: str) -> bool:
    """Whether the note matches a query of the search language (words, "phrases", -word, OR,
    `#tag` / `tag:`); bare words, or a query that cannot be parsed, match as parts of words (as you type)."""
    try:
        parsed = parse(query)
    except QueryError:
        parsed = None
    if parsed is None or plain_words(parsed):
        haystack = entry.haystack()
        return all(word in haystack for word in query.casefold().split())
    return query_matches(parsed, note_record(entry))


class NotesList(VirtualList):
    """Three lines a note: article and date; the quote; the note and its tags."""

    row_height: ClassVar[int] = 3

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.loaded = False
        self.total = 0
        self.palette: HighlightPalette | None = None

    def on_mount(self) -> None:
        self.palette = HighlightPalette.of(self)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())  # the swatches

    def row_count(self) -> int:
        return len(self.rows)

    def empty_message(self) -> str:
        if not self.loaded:
            return "Loading notes…"
        if self.total:
            return "No notes match the filter (esc clears it)."
        return "No notes yet: in an article, v selects a passage, a adds a note, h highlights."

    def set_rows(self, rows: Sequence[Row], total: int) -> None:
        self.rows = list(rows)
        self.total = total
        self.loaded = True
        self.refresh_rows()

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        row = self.rows[index]
        dim = self.get_component_rich_style("virtual-list--dim")
        if isinstance(row, str):
            accent = self.get_component_rich_style("virtual-list--accent")
            return [Segment(fit(row, width), base + accent)] if line == 1 else []
        ann = row.annotation
        if line == 0:
            swatch = self.palette.overlay(note_class(ann.color)) if self.palette else Style()
            heading = " · ".join(part for part in (row.title, row.date) if part)
            return [
                Segment("▌", base + Style(color=swatch.bgcolor)),
                Segment(" " + fit(heading, width - 2), base + Style(bold=True)),
            ]
        if line == 1:
            return [Segment("   “" + fit(ann.exact, width - 5) + "”", base + dim + Style(italic=True))]
        tags = "  ".join(f"#{tag}" for tag in ann.tags)
        body = f"✎ {ann.note}" if ann.note else f"highlight ({ann.color})"
        text = f"{body}  {tags}" if tags else body
        return [Segment("   " + fit(text, width - 3), base)]


class NotesView(IndexView):
    """Lists the store's annotations across the library; Enter opens the article at the passage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter notes (words, #tag)", show=False, id="focus_filter"),
        Binding("r", "reload", "Reload notes from the store", show=False, id="reload"),
    ]

    DEFAULT_CSS = """
    NotesView #notes-head {
        dock: top;
        height: auto;
    }
    NotesView #notes-title {
        height: 1;
        padding: 0 1;
        text-style: bold;
    }
    NotesView #notes-filter {
        margin: 0 1;
    }
    NotesView NotesList {
        height: 1fr;
    }
    """

    @dataclass
    class Loaded(Message):
        """Annotations read from the store in a worker (or the error that stopped it)."""

        entries: list[NoteEntry]
        error: str | None = None

    def __init__(self, store: Store | None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.store = store
        self.library: Library | None = None
        self.entries: list[NoteEntry] = []

    def compose(self) -> ComposeResult:
        # The list comes first so that switching to the tab focuses it, not the filter.
        yield NotesList(id="notes-list")
        with Vertical(id="notes-head"):
            yield Static("Notes", id="notes-title")
            yield Input(placeholder="Filter: words and #tags (/ to focus, esc clears)", id="notes-filter")

    def on_mount(self) -> None:
        # Another instance may have written notes meanwhile: reload whenever our tab is shown.
        panes = [node for node in self.ancestors if isinstance(node, TabPane)]
        tabs = [node for node in self.ancestors if isinstance(node, TabbedContent)]
        if panes and tabs:
            pane_id = panes[0].id

            def tab_changed(active: str) -> None:
                if active == pane_id:
                    self.reload()

            self.watch(tabs[0], "active", tab_changed, init=False)
        else:
            self.reload()

    def show_index(self, index: LibraryIndex) -> None:
        """Titles and dates may now be known for every article."""
        self.library = index.library
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#notes-filter", Input).focus()

    def reload(self) -> None:
        if self.store is None:
            self.query_one("#notes-title", Static).update("Notes — no state file, nothing to show")
            return
        self.load_entries(self.store, self.library)

    @work(thread=True, exclusive=True, group="notes")
    def load_entries(self, store: Store, library: Library | None) -> None:
        try:
            annotations = store.annotations()
        except StoreError as error:
            self.post_message(self.Loaded([], str(error)))
            return
        self.post_message(self.Loaded([_entry(ann, library) for ann in annotations]))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.error:
            self.query_one("#notes-title", Static).update(f"Notes not loaded: {message.error}")
            return
        self.entries = sorted(
            message.entries,
            key=lambda e: (tuple(-part for part in e.sort_date), e.title, e.annotation.start),
        )
        self.apply_filter()

    def apply_filter(self) -> None:
        query = self.query_one("#notes-filter", Input).value.strip()
        shown = [entry for entry in self.entries if matches(entry, query)]
        placed = [entry for entry in shown if not entry.annotation.orphan]
        orphans = [entry for entry in shown if entry.annotation.orphan]
        rows: list[Row] = list(placed)
        if orphans:
            rows.append(f"── Orphans ({len(orphans)}): passages no longer found in their article ──")
            rows.extend(orphans)
        notes_list = self.query_one(NotesList)
        notes_list.set_rows(rows, len(self.entries))
        total = len(self.entries)
        counted = f"{len(shown)} of {total}" if query else str(total)
        self.query_one("#notes-title", Static).update(
            f"Notes ({counted}) — enter opens the passage, / filters, r reloads"
        )

    @on(Input.Changed, "#notes-filter")
    def filter_changed(self) -> None:
        self.apply_filter()

    @on(Input.Submitted, "#notes-filter")
    def filter_submitted(self) -> None:
        self.query_one(NotesList).focus()

    def on_key(self, event: events.Key) -> None:
        filter_input = self.query_one("#notes-filter", Input)
        if event.key == "escape" and filter_input.has_focus:
            filter_input.value = ""
            self.query_one(NotesList).focus()
            event.stop()

    @on(VirtualList.Selected, "#notes-list")
    def note_chosen(self, message: VirtualList.Selected) -> None:
        message.stop()
        row = self.query_one(NotesList).rows[message.index]
        if isinstance(row, str):
            return
        ann = row.annotation
        if ann.orphan:
            # The passage is gone from the text: open the article at its top.
            self.post_message(OpenPassage(ann.article_id, 0, 0))
        else:
            self.post_message(OpenPassage(ann.article_id, ann.start, ann.end))


def _entry(ann: Annotation, library: Library | None) -> NoteEntry:
    found = library.by_id(ann.article_id) if library is not None else None
    title = (found.title if found is not None else "") or ann.article_id
    date = found.date if found is not None else None
    label = date.label() if date is not None else "undated"
    sort_date = date.sort_key() if date is not None else (0, 0, 0)
    return NoteEntry(ann, title, label, sort_date)
