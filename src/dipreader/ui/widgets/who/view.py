"""The Who's who tab: a sortable, filterable table of people over the highlighted one's details."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from dipreader.core.builds import LibraryIndex, Read, StoredLoad
from dipreader.core.library import Library
from dipreader.core.people_index import MentionReader
from dipreader.model.names import same_person
from dipreader.model.people import Person, person_index
from dipreader.model.query import Query, QueryError, parse
from dipreader.model.query_match import Record, compile_matcher, plain_words
from dipreader.ui.bench_hook import mark_ready
from dipreader.ui.messages import NarrowSidebar, Status
from dipreader.ui.widgets.common.index_view import IndexView
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.virtual_list import VirtualList
from dipreader.ui.widgets.who.filter_input import FilterInput
from dipreader.ui.widgets.who.person_detail import PersonDetail, day_label

SortKey = Callable[[Person], tuple[object, ...]]


@dataclass(frozen=True)
class Column:
    """A table column: its heading, a fixed width (0 = shares the rest) and how it sorts."""

    heading: str
    width: int
    sort_key: SortKey
    numeric: bool = False
    """Sorts largest first by default."""
    right: bool = False
    """Aligned to the right (counts)."""


def _date_key(person: Person) -> tuple[object, ...]:
    seen = person.last_seen
    return (seen is not None, seen.sort_key() if seen else (0, 0, 0), person.name.casefold())


COLUMNS: tuple[Column, ...] = (
    Column("Name", 0, lambda p: (p.name.casefold(),)),
    Column(
        "Country",
        12,
        lambda p: (p.country is None, (p.country or "").casefold(), p.name.casefold()),
    ),
    Column("Latest role", 0, lambda p: (p.latest_role is None, (p.latest_role or "").casefold())),
    Column("Arts", 5, lambda p: (len(p.articles), p.mention_count), numeric=True, right=True),
    Column("Ment", 5, lambda p: (p.mention_count, len(p.articles)), numeric=True, right=True),
    Column("Last seen", 11, _date_key, numeric=True),
)
NAME_SHARE = 0.45
"""Of the width the fixed columns leave, the part the name gets (the role takes the rest)."""
MIN_NAME = 18
MIN_ROLE = 14
NAME_COLUMN, ROLE_COLUMN = 0, 2
DROP_ORDER = (4, 3, 5, 1, 2)
"""Columns left out, in this order, until the name (and the role) have room: Ment, Arts,
Last seen, Country, then Latest role. The name is always shown."""


def _fit(width: int, shown: set[int]) -> list[int] | None:
    """Widths for the shown columns (0 for the others), or None when the name or role would not fit."""
    fixed = sum(COLUMNS[index].width for index in shown) + len(shown) + 1
    rest = width - fixed
    if ROLE_COLUMN not in shown:
        name = rest
        role = 0
    else:
        name = max(MIN_NAME, int(rest * NAME_SHARE))
        role = rest - name
    if name < MIN_NAME or (ROLE_COLUMN in shown and role < MIN_ROLE):
        return None
    widths = [COLUMNS[index].width if index in shown else 0 for index in range(len(COLUMNS))]
    widths[NAME_COLUMN] = name
    if ROLE_COLUMN in shown:
        widths[ROLE_COLUMN] = role
    return widths


def column_widths(width: int) -> list[int]:
    """Widths of every column for a table `width` cells wide (one space between the columns shown);
    a column left out for lack of room has width 0."""
    shown = set(range(len(COLUMNS)))
    for dropped in (None, *DROP_ORDER):
        if dropped is not None:
            shown.discard(dropped)
        widths = _fit(width, shown)
        if widths is not None:
            return widths
    return [max(1, width - 2) if index == NAME_COLUMN else 0 for index in range(len(COLUMNS))]


def search_text(person: Person) -> str:
    """What the filter searches: name, spellings, country and every role, folded."""
    parts = [person.name, *person.aliases, person.country or "", *(r.title for r in person.roles)]
    return " | ".join(dict.fromkeys(part.casefold() for part in parts))


def person_record(person: Person) -> Record:
    """A person as the search language sees them: every spelling a person:, the country, the roles."""
    roles = " ".join(role.title for role in person.roles)
    return Record(
        title=person.name,
        text=" ".join((*person.aliases, person.country or "", roles)),
        persons=tuple(dict.fromkeys((person.name, *person.names, *person.aliases))),
        countries=(person.country,) if person.country else (),
        date=person.last_seen,
    )


def row_cells(person: Person) -> list[str]:
    return [
        person.name,
        person.country or "—",
        person.latest_role or "—",
        str(len(person.articles)),
        str(person.mention_count),
        day_label(person.last_seen),
    ]


class PeopleTable(VirtualList):
    """One row per person; sorted by a chosen column, narrowed by a filter."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.people: list[Person] = []
        self.shown: list[Person] = []
        self._haystacks: list[str] = []
        self._records: list[Record] = []
        self.filter_query: Query | None = Query(None)
        self.sort_column = 0
        self.descending = False
        self.words: tuple[str, ...] = ()
        self.only: frozenset[str] | None = None
        """Only people named in these articles (a pair's), when narrowed."""
        self.building = False

    def row_count(self) -> int:
        return len(self.shown)

    def empty_message(self) -> str:
        if self.building:
            return "Building the who's who…"
        if not self.people:
            return "Nobody yet: people appear once every article is indexed."
        return "Nobody matches the filter (escape clears it)."

    @property
    def highlighted(self) -> Person | None:
        if 0 <= self.cursor < len(self.shown):
            return self.shown[self.cursor]
        return None

    def set_people(self, people: Sequence[Person]) -> None:
        self.building = False
        self.people = list(people)
        self._haystacks = []  # what the filter searches, made when it is first used
        self._records = []
        self._apply(self.highlighted)

    def _haystacks_of_people(self) -> list[str]:
        if len(self._haystacks) != len(self.people):
            self._haystacks = [search_text(person) for person in self.people]
        return self._haystacks

    def _records_of_people(self) -> list[Record]:
        if len(self._records) != len(self.people):
            self._records = [person_record(person) for person in self.people]
        return self._records

    def set_filter(self, text: str) -> None:
        """Filter by a query of the search language; one that cannot be parsed is taken word by word."""
        self.words = tuple(text.casefold().split())
        try:
            self.filter_query = parse(text)
        except QueryError:
            self.filter_query = None
        self._apply(self.highlighted)

    def set_only(self, article_ids: frozenset[str] | None) -> None:
        self.only = article_ids
        self._apply(self.highlighted)

    def sort_by(self, column: int, descending: bool | None = None) -> None:
        """Sort by a column; numbers and dates default to largest first, text to A first."""
        self.sort_column = column % len(COLUMNS)
        self.descending = COLUMNS[self.sort_column].numeric if descending is None else descending
        self._apply(self.highlighted)

    def select_person(self, person: Person) -> bool:
        for index, shown in enumerate(self.shown):
            if shown.name == person.name:
                self.cursor = index
                return True
        return False

    def _apply(self, keep: Person | None) -> None:
        query = self.filter_query
        if query is not None and not plain_words(query):
            test = compile_matcher(query)
            records = self._records_of_people()
            shown = [person for person, record in zip(self.people, records, strict=True) if test(record)]
        elif self.words:
            haystacks = self._haystacks_of_people()
            shown = [
                person
                for person, haystack in zip(self.people, haystacks, strict=True)
                if all(word in haystack for word in self.words)
            ]
        else:
            shown = list(self.people)
        if self.only is not None:
            shown = [person for person in shown if not self.only.isdisjoint(person.articles)]
        key = COLUMNS[self.sort_column].sort_key
        by_name = sorted(shown, key=lambda person: person.name.casefold())
        self.shown = sorted(by_name, key=key, reverse=self.descending)
        self.refresh_rows()
        if keep is None or not self.select_person(keep):
            self.cursor = min(self.cursor, max(0, len(self.shown) - 1))
        self.post_message(self.Highlighted(self, self.cursor))

    def header_text(self, width: int) -> Text:
        header = Text(" ", no_wrap=True, overflow="crop")
        widths = column_widths(width)
        for index, (column, cell_width) in enumerate(zip(COLUMNS, widths, strict=True)):
            if not cell_width:
                continue
            heading = column.heading
            if index == self.sort_column:
                heading = f"{heading}{'▼' if self.descending else '▲'}"
            cell = fit(heading, cell_width)
            cell = cell.rjust(cell_width) if column.right else cell.ljust(cell_width)
            header.append(cell + " ", style="bold reverse" if index == self.sort_column else "bold")
        return header

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        width = self.scrollable_content_region.width or width
        person = self.shown[index]
        segments = [Segment(" ", base)]
        dim = base + self.get_component_rich_style("virtual-list--dim")
        cells = row_cells(person)
        widths = column_widths(width)
        for position, (column, cell_width) in enumerate(zip(COLUMNS, widths, strict=True)):
            if not cell_width:
                continue
            cell = fit(cells[position], cell_width)
            cell = cell.rjust(cell_width) if column.right else cell.ljust(cell_width)
            style = base + Style(bold=True) if position == 0 else base
            if cells[position] in ("—", "undated"):
                style = dim
            segments.append(Segment(cell + " ", style))
        return segments

    def on_resize(self) -> None:
        super().on_resize()
        if self.parent is not None:
            for header in self.parent.query(TableHeader):
                header.refresh()


