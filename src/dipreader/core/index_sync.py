"""The persisted index brought in step with a library: the articles added, changed or removed are
written again, the dates and names they touch merged again; nothing else is read."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from dipreader.cache.analysis import ANALYSIS_VERSION
from dipreader.cache.chronology_store import ChronologyStore
from dipreader.cache.index_db import INDEX_VERSION, open_index_db, read_meta, write_meta
from dipreader.cache.metadata import collector_paused
from dipreader.cache.people_store import PeopleStore
from dipreader.cache.relations_store import RelationsStore
from dipreader.core.library import Library, LibraryChanges
from dipreader.core.people_index import merge_people, write_article_names
from dipreader.core.relations_index import merge_pairs, write_article_pairs
from dipreader.core.timeline_index import merge_dirty, transaction, write_article
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta

INDEX_FILE = "index.sqlite3"
WRITE_BATCH = 200
"""Articles written per transaction."""

AnalysisLookup = Callable[[str], ArticleAnalysis | None]
Item = TypeVar("Item")


def article_fingerprint(meta: ArticleMeta, salt: str) -> str:
    """Changes when anything the index keeps of an article may change: its content, the knowledge
    and extraction it was analysed with, its title, date or path."""
    date = meta.date.iso() if meta.date else ""
    parts = (
        str(INDEX_VERSION),
        ANALYSIS_VERSION,
        salt,
        meta.content_hash,
        meta.id,
        meta.title,
        date,
        meta.path,
    )
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


GENERATION_KEY = "generation"
"""Changes with every update of the index, by any process: an update that knows the library it last
wrote, and finds the generation it wrote, needs to look only at what the library changed since."""


TOUCHED_KEPT = 2000
"""Up to this many people and pairs changed, an update says which (views read those alone again);
past it, a view reads everything again."""


@dataclass(frozen=True)
class Touched:
    """What updates of the index changed that a view holds: the people written or dropped (by the
    name shown) and the pairs whose articles or contacts changed (by key)."""

    people: frozenset[str] = frozenset()
    pairs: frozenset[str] = frozenset()

    def __or__(self, other: Touched) -> Touched:
        return Touched(self.people | other.people, self.pairs | other.pairs)


@dataclass(frozen=True)
class SyncReport:
    """What an update did: articles written and forgotten, dates merged, people written or dropped,
    and which people and pairs (None: more than `TOUCHED_KEPT`)."""

    written: int
    removed: int
    dates_merged: int
    people_changed: int
    touched: Touched | None = field(default_factory=Touched, compare=False)

    def wrote(self) -> bool:
        """Whether the update changed what the index holds (an article forgotten until it is
        analysed counts too: its pairs changed)."""
        counted = self.written or self.removed or self.dates_merged or self.people_changed
        return bool(counted) or self.touched is None or bool(self.touched.people or self.touched.pairs)


def _batches(items: Sequence[Item], size: int) -> Iterator[Sequence[Item]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sync_index(
    connection: sqlite3.Connection,
    library: Library,
    analysis_of: AnalysisLookup,
    salt: str,
    known_names: AbstractSet[str],
    wanted: Mapping[str, str] | None = None,
    changes: LibraryChanges | None = None,
) -> SyncReport:
    """Bring the index on `connection` in step with the library (see the module docstring);
    `wanted`: each article's `article_fingerprint`, when the caller has them already; `changes`:
    what the library changed since the one the index was last brought in step with (only those
    articles are looked at)."""
    chronology = ChronologyStore(connection)
    people = PeopleStore(connection)
    relations = RelationsStore(connection)
    if changes is None:
        stored = chronology.fingerprints()
        removed = [article_id for article_id in stored if library.by_id(article_id) is None]
        articles = library.articles
    else:
        stored = chronology.fingerprints_of([*(meta.id for meta in changes.changed), *changes.removed])
        removed = [article_id for article_id in changes.removed if article_id in stored]
        articles = changes.changed
    given = wanted if changes is None else None

    def fingerprint_of(meta: ArticleMeta) -> str:
        # Computed again when written, not held: every article's at once was 15 MiB at 100,000.
        return given[meta.id] if given is not None else article_fingerprint(meta, salt)

    # Places, not records: a library kept encoded (`MetaRecords`, as in a build's process) decodes
    # a record when it is read, and every stale one decoded at once was 126 MiB at 100,000 articles.
    stale_at = [place for place, meta in enumerate(articles) if stored.get(meta.id) != fingerprint_of(meta)]
    for chunk in _batches(removed, WRITE_BATCH):
        with transaction(connection):
            for article_id in chunk:
                chronology.forget_article(article_id)
                people.forget_article(article_id)
                relations.forget_article(article_id)
    written = 0
    for places in _batches(stale_at, WRITE_BATCH):
        metas = [articles[place] for place in places]
        analysed = [(meta, analysis_of(meta.id)) for meta in metas]
        with transaction(connection):
            for meta, analysis in analysed:
                if analysis is None or analysis.content_hash != meta.content_hash:
                    chronology.forget_article(meta.id)  # not analysed (yet): shown once it is
                    people.forget_article(meta.id)
                    relations.forget_article(meta.id)
                    continue
                new = meta.id not in stored
                write_article(chronology, meta, fingerprint_of(meta), analysis, library.load_body, new=new)
                write_article_names(people, meta, analysis, new=new)
                write_article_pairs(relations, meta, analysis, new=new)
                written += 1
    merged = merge_dirty(chronology)
    changed = merge_people(people, known_names)
    merge_pairs(relations)
    small = len(changed) + len(relations.touched) <= TOUCHED_KEPT
    touched = Touched(changed, frozenset(relations.touched)) if small else None
    report = SyncReport(written, len(removed), merged, len(changed), touched)
    if report.wrote() or stale_at:
        write_meta(connection, GENERATION_KEY, uuid.uuid4().hex)
    return report


def index_generation(connection: sqlite3.Connection) -> str | None:
    """The generation the last update wrote (None: none wrote one)."""
    return read_meta(connection, GENERATION_KEY)


def library_fingerprints(library: Library, salt: str) -> dict[str, str]:
    """Every article's `article_fingerprint`, by id."""
    return {meta.id: article_fingerprint(meta, salt) for meta in library.articles}


