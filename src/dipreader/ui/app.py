"""The dipreader Textual app: sidebar of articles, tabs (article, ...), status line and footer."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakKeyDictionary

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from dipreader import paths
from dipreader.cache.metadata import MetaCache
from dipreader.core.library import Library, cached_library, cached_library_head, scan_library
from dipreader.model.article import Article, ArticleMeta, OfficialMention, Problem
from dipreader.store import Store, StoreError
from dipreader.ui.bench_hook import mark_ready
from dipreader.ui.commands import ArticleCommands, PeopleCommands, ViewCommands
from dipreader.ui.messages import (
    AnalysisReady,
    ArticleOpened,
    ArticleShown,
    CorpusLoaded,
    IndexComplete,
    IndexProgress,
    NarrowSidebar,
    OpenPassage,
    ShowPerson,
)
from dipreader.ui.widgets.common.deferred import Deferred
from dipreader.ui.widgets.common.virtual_list import VirtualList
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.reader.search_bar import SearchBar
from dipreader.ui.widgets.reader.selection import ReaderSelectionMixin
from dipreader.ui.widgets.sidebar.article_list import ArticleList

if TYPE_CHECKING:
    from dipreader.cache.analysis import AnalysisCache
    from dipreader.model.analysis import ArticleAnalysis
    from dipreader.model.knowledge import Knowledge

POSITION_SAVE_SECONDS = 1.0
FIRST_PAINT_WAIT_SECONDS = 1.0
INDEX_BATCH = 200
RECENT_ANALYSES = 8
READ_IN_WORKER_BYTES = 512 * 1024
"""Article files above this size are read in a worker; smaller ones at once."""


def chronology_view() -> Widget:
    from dipreader.ui.widgets.chronology.view import ChronologyView

    return ChronologyView(id="chronology", classes="index-view")


def who_view() -> Widget:
    from dipreader.ui.widgets.who.view import WhoView

    return WhoView(id="who", classes="index-view")


def notes_view() -> Widget:
    from dipreader.ui.widgets.notes.view import NotesView

    return NotesView(id="notes", classes="index-view")


class DipReaderApp(App[int]):
    """Read diplomatic news: pick an article on the left, read it on the right."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ArticleCommands, PeopleCommands, ViewCommands}
    TITLE = "dipreader"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("m", "toggle_read", "Read/unread"),
        Binding("u", "toggle_unread_only", "Unread only"),
        Binding("o", "toggle_officials", "Officials", show=False),
        Binding("s", "toggle_sectors", "Sectors", show=False),
        Binding("1", "show_tab('tab-article')", "Article", show=False),
        Binding("2", "show_tab('tab-chronology')", "Chronology", show=False),
        Binding("3", "show_tab('tab-who')", "Who's who", show=False),
        Binding("4", "show_tab('tab-notes')", "Notes", show=False),
        Binding("exclamation_mark", "show_problems", "Problem files", show=False),
        Binding("slash", "search_article", "Search the article", show=False),
        Binding("tab", "app.focus_next", "Next pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False),
    ]

    def __init__(self, articles_dir: Path, data_dir: Path, config_dir: Path | None = None) -> None:
        super().__init__()
        self.articles_dir = articles_dir
        self.data_dir = data_dir
        self.config_dir = config_dir or paths.config_dir()
        self.corpus: Library | None = None
        self.store: Store | None = None
        self.knowledge: Knowledge | None = None
        self.cache: AnalysisCache | None = None
        self.indexed: dict[str, str] = {}
        """Article id -> content hash of its analysis in the on-disk cache (never all in memory)."""
        self._recent: OrderedDict[str, ArticleAnalysis] = OrderedDict()  # the last few opened
        self.current: Article | None = None
        self.startup_messages: list[str] = []
        self._saved_position: tuple[str, int] | None = None
        self.index_done = False
        self.resume_gc_after_first_screen = False
        """Set by the command line, which turns the garbage collector off for start-up."""
        self._first_paint = threading.Event()
        self._indexed_views: WeakKeyDictionary[Widget, Library] = WeakKeyDictionary()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield Static("Articles", id="sidebar-title")
                yield ArticleList(id="articles")
                yield Static("", id="problems-notice")
            with TabbedContent(id="tabs", initial="tab-article"):
                with TabPane("Article", id="tab-article"):
                    yield ArticleReader(id="reader")  # the search bar is mounted on first use
                # Hidden tabs are mounted after the first paint, so start-up does not wait for them.
                with TabPane("Chronology", id="tab-chronology"):
                    yield Deferred(chronology_view)
                with TabPane("Who's who", id="tab-who"):
                    yield Deferred(who_view)
                with TabPane("Notes", id="tab-notes"):
                    yield Deferred(notes_view)
        yield Static("Loading articles…", id="status")
        yield Footer()

    # start-up

    def on_mount(self) -> None:
        self.query_one("#problems-notice").display = False
        self._open_store()
        self.query_one(ArticleList).focus()
        # The cached list is read here, not in the worker, so the first paint already shows it
        # (a worker's result would arrive after an empty first paint and need a second one).
        # Only the top of a long list is read now; the worker reads the rest after the first paint.
        meta_cache = MetaCache(paths.cache_dir(self.data_dir) / "metadata.sqlite3")
        head = cached_library_head(meta_cache, self.articles_dir)
        if head is None:
            self.load_articles(meta_cache, None)
        else:
            library, total = head
            complete = len(library.articles) >= total
            self.corpus_loaded(CorpusLoaded(library, partial=not complete))
            # Starting a thread takes the GIL from the first paint for a while: start it after.
            self.call_after_refresh(self.load_articles, meta_cache, library if complete else None, True)
        self.set_interval(POSITION_SAVE_SECONDS, self.save_position)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        """Entity colours come from the theme: redraw the reader in the new one."""
        self.query_one(ArticleReader).theme_changed()

    def _open_store(self) -> None:
        try:
            self.store = Store.open(paths.store_path(self.data_dir))
        except StoreError as error:
            self.store = None
            message = f"Reading state cannot be saved: {error}"
            self.startup_messages.append(message)
            self.notify(message, severity="error", timeout=15)
            return
        for warning in self.store.warnings:
            self.startup_messages.append(warning)
            self.notify(warning, title="State file", severity="warning", timeout=15)

    @work(thread=True, exclusive=True, group="corpus")
    def load_articles(
        self, meta_cache: MetaCache, snapshot: Library | None, shown_cached: bool = False
    ) -> None:
        """Scan the folder for changes since the cached list and show the result.

        `snapshot` is the cached list when the first screen showed all of it; `shown_cached` says
        the first screen showed (the top of) a cached list, so the scan waits for it to be painted.
        """
        try:
            if shown_cached:
                # Let the first screen paint before the scan and the index compete with it.
                self._first_paint.wait(FIRST_PAINT_WAIT_SECONDS)
                if snapshot is None:
                    snapshot = cached_library(meta_cache, self.articles_dir)
                    if snapshot is not None:
                        self.post_message(CorpusLoaded(snapshot))
            self._prepare_analysis()

            def progress(count: int) -> None:
                self.post_message(IndexProgress(count, 0))

            def partial(library: Library) -> None:
                self.post_message(CorpusLoaded(library, partial=True))

            library = scan_library(
                self.articles_dir,
                meta_cache,
                progress,
                partial if snapshot is None else None,
                previous=snapshot,
            )
        finally:
            meta_cache.close()
        if snapshot is None or library != snapshot or not self.index_done:
            self.post_message(CorpusLoaded(library))

    def _first_screen_painted(self) -> None:
        self._first_paint.set()
        mark_ready("first-screen")
        if self.resume_gc_after_first_screen:
            import gc

            gc.freeze()  # what start-up built lives as long as the app: never scan it again
            gc.enable()
        self._start_next_deferred()

    def _start_next_deferred(self) -> None:
        """Mount the next hidden tab's view (each one's Ready starts the one after)."""
        waiting = [deferred for deferred in self.query(Deferred) if not deferred.started]
        if waiting:
            waiting[0].start()

    def _prepare_analysis(self) -> None:
        from dipreader.cache.analysis import AnalysisCache
        from dipreader.model.knowledge import load_knowledge

        user_knowledge = paths.user_knowledge_path(self.config_dir)
        knowledge = load_knowledge(user_knowledge if user_knowledge.exists() else None)
        salt = ""
        if user_knowledge.exists():
            import hashlib

            salt = hashlib.sha256(user_knowledge.read_bytes()).hexdigest()
        cache_file = paths.cache_dir(self.data_dir) / "analysis.sqlite3"
        self.knowledge = knowledge
        self.cache = AnalysisCache(cache_file, knowledge, salt)
        for problem in knowledge.problems:
            self.call_from_thread(
                self.notify, problem, title="Knowledge file", severity="warning", timeout=15
            )

    @on(CorpusLoaded)
    def corpus_loaded(self, message: CorpusLoaded) -> None:
        corpus = message.corpus
        first_time = self.corpus is None
        self.corpus = corpus
        read = self.store.read_ids() if self.store else set()
        article_list = self.query_one(ArticleList)
        article_list.set_articles(corpus.articles, read)
        self._update_sidebar_title()
        notice = self.query_one("#problems-notice", Static)
        notice.display = bool(corpus.problems)
        if corpus.problems:
            count = len(corpus.problems)
            if not corpus.articles and count == 1 and not corpus.problems[0].id:
                notice.update(f"⚠ Articles folder not found: {corpus.root} (use --articles DIR)")
            else:
                notice.update(f"⚠ {count} file(s) could not be read — press ! to see why")
        if first_time:
            self.call_after_refresh(self._first_screen_painted)
        if message.partial:
            return  # the scan goes on; its progress is in the status line
        self.set_status(f"{len(corpus.articles)} articles")
        if self.cache is not None:
            self.index_corpus(corpus)

    @work(thread=True, exclusive=True, group="index")
    def index_corpus(self, library: Library) -> None:
        """Analyse every article (from the cache where possible), posting results in batches.

        Cached analyses come first; the rest are computed in worker processes when there are
        many of them, else here.
        """
        worker = get_current_worker()
        cache = self.cache
        if cache is None:
            return
        total = len(library.articles)
        done = 0
        batch: list[tuple[str, str]] = []

        def collect(indexed: tuple[str, str] | None) -> None:
            nonlocal batch, done
            done += 1
            if indexed is not None:
                batch.append(indexed)
            if len(batch) >= INDEX_BATCH or done % INDEX_BATCH == 0 or done == total:
                self.post_message(AnalysisReady(batch))
                self.post_message(IndexProgress(done, total))
                batch = []

        pending: list[ArticleMeta] = []
        for meta in library.articles:
            if worker.is_cancelled:
                return
            if self.indexed.get(meta.id) == meta.content_hash:
                collect(None)
            elif cache.contains(meta):
                collect((meta.id, meta.content_hash))
            else:
                pending.append(meta)
        for meta, analysis in zip(pending, self._analyse_pending(library, pending), strict=False):
            if worker.is_cancelled:
                return
            if analysis is not None:
                cache.put(meta, analysis)
            collect((meta.id, meta.content_hash) if analysis is not None else None)
        if batch:
            self.post_message(AnalysisReady(batch))
        self.post_message(IndexComplete(total))

    def _analyse_pending(
        self, library: Library, pending: list[ArticleMeta]
    ) -> Iterator[ArticleAnalysis | None]:
        from dipreader.core.pool import analyse_in_processes, pool_size

        workers = pool_size(len(pending))
        if workers:
            user_file = paths.user_knowledge_path(self.config_dir)
            yield from analyse_in_processes(
                [meta.path for meta in pending],
                library.root,
                user_file if user_file.exists() else None,
                workers,
            )
            return
        for meta in pending:
            article = library.load(meta.id)
            yield self.cache.get(article) if self.cache and isinstance(article, Article) else None

    @on(AnalysisReady)
    def analysis_ready(self, message: AnalysisReady) -> None:
        self.indexed.update(message.indexed)
        for analysis in message.analyses:
            self.indexed[analysis.article_id] = analysis.content_hash
            self._remember(analysis)
        current = self.current
        reader = self.query_one(ArticleReader)
        if current is not None and reader.entities is None and current.id in self.indexed:
            found = self.analysis_of(current.meta)
            if found is not None:
                reader.set_entities(found.entities)

    def analysis_of(self, meta: ArticleMeta) -> ArticleAnalysis | None:
        """The analysis of this article's current content, from the last few or the disk cache."""
        analysis = self._recent.get(meta.id)
        if analysis is None and self.cache is not None:
            analysis = self.cache.lookup(meta)
            if analysis is not None:
                self._remember(analysis)
        if analysis is None or analysis.content_hash != meta.content_hash:
            return None
        return analysis

    def _remember(self, analysis: ArticleAnalysis) -> None:
        self._recent[analysis.article_id] = analysis
        self._recent.move_to_end(analysis.article_id)
        while len(self._recent) > RECENT_ANALYSES:
            self._recent.popitem(last=False)

    def lookup_analysis(self, article_id: str) -> ArticleAnalysis | None:
        """For the index views' builders (any thread): one article's analysis, read from disk."""
        corpus, cache = self.corpus, self.cache
        meta = corpus.by_id(article_id) if corpus is not None else None
        if meta is None or cache is None or self.indexed.get(article_id) != meta.content_hash:
            return None
        return cache.lookup(meta)

    @on(IndexProgress)
    def index_progress(self, message: IndexProgress) -> None:
        if message.total == 0:
            self.set_status(f"Reading the articles folder… {message.done} files")
        elif message.done < message.total:
            self.set_status(f"Indexing officials, sectors and dates… {message.done}/{message.total}")

    @on(IndexComplete)
    def index_complete(self, message: IndexComplete) -> None:
        self.set_status(f"{message.total} articles indexed")
        self.index_done = True
        mark_ready("index-complete")
        self._deliver_index()

    @on(Deferred.Ready)
    def _deferred_ready(self) -> None:
        self._start_next_deferred()

    @on(Deferred.Ready)
    def _deliver_index(self) -> None:
        """Give the index to every index view (late-mounted views get it when they arrive)."""
        if self.corpus is None or not self.index_done or self.cache is None:
            return
        from dipreader.core.builds import CachedAnalyses

        for view in self.query(".index-view"):
            show_index = getattr(view, "show_index", None)
            if show_index is not None and self._indexed_views.get(view) is not self.corpus:
                self._indexed_views[view] = self.corpus
                view.call_after_refresh(show_index, self.corpus, CachedAnalyses(self.cache))

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

    # sidebar and reading

    def _update_sidebar_title(self) -> None:
        article_list = self.query_one(ArticleList)
        total = len(article_list.shown)
        label = "Articles"
        if article_list.unread_only:
            label = "Unread"
        if article_list.only_label:
            label = f"{label} · {article_list.only_label}"
        self.query_one("#sidebar-title", Static).update(f"{label} ({total})")

    @on(VirtualList.Selected, "#articles")
    def article_chosen(self, message: VirtualList.Selected) -> None:
        meta = self.query_one(ArticleList).shown[message.index]
        self.open_article(meta.id)
        self.query_one(ArticleReader).focus()

    def open_article(self, article_id: str, passage: tuple[int, int] | None = None) -> None:
        """Read an article (a big file in a worker), then show it (see `article_opened`)."""
        meta = self.corpus.by_id(article_id) if self.corpus is not None else None
        if self.corpus is None or meta is None:
            self.notify(f"No article {article_id!r}", severity="error")
            return
        if meta.size > READ_IN_WORKER_BYTES:
            self.load_article(self.corpus, article_id, passage)
            return
        # A file this small reads faster than a thread starts.
        loaded = self.corpus.load(article_id)
        if isinstance(loaded, Problem):
            self.notify(f"{article_id}: {loaded.reason}", severity="error", timeout=10)
            return
        self.post_message(ArticleOpened(loaded, passage))
        if self._needs_analysis(loaded):
            self.analyse_article(loaded)

    @work(thread=True, exclusive=True, group="open")
    def load_article(self, library: Library, article_id: str, passage: tuple[int, int] | None) -> None:
        loaded = library.load(article_id)
        if isinstance(loaded, Problem):
            self.call_from_thread(self.notify, f"{article_id}: {loaded.reason}", severity="error", timeout=10)
            return
        self.post_message(ArticleOpened(loaded, passage))
        if self._needs_analysis(loaded) and self.cache:
            self.post_message(AnalysisReady([], [self.cache.get(loaded)]))

    def _needs_analysis(self, article: Article) -> bool:
        return self.indexed.get(article.id) != article.meta.content_hash

    @work(thread=True, exclusive=True, group="analyse-open")
    def analyse_article(self, article: Article) -> None:
        """Extract the officials and sectors of the article just opened (not in the index yet)."""
        if self.cache:
            self.post_message(AnalysisReady([], [self.cache.get(article)]))

    @on(ArticleOpened)
    async def article_opened(self, message: ArticleOpened) -> None:
        """Show the article, mark it read, and restore the reading position (or go to a passage)."""
        article, passage = message.article, message.passage
        self.save_position()
        self.query_one(TabbedContent).active = "tab-article"
        reader = self.query_one(ArticleReader)
        analysis = self.analysis_of(article.meta) if article.id in self.indexed else None
        position = None if passage else self._stored_position(article.id)
        self.current = article
        await reader.show_article(article, analysis.entities if analysis else None, position)
        self._saved_position = (article.id, position or 0)
        self._mark_read(article.id, True)
        self.sub_title = article.title
        if passage is not None:
            self.call_after_refresh(reader.flash, *passage)
        self.post_message(ArticleShown(article))
        shown = f"article-shown {article.id} highlights={'yes' if analysis else 'no'}"
        self.call_after_refresh(mark_ready, shown)

    def _stored_position(self, article_id: str) -> int | None:
        if self.store is None:
            return None
        try:
            return self.store.position(article_id)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return None

    def save_position(self) -> None:
        """Persist the reading position of the open article if it moved."""
        readers = self.query(ArticleReader)
        if self.current is None or self.store is None or not readers:
            return
        offset = readers.first().current_offset()
        if self._saved_position == (self.current.id, offset):
            return
        try:
            self.store.set_position(self.current.id, offset)
            self._saved_position = (self.current.id, offset)
        except StoreError as error:
            self.set_status(f"Position not saved: {error}")

    def _mark_read(self, article_id: str, read: bool) -> None:
        if self.store is not None:
            try:
                self.store.set_read(article_id, read)
            except StoreError as error:
                self.notify(f"Read state not saved: {error}", severity="error")
        self.query_one(ArticleList).set_read(article_id, read)
        self._update_sidebar_title()

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    @on(ArticleReader.EntityFocused)
    def entity_focused(self, message: ArticleReader.EntityFocused) -> None:
        mention = message.mention
        if mention is None:
            self.set_status("")
        elif isinstance(mention, OfficialMention):
            details = [mention.role or "role not stated", mention.country or "country unknown"]
            alias = f" (written “{mention.surface}”)" if mention.surface != mention.name else ""
            self.set_status(f"Official: {mention.name}{alias} — {' · '.join(details)}")
        else:
            self.set_status(f"Sector: {mention.sector} — “{mention.surface}”")

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
        tabs = self.query_one(TabbedContent)
        tabs.active = tab_id
        pane = tabs.get_pane(tab_id)
        for deferred in pane.query(Deferred):
            deferred.start(focus=True)
        focusable = [widget for widget in pane.query("*") if widget.focusable]
        if focusable:
            focusable[0].focus()

    def action_help(self) -> None:
        from dipreader.ui.widgets.chronology.view import ChronologyList, ChronologyView
        from dipreader.ui.widgets.notes.view import NotesView
        from dipreader.ui.widgets.who.person_detail import PersonDetail
        from dipreader.ui.widgets.who.view import WhoView

        sections = [
            ("App", self.BINDINGS),
            ("Sidebar and lists", VirtualList.BINDINGS),
            ("Reader", ArticleReader.BINDINGS),
            ("Reading cursor and notes", ReaderSelectionMixin.BINDINGS),
            ("Chronology", [*ChronologyList.BINDINGS, *ChronologyView.BINDINGS]),
            ("Who's who", [*WhoView.BINDINGS, *PersonDetail.BINDINGS]),
            ("Notes tab", NotesView.BINDINGS),
        ]
        from dipreader.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(sections))

    def action_show_problems(self) -> None:
        problems = self.corpus.problems if self.corpus else ()
        if not problems and not self.startup_messages:
            self.notify("Every article file loaded.")
            return
        from dipreader.ui.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(problems, self.startup_messages))

    def on_click(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        if widget is not None and widget.id == "problems-notice":
            self.action_show_problems()

    async def action_quit(self) -> None:
        self.save_position()
        self.exit(0)

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()
        if self.cache is not None:
            self.cache.close()
