"""The index: every article analysed once per content, in batches any front end can drive."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from time import perf_counter
from typing import TYPE_CHECKING

from dipreader.core.context import Context
from dipreader.core.library import Library, library_changes
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article, ArticleMeta

if TYPE_CHECKING:
    from dipreader.core.pool import AnalysedFile
    from dipreader.core.search import SearchFeed

INDEX_BATCH = 200
RECENT_ANALYSES = 8
RATE_AFTER = 20
"""Articles analysed before the index says how fast it goes."""
PROGRESS_SECONDS = 0.2
"""How often, at most, progress alone (no article newly indexed) is told."""


@dataclass(frozen=True)
class IndexBatch:
    """Articles just indexed (id, content hash), how far the index has got, and how fast it analyses."""

    indexed: list[tuple[str, str]]
    done: int
    total: int
    analysed: int = 0
    """Articles analysed so far by this run (not found in the cache)."""
    seconds: float = 0.0
    """Since this run began analysing."""

    @property
    def complete(self) -> bool:
        return self.done >= self.total

    @property
    def rate(self) -> float | None:
        """Articles analysed a minute so far (None before a few were: too early to say)."""
        if self.analysed < RATE_AFTER or self.seconds <= 0:
            return None
        return self.analysed * 60 / self.seconds


@dataclass(frozen=True)
class _Fresh:
    """One article analysed by this run: its analysis as the pool gave it, stored yet or not."""

    meta: ArticleMeta
    analysed: AnalysedFile
    stored: bool


@dataclass
class Indexer:
    """Which articles' analyses are in the cache for their current content, and a few at hand.

    The analyses themselves stay in the on-disk cache; only ids and hashes are held here.
    """

    context: Context
    indexed: dict[str, bytes] = field(default_factory=dict)
    """Article id -> content hash of its cached analysis, as the digest's bytes (65 bytes an object
    instead of the hex text's 113)."""
    feed_search: bool = True
    """Whether each batch also goes to the search index (by content hash: unchanged ones are skipped)."""
    _recent: OrderedDict[str, ArticleAnalysis] = field(default_factory=OrderedDict)
    _feed: SearchFeed | None = None
    _search_pruned: bool = False
    """The search index was pruned to a library whole once: from then on, only the articles each
    run finds removed are forgotten there."""
    _removed: list[str] = field(default_factory=list)
    _seen: tuple[ArticleMeta, ...] | None = None
    """The records of the last run that went through the whole library: those of them still in the
    next library, as the same objects, are current (but for `_unsettled`) without a look each."""
    _unsettled: set[str] = field(default_factory=set)
    """Of `_seen`, the articles that run could not analyse: looked at again each run."""

    def run(self, library: Library, cancelled: Callable[[], bool] = lambda: False) -> Iterator[IndexBatch]:
        """Analyse every article not yet cached (in worker processes when there are many), yielding
        batches as they finish; the last batch is `complete`. Stops early when `cancelled()`.

        What the workers found is written to the cache a batch at a time (one transaction), before
        the batch is yielded; the search index is fed the bodies the workers read."""
        cache = self.context.analysis_cache
        total = len(library.articles)
        looked_at, removed = self._since_seen(library)
        # An article removed is forgotten: put back later, it goes to the search index again.
        for article_id in removed:
            del self.indexed[article_id]
        if self.feed_search:
            self._removed.extend(removed)
        last_yield = perf_counter()
        done = total - len(looked_at)
        unsettled: set[str] = set()
        completed = False
        analysed = 0
        started = 0.0
        batch: list[tuple[str, str]] = []
        fresh: list[_Fresh] = []
        # Places in `looked_at`, not records: a library kept encoded decodes a record when it is
        # read, and 100,000 records decoded at once were most of a cold index's memory.
        pending_at: list[int] = []
        if self.feed_search:
            from dipreader.core.search import SearchFeed

            self._feed = SearchFeed(self.context.search_index, library, self.context.salt)

        def counted(entry: tuple[str, str] | None) -> IndexBatch | None:
            nonlocal batch, done, last_yield, completed
            done += 1
            if entry is not None:
                batch.append(entry)
            # Progress alone (articles already current) is told a few times a second, not every
            # INDEX_BATCH articles: a library indexed already is looked through without a message each.
            progress = done % INDEX_BATCH == 0 and (batch or perf_counter() - last_yield >= PROGRESS_SECONDS)
            if len(batch) >= INDEX_BATCH or progress or done == total:
                ready, batch = batch, []
                last_yield = perf_counter()
                if done == total:
                    completed = True
                    self._saw(library, unsettled)
                return IndexBatch(ready, done, total, analysed, perf_counter() - started)
            return None

        for place, meta in enumerate(looked_at):
            if cancelled():
                return
            if self.is_current(meta):
                ready = counted(None)
            elif cache.contains(meta):
                ready = counted((meta.id, meta.content_hash))
            else:
                pending_at.append(place)
                continue
            if ready is not None:
                self._record(ready)
                yield ready
        started = perf_counter()

        def pending() -> Iterator[ArticleMeta]:
            return (looked_at[place] for place in pending_at)

        analysed_files = self._analyse(library, pending(), len(pending_at), cancelled)
        for meta, (found, stored) in zip(pending(), analysed_files, strict=False):
            if cancelled():
                self._store(fresh)  # what was analysed is kept
                return
            current = found is not None and found.content_hash == meta.content_hash
            if not current:
                unsettled.add(meta.id)
            if found is not None:
                fresh.append(_Fresh(meta, found, stored))
                analysed += 1
            ready = counted((meta.id, meta.content_hash) if current else None)
            if ready is not None:
                self._store(fresh)
                self._record(ready, fresh)
                fresh = []
                yield ready
        if total == 0 or batch or fresh or not completed:
            self._store(fresh)
            final = IndexBatch(batch, total, total, analysed, perf_counter() - started)
            self._record(final, fresh)
            # Those the analysis never came back for (a pool that broke) are looked at again too.
            self._saw(library, unsettled | {meta.id for meta in pending() if not self.is_current(meta)})
            yield final

    def _since_seen(self, library: Library) -> tuple[Sequence[ArticleMeta], list[str]]:
        """The records to look at (those not current for sure) and the indexed ids the library lost."""
        seen = self._seen
        if seen is None or not isinstance(library.articles, tuple):
            removed = [article_id for article_id in self.indexed if library.by_id(article_id) is None]
            return library.articles, removed
        changes = library_changes(seen, library)
        unsettled = self._unsettled
        looked_at = list(changes.changed)
        if unsettled:
            changed = {id(meta) for meta in looked_at}
            again = (meta for meta in library.articles if meta.id in unsettled and id(meta) not in changed)
            looked_at.extend(again)
        removed = [key for key in changes.removed if key in self.indexed]
        return looked_at, removed

    def _saw(self, library: Library, unsettled: set[str]) -> None:
        """A run went through the whole library (see `_seen`)."""
        if isinstance(library.articles, tuple):
            self._seen, self._unsettled = library.articles, unsettled
        else:
            self._seen, self._unsettled = None, set()

    def _store(self, fresh: list[_Fresh]) -> None:
        """The analyses the workers found, into the cache in one transaction."""
        unstored = [item for item in fresh if not item.stored]
        if unstored:
            self.context.analysis_cache.put_encoded(
                (item.meta, item.analysed.content_hash, item.analysed.encoded) for item in unstored
            )

    def _record(self, batch: IndexBatch, fresh: Sequence[_Fresh] = ()) -> None:
        self.indexed.update((article_id, _digest(hash_)) for article_id, hash_ in batch.indexed)
        feed = self._feed
        if feed is None:
            return
        current = {
            item.meta.id: item for item in fresh if item.analysed.content_hash == item.meta.content_hash
        }
        bodies = {article_id: item.analysed.body for article_id, item in current.items()}

        def analysis_of(meta: ArticleMeta) -> ArticleAnalysis | None:
            item = current.get(meta.id)
            if item is not None and item.meta.content_hash == meta.content_hash:
                searched = self._searched(item)
                if searched is not None:
                    return searched
            return self.analysis_of(meta)

        feed.feed((article_id for article_id, _hash in batch.indexed), analysis_of, bodies)
        if batch.complete:
            from dipreader.core.search import sync_notes

            feed.finish(self._removed if self._search_pruned else None)
            self._search_pruned, self._removed = True, []
            sync_notes(self.context.search_index, self.context.store)
            self._feed = None

    def _searched(self, item: _Fresh) -> ArticleAnalysis | None:
        """What the search index reads of an analysis a worker just sent (its officials, corrected,
        and its sectors), decoded from the worker's bytes without its events and without reading
        the cache again; None when the worker sent no bytes."""
        from dipreader.cache.analysis_codec import CodecError, decode_entities
        from dipreader.model.corrections import correct_analysis

        encoded = item.analysed.encoded
        if not isinstance(encoded, bytes):
            return None
        try:
            article_id, entities = decode_entities(encoded)
        except CodecError:
            return None
        found = ArticleAnalysis(article_id, item.analysed.content_hash, entities, events=(), unresolved=())
        return correct_analysis(found, self.context.analysis_cache.corrections)

    def _analyse(
        self, library: Library, pending: Iterable[ArticleMeta], count: int, cancelled: Callable[[], bool]
    ) -> Iterator[tuple[AnalysedFile | None, bool]]:
        """Each of the `count` pending articles' analysis, and whether it is in the cache already."""
        from dipreader.core.pool import AnalysedFile, analyse_in_processes, pool_size

        workers = pool_size(count)
        if workers:
            user_file = self.context.user_knowledge_file
            found = analyse_in_processes(
                pending,  # the scan's metadata: the workers need not parse the front matter again
                library.root,
                user_file if user_file.exists() else None,
                workers,
            )
            yield from ((analysed, False) for analysed in found)
            return
        for meta in pending:
            article = library.load(meta.id)
            analysis = self._analysis(article, cancelled) if isinstance(article, Article) else None
            if analysis is None or not isinstance(article, Article):
                yield None, True
            else:
                yield AnalysedFile(analysis.content_hash, analysis, article.body), True

    def is_current(self, meta: ArticleMeta) -> bool:
        return self.indexed.get(meta.id) == _digest(meta.content_hash)

    def analyse_now(
        self, article: Article, cancelled: Callable[[], bool] = lambda: False
    ) -> ArticleAnalysis | None:
        """The analysis of an article just opened, computed if it is not cached (any thread); None
        when `cancelled()` stopped the child process that analyses a big one."""
        analysis = self._analysis(article, cancelled)
        if analysis is None:
            return None
        self.indexed[article.id] = _digest(analysis.content_hash)
        self.remember(analysis)
        return analysis

    def _analysis(self, article: Article, cancelled: Callable[[], bool]) -> ArticleAnalysis | None:
        """The cached analysis, or one computed here, or for a big article in a child process."""
        from dipreader.core.analyse_apart import analyse_apart, is_big
        from dipreader.model.corrections import correct_analysis

        cache = self.context.analysis_cache
        if not is_big(article):
            return cache.get(article)
        cached = cache.lookup(article.meta)
        if cached is not None:
            return cached
        user_file = self.context.user_knowledge_file
        analysis = analyse_apart(article, user_file if user_file.exists() else None, cancelled)
        if analysis is None:
            return None
        cache.put(article.meta, analysis)  # as extraction found it; read back with the corrections
        return correct_analysis(analysis, cache.corrections)

    def analysis_of(self, meta: ArticleMeta) -> ArticleAnalysis | None:
        """The analysis of this article's current content, from the last few or the disk cache."""
        analysis = self._recent.get(meta.id)
        if analysis is None and self.is_current(meta):
            analysis = self.context.analysis_cache.lookup(meta)
            if analysis is not None:
                self.remember(analysis)
        if analysis is None or analysis.content_hash != meta.content_hash:
            return None
        return analysis

    def knowledge_changed(self) -> None:
        """The corrections changed: the analyses at hand are read again from the cache, corrected."""
        self._recent.clear()

    def remember(self, analysis: ArticleAnalysis) -> None:
        self._recent[analysis.article_id] = analysis
        self._recent.move_to_end(analysis.article_id)
        while len(self._recent) > RECENT_ANALYSES:
            self._recent.popitem(last=False)


def _digest(content_hash: str) -> bytes:
    """A content hash as `Indexer.indexed` holds it: the bytes of the hex digest (any other text,
    which no hash is, as its UTF-8 bytes, so it still compares unequal to every digest)."""
    try:
        return bytes.fromhex(content_hash)
    except ValueError:
        return content_hash.encode()