def merges_pending(connection: sqlite3.Connection) -> bool:
    """Whether dates, names or pairs wait to be merged again (an update stopped before it ended)."""
    return bool(
        connection.execute(
            "SELECT EXISTS (SELECT 1 FROM dirty_buckets) OR EXISTS (SELECT 1 FROM dirty_names)"
            " OR EXISTS (SELECT 1 FROM dirty_pair_buckets)"
        ).fetchone()[0]
    )


def in_step(
    connection: sqlite3.Connection, library: Library, salt: str, known_names: AbstractSet[str]
) -> bool:
    """Whether the index already holds this library as it is (then there is nothing to write)."""
    from dipreader.core.people_index import KNOWN_NAMES_KEY, known_names_digest

    stored = ChronologyStore(connection).fingerprints()
    if len(stored) != len(library.articles):
        return False
    if any(stored.get(meta.id) != article_fingerprint(meta, salt) for meta in library.articles):
        return False
    return not merges_pending(connection) and read_meta(connection, KNOWN_NAMES_KEY) == known_names_digest(
        known_names
    )


@dataclass(frozen=True)
class IndexSync:
    """`sync_index` on the file at `path`, as a build (picklable: it may run in another process).
    None when the file cannot be written."""

    path: Path
    salt: str
    known_names: frozenset[str]
    wanted: Mapping[str, str] | None = field(default=None, compare=False)
    """Each article's fingerprint, when they were computed already (in this process)."""
    changes: LibraryChanges | None = field(default=None, compare=False)
    """What the library changed since the index was last brought in step (see `sync_index`)."""

    def __call__(self, library: Library, analysis_of: AnalysisLookup) -> SyncReport | None:
        connection = open_index_db(self.path)
        if connection is None:
            return None
        try:
            connection.execute("PRAGMA cache_size = -32768")  # 32 MiB: a first fill rereads what it wrote
            # The rows made and dropped hold no cycles; full collections over the analyses read
            # cost a fifth of a huge article's sync (4.6 -> 3.6 s at 1.8 MB).
            with collector_paused():
                return sync_index(
                    connection, library, analysis_of, self.salt, self.known_names, self.wanted, self.changes
                )
        except sqlite3.Error:
            return None  # another process holds the file too long, or the disk is full: build in memory
        finally:
            connection.close()
