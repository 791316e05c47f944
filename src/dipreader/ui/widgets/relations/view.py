"""The Relations tab: the pairs of the library by activity, and one pair's charts, people and milestones."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from dipreader.core.builds import LibraryIndex
from dipreader.core.pair_figures import PairFigures, PairSummary, Period, pair_figures, pair_summaries
from dipreader.core.relations import RelationsSource
from dipreader.extract.pairs import Pair, pair_label
from dipreader.store import Store, StoreError
from dipreader.ui.bench_hook import mark_ready
from dipreader.ui.messages import NarrowViews, Status
from dipreader.ui.widgets.common.highlight_palette import HighlightPalette
from dipreader.ui.widgets.common.index_view import IndexView
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.virtual_list import VirtualList
from dipreader.ui.widgets.relations import panels
from dipreader.ui.widgets.relations.colours import Palette

if TYPE_CHECKING:
    from dipreader.ui.widgets.relations.chart import ContactsChart

MIN_LIST_ROWS = 1
MAX_LIST_ROWS = 6
"""The list of pairs grows with the pairs up to this many lines, then scrolls."""


def summary_cells(summary: PairSummary) -> tuple[str, str]:
    """The list row of a pair: its name, and its figures."""
    span = "—"
    if summary.first is not None and summary.last is not None:
        years = (summary.first.year, summary.last.year)
        span = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
    unread = f" · {summary.unread} unread" if summary.unread else ""
    contacts = f"{summary.contacts} contact{'' if summary.contacts == 1 else 's'}"
    return summary.label, f"{summary.articles} art.{unread} · {contacts} · {span}"


def _close(relations: RelationsSource) -> None:
    """Close what the relations were read from (the index file's connection, if any)."""
    from dipreader.core.relations_index import IndexedRelations

    if isinstance(relations, IndexedRelations):
        relations.close()


class PairList(VirtualList):
    """One line a pair, most active first."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.summaries: list[PairSummary] = []
        self.building = True
        self.name_cells = 0

    def row_count(self) -> int:
        return len(self.summaries)

    def empty_message(self) -> str:
        if self.building:
            return " Finding the pairs of countries…"
        return " No article is about two countries."

    @property
    def highlighted(self) -> PairSummary | None:
        return self.summaries[self.cursor] if 0 <= self.cursor < len(self.summaries) else None

    def set_summaries(self, summaries: Sequence[PairSummary]) -> None:
        """Show these pairs, keeping the highlighted one when it is still there."""
        keep = self.highlighted.pair if self.highlighted else None
        self.building = False
        self.summaries = list(summaries)
        self.name_cells = max((len(summary.label) for summary in self.summaries), default=0) + 3
        self.styles.height = max(MIN_LIST_ROWS, min(len(self.summaries), MAX_LIST_ROWS)) + 1  # + the rule
        self.refresh_rows()
        pairs = [summary.pair for summary in self.summaries]
        self.cursor = pairs.index(keep) if keep in pairs else 0

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        width = min(width, self.scrollable_content_region.width)
        name, figures = summary_cells(self.summaries[index])
        name_cells = min(self.name_cells, max(8, width // 2))
        dim = base if index == self.cursor else base + self.get_component_rich_style("virtual-list--dim")
        return [
            Segment(" " + fit(name, name_cells - 2).ljust(name_cells - 1), base + Style(bold=True)),
            Segment(fit(figures, max(0, width - name_cells)), dim),
        ]


class Drawn(Widget):
    """A panel drawn for its current width (tables and heat maps that fit the terminal)."""

    DEFAULT_CSS = """
    Drawn {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draw: Callable[[int], RenderableType] | None = None

    def set_drawing(self, draw: Callable[[int], RenderableType] | None) -> None:
        self.draw = draw
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        return self.draw(self.content_size.width or self.size.width) if self.draw else Text("")


class RelationsView(IndexView):
    """Pairs of countries (list), and for the highlighted one: contacts by level over time, sectors by year,
    both sides' people and the milestones; every chart has its table one key away (t)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "toggle_tables", "Charts or tables", id="toggle_tables"),
        Binding("y", "toggle_period", "Contacts per year or per month", id="toggle_period"),
        Binding("n", "narrow_to_pair", "Narrow to the pair (again: widen)", id="narrow_to_pair"),
        Binding("N", "widen_pair", "Every pair again", show=False, id="widen_pair"),
    ]

    DEFAULT_CSS = """
    RelationsView {
        height: 1fr;
    }
    RelationsView > #relations-title {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    RelationsView > PairList {
        height: 3;
        border-bottom: hkey $foreground 20%;
    }
    RelationsView > #relations-detail {
        height: 1fr;
        padding: 0 1;
        background: $surface;
    }
    RelationsView .relations-section {
        margin-top: 1;
        text-style: bold;
        color: $text-accent;
    }
    RelationsView #relations-heading {
        height: auto;
    }
    RelationsView #relations-contacts-table {
        display: none;
    }
    """

    class Built(Message):
        """The worker opened the relations of the library (in the index file, or built in memory)."""

        def __init__(self, relations: RelationsSource) -> None:
            super().__init__()
            self.relations = relations

    def __init__(self, store: Store | None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.store = store
        self.relations: RelationsSource | None = None
        self.figures: PairFigures | None = None
        self.period: Period = "year"
        self.tables = False
        self.narrowed: Pair | None = None
        self._palette: Palette | None = None
        self._read_when_shown: set[str] | None = None

    def compose(self) -> ComposeResult:
        from dipreader.ui.widgets.relations.chart import ContactsChart  # plotext loads with the tab

        yield Static("Relations · waiting for the index…", id="relations-title", markup=False)
        yield PairList(id="relations-pairs")
        with VerticalScroll(id="relations-detail"):
            yield Static("", id="relations-heading", markup=False)
            yield Static("", id="relations-contacts-title", classes="relations-section", markup=False)
            yield ContactsChart(id="relations-chart")
            yield Drawn(id="relations-legend")
            yield Drawn(id="relations-contacts-table")
            yield Static("Sectors by year (articles naming each)", classes="relations-section")
            yield Drawn(id="relations-sectors")
            yield Static("People of each side", classes="relations-section")
            yield Drawn(id="relations-people")
            yield Static("Agreements, declarations and planned events", classes="relations-section")
            yield Drawn(id="relations-milestones")

    def on_mount(self) -> None:
        # charts first is the CSS default: querying the chart here failed when the app closed mid-mount
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    @property
    def pair_list(self) -> PairList:
        return self.query_one(PairList)

    @property
    def chart(self) -> ContactsChart:
        from dipreader.ui.widgets.relations.chart import ContactsChart

        return self.query_one(ContactsChart)

    @property
    def palette(self) -> Palette:
        if self._palette is None:
            self._palette = Palette(
                self.app.theme_variables, self.app.current_theme.dark, HighlightPalette.of(self)
            )
        return self._palette

    def _theme_changed(self, _theme: object) -> None:
        self._palette = None
        self.call_after_refresh(self._draw)

    # building

    def show_index(self, index: LibraryIndex) -> None:
        """Called when every article is analysed: find the pairs and their figures off the loop."""
        self.pair_list.building = True
        self.query_one("#relations-title", Static).update("Relations · building…")
        self.build(index)

    @work(thread=True, exclusive=True, group="relations", description="build")
    def build(self, index: LibraryIndex) -> None:
        from dipreader.core.relations import RelationsBuilder
        from dipreader.core.relations_index import IndexedRelations

        relations: RelationsSource
        earlier = self.relations if isinstance(self.relations, IndexedRelations) else None
        # Each pair read when shown; of the list of pairs, only those changed since `earlier`.
        indexed = index.indexed_relations(earlier)
        if indexed is not None:
            relations = indexed
            list(indexed.pair_counts())  # the list of pairs read here, not on the event loop
        else:  # the index cannot be kept on disk: build them whole
            relations = index.build(RelationsBuilder(index.known_names))
        if get_current_worker().is_cancelled:
            _close(relations)
        else:
            self.post_message(self.Built(relations))

    @on(Built)
    def built(self, message: Built) -> None:
        message.stop()
        if self.relations is not None and self.relations is not message.relations:
            _close(self.relations)
        self.relations = message.relations
        self.refresh_summaries()
        mark_ready("relations-built")

    def _read_ids(self) -> set[str]:
        try:
            return self.store.read_ids() if self.store else set()
        except StoreError:
            return set()

    def refresh_summaries(self) -> None:
        """The list of pairs with up-to-date unread counts (read state changes while the tab is away)."""
        if self.relations is None:
            return
        read = self._read_ids()
        self._read_when_shown = read
        summaries = pair_summaries(self.relations, read)
        self.pair_list.set_summaries(summaries)
        self._update_title(summaries)
        self.show_pair(self.pair_list.highlighted)

    def on_unmount(self) -> None:
        if self.relations is not None:
            _close(self.relations)

    def on_show(self) -> None:
        if self.relations is not None and self._read_ids() != self._read_when_shown:
            self.refresh_summaries()
        elif self.figures is not None:
            self.call_after_refresh(mark_ready, f"relations-shown {self.figures.summary.label}")

    def _update_title(self, summaries: Sequence[PairSummary]) -> None:
        assert self.relations is not None
        title = Text("Relations", style="bold")
        title.append(f" · {len(summaries)} pair(s)")
        without = sum(count for _, count in self.relations.without_pair)
        if without:
            kinds = ", ".join(f"{count} {kind}" for kind, count in self.relations.without_pair)
            title.append(f" · {without} article(s) without a pair ({kinds})", style="dim")
        if self.narrowed is not None:
            title.append(f" · narrowed to {pair_label(self.narrowed)}", style="bold")
        self.query_one("#relations-title", Static).update(title)

    # one pair

    @on(VirtualList.Highlighted, "#relations-pairs")
    def pair_highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self.show_pair(self.pair_list.highlighted)

    @on(VirtualList.Selected, "#relations-pairs")
    def pair_selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.query_one("#relations-detail").focus()

    def show_pair(self, summary: PairSummary | None) -> None:
        """Read the pair and count its figures in a worker (a big pair's read takes a few hundred
        ms); the figures shown until then are the last pair's."""
        if self.relations is None or summary is None:
            self.figures = None
            self._draw()
            return
        self._read_pair(self.relations, summary, self.period)

    @work(thread=True, exclusive=True, group="relations-pair", description="_read_pair")
    def _read_pair(self, relations: RelationsSource, summary: PairSummary, period: Period) -> None:
        try:
            data = relations.get(summary.pair)
        except sqlite3.Error:
            return  # closed: the relations were opened again, and their own worker shows the pair
        figures = pair_figures(data, self._read_ids(), period) if data else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._pair_read, relations, summary, period, figures)

    def _pair_read(
        self, relations: RelationsSource, summary: PairSummary, period: Period, figures: PairFigures | None
    ) -> None:
        try:
            highlighted = self.pair_list.highlighted
        except NoMatches:
            return  # the view is being taken down (the app is closing)
        if relations is not self.relations or period != self.period or summary != highlighted:
            return  # another pair (or period) was asked for since: its worker shows it
        self.figures = figures
        self._draw()
        if figures is not None:
            self.call_after_refresh(mark_ready, f"relations-shown {summary.label}")

    def _draw(self) -> None:
        figures = self.figures
        palette = self.palette
        self.query_one("#relations-heading", Static).update(panels.heading(figures) if figures else "")
        period = "year" if self.period == "year" else "month"
        self.query_one("#relations-contacts-title", Static).update(
            f"Contacts and events per {period}, by level"
        )
        self.chart.show(figures, palette)

        def drawing(
            make: Callable[[PairFigures, int], RenderableType],
        ) -> Callable[[int], RenderableType] | None:
            if figures is None:
                return None
            return lambda width: make(figures, width)

        self.query_one("#relations-legend", Drawn).set_drawing(lambda width: panels.legend(palette, width))
        self.query_one("#relations-contacts-table", Drawn).set_drawing(drawing(panels.contacts_table))
        if self.tables:
            sectors = drawing(lambda f, _width: panels.sectors_table(f))
        else:
            sectors = drawing(lambda f, width: panels.sector_heat(f, palette, width))
        self.query_one("#relations-sectors", Drawn).set_drawing(sectors)
        self.query_one("#relations-people", Drawn).set_drawing(drawing(panels.people_panel))
        self.query_one("#relations-milestones", Drawn).set_drawing(
            drawing(lambda f, _width: panels.milestones_panel(f))
        )

    def _show_tables(self, tables: bool) -> None:
        self.tables = tables
        self.chart.display = not tables
        self.query_one("#relations-legend").display = not tables
        self.query_one("#relations-contacts-table").display = tables

    # actions

    def action_toggle_tables(self) -> None:
        self._show_tables(not self.tables)
        self._draw()
        self.post_message(Status(f"Relations: {'tables' if self.tables else 'charts'} (t: the other)"))

    def action_toggle_period(self) -> None:
        self.period = "month" if self.period == "year" else "year"
        self.show_pair(self.pair_list.highlighted)
        self.post_message(Status(f"Contacts counted per {self.period}"))

    def action_narrow_to_pair(self) -> None:
        summary = self.pair_list.highlighted
        if summary is None or self.figures is None or self.figures.pair != summary.pair:
            self.app.bell()  # no pair, or its figures are still being read
            return
        if self.narrowed == summary.pair:
            self.action_widen_pair()
            return
        self.narrowed = summary.pair
        ids = self.figures.article_ids
        self.post_message(NarrowViews(ids, summary.label))
        if self.relations is not None:
            self._update_title(self.pair_list.summaries)

    def action_widen_pair(self) -> None:
        self.narrowed = None
        self.post_message(NarrowViews(None))
        if self.relations is not None:
            self._update_title(self.pair_list.summaries)
