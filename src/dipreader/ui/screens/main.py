"""The main screen: sidebar of articles, the tabs, the status line; it loads, indexes and routes messages."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakKeyDictionary, WeakSet

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Click
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Static, TabbedContent, TabPane
from textual.worker import WorkerState, get_current_worker

from dipreader.cache.metadata import MetaCache
from dipreader.core.builds import CachedAnalyses, LibraryIndex
from dipreader.core.config_rules import SIDEBAR_WIDTH_RANGE
from dipreader.core.context import Context
from dipreader.core.indexer import Indexer
from dipreader.core.library import Library, cached_library, cached_library_head, scan_library
from dipreader.core.library_changes import FolderStamps, folder_stamps, scan_changes
from dipreader.model.article import Article, ArticleMeta, Problem
from dipreader.store import StoreError
from dipreader.ui.bench_hook import mark_ready
from dipreader.ui.messages import (
    AnalysisReady,
    ArticleOpened,
    ArticleShown,
    IndexComplete,
    IndexProgress,
    LibraryLoaded,
    NarrowSidebar,
    NarrowViews,
    OpenPassage,
    ShowPerson,
    Status,
    StoriesReady,
)
from dipreader.ui.navigation import History, Place
from dipreader.ui.screens.main_corrections import CORRECTION_BINDINGS, CorrectionActions
from dipreader.ui.screens.main_notes import NotesActions
from dipreader.ui.screens.main_reader import ReaderActions
from dipreader.ui.screens.main_search import SEARCH_BINDINGS, SearchActions
from dipreader.ui.screens.main_tabs import MainTabs
from dipreader.ui.widgets.common.deferred import Deferred
from dipreader.ui.widgets.common.index_view import IndexView
from dipreader.ui.widgets.common.keys_footer import KeysFooter
from dipreader.ui.widgets.common.virtual_list import VirtualList
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.reader.search_bar import SearchBar
from dipreader.ui.widgets.sidebar.article_list import ArticleList
from dipreader.ui.widgets.sidebar.saved_searches import SavedSearchList

if TYPE_CHECKING:
    from dipreader.sources.intake import IntakeResult

POSITION_SAVE_SECONDS = 1.0
SESSION_ARTICLE = "article"
SESSION_TAB = "tab"
NARROW_COLUMNS = 70
"""Below this width, the sidebar steps aside while an article is read (\\ brings it back)."""
_TAB_ID = re.compile(r"tab-[a-z0-9_-]{1,40}")
FIRST_PAINT_WAIT_SECONDS = 1.0
READ_IN_WORKER_BYTES = 512 * 1024
"""Article files above this size are read in a worker; smaller ones at once."""
CHANGE_POLL_SECONDS = 0.5
"""How often the folders' modification times are looked at (a file added, removed or renamed moves
its folder's): one stat a folder, then only the folders that moved are listed again."""
POLL_SECONDS = 2.0
"""How often, at most, every file is stat'ed again (what finds a file edited in place)."""
POLL_COST_FACTOR = 10
"""A big folder is stat'ed whole less often: at most a tenth of the time goes to it."""
FIRST_MOUNT_DELAY_SECONDS = 0.25
"""The hidden tabs' views start mounting this long after the first screen, so that a key pressed at
once chooses which one is first (and the others wait for it: `HOLD_FOR_ASKED_TAB_SECONDS`)."""
HOLD_FOR_ASKED_TAB_SECONDS = 3.0
"""At start-up, the other tabs' views and the index loop wait at most this long for the view of a tab
asked for (a key, or the last session's tab) to show what the last session stored."""
TAB_READ_GROUPS = frozenset({"chronology", "who", "relations"})
"""The workers in which the index tabs read a newly indexed library: the stories wait for them."""
STORIES_WAIT_SECONDS = 30.0
"""The stories' rebuild waits at most this long for the tabs to read the index."""
STORIES_LOOK_SECONDS = 0.1
STORIES_FIRST_LOOK_SECONDS = 1.0
"""How long the stories wait for a tab's read to begin (the tabs are given the index after a refresh)."""


