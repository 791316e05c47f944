"""The search index kept in step with the library and the store, and asked the same way by both front ends."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from dipreader.cache.search_index import Hit, IndexedArticle, IndexedNote, SearchIndex
from dipreader.core.library import Library
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.anchoring import Annotation
from dipreader.model.article import ArticleMeta
from dipreader.model.knowledge import Knowledge
from dipreader.model.query import Query, SavedSearch
from dipreader.model.query_match import Vocabulary
from dipreader.store import Store

AnalysisOf = Callable[[ArticleMeta], ArticleAnalysis | None]
NOTES_PAGE = 2000
"""Notes read from the store and written to the index at a time (one transaction of the index)."""
SALT_CHARS = 16
"""How much of the knowledge salt goes into an indexed article's hash: new knowledge re-indexes facts."""


def index_hash(meta: ArticleMeta, salt: str) -> str:
    """The hash an article is indexed under: its content and the knowledge its facts were found with."""
    return f"{meta.content_hash}:{salt[:SALT_CHARS]}"


def indexed_article(
    meta: ArticleMeta, body: str, analysis: ArticleAnalysis | None, salt: str
) -> IndexedArticle:
    """What the index keeps of one article: its text, and the canonical persons, sectors and countries
    its analysis found (none when it has not been analysed)."""
    officials = analysis.entities.officials if analysis is not None else ()
    sectors = analysis.entities.sectors if analysis is not None else ()
    return IndexedArticle(
        article_id=meta.id,
        content_hash=index_hash(meta, salt),
        title=meta.title,
        body=body,
        date=meta.date,
        source=meta.source,
        persons=tuple(dict.fromkeys(mention.name for mention in officials)),
        sectors=tuple(dict.fromkeys(mention.sector for mention in sectors)),
        countries=tuple(dict.fromkeys(mention.country for mention in officials if mention.country)),
        tags=meta.tags,
    )


def indexed_note(annotation: Annotation) -> IndexedNote:
    return IndexedNote(
        note_id=annotation.id,
        article_id=annotation.article_id,
        text=annotation.note,
        tags=annotation.tags,
        quote=annotation.exact,
        start=None if annotation.orphan else annotation.start,
        end=None if annotation.orphan else annotation.end,
    )


def vocabulary(knowledge: Knowledge) -> Vocabulary:
    """`person:` values as the index stores them: a known person's every spelling (alias, listed
    misspelling, surname alone) stands for the canonical name the analysis gave the article."""

    def person(value: str) -> str:
        known = knowledge.person_named(value) or knowledge.person_with_surname(value)
        return known.name if known is not None else value

    def sector(value: str) -> str:
        folded = value.casefold()
        for known in knowledge.sectors:
            if folded in (known.key.casefold(), known.label.casefold()):
                return known.key
        return value

    return Vocabulary(person=person, sector=sector)


@dataclass
class SearchFeed:
    """Feeds a library's articles to the index: only those whose content or knowledge changed."""

    index: SearchIndex
    library: Library
    salt: str

    def stale(self, article_ids: Iterable[str]) -> list[ArticleMeta]:
        metas = [meta for meta in map(self.library.by_id, article_ids) if meta is not None]
        stored = self.index.stored_hashes_of([meta.id for meta in metas])
        return [meta for meta in metas if stored.get(meta.id) != index_hash(meta, self.salt)]

    def feed(
        self, article_ids: Iterable[str], analysis_of: AnalysisOf, bodies: Mapping[str, str] | None = None
    ) -> int:
        """Index these articles where stale (bodies from `bodies`, by article id, or read now); returns
        how many were written."""
        stale = self.stale(article_ids)
        return self.index.update(self._records(stale, analysis_of, bodies or {})) if stale else 0

    def _records(
        self, metas: list[ArticleMeta], analysis_of: AnalysisOf, bodies: Mapping[str, str]
    ) -> Iterator[IndexedArticle]:
        for meta in metas:
            body = bodies.get(meta.id)
            if body is None:
                body = self.library.load_body(meta.id)
            if body is not None:
                yield indexed_article(meta, body, analysis_of(meta), self.salt)

    def finish(self, removed: Collection[str] | None = None) -> int:
        """Forget the articles no longer in the library (only `removed`, when the caller knows the
        index holds no other); returns how many left."""
        if removed is not None:
            return self.index.remove(removed)
        return self.index.prune({meta.id for meta in self.library.articles})


def sync_notes(index: SearchIndex, store: Store | None) -> int:
    """Index the store's notes as they are now (changed ones rewritten, deleted ones forgotten);
    returns how many were written.

    Incremental: the index keeps the store's revision it last followed, and reads only the notes
    written and the ids deleted since, a page at a time. A store it has not followed (new, replaced,
    salvaged) or an index that lost its mark is read whole, also a page at a time.
    """
    if store is None:
        return 0
    # A second caller (a search while start-up indexes a million notes) waits, then finds them done.
    with index.notes_sync:
        return _sync_notes(index, store)


def _sync_notes(index: SearchIndex, store: Store) -> int:
    identity, revision = store.annotation_revision()
    mark = index.notes_mark()
    if mark is not None and mark[0] == identity and mark[1] == revision:
        return 0
    followed = mark is not None and mark[0] == identity and mark[1] < revision
    since = mark[1] if followed and mark is not None else -1
    held_notes = bool(index.note_keys(0, 1)[0])
    if followed:
        _forget_deleted(index, store, since)
    written = _write_changed(index, store, since)
    if not followed and held_notes:
        _forget_missing(index, store)
    index.set_notes_mark(identity, revision)
    return written


def _write_changed(index: SearchIndex, store: Store, since: int) -> int:
    written, after = 0, (since, 0)
    while True:
        page, after = store.annotations_changed(since, after, NOTES_PAGE)
        if not page:
            return written
        written += index.update_notes(indexed_note(annotation) for annotation in page)


def _forget_deleted(index: SearchIndex, store: Store, since: int) -> None:
    after = 0
    while True:
        gone, after = store.annotations_deleted(since, after)
        if not gone:
            return
        index.remove_notes(gone)


def _forget_missing(index: SearchIndex, store: Store) -> None:
    """Drop the indexed notes the store no longer has, a page of ids at a time."""
    after = 0
    while True:
        keys, after = index.note_keys(after)
        if not keys:
            return
        kept = store.existing_annotations(keys)
        index.remove_notes(key for key in keys if key not in kept)


def search(
    index: SearchIndex,
    query: str | Query,
    knowledge: Knowledge,
    read: Collection[str],
    limit: int = 50,
) -> list[Hit]:
    """The best hits for a query (QueryError when it cannot be parsed)."""
    return index.search(query, limit, vocabulary=vocabulary(knowledge), read=read)


def matching_ids(
    index: SearchIndex, query: str | Query, knowledge: Knowledge, read: Collection[str]
) -> list[str]:
    """Every article the query matches, newest first (the sidebar's limit)."""
    return index.article_ids(query, vocabulary=vocabulary(knowledge), read=read)


def unread_count(index: SearchIndex, saved: SavedSearch, knowledge: Knowledge, read: Collection[str]) -> int:
    """How many unread articles a saved search matches (0 when its query no longer parses)."""
    from dipreader.model.query import Flag, QueryError, parse

    try:
        query = parse(saved.query).also(Flag("unread"))
    except QueryError:
        return 0
    return index.count(query, vocabulary=vocabulary(knowledge), read=read)
