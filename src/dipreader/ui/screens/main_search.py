"""The main screen's search and queue actions: the search screen, the sidebar's limit, saved searches,
the next unread article, and marking a whole list read (with an undo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding
from textual.screen import Screen

from dipreader.model.query import SavedSearch
from dipreader.store import StoreError
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.sidebar.article_list import ArticleList
from dipreader.ui.widgets.sidebar.saved_searches import SavedSearchList

if TYPE_CHECKING:
    from dipreader.core.context import Context
    from dipreader.core.library import Library
    from dipreader.model.article import Article
    from dipreader.ui.screens.search import SearchChoice

SEARCH_BINDINGS = [
    Binding("ctrl+f", "open_search", "Search", id="open_search"),
    Binding("L", "limit_sidebar", "Limit", show=False, id="limit_sidebar"),
    Binding("escape", "clear_limit", "Clear the sidebar's limit", show=False, id="clear_limit"),
    Binding("U", "next_unread", "Next unread", id="next_unread"),
    Binding("M", "mark_list_read", "Mark list read", show=False, id="mark_list_read"),
    Binding("ctrl+z", "undo_mark_read", "Undo marking the list read", show=False, id="undo_mark_read"),
]


class SearchActions(Screen[None]):
    """Mixed into the main screen: everything the search language does there."""

    if TYPE_CHECKING:
        context: Context
        library: Library | None
        current: Article | None

        def open_article(self, article_id: str, passage: tuple[int, int] | None = None) -> None: ...
        def set_status(self, text: str) -> None: ...
        def _read_ids(self) -> set[str]: ...
        def _update_sidebar_title(self) -> None: ...

    limit_query: str | None = None
    _pending_matches: tuple[str, str, int | None] | None = None
    _undo_read: list[str] | None = None

    # the search screen

    def action_open_search(self, limit: bool = False) -> None:
        from dipreader.ui.screens.search import SearchScreen

        query = (self.limit_query or "") if limit else ""
        self.app.push_screen(SearchScreen(self.context, self._read_ids(), query, limit), self._search_chosen)

    def action_limit_sidebar(self) -> None:
        self.action_open_search(limit=True)

    def _search_chosen(self, choice: SearchChoice | None) -> None:
        self.refresh_saved_searches()
        if choice is None:
            return
        if choice.action == "limit":
            self.apply_limit(choice.query, choice.query.strip())
            return
        hit = choice.hit
        if hit is None:
            return
        self._pending_matches = (hit.article_id, choice.query, hit.start)
        passage = (hit.start, hit.end) if hit.start is not None and hit.end is not None else None
        self.open_article(hit.article_id, passage)
        self.query_one(ArticleList).select_id(hit.article_id)
        self.query_one(ArticleReader).focus()

    def show_search_matches(self, article: Article) -> None:
        """After an article opened from the search screen: every match highlighted, n / N step."""
        pending = self._pending_matches
        if pending is None or pending[0] != article.id:
            return
        self._pending_matches = None
        _article_id, query, first = pending
        spans = self.context.search_index.body_matches(article.id, query)
        count = self.query_one(ArticleReader).set_search_spans(query, spans, first)
        if count:
            self.set_status(f"{count} match(es) for “{query}” — n next, N previous")

    # the sidebar's limit

    def apply_limit(self, query: str, label: str) -> None:
        if not query.strip():
            self.action_clear_limit()
            return
        self.limit_query = query
        self.find_limit(query, label)

    @work(thread=True, exclusive=True, group="limit", description="find_limit")
    def find_limit(self, query: str, label: str) -> None:
        from dipreader.core.search import matching_ids
        from dipreader.model.query import QueryError

        try:
            ids = matching_ids(self.context.search_index, query, self.context.knowledge, self._read_ids())
        except QueryError as error:
            self.app.call_from_thread(self.set_status, f"Cannot read the query: {error}")
            return
        self.app.call_from_thread(self._show_limit, ids, label)

    def _show_limit(self, ids: list[str], label: str) -> None:
        self.query_one(ArticleList).set_only(ids, f"“{label}”")
        self._update_sidebar_title()
        self.set_status(f"Sidebar limited to {len(ids)} article(s) — escape shows every article")

    def action_clear_limit(self) -> None:
        article_list = self.query_one(ArticleList)
        if article_list.only_ids is None:
            return
        self.limit_query = None
        article_list.set_only(None)
        self._update_sidebar_title()
        self.set_status("Sidebar shows every article again")

    # saved searches

    @work(thread=True, exclusive=True, group="saved-searches", description="refresh_saved_searches")
    def refresh_saved_searches(self) -> None:
        """Each saved search with its unread count, counted off the loop."""
        from dipreader.core.search import unread_count

        store = self.context.store
        if store is None:
            return
        try:
            saved = store.saved_searches()
            read = store.read_ids()
        except StoreError as error:
            self.app.call_from_thread(self.set_status, f"Saved searches not loaded: {error}")
            return
        index, knowledge = self.context.search_index, self.context.knowledge
        counted = [(search, unread_count(index, search, knowledge, read)) for search in saved]
        self.app.call_from_thread(self._show_saved, counted)

    def _show_saved(self, counted: list[tuple[SavedSearch, int]]) -> None:
        for saved_list in self.query(SavedSearchList):  # none once the app is closing
            saved_list.set_saved(counted)

    @on(SavedSearchList.Chosen)
    def saved_search_chosen(self, message: SavedSearchList.Chosen) -> None:
        self.apply_limit(message.saved.query, message.saved.name)
        self.query_one(ArticleList).focus()

    @on(SavedSearchList.DeleteAsked)
    def saved_search_delete(self, message: SavedSearchList.DeleteAsked) -> None:
        from dipreader.ui.screens.confirm import ConfirmScreen

        saved = message.saved

        def answered(yes: bool | None) -> None:
            store = self.context.store
            if yes and store is not None:
                store.delete_saved_search(saved.name)
                self.set_status(f"Deleted the saved search “{saved.name}”")
                self.refresh_saved_searches()

        self.app.push_screen(
            ConfirmScreen(f"Delete the saved search “{saved.name}” ({saved.query})?"), answered
        )

    def saved_searches(self) -> list[SavedSearch]:
        return [search for search, _count in self.query_one(SavedSearchList).saved]

    # reading a queue

    def action_next_unread(self) -> None:
        """Open the next unread article of the list as shown (after the open one, wrapping round)."""
        article_list = self.query_one(ArticleList)
        shown = article_list.shown
        if not shown:
            return
        here = article_list.cursor - 1  # nothing open: the highlighted article may be the next
        if self.current is not None:
            here = next((i for i, meta in enumerate(shown) if meta.id == self.current.id), here)
        order = [*range(here + 1, len(shown)), *range(0, here + 1)]
        found = next((i for i in order if not article_list.is_read(shown[i].id)), None)
        if found is None:
            self.set_status("No unread article in this list")
            return
        article_id = shown[found].id
        article_list.cursor = found
        self.open_article(article_id)

    def action_mark_list_read(self) -> None:
        from dipreader.ui.screens.confirm import ConfirmScreen

        article_list = self.query_one(ArticleList)
        unread = [meta.id for meta in article_list.shown if not article_list.is_read(meta.id)]
        if not unread:
            self.set_status("Every article of this list is read already")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._set_read_many(unread, True)
                self._undo_read = unread
                self.set_status(f"Marked {len(unread)} article(s) read — ctrl+z undoes")

        question = f"Mark the {len(unread)} unread article(s) of this list read?"
        self.app.push_screen(ConfirmScreen(question, yes_label="Mark read"), answered)

    def action_undo_mark_read(self) -> None:
        undo = self._undo_read
        if not undo:
            self.set_status("Nothing to undo")
            return
        self._undo_read = None
        self._set_read_many(undo, False)
        self.set_status(f"{len(undo)} article(s) unread again")

    def _set_read_many(self, article_ids: list[str], read: bool) -> None:
        store = self.context.store
        if store is not None:
            try:
                store.set_read_many(article_ids, read)
            except StoreError as error:
                self.notify(f"Read state not saved: {error}", severity="error")
                return
        self.query_one(ArticleList).set_read_many(article_ids, read)
        self._update_sidebar_title()
        self.refresh_saved_searches()