class MainScreen(CorrectionActions, ReaderActions, SearchActions, NotesActions):
    """Read diplomatic news: pick an article on the left, read it on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("question_mark", "app.help", "Help", id="help"),
        Binding("m", "toggle_read", "Read/unread", id="toggle_read"),
        Binding("u", "toggle_unread_only", "Unread only", id="toggle_unread_only"),
        Binding("A", "add_article", "Add", id="add_article"),
        Binding("R", "refresh_feeds", "Refresh", id="refresh_feeds"),
        Binding("E", "edit_metadata", "Details", id="edit_metadata"),
        Binding("o", "toggle_officials", "Officials", show=False, id="toggle_officials"),
        Binding("s", "toggle_sectors", "Sectors", show=False, id="toggle_sectors"),
        Binding("1", "show_tab('tab-article')", "Article tab", show=False, id="show_tab_article"),
        Binding("2", "show_tab('tab-chronology')", "Chronology tab", show=False, id="show_tab_chronology"),
        Binding("3", "show_tab('tab-who')", "Who's who tab", show=False, id="show_tab_who"),
        Binding("4", "show_tab('tab-notes')", "Notes tab", show=False, id="show_tab_notes"),
        Binding("5", "show_tab('tab-relations')", "Relations tab", show=False, id="show_tab_relations"),
        Binding("exclamation_mark", "app.show_problems", "Problem files", show=False, id="show_problems"),
        Binding("slash", "search_article", "Search the article", show=False, id="search_article"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="focus_previous"),
        Binding("backslash", "toggle_sidebar", "Hide / show the sidebar", show=False, id="toggle_sidebar"),
        Binding(
            "less_than_sign", "resize_sidebar(-4)", "Narrower sidebar", show=False, id="sidebar_narrower"
        ),
        Binding("greater_than_sign", "resize_sidebar(4)", "Wider sidebar", show=False, id="sidebar_wider"),
        Binding("alt+left,ctrl+o", "back", "Back (article or passage)", show=False, id="back"),
        Binding("alt+right", "forward", "Forward", show=False, id="forward"),
        Binding("w", "open_url", "Open the article's web page", show=False, id="open_url"),
        *SEARCH_BINDINGS,
        *CORRECTION_BINDINGS,
    ]

    DEFAULT_CSS = """
    MainScreen #status-bar {
        height: 1;
        background: $panel;
    }
    MainScreen #status {
        width: 1fr;
    }
    MainScreen #progress {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's, without its repaint of the whole screen on every focus change (every tab switch):
    the widgets focused and blurred are restyled and repainted by their own focus styles."""

    def __init__(
        self,
        context: Context,
        resume_gc_after_first_screen: bool = False,
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.keymap: Mapping[str, str] = keymap or {}
        """The keymap in force (for the keys named in status lines)."""
        self.library: Library | None = None
        self.indexer = Indexer(context)
        self.index_done = False
        self.current: Article | None = None
        self.resume_gc_after_first_screen = resume_gc_after_first_screen
        self._saved_position: tuple[str, int] | None = None
        self._first_paint = threading.Event()
        self._indexed_views: WeakKeyDictionary[Widget, Library] = WeakKeyDictionary()
        self._early_views: WeakSet[Widget] = WeakSet()
        self._next_poll = 0.0
        self._full_scan_seconds = 0.0
        self._watched: tuple[Library, FolderStamps] | None = None
        """The library a scan gave and its folders' stamps taken before it (what a look compares)."""
        self._unsaved: Library | None = None
        """A list a look at the folders changed, its snapshot not written yet."""
        self._open_when_listed: str | None = None
        self.stories: dict[str, str] = {}
        self.history = History()
        self._restore: tuple[str, str | None] | None = None  # (article id, tab) to reopen on start
        self._restored = False
        self._sidebar_auto_hidden = False
        self._narrowed: NarrowViews | None = None
        self._hold_over = False
        self._hold_timer: Timer | None = None
        self._held_mount = False
        self._held_index: Library | None = None
        self._scan_may_start = threading.Event()
        """Set once start-up work may go on: the folder's scan waits for it (see `_release_held`)."""

    def compose(self) -> ComposeResult:
        store = self.context.store
        yield Header(show_clock=False, icon="◆")
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield Static("Articles", id="sidebar-title")
                yield SavedSearchList(id="saved-searches")
                yield ArticleList(id="articles")
                yield Static("", id="problems-notice")
            with MainTabs(id="tabs", initial="tab-article"):
                with TabPane("Article", id="tab-article"):
                    yield ArticleReader(store, id="reader")  # the search bar is mounted on first use
                # Hidden tabs are mounted after the first paint, so start-up does not wait for them.
                with TabPane("Chronology", id="tab-chronology"):
                    yield Deferred(_chronology_view)
                with TabPane("Who's who", id="tab-who"):
                    yield Deferred(_who_view)
                with TabPane("Notes", id="tab-notes"):
                    yield Deferred(lambda: _notes_view(self.context))
                with TabPane("Relations", id="tab-relations"):
                    yield Deferred(lambda: _relations_view(self.context))
        with Horizontal(id="status-bar"):
            yield Static("Loading articles…", id="status")
            yield Static("", id="progress")
        yield KeysFooter()

    # start-up

    def on_mount(self) -> None:
        self.query_one("#problems-notice").display = False
        self.query_one(SavedSearchList).display = False
        self.query_one(ArticleList).focus()
        self._apply_settings()
        self._restore = self._session_to_restore()
        # The cached list is read here, not in the worker, so the first paint already shows it
        # (a worker's result would arrive after an empty first paint and need a second one).
        # Only the top of a long list is read now; the worker reads the rest after the first paint.
        meta_cache = self.context.open_meta_cache()
        head = cached_library_head(meta_cache, self.context.articles_dir)
        if head is None:
            self.load_articles(meta_cache, None)
        else:
            library, total = head
            complete = len(library.articles) >= total
            self.library_loaded(LibraryLoaded(library, partial=not complete))
            # Starting a thread takes the GIL from the first paint for a while: start it after.
            self.call_after_refresh(self.load_articles, meta_cache, library if complete else None, True)
        self.set_interval(POSITION_SAVE_SECONDS, self.save_position)
        self.set_interval(CHANGE_POLL_SECONDS, self._poll_library)

    @work(thread=True, exclusive=True, group="library", description="load_articles")
    def load_articles(
        self, meta_cache: MetaCache, snapshot: Library | None, shown_cached: bool = False
    ) -> None:
        """Scan the folder for changes since the cached list and show the result.

        `snapshot` is the cached list when the first screen showed all of it; `shown_cached` says
        the first screen showed (the top of) a cached list, so the scan waits for it to be painted.
        """
        root = self.context.articles_dir
        try:
            if shown_cached:
                # Let the first screen paint before the scan and the index compete with it, and a tab
                # asked for at once read what the last session stored.
                self._first_paint.wait(FIRST_PAINT_WAIT_SECONDS)
                self._scan_may_start.wait(FIRST_MOUNT_DELAY_SECONDS + HOLD_FOR_ASKED_TAB_SECONDS)
                if snapshot is None:
                    snapshot = cached_library(meta_cache, root)
                    if snapshot is not None:
                        self.post_message(LibraryLoaded(snapshot))
            for problem in self.context.knowledge.problems:
                self.app.call_from_thread(
                    self.notify, problem, title="Knowledge file", severity="warning", timeout=15
                )

            def progress(count: int) -> None:
                self.post_message(IndexProgress(count, 0))

            def partial(library: Library) -> None:
                self.post_message(LibraryLoaded(library, partial=True))

            stamps = folder_stamps(root)
            worker = get_current_worker()  # closing the app cancels it: the scan stops between files
            library = scan_library(
                root,
                meta_cache,
                progress,
                partial if snapshot is None else None,
                previous=snapshot,
                cancelled=lambda: worker.is_cancelled,
            )
            if worker.is_cancelled:  # the app is closing: what was read is not a library to show
                return
            self._watched = (library, stamps)
        finally:
            meta_cache.close()
        if snapshot is None or library != snapshot:  # the snapshot, once posted, is being indexed
            self.post_message(LibraryLoaded(library))

    def on_unmount(self) -> None:
        self._scan_may_start.set()  # a scan still waiting for start-up ends with the screen

    def _first_screen_painted(self) -> None:
        self._first_paint.set()
        mark_ready("first-screen")
        if self.resume_gc_after_first_screen:
            import gc

            gc.freeze()  # what start-up built lives as long as the app: never scan it again
            gc.enable()
        self.set_timer(FIRST_MOUNT_DELAY_SECONDS, self._after_first_screen)

    def _after_first_screen(self) -> None:
        self._start_next_deferred()
        self._release_held()

    def _start_next_deferred(self) -> None:
        """Mount the next hidden tab's view (each one's Ready starts the one after); held while a tab
        asked for at start-up waits for its view."""
        if self._hold_for_asked_tab():
            self._held_mount = True
            return
        waiting = [deferred for deferred in self.query(Deferred) if not deferred.started]
        if waiting:
            waiting[0].start()

    def _asked_tab_waiting(self) -> bool:
        """At start-up, the active tab (not the article) is still mounting its view, or the view has
        not shown what the last session stored yet."""
        if self._hold_over or self.index_done:
            return False
        tabs = self.query_one(MainTabs)
        if not tabs.active or tabs.active == "tab-article":
            return False
        pane = tabs.get_pane(tabs.active)
        return bool(pane.query(Deferred)) or any(not view.settled for view in pane.query(IndexView))

    def _hold_for_asked_tab(self) -> bool:
        """Whether start-up work is to wait for the asked tab (it is released by `_release_held`)."""
        if not self._asked_tab_waiting():
            return False
        if self._hold_timer is None:
            self._hold_timer = self.set_timer(HOLD_FOR_ASKED_TAB_SECONDS, self._end_hold)
        return True

    def _end_hold(self) -> None:
        self._hold_over = True
        self._release_held()

    @on(IndexView.Settled)
    def _release_held(self) -> None:
        """Run what waited for the first screen and the asked tab, once it has settled (or waited
        long enough)."""
        if not self._first_paint.is_set() or (self._asked_tab_waiting() and not self._hold_over):
            return
        self._scan_may_start.set()
        if self._hold_timer is not None:
            self._hold_timer.stop()
        library, self._held_index = self._held_index, None
        if library is not None:
            self.index_library(library)
        if self._held_mount:
            self._held_mount = False
            self._start_next_deferred()

    @on(LibraryLoaded)
    def library_loaded(self, message: LibraryLoaded) -> None:
        library = message.library
        first_time = self.library is None
        self.library = library
        article_list = self.query_one(ArticleList)
        article_list.set_articles(library.articles, self._read_ids())
        self._update_sidebar_title()
        self._show_problems_notice(library)
        if first_time:
            self.call_after_refresh(self._first_screen_painted)
        self._reopen_last_article(library, message.partial)
        if not self.index_done:
            self._deliver_index()  # what the last session stored, until this library is indexed
        if message.partial:
            return  # the scan goes on; its progress is in the status line
        self.set_status(f"{len(library.articles)} articles")
        if not self._first_paint.is_set() or self._hold_for_asked_tab():
            # After the first screen, and after the view of a tab asked for has read (the index
            # loop would compete with both).
            self._held_index = library
        else:
            self.index_library(library)
        self._follow_changes(library)

    def _follow_changes(self, library: Library) -> None:
        """Open an article just added once it is listed; read the open article again if its file changed."""
        waiting = self._open_when_listed
        if waiting is not None and library.by_id(waiting) is not None:
            self._open_when_listed = None
            self.query_one(ArticleList).select_id(waiting)
            self.open_article(waiting)
            self.query_one(ArticleReader).focus()
            return
        current = self.current
        if current is None:
            return
        meta = library.by_id(current.id)
        if meta is None:
            self.set_status(f"The file of the open article is gone: {current.meta.path}")
        elif _shown_fields(meta) != _shown_fields(current.meta):
            self.open_article(current.id, reload=True)

    # the folder while the app runs

    def _poll_library(self) -> None:
        """Look at the folder again (in a thread) unless a scan is under way: its folders' times, and
        from time to time a stat of each file."""
        if self.library is None:
            return
        # During a feed refresh the folder is looked at once, at its end: not after every item,
        # which would re-index and rebuild the tabs again and again for a big library.
        busy = ("library", "rescan", "feeds")
        if any(worker.group in busy and worker.is_running for worker in self.workers):
            return
        self.rescan_library(full=time.monotonic() >= self._next_poll)

    @work(thread=True, exclusive=True, group="rescan", exit_on_error=False, description="rescan_library")
    def rescan_library(self, full: bool = True) -> None:
        """Scan for files added, changed or removed since the list shown; show the list if it changed.

        Not `full`, only the folders whose time moved are listed again (a file edited in place is
        left to the next full scan)."""
        root = self.context.articles_dir
        meta_cache = self.context.open_meta_cache()
        try:
            watched = self._watched
            changes = None if full or watched is None else scan_changes(root, meta_cache, *watched)
            if changes is not None:
                self._watched = (changes.library, changes.stamps)
                if changes.changed:
                    self.post_message(LibraryLoaded(changes.library))
                    self._unsaved = changes.library
                    # Not while the change is indexed and read by the tabs (seconds at 100,000 files).
                    after = time.monotonic() + POLL_SECONDS + 2 * self._full_scan_seconds
                    self._next_poll = max(self._next_poll, after)
                else:
                    self._save_when_quiet(meta_cache)
                return
            previous = self.library
            started = time.monotonic()
            stamps = folder_stamps(root)
            library = scan_library(root, meta_cache, previous=previous)
            self._watched = (library, stamps)
            self._unsaved = None if library != previous else self._unsaved
            self._save_when_quiet(meta_cache)
        finally:
            meta_cache.close()
        elapsed = self._full_scan_seconds = time.monotonic() - started
        self._next_poll = time.monotonic() + max(POLL_SECONDS, POLL_COST_FACTOR * elapsed)
        if library != previous:
            self.post_message(LibraryLoaded(library))

    def _save_when_quiet(self, meta_cache: MetaCache) -> None:
        """The snapshot of a list changed by a look at the folders (the next start's list), written
        once the index is done and the tabs have read it: at 100,000 articles it is seconds of the
        cores the tabs would wait for."""
        unsaved = self._unsaved
        indexing = any(worker.group == "index" and worker.is_running for worker in self.workers)
        if unsaved is not None and not indexing and not self._working_in(TAB_READ_GROUPS):
            meta_cache.save_snapshot(unsaved.root, unsaved.articles, unsaved.problems)
            self._unsaved = None

    # stories

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False, description="build_stories")
    def build_stories(self, library: Library) -> None:
        """Group the reports of one event (from the cached analyses; in a process for a big library)."""
        from dipreader.core.story_groups import StoriesBuilder, story_cache_path

        known = frozenset(person.name for person in self.context.knowledge.people)
        index = LibraryIndex(library, CachedAnalyses(self.context.analysis_cache), known)
        stories = index.build(StoriesBuilder(story_cache_path(self.context), self.context.extraction_salt))
        self.post_message(StoriesReady(library, stories))

    def _working_in(self, groups: AbstractSet[str]) -> bool:
        """Whether a worker of these groups is waiting to start or running."""
        waiting = (WorkerState.PENDING, WorkerState.RUNNING)
        return any(worker.group in groups and worker.state in waiting for worker in self.workers)

    def _build_stories_after_tabs(self, library: Library, since: float, seen: bool = False) -> None:
        """The stories of this library (still the one shown), once no tab is reading the index and
        no earlier build's process is still at work (one at a time: a cancelled build's process
        runs on to its end, and two would take both cores from the tabs)."""
        if library is not self.library:
            return  # a newer list: its own index completion builds them
        reading = self._working_in(TAB_READ_GROUPS)
        building = self._working_in({"stories"})
        elapsed = time.monotonic() - since
        # The tabs start their reads from their own queues: until one is seen, wait a little for it.
        early = not seen and elapsed < STORIES_FIRST_LOOK_SECONDS
        if building or ((reading or early) and elapsed < STORIES_WAIT_SECONDS):
            self.set_timer(
                STORIES_LOOK_SECONDS, lambda: self._build_stories_after_tabs(library, since, seen or reading)
            )
            return
        self.build_stories(library)

    @on(StoriesReady)
    def stories_ready(self, message: StoriesReady) -> None:
        if message.library is not self.library:
            return
        self.stories = message.stories
        self.query_one(ArticleList).set_stories(message.stories)
        self._update_sidebar_title()
        grouped = len(message.library.articles) - len(set(message.stories.values()))
        if grouped:
            self.set_status(
                f"{len(message.library.articles)} articles; reports of one story grouped (→ unfolds)"
            )

    def _read_ids(self) -> set[str]:
        store = self.context.store
        try:
            return store.read_ids() if store else set()
        except StoreError as error:
            self.notify(str(error), severity="error")
            return set()

    def _show_problems_notice(self, library: Library) -> None:
        notice = self.query_one("#problems-notice", Static)
        notice.display = bool(library.problems)
        if not library.problems:
            return
        count = len(library.problems)
        if not library.articles and count == 1 and not library.problems[0].id:
            notice.update(f"⚠ Articles folder not found: {library.root} (use --articles DIR)")
        else:
            notice.update(f"⚠ {count} file(s) could not be read — press ! to see why")

    @work(thread=True, exclusive=True, group="index", description="index_library")
    def index_library(self, library: Library) -> None:
        """Analyse every article (from the cache where possible), posting results in batches."""
        worker = get_current_worker()
        for batch in self.indexer.run(library, lambda: worker.is_cancelled):
            self.post_message(AnalysisReady(batch.indexed))
            self.post_message(IndexProgress(batch.done, batch.total, batch.rate))
            if batch.complete:
                self.post_message(IndexComplete(batch.total))

    @on(AnalysisReady)
    def analysis_ready(self, message: AnalysisReady) -> None:
        for analysis in message.analyses:
            self.indexer.remember(analysis)
        current = self.current
        reader = self.query_one(ArticleReader)
        if current is not None and reader.entities is None:
            found = self.indexer.analysis_of(current.meta)
            if found is not None:
                reader.set_entities(found.entities)

    @on(IndexProgress)
    def index_progress(self, message: IndexProgress) -> None:
        if message.total == 0:
            self.set_status(f"Reading the articles folder… {message.done} files")
        elif message.done < message.total:
            rate = f" ({message.rate:,.0f} a minute)" if message.rate is not None else ""
            self.set_status(f"Indexing officials, sectors and dates… {message.done}/{message.total}{rate}")

    @on(IndexComplete)
    def index_complete(self, message: IndexComplete) -> None:
        self.set_status(f"{message.total} articles indexed")
        self.index_done = True
        mark_ready("index-complete")
        self._deliver_index()
        if self.library is not None:
            # After the tabs' reads just started (`_deliver_index` queues them the same way): the
            # stories' rebuild, a process sent the whole library, would take the cores from them.
            self.call_after_refresh(self._build_stories_after_tabs, self.library, time.monotonic())
        self.refresh_saved_searches()

    @on(Deferred.Ready)
    def _deferred_ready(self) -> None:
        self._start_next_deferred()
        self._deliver_index()
        if self._narrowed is not None:  # a view mounted after a pair was chosen shows that pair too
            for view in self.query(IndexView):
                view.narrow_to(self._narrowed.article_ids, self._narrowed.label)

    def _deliver_index(self) -> None:
        """Give the index to every index view (late-mounted views get it when they arrive); before
        the first index completes, the persisted one as the last session left it, to views that show it."""
        library = self.library
        if library is None:
            return
        known = frozenset(person.name for person in self.context.knowledge.people)
        cached = CachedAnalyses(self.context.analysis_cache)
        index = LibraryIndex(library, cached, known, complete=self.index_done)
        for view in self.query(IndexView):
            if not view.is_mounted:
                continue  # still composing: its Deferred.Ready delivers the index again
            if not self.index_done:
                if view.shows_stored_index and view not in self._early_views:
                    self._early_views.add(view)
                    view.call_after_refresh(view.show_index, index)
            elif self._indexed_views.get(view) is not library:
                self._indexed_views[view] = library
                view.call_after_refresh(view.show_index, index)

    def redeliver_index(self, kinds: tuple[type[IndexView], ...]) -> None:
        """Give the views of these kinds the index again: the analyses they are built from changed."""
        for view in self.query(IndexView):
            if isinstance(view, kinds):
                self._indexed_views.pop(view, None)
        self._deliver_index()

    # routing

    @on(OpenPassage)
    def open_passage(self, message: OpenPassage) -> None:
        self.open_article(message.article_id, (message.start, message.end))
        self.query_one(ArticleList).select_id(message.article_id)
        self.query_one(ArticleReader).focus()

    @on(ShowPerson)
    def show_person(self, message: ShowPerson) -> None:
        self.action_show_tab("tab-who")
        from dipreader.ui.widgets.who.view import WhoView

        self.query_one(WhoView).select_name(message.name)

    @on(NarrowSidebar)
    def narrow_sidebar(self, message: NarrowSidebar) -> None:
        article_list = self.query_one(ArticleList)
        article_list.set_only(message.article_ids, message.label)
        self._update_sidebar_title()
        if message.article_ids is None:
            self.set_status("Sidebar shows every article again")
        else:
            self.set_status(f"Sidebar narrowed to {len(message.article_ids)} article(s)")

    @on(NarrowViews)
    def narrow_views(self, message: NarrowViews) -> None:
        self._narrowed = message if message.article_ids is not None else None
        for view in self.query(IndexView):
            view.narrow_to(message.article_ids, message.label)
        self.query_one(ArticleList).set_only(message.article_ids, message.label)
        self._update_sidebar_title()
        if message.article_ids is None:
            self.set_status("Sidebar, chronology and who's who show everything again")
        else:
            self.set_status(
                f"Sidebar, chronology and who's who narrowed to {message.label} "
                f"({len(message.article_ids)} article(s)); n again widens them"
            )

    @on(Status)
    def status_posted(self, message: Status) -> None:
        self.set_status(message.text)

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    # sidebar and reading

    def _update_sidebar_title(self) -> None:
        article_list = self.query_one(ArticleList)
        label = "Unread" if article_list.unread_only else "Articles"
        if article_list.only_label:
            label = f"{label} · {article_list.only_label}"
        self.query_one("#sidebar-title", Static).update(f"{label} ({article_list.article_count})")

    @on(VirtualList.Selected, "#articles")
    def article_chosen(self, message: VirtualList.Selected) -> None:
        meta = self.query_one(ArticleList).shown[message.index]
        self.open_article(meta.id)
        self.query_one(ArticleReader).focus()
        if self.size.width < NARROW_COLUMNS:
            self._hide_sidebar_for_room()

    def _hide_sidebar_for_room(self) -> None:
        sidebar = self.query_one("#sidebar")
        if sidebar.display:
            sidebar.display = False
            self._sidebar_auto_hidden = True
            self.set_status(f"Sidebar hidden for room: {self._sidebar_key()} shows it")

    def _sidebar_key(self) -> str:
        from dipreader.ui.keys import keys_for, own_bindings

        return keys_for("toggle_sidebar", own_bindings(MainScreen), self.keymap)

    def on_resize(self) -> None:
        sidebar = self.query_one("#sidebar")
        if self.size.width < NARROW_COLUMNS:
            if self.current is not None and not self.query_one(ArticleList).has_focus:
                self._hide_sidebar_for_room()
        elif self._sidebar_auto_hidden:
            self._sidebar_auto_hidden = False
            sidebar.display = True

    def open_article(
        self,
        article_id: str,
        passage: tuple[int, int] | None = None,
        reload: bool = False,
        *,
        at: int | None = None,
        from_history: bool = False,
    ) -> None:
        """Read an article (a big file in a worker), then show it (see `article_opened`): at a
        passage (flashed), at a body offset `at`, or where it was last read."""
        library = self.library
        meta = library.by_id(article_id) if library is not None else None
        if library is None or meta is None:
            self.notify(f"No article {article_id!r}", severity="error")
            return
        for group in ("open", "analyse-open"):  # leave a big article still being read or analysed
            self.workers.cancel_group(self, group)
        if meta.size > READ_IN_WORKER_BYTES:
            self.load_article(library, article_id, passage, reload, at, from_history)
            return
        # A file this small reads faster than a thread starts.
        loaded = library.load(article_id)
        if isinstance(loaded, Problem):
            self.notify(f"{article_id}: {loaded.reason}", severity="error", timeout=10)
            return
        self.post_message(ArticleOpened(loaded, passage, reload, at=at, from_history=from_history))
        if not self.indexer.is_current(loaded.meta):
            self.analyse_article(loaded)

    @work(thread=True, exclusive=True, group="open", description="load_article")
    def load_article(
        self,
        library: Library,
        article_id: str,
        passage: tuple[int, int] | None,
        reload: bool = False,
        at: int | None = None,
        from_history: bool = False,
    ) -> None:
        worker = get_current_worker()
        loaded = library.load(article_id)
        if isinstance(loaded, Problem):
            self.app.call_from_thread(
                self.notify, f"{article_id}: {loaded.reason}", severity="error", timeout=10
            )
            return
        if worker.is_cancelled:  # another article was opened meanwhile
            return
        self.post_message(ArticleOpened(loaded, passage, reload, at=at, from_history=from_history))
        if not self.indexer.is_current(loaded.meta):
            self._post_analysis(loaded, lambda: worker.is_cancelled)

    @work(thread=True, exclusive=True, group="analyse-open", description="analyse_article")
    def analyse_article(self, article: Article) -> None:
        """Extract the officials and sectors of the article just opened (not in the index yet)."""
        worker = get_current_worker()
        self._post_analysis(article, lambda: worker.is_cancelled)

    def _post_analysis(self, article: Article, cancelled: Callable[[], bool]) -> None:
        # A big article is analysed in a child process, stopped when another article is opened.
        analysis = self.indexer.analyse_now(article, cancelled)
        if analysis is not None:
            self.post_message(AnalysisReady([], [analysis]))

    @on(ArticleOpened)
    async def article_opened(self, message: ArticleOpened) -> None:
        """Show the article, mark it read, and restore the reading position (or go to a passage)."""
        article, passage = message.article, message.passage
        self.save_position()
        if not message.reload:
            self.query_one(TabbedContent).active = "tab-article"
        reader = self.query_one(ArticleReader)
        if self.current is not None and not (message.from_history or message.reload):
            self.history.visit(Place(self.current.id, reader.current_offset()))
        analysis = self.indexer.analysis_of(article.meta)
        if passage:
            position = None
        elif message.at is not None:
            position = message.at
        else:
            position = self._stored_position(article.id)
        self.current = article
        self.set_status("")
        await reader.show_article(article, analysis.entities if analysis else None, position)
        self._saved_position = (article.id, position or 0)
        self._mark_read(article.id, True)
        self.sub_title = article.title
        self.app.sub_title = article.title
        if passage is not None:
            self.call_after_refresh(reader.flash, *passage)
        self.show_search_matches(article)
        self.post_message(ArticleShown(article))
        self._save_session(SESSION_ARTICLE, article.id)
        self.call_after_refresh(self._update_progress)
        shown = f"article-shown {article.id} highlights={'yes' if analysis else 'no'}"
        self.call_after_refresh(mark_ready, shown)

    def _stored_position(self, article_id: str) -> int | None:
        store = self.context.store
        if store is None:
            return None
        try:
            return store.position(article_id)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return None

    def save_position(self) -> None:
        """Persist the reading position of the open article if it moved."""
        readers = self.query(ArticleReader)
        store = self.context.store
        if self.current is None or store is None or not readers:
            return
        offset = readers.first().current_offset()
        if self._saved_position == (self.current.id, offset):
            return
        try:
            store.set_position(self.current.id, offset)
            self._saved_position = (self.current.id, offset)
        except StoreError as error:
            self.set_status(f"Position not saved: {error}")

    def _mark_read(self, article_id: str, read: bool) -> None:
        store = self.context.store
        if store is not None:
            try:
                store.set_read(article_id, read)
            except StoreError as error:
                self.notify(f"Read state not saved: {error}", severity="error")
        self.query_one(ArticleList).set_read(article_id, read)
        self._update_sidebar_title()

    # actions

    def action_toggle_read(self) -> None:
        article_list = self.query_one(ArticleList)
        if self.focused is article_list or self.current is None:
            meta = article_list.highlighted
            article_id = meta.id if meta else None
        else:
            article_id = self.current.id
        if article_id is None:
            return
        read = not article_list.is_read(article_id)
        self._mark_read(article_id, read)
        self.set_status(f"Marked {'read' if read else 'unread'}: {article_id}")

    async def action_search_article(self) -> None:
        if self.current is None:
            self.set_status("Open an article first, then / searches it")
            return
        self.query_one(TabbedContent).active = "tab-article"
        bars = self.query(SearchBar)
        if bars:
            bar = bars.first()
        else:
            bar = SearchBar(id="reader-search")
            await self.query_one("#tab-article", TabPane).mount(bar)
        bar.open()

    @on(SearchBar.Search)
    def search_submitted(self, message: SearchBar.Search) -> None:
        reader = self.query_one(ArticleReader)
        count = reader.set_search(message.query)
        reader.focus()
        if not message.query.strip():
            self.set_status("Search cleared")
        elif count == 0:
            self.set_status(f"No match for “{message.query.strip()}”")

    @on(ArticleReader.SearchMoved)
    def search_moved(self, message: ArticleReader.SearchMoved) -> None:
        reader = message.reader
        if reader.search_index is not None:
            self.set_status(
                f"Match {reader.search_index + 1} of {len(reader.search_matches)} for "
                f"“{reader.search_query}” — n next, N previous, / new search"
            )

    def action_add_article(self) -> None:
        """Paste an article's text or a web address, check what was found, save it into the library."""
        from dipreader import paths

        if paths.is_bundled(self.context.articles_dir):
            self.notify(
                "The bundled samples are never written to: start with --articles DIR", severity="error"
            )
            return
        from dipreader.ui.screens.add_article import AddArticleScreen

        self.app.push_screen(AddArticleScreen(self.context.articles_dir), self._article_added)

    def _article_added(self, result: IntakeResult | None) -> None:
        if result is None or result.id is None:
            return
        if result.status == "duplicate":
            self.notify(f"Already in the library: {result.reason}", timeout=8)
        else:
            self.set_status(f"Added: {result.title}")
        library = self.library
        if library is not None and library.by_id(result.id) is not None:
            self.query_one(ArticleList).select_id(result.id)
            self.open_article(result.id)
            return
        self._open_when_listed = result.id
        self.rescan_library()

    def action_refresh_feeds(self) -> None:
        """Read every feed in a worker; new items arrive in the library and the list."""
        from dipreader import paths

        if paths.is_bundled(self.context.articles_dir):
            self.notify(
                "The bundled samples are never written to: start with --articles DIR", severity="error"
            )
            return
        if any(worker.group == "feeds" and worker.is_running for worker in self.workers):
            self.set_status("The feeds are being refreshed already")
            return
        self.set_status("Refreshing the feeds…")
        self.refresh_feeds()

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False, description="refresh_feeds")
    def refresh_feeds(self) -> None:
        from dipreader.sources.feeds import FeedListError, FetchProgress, feeds_path, fetch_feeds, load_feeds

        feeds = feeds_path(self.context.data_dir)

        def progress(step: FetchProgress) -> None:
            self.post_message(Status(f"Refreshing the feeds… {step.done}/{step.total} {step.message}"))

        try:
            if not load_feeds(feeds):
                self.post_message(Status("No feeds yet: add one with  dipreader feeds add URL"))
                return
            summary = fetch_feeds(feeds, self.context.articles_dir, progress=progress)
        except FeedListError as error:
            self.post_message(Status(f"Feeds not refreshed: {error}"))
            return
        self.post_message(Status(f"Feeds refreshed: {summary.line()}"))
        if summary.failures:
            lines = "\n".join(failure.line() for failure in summary.failures[:5])
            more = len(summary.failures) - 5
            extra = f"\n… and {more} more" if more > 0 else ""
            self.app.call_from_thread(
                self.notify, lines + extra, title="Feeds that failed", severity="warning", timeout=15
            )
        self._next_poll = 0.0  # the next look at the folder, in at most CHANGE_POLL_SECONDS, lists them

    def action_edit_metadata(self) -> None:
        """Edit the open article's title, date, source and tags (its front matter; the text stays)."""
        current = self.current
        library = self.library
        meta = library.by_id(current.id) if current is not None and library is not None else None
        if meta is None:
            self.set_status("Open an article first, then E edits its title, date, source and tags")
            return
        from dipreader.sources.files import is_html_file

        if is_html_file(meta.path):
            self.notify(
                "A saved web page keeps its details in the page; add it with A to edit them", timeout=8
            )
            return
        from dipreader.ui.screens.edit_metadata import EditMetadataScreen

        def saved(done: bool | None) -> None:
            if done:
                self.set_status(f"Saved the details of {meta.id}")
                self.rescan_library()

        self.app.push_screen(EditMetadataScreen(meta), saved)

    def action_toggle_unread_only(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.set_unread_only(not article_list.unread_only)
        self._update_sidebar_title()

    def action_toggle_officials(self) -> None:
        reader = self.query_one(ArticleReader)
        reader.toggle(officials=not reader.show_officials)
        self.set_status(f"Officials {'shown' if reader.show_officials else 'hidden'}")

    def action_toggle_sectors(self) -> None:
        reader = self.query_one(ArticleReader)
        reader.toggle(sectors=not reader.show_sectors)
        self.set_status(f"Sectors {'shown' if reader.show_sectors else 'hidden'}")

    def action_show_tab(self, tab_id: str) -> None:
        tabs = self.query_one(MainTabs)
        tabs.active = tab_id
        tabs.focus_pane()

    async def on_click(self, event: Click) -> None:
        if event.widget is not None and event.widget.id == "problems-notice":
            await self.run_action("app.show_problems")

    def theme_changed(self) -> None:
        """Entity colours come from the theme: redraw the reader in the new one."""
        self.query_one(ArticleReader).theme_changed()

    # settings, session, history

    def _apply_settings(self) -> None:
        settings = self.context.settings
        sidebar = self.query_one("#sidebar")
        sidebar.display = settings.show_sidebar
        if settings.sidebar_width is not None:
            sidebar.styles.width = settings.sidebar_width
        reader = self.query_one(ArticleReader)
        if settings.reader_width is not None:
            reader.set_reading_width(settings.reader_width)
        reader.date_format = settings.date_format
        self.query_one(ArticleList).date_format = settings.date_format
        self.watch(reader, "scroll_y", self._update_progress, init=False)
        self.watch(reader, "virtual_size", self._update_progress, init=False)  # re-wrapped

    def _session_to_restore(self) -> tuple[str, str | None] | None:
        store = self.context.store
        if store is None or not self.context.settings.restore_session:
            return None
        try:
            article_id = store.session_value(SESSION_ARTICLE)
            tab = store.session_value(SESSION_TAB)
        except StoreError:
            return None
        return (article_id, tab) if article_id else None

    def _reopen_last_article(self, library: Library, partial: bool) -> None:
        """On start, the article (at its position) and the tab of the last session, once listed."""
        if self._restore is None or self._restored:
            return
        article_id, tab = self._restore
        if library.by_id(article_id) is None:
            self._restored = not partial  # a partial list may still bring it
            return
        self._restored = True
        self.query_one(ArticleList).select_id(article_id)
        self.open_article(article_id)
        self.query_one(ArticleReader).focus()
        if tab and tab != "tab-article" and _TAB_ID.fullmatch(tab) and self.query(f"#tabs #{tab}"):
            self.call_after_refresh(self._show_tab_after_open, article_id, tab)

    def _show_tab_after_open(self, article_id: str, tab: str) -> None:
        if self.current is not None and self.current.id == article_id:
            self.action_show_tab(tab)
        else:
            self.call_after_refresh(self._show_tab_after_open, article_id, tab)

    def _save_session(self, key: str, value: str) -> None:
        store = self.context.store
        if store is None:
            return
        try:
            store.set_session_value(key, value)
        except StoreError as error:
            self.set_status(f"Session not saved: {error}")

    @on(TabbedContent.TabActivated, "#tabs")
    def tab_activated(self, message: TabbedContent.TabActivated) -> None:
        pane_id = message.pane.id
        self.call_after_refresh(mark_ready, f"tab-shown {pane_id}")
        self._release_held()  # a tab that needs nothing more is shown: start-up goes on
        self._update_progress()
        if pane_id and self._restored_or_nothing_to_restore():
            self._save_session(SESSION_TAB, pane_id)

    def _restored_or_nothing_to_restore(self) -> bool:
        return self._restore is None or self._restored

    def _update_progress(self) -> None:
        """The reader's place in the status line, while the Article tab is the one shown."""
        on_article = self.query_one(TabbedContent).active in ("", "tab-article")
        reader = self.query_one(ArticleReader)
        percent = reader.progress_percent() if on_article and self.current is not None else None
        self.query_one("#progress", Static).update("" if percent is None else f"{percent}%")

    def _here(self) -> Place | None:
        if self.current is None:
            return None
        return Place(self.current.id, self.query_one(ArticleReader).current_offset())

    def action_back(self) -> None:
        place = self.history.back(self._here())
        if place is None:
            self.set_status("Nothing to go back to")
            return
        self.open_article(place.article_id, at=place.offset, from_history=True)

    def action_forward(self) -> None:
        place = self.history.forward(self._here())
        if place is None:
            self.set_status("Nothing to go forward to")
            return
        self.open_article(place.article_id, at=place.offset, from_history=True)

    def action_open_url(self) -> None:
        url = self.current.meta.url if self.current is not None else None
        if not url:
            self.set_status("This article has no web address" if self.current else "Open an article first")
            return
        self.app.open_url(url)
        self.set_status(f"Opening {url}")

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one("#sidebar")
        sidebar.display = not sidebar.display
        self._sidebar_auto_hidden = False
        article_list = self.query_one(ArticleList)
        if sidebar.display:
            article_list.focus()
        elif self.focused is article_list:
            self.query_one(ArticleReader).focus()
        self.set_status(
            "Sidebar shown" if sidebar.display else f"Sidebar hidden: {self._sidebar_key()} shows it"
        )

    def action_resize_sidebar(self, delta: int) -> None:
        sidebar = self.query_one("#sidebar")
        if not sidebar.display:
            sidebar.display = True
        low, high = SIDEBAR_WIDTH_RANGE
        width = max(low, min(high, sidebar.outer_size.width + delta, max(low, self.size.width - 30)))
        sidebar.styles.width = width
        sidebar.styles.max_width = None
        self.set_status(f"Sidebar {width} columns")


def _shown_fields(meta: ArticleMeta) -> tuple[object, ...]:
    """What the reader shows of an article's metadata, and the text's hash."""
    return (
        meta.title,
        meta.date,
        meta.date_basis,
        meta.source,
        meta.author,
        meta.place,
        meta.url,
        meta.tags,
        meta.content_hash,
    )


def _chronology_view() -> Widget:
    from dipreader.ui.widgets.chronology.view import ChronologyView

    return ChronologyView(id="chronology", classes="index-view")


def _who_view() -> Widget:
    from dipreader.ui.widgets.who.view import WhoView

    return WhoView(id="who", classes="index-view")


def _notes_view(context: Context) -> Widget:
    from dipreader.ui.widgets.notes.view import NotesView

    return NotesView(context.store, id="notes", classes="index-view")


def _relations_view(context: Context) -> Widget:
    from dipreader.ui.widgets.relations.view import RelationsView

    return RelationsView(context.store, id="relations", classes="index-view")
