"""The search screen: a query of the search language, ranked results as you type, opened or kept."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from dipreader.cache.search_index import Hit
from dipreader.core.context import Context
from dipreader.model.query import QueryError, SavedSearch, parse

DEBOUNCE_SECONDS = 0.15
RESULTS = 50
HELP = (
    'words "a phrase" -left-out OR · person: sector: country: source: tag: #topic · from:2024-03 to:2025'
    " · is:unread has:notes — enter opens · ctrl+l limits the sidebar · ctrl+s saves · escape closes"
)


@dataclass(frozen=True)
class SearchChoice:
    """What the user chose: open a hit at its match, or limit the sidebar to the query."""

    action: Literal["open", "limit"]
    query: str
    hit: Hit | None = None


def hit_prompt(hit: Hit) -> Text:
    """Three lines: the title, date and source, the snippet with its matches highlighted."""
    date = hit.date.label() if hit.date else "undated"
    kind = "note · " if hit.kind == "note" else ""
    text = Text(hit.title, style="bold", no_wrap=True, overflow="ellipsis")
    text.append("\n" + kind + " · ".join(part for part in (date, hit.source) if part), style="dim")
    text.append("\n")
    for piece, marked in hit.snippet_spans():
        text.append(re.sub(r"\s+", " ", piece), style="bold reverse" if marked else "")
    return text


class SearchScreen(ModalScreen[SearchChoice | None]):
    """Type a query; results follow (searched in a worker, a moment after the last key)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_search", "Close", id="close_search"),
        Binding("ctrl+l", "limit", "Limit the sidebar", id="limit_sidebar"),
        Binding("ctrl+s", "save", "Save the search", priority=True, id="save_search"),
        Binding("down", "to_results", "Results", show=False, id="to_results"),
    ]

    DEFAULT_CSS = """
    SearchScreen {
        align: center middle;
    }
    SearchScreen > Vertical {
        width: 90%;
        height: 90%;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    SearchScreen #search-title, SearchScreen #search-status, SearchScreen #search-help {
        height: auto;
    }
    SearchScreen #search-status {
        color: $text-muted;
    }
    SearchScreen #search-status.error {
        color: $error;
    }
    SearchScreen #search-results {
        height: 1fr;
    }
    SearchScreen #search-help {
        color: $text-muted;
    }
    """

    def __init__(self, context: Context, read: Collection[str], query: str = "", limit: bool = False) -> None:
        super().__init__()
        self.context = context
        self.read = read
        self.initial = query
        self.limit_mode = limit
        self.hits: list[Hit] = []
        self.searched: str | None = None
        """The query the results shown are for (None before the first)."""
        self._timer: Timer | None = None
        self._notes_synced = False

    def compose(self) -> ComposeResult:
        with Vertical():
            title = "Limit the sidebar to" if self.limit_mode else "Search the library"
            yield Static(title, id="search-title")
            yield Input(self.initial, placeholder="energy person:Cirielli from:2024", id="search-input")
            yield Static("", id="search-status", markup=False)
            yield OptionList(id="search-results")
            yield Static(HELP, id="search-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.schedule(self.initial)

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    @on(Input.Changed, "#search-input")
    def typed(self, message: Input.Changed) -> None:
        self.schedule(message.value)

    def schedule(self, text: str) -> None:
        """Search a moment after the last key (each key restarts the wait)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(text))

    @work(thread=True, exclusive=True, group="search", description="run_search")
    def run_search(self, text: str) -> None:
        from dipreader.core.search import search, sync_notes

        worker = get_current_worker()
        if not self._notes_synced:
            sync_notes(self.context.search_index, self.context.store)
            self._notes_synced = True
        try:
            hits = search(self.context.search_index, text, self.context.knowledge, self.read, RESULTS)
        except QueryError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.show_error, text, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_hits, text, hits)

    def show_error(self, text: str, error: QueryError) -> None:
        status = self.query_one("#search-status", Static)
        status.add_class("error")
        status.update(f"{error.message}\n{error.caret(100)}")
        self.searched = None

    def show_hits(self, text: str, hits: list[Hit]) -> None:
        self.hits = hits
        self.searched = text
        status = self.query_one("#search-status", Static)
        status.remove_class("error")
        if not text.strip():
            status.update("Type words or fields; the newest articles are shown meanwhile.")
        else:
            more = "+" if len(hits) >= RESULTS else ""
            status.update(f"{len(hits)}{more} result(s)" if hits else "No match.")
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options([Option(hit_prompt(hit), id=str(index)) for index, hit in enumerate(hits)])
        if hits:
            results.highlighted = 0

    def action_to_results(self) -> None:
        if self.hits:
            self.query_one(OptionList).focus()

    @on(Input.Submitted, "#search-input")
    def submitted(self) -> None:
        if self.limit_mode:
            self.action_limit()
            return
        results = self.query_one(OptionList)
        self.choose(results.highlighted or 0)

    @on(OptionList.OptionSelected, "#search-results")
    def selected(self, message: OptionList.OptionSelected) -> None:
        self.choose(message.option_index)

    def choose(self, index: int) -> None:
        if self.searched != self.query_text or not 0 <= index < len(self.hits):
            self.app.bell()  # the results are not for this query yet, or there are none
            return
        self.dismiss(SearchChoice("open", self.query_text, self.hits[index]))

    def action_limit(self) -> None:
        if not self._parses():
            return
        self.dismiss(SearchChoice("limit", self.query_text))

    def action_dismiss_search(self) -> None:
        self.dismiss(None)

    def _parses(self) -> bool:
        try:
            parse(self.query_text)
        except QueryError as error:
            self.show_error(self.query_text, error)
            self.app.bell()
            return False
        return True

    def action_save(self) -> None:
        if not self._parses() or not self.query_text.strip():
            self.app.bell()
            return
        from dipreader.ui.screens.name_prompt import NamePrompt

        query = self.query_text
        self.app.push_screen(NamePrompt("Save this search as", query), lambda name: self._save(name, query))

    def _save(self, name: str | None, query: str) -> None:
        store = self.context.store
        if name is None or store is None:
            return
        from dipreader.store import StoreError
        from dipreader.store.saved_searches import SavedSearchError

        try:
            saved = store.save_search(SavedSearch(name, query))
        except (SavedSearchError, QueryError, StoreError) as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Saved “{saved.name}”: it sits at the top of the sidebar")