class TableHeader(Widget):
    """The column headings above the people table, drawn at the table's width."""

    DEFAULT_CSS = """
    TableHeader {
        height: 1;
        background: $panel;
    }
    """

    def __init__(self, table: PeopleTable, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.table = table

    def render(self) -> Text:
        width = self.table.scrollable_content_region.width or self.size.width
        return self.table.header_text(width)


class WhoView(IndexView):
    """People across the corpus: the table (sort S/R, filter /) and the highlighted person."""

    shows_stored_index = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter people", id="focus_filter"),
        Binding(
            "escape",
            "clear_filter",
            "Clear the filter (from the passages: back to the people)",
            show=False,
            id="clear_filter",
        ),
        Binding("S", "next_sort", "Sort by next column", id="next_sort"),
        Binding("R", "reverse_sort", "Reverse the sort", show=False, id="reverse_sort"),
        Binding("f", "toggle_narrow", "Only their articles", id="toggle_narrow"),
        Binding("F", "clear_narrow", "Every article in the sidebar", show=False, id="clear_narrow"),
    ]

    DEFAULT_CSS = """
    WhoView > PeopleTable {
        height: 1fr;
        min-height: 4;
        scrollbar-gutter: stable;  /* one width with or without a scrollbar: headings over their columns */
    }
    WhoView > #who-filter-row {
        height: 1;
        background: $panel;
    }
    WhoView #who-filter-label {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    WhoView #who-filter {
        border: none;
        height: 1;
        width: 1fr;
        padding: 0;
        background: $panel;
    }
    WhoView > #who-filter-row:focus-within, WhoView #who-filter:focus {
        background: $accent 30%;
    }
    WhoView > #who-filter-row:focus-within #who-filter-label {
        color: $text;
        text-style: bold;
    }
    WhoView #who-count {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    class PeopleBuilt(Message):
        """The worker finished merging people; handled by the view itself."""

        def __init__(
            self,
            library: Library,
            people: list[Person],
            mentions: MentionReader | None = None,
            *,
            complete: bool = True,
            read: Read[list[Person]] | None = None,
        ) -> None:
            super().__init__()
            self.library = library
            self.people = people
            self.read = read
            """The people as read from the persisted index (None: merged in memory)."""
            self.mentions = mentions
            """Reads a person's mentions when they are shown (None: the people carry them)."""
            self.complete = complete
            """Read after the library was indexed (else: what the last session stored)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.people: list[Person] = []
        self.library: Library | None = None
        self.narrowed_for: str | None = None
        self.narrowed_label: str | None = None
        self.pending_name: str | None = None
        self._index: dict[str, Person] = {}
        self._stored: StoredLoad[Read[list[Person]]] | None = None
        self._read: Read[list[Person]] | None = None
        self._shown_complete = False

    def compose(self) -> ComposeResult:
        table = PeopleTable(id="who-table")
        yield TableHeader(table, id="who-header")
        yield table
        with Horizontal(id="who-filter-row"):
            yield Static("/ filter", id="who-filter-label")
            yield FilterInput(placeholder="name, spelling, country or role", id="who-filter")
            yield Static("", id="who-count")
        yield PersonDetail(id="who-detail")

    @property
    def table(self) -> PeopleTable:
        return self.query_one(PeopleTable)

    @property
    def detail(self) -> PersonDetail:
        return self.query_one(PersonDetail)

    def show_index(self, index: LibraryIndex) -> None:
        """Read the people from the persisted index (in a worker); the table fills in after. Before
        the library is indexed, what the last session stored."""
        self.table.building = True
        self.table.refresh()
        self._update_count()
        if index.complete:
            self.build(index)
        else:
            self._stored = StoredLoad()
            self.build_stored(index, self._stored)

    @work(thread=True, exclusive=True, group="who-stored", description="build_stored")
    def build_stored(self, index: LibraryIndex, stored: StoredLoad[Read[list[Person]]]) -> None:
        read = index.listed_people()
        stored.set(read)
        if read is not None:
            message = self.PeopleBuilt(index.library, read.value, index.mention_reader(), complete=False)
            self.post_message(message)
        else:
            self.settle()  # nothing stored: the people wait for the index

    @work(thread=True, exclusive=True, group="who", description="build")
    def build(self, index: LibraryIndex) -> None:
        from dipreader.core.builds import PeopleBuilder

        stored = self._stored
        earlier = self._read
        if stored is not None and index.unchanged():
            earlier = stored.wait() or earlier  # what was stored is what the library gives
        # The persisted index, brought up to date first: only the people updates changed since
        # the earlier read are read again.
        read = index.listed_people(earlier)
        people = read.value if read is not None else None
        reader = index.mention_reader()
        if people is None:  # it cannot be kept on disk: merge them here
            people = index.build(PeopleBuilder(index.known_names))
            reader = None
        if not get_current_worker().is_cancelled:
            self.post_message(self.PeopleBuilt(index.library, people, reader, read=read))

    @on(PeopleBuilt)
    def people_built(self, message: PeopleBuilt) -> None:
        message.stop()
        if not message.complete and self._shown_complete:
            return  # what was stored, read after the people of the indexed library arrived
        self._shown_complete = message.complete
        if message.complete:
            self._stored = None  # the next index is compared with this one, not with what was stored
            self._read = message.read
        same_people = message.people is self.people  # what was stored is what the library gives
        self.library = message.library
        self.people = message.people
        mark_ready("who-built")
        self.table.call_after_refresh(mark_ready, "who-shown")
        self.table.call_after_refresh(self.settle)
        self.detail.set_library(message.library, message.mentions)
        if same_people:
            self.table.building = False
        else:
            self._index = person_index(self.people)
            self.table.set_people(self.people)
        self._update_count()
        self.detail.show_person(self.table.highlighted)
        if self.pending_name is not None:
            name, self.pending_name = self.pending_name, None
            self.select_name(name)

    def narrow_to(self, article_ids: frozenset[str] | None, label: str | None) -> None:
        self.narrowed_label = label if article_ids is not None else None
        self.table.set_only(article_ids)
        self._update_count()
        self.detail.show_person(self.table.highlighted)

    def find_person(self, name: str) -> Person | None:
        """The person shown under this name, or the one this spelling belongs to."""
        for person in self.people:
            if person.name == name:
                return person
        found = self._index.get(" ".join(name.split()).casefold())
        if found is not None:
            return found
        # A canonical name the merge filed under another spelling is still the same person.
        return next((person for person in self.people if same_person(name, person.name)), None)

    def select_name(self, name: str) -> bool:
        """Highlight a person by name or spelling, clearing a filter that hides them.

        Before the people are built, remembers the name and selects it when they are.
        """
        if not self.people:
            self.pending_name = name
            return False
        person = self.find_person(name)
        if person is None:
            self.notify(f"{name} is not in the who's who", severity="warning")
            return False
        if not self.table.select_person(person):
            self.query_one("#who-filter", Input).value = ""
            self.table.set_filter("")
            self.table.select_person(person)
        self.detail.show_person(person)
        return True

    def _update_count(self) -> None:
        table = self.table
        if table.building:
            text = "building…"
        elif table.words or table.only is not None:
            text = f"{len(table.shown)} of {len(table.people)}"
            text += f" · {self.narrowed_label}" if table.only is not None and self.narrowed_label else ""
        else:
            text = f"{len(table.people)} people"
        self.query_one("#who-count", Static).update(text)

    @on(VirtualList.Highlighted, "#who-table")
    def person_highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self.detail.show_person(self.table.highlighted)

    @on(VirtualList.Selected, "#who-table")
    def person_chosen(self, message: VirtualList.Selected) -> None:
        """Enter on a person: into their passages (enter again opens one in the reader)."""
        message.stop()
        person = self.table.highlighted
        if person is None:
            return
        self.detail.passages.focus()
        count = person.mention_count
        passages = f"{count} passage{'s' if count != 1 else ''}"
        self.post_message(Status(f"{person.name}: {passages} — enter opens one in the reader, esc goes back"))

    @on(Input.Changed, "#who-filter")
    def filter_changed(self, message: Input.Changed) -> None:
        self.table.set_filter(message.value)
        self._update_count()
        self.detail.show_person(self.table.highlighted)

    @on(Input.Submitted, "#who-filter")
    def filter_submitted(self) -> None:
        self.table.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#who-filter", FilterInput).focus_on_purpose()

    def action_clear_filter(self) -> None:
        if self.detail.passages.has_focus:
            self.table.focus()  # back from the passages: the filter stays
            return
        filter_input = self.query_one("#who-filter", Input)
        filter_input.value = ""
        self.table.set_filter("")
        self._update_count()
        self.table.focus()

    def action_next_sort(self) -> None:
        self.table.sort_by(self.table.sort_column + 1)
        self.query_one(TableHeader).refresh()

    def action_reverse_sort(self) -> None:
        self.table.sort_by(self.table.sort_column, not self.table.descending)
        self.query_one(TableHeader).refresh()

    def action_toggle_narrow(self) -> None:
        person = self.table.highlighted
        if person is None:
            self.app.bell()
            return
        if self.narrowed_for == person.name:
            self.action_clear_narrow()
            return
        self.narrowed_for = person.name
        self.post_message(NarrowSidebar(frozenset(person.articles), person.name))

    def action_clear_narrow(self) -> None:
        self.narrowed_for = None
        self.post_message(NarrowSidebar(None))
