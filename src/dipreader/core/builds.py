"""The chronology and who's-who of a library, built from the analysis cache, in a process when big."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from dipreader.cache.analysis import AnalysisCache
from dipreader.cache.meta_records import MetaRecords
from dipreader.core.library import Library, LibraryChanges, library_changes
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta, Entities
from dipreader.model.corrections import Corrections

if TYPE_CHECKING:
    from dipreader.core.index_sync import SyncReport, Touched
    from dipreader.core.library_file import SentLibrary
    from dipreader.core.people_index import MentionReader
    from dipreader.core.relations_index import IndexedRelations
    from dipreader.core.timeline import TimelineRow
    from dipreader.core.timeline_index import IndexedSearch
    from dipreader.model.people import Person

PROCESS_THRESHOLD = 1000
"""From this many articles, builds run in a separate process: reading every analysis leaves
the memory it churned through to that process, which gives it back to the system on exit."""

FEW_CHANGED = 200
"""Up to this many articles added, changed or removed, the persisted index is brought in step in
this process: a child process takes longer to start and be sent the library than the writing takes."""

Result = TypeVar("Result")
AnalysisLookup = Callable[[str], ArticleAnalysis | None]
Builder = Callable[[Library, AnalysisLookup], Result]


@dataclass(frozen=True)
class CachedAnalyses:
    """Where a library's analyses are: the cache (in this process) and its file (for others)."""

    cache: AnalysisCache

    def reader(self, library: Library) -> AnalysisLookup:
        """Read one article's analysis by id (one at a time: nothing is kept)."""

        def analysis_of(article_id: str) -> ArticleAnalysis | None:
            meta = library.by_id(article_id)
            return self.cache.lookup(meta) if meta is not None else None

        return analysis_of

    def build(self, builder: Builder[Result], library: Library) -> Result:
        """`builder(library, analysis_of)`, here for a small library, else in a fresh process."""
        path = self.cache.path
        # Analyses that could not be written (a full disk) are in this process only.
        in_file = self.cache.on_disk and self.cache.write_failure is None
        if len(library.articles) < PROCESS_THRESHOLD or path is None or not in_file:
            return builder(library, self.reader(library))
        from concurrent.futures.process import BrokenProcessPool

        from dipreader.core.library_file import SentLibrary, send_library
        from dipreader.core.pool import run_in_process

        try:
            sent: Library | SentLibrary = send_library(library, path.parent)
        except OSError:  # the records cannot be written beside the cache: pickled instead
            sent = library
        try:
            built: Result = run_in_process(
                _build_from_file, builder, sent, path, self.cache.salt, self.cache.corrections
            )
        except (BrokenProcessPool, OSError):  # no process could be started: build here instead
            return builder(library, self.reader(library))
        finally:
            if isinstance(sent, SentLibrary):
                sent.remove()
        return built

    def index_salt(self) -> str:
        """What the persisted index is keyed by besides each article: the knowledge extraction read
        and the corrections the analyses are read with (a correction rewrites the index)."""
        return f"{self.cache.salt}:{self.cache.corrections.digest()}"

    def index_path(self) -> Path | None:
        """Where the persisted index lives: beside the analysis cache (None when that is in memory)."""
        from dipreader.core.index_sync import INDEX_FILE

        path = self.cache.path
        return path.with_name(INDEX_FILE) if path is not None and self.cache.on_disk else None


@dataclass(frozen=True)
class StepCheck:
    """How far a persisted index is from a library: each article's fingerprint (computed once,
    for the update too) and how many articles must be written or forgotten."""

    wanted: dict[str, str]
    """Article id -> `article_fingerprint` (empty when `out_of_step` is None: not computed)."""
    out_of_step: int | None
    """0: in step already (nothing to write); None: cannot tell cheaply (the known names changed,
    every person is merged again; or more than `FEW_CHANGED` articles more or fewer)."""


def check_step(
    connection: sqlite3.Connection, library: Library, salt: str, known_names: AbstractSet[str]
) -> StepCheck:
    """`in_step` and the count of articles out of step in one pass: the library's fingerprints
    computed once and compared with the stored ones once."""
    from dipreader.cache.chronology_store import ChronologyStore
    from dipreader.cache.index_db import read_meta
    from dipreader.core.index_sync import library_fingerprints, merges_pending
    from dipreader.core.people_index import KNOWN_NAMES_KEY, known_names_digest

    if read_meta(connection, KNOWN_NAMES_KEY) != known_names_digest(known_names):
        return StepCheck({}, None)
    stored = ChronologyStore(connection).fingerprints()
    wanted = library_fingerprints(library, salt)
    changed = sum(stored.get(article_id) != fingerprint for article_id, fingerprint in wanted.items())
    removed = sum(article_id not in wanted for article_id in stored)
    if changed == 0 and removed == 0 and not merges_pending(connection):
        return StepCheck(wanted, 0)
    if abs(len(stored) - len(wanted)) > FEW_CHANGED:
        return StepCheck(wanted, None)
    return StepCheck(wanted, max(1, changed + removed))


_SYNC_LOCK = threading.Lock()
"""One update of the persisted index at a time in this process (each view asks for it)."""


@dataclass
class _Synced:
    """The library the persisted index was last brought in step with, and the index (None: it
    could not be written)."""

    wanted: Path | None = None
    salt: str = ""
    path: Path | None = None
    unchanged: bool = False
    """The index was in step already: what it held before is what the library gives."""
    articles: Sequence[ArticleMeta] | None = None
    """That library's records (held, so that the same library, and a record of the next list, are
    known as the same objects)."""
    known_names: frozenset[str] = frozenset()
    generation: str | None = None
    """What the file said its generation was once in step (see `index_sync.GENERATION_KEY`)."""
    updates: list[tuple[str | None, str | None, Touched | None]] = field(default_factory=list)
    """The latest updates by changes made here: the generation before and after, and what changed."""


UPDATES_KEPT = 32


_LAST_SYNC = _Synced()

_READ_LOCK = threading.Lock()
"""One view's whole read of the persisted index at a time in this process: threads fetching rows side
by side hand each other the GIL at every row (a convoy), so the three tabs' reads after an article
was added took 3.5 s together at 100,000 articles where one after another they take about 1 s."""


@dataclass(frozen=True)
class LibraryIndex:
    """What the index views are built from: the library, where its analyses are, and the names of
    the people the knowledge base lists (kept apart from spellings the text alone suggests)."""

    library: Library
    analyses: CachedAnalyses
    known_names: frozenset[str]
    complete: bool = True
    """Every article of the library is analysed. Before that, the persisted index is read as the
    last session left it (never updated from a library only partly analysed)."""

    def build(self, builder: Builder[Result]) -> Result:
        return self.analyses.build(builder, self.library)

    def index_file(self) -> Path | None:
        """The persisted index, brought in step with this library first (once, whichever view asks
        first; in a process for a big library); None when it cannot be kept on disk. Before the
        library is analysed, the index as it is, None when there is none yet."""
        return self._in_step()[0]

    def _in_step(self) -> tuple[Path | None, str | None]:
        """`index_file()`, and the generation it was brought in step at (None: not known)."""
        path = self.analyses.index_path()
        if path is None:
            return None, None
        if not self.complete:  # what the file holds, read at the generation it has now
            return (path, self._generation(path)) if path.exists() else (None, None)
        with _SYNC_LOCK:
            last = _LAST_SYNC
            salt = self.analyses.index_salt()
            same_library = last.articles is not None and last.articles is self.library.articles
            if not same_library or last.wanted != path or last.salt != salt:
                changes = self._changes_since(last, path, salt)
                if changes is not None:
                    before = last.generation
                    report = self._sync_changes(path, changes)
                    # Records new as objects may hold what the index has (a list scanned again).
                    last.unchanged = report is not None and not report.wrote()
                    synced = report is not None
                    if report is not None and report.wrote():
                        last.updates.append((before, self._generation(path), report.touched))
                        del last.updates[:-UPDATES_KEPT]
                else:
                    step = self._step(path)
                    out_of_step = step.out_of_step if step is not None else None
                    last.unchanged = out_of_step == 0
                    synced = last.unchanged or (
                        self._sync(
                            path,
                            here=out_of_step is not None and out_of_step <= FEW_CHANGED,
                            wanted=step.wanted if step is not None else None,
                        )
                        is not None
                    )
                last.wanted, last.salt = path, salt
                last.articles, last.known_names = self.library.articles, self.known_names
                last.path = path if synced else None
                last.generation = self._generation(path) if synced else None
            return last.path, last.generation

    def _touched_between(self, earlier: str | None, later: str | None) -> Touched | None:
        """What the updates made in this process from generation `earlier` to `later` changed (None:
        not known: another process wrote the file, or an update changed too much to say)."""
        from dipreader.core.index_sync import Touched

        if earlier is None or later is None:
            return None
        touched = Touched()
        at: str | None = earlier
        with _SYNC_LOCK:
            for before, after, changed in _LAST_SYNC.updates:
                if at == later:
                    break
                if before != at:
                    continue
                if changed is None:
                    return None
                touched, at = touched | changed, after
        return touched if at == later else None

    def _changes_since(self, last: _Synced, path: Path, salt: str) -> LibraryChanges | None:
        """What this library changed since the one the index was last brought in step with here,
        when the file is still as that left it (no other process wrote it since) and the changes are
        few; None when only a look at every article can tell."""
        previous = last.articles
        if (
            previous is None
            or isinstance(previous, MetaRecords)  # decoded anew at each read: never the same objects
            or last.path != path
            or last.salt != salt
            or last.known_names != self.known_names
            or last.generation is None
        ):
            return None
        if self._generation(path) != last.generation:
            return None
        changes = library_changes(previous, self.library)
        return changes if len(changes) <= FEW_CHANGED else None

    def _sync_changes(self, path: Path, changes: LibraryChanges) -> SyncReport | None:
        if not len(changes):
            from dipreader.core.index_sync import SyncReport

            return SyncReport(0, 0, 0, 0)
        return self._sync(path, here=True, changes=changes)

    @staticmethod
    def _generation(path: Path) -> str | None:
        from dipreader.cache.index_db import read_index
        from dipreader.core.index_sync import index_generation

        return read_index(path, index_generation)

    def unchanged(self) -> bool:
        """Whether the persisted index already held this library (bringing it in step wrote nothing)."""
        return self.complete and self.index_file() is not None and _LAST_SYNC.unchanged

    def _step(self, path: Path) -> StepCheck | None:
        """How far the index is from this library (see `check_step`); None when there is no
        index yet or it cannot be read."""
        from dipreader.cache.index_db import read_index

        if not path.exists():
            return None
        salt = self.analyses.index_salt()
        return read_index(
            path, lambda connection: check_step(connection, self.library, salt, self.known_names)
        )

    def _sync(
        self,
        path: Path,
        *,
        here: bool = False,
        wanted: Mapping[str, str] | None = None,
        changes: LibraryChanges | None = None,
    ) -> SyncReport | None:
        """Bring the index in step: here (told the fingerprints, or only the changes, when the caller
        has them), else in a process for a big library; None when it could not be written."""
        from dipreader.core.index_sync import IndexSync

        sync = IndexSync(path, self.analyses.index_salt(), self.known_names, wanted, changes)
        if here:
            return sync(self.library, self.analyses.reader(self.library))
        return self.build(IndexSync(path, sync.salt, self.known_names))

    def indexed_timeline(self) -> IndexedSearch | None:
        """The chronology read from the persisted index (None: build it in memory instead, or, for
        an index not `complete`, there is none yet)."""
        path = self.index_file()
        if path is None:
            return None
        from dipreader.core.timeline_index import open_timeline

        with _READ_LOCK:
            return open_timeline(path, empty=self.complete)

    def indexed_people(
        self, *, mentions: bool = True, met: bool = True, roles: bool = True
    ) -> list[Person] | None:
        """The who's-who read from the persisted index (None: build it in memory instead, or, for
        an index not `complete`, there is none yet); without `mentions`, each person with only
        their count, without `met`, nobody met, without `roles`, each title's latest role
        (`mention_reader` reads all three for one person)."""
        path = self.index_file()
        if path is None:
            return None
        from dipreader.core.people_index import open_people

        with _READ_LOCK:
            return open_people(path, empty=self.complete, mentions=mentions, met=met, roles=roles)

    def listed_people(self, previous: Read[list[Person]] | None = None) -> Read[list[Person]] | None:
        """The people as the Who's who lists them: without their mentions, whom they met and every
        role (read when a person is shown), their article ids the library's own strings. Given what
        was `previous`ly read, only the people updates here changed since are read again (None:
        build them in memory instead, or, for an index not `complete`, there is none yet)."""
        path, generation = self._in_step()
        if path is None:
            return None
        from dipreader.core.people_index import open_people, sharing_article_ids, updated_people

        touched = self._touched_between(previous.generation, generation) if previous is not None else None
        with _READ_LOCK:
            if previous is not None and touched is not None:
                if not touched.people:
                    return Read(previous.value, generation)
                found = updated_people(path, previous.value, touched.people)
            else:
                everyone = open_people(path, empty=self.complete, mentions=False, met=False, roles=False)
                found = (everyone, everyone) if everyone is not None else None
        if found is None:
            return None
        people, fresh = found
        shared = sharing_article_ids(fresh, self.library.id_strings())
        if fresh is people:
            return Read(shared, generation)
        again = {person.name: person for person in shared}
        return Read([again.get(person.name, person) for person in people], generation)

    def indexed_relations(self, previous: IndexedRelations | None = None) -> IndexedRelations | None:
        """The Relations read from the persisted index, a pair at a time, the list of pairs read
        already (None: build them in memory instead); the caller closes it. Given the `previous`
        read, only the pairs updates here changed since are read again."""
        path, generation = self._in_step()
        if path is None:
            return None
        from dipreader.core.relations_index import open_relations

        touched = None
        if previous is not None and previous.generation is not None:
            touched = self._touched_between(previous.generation, generation)
        with _READ_LOCK:
            relations = open_relations(path, empty=self.complete, own_ids=self.library.id_strings())
            if relations is not None:
                relations.generation = generation
                if previous is not None and touched is not None:
                    relations.counts_from(previous, touched.pairs)
                relations.pair_counts()
            return relations

    def mention_reader(self) -> MentionReader | None:
        """Reads a person's mentions from the persisted index (None: there is no index file)."""
        path = self.analyses.index_path()
        if path is None:
            return None
        from dipreader.core.people_index import MentionReader

        return MentionReader(path)


@dataclass(frozen=True)
class Read(Generic[Result]):
    """What a view read from the persisted index, and the generation of the index it was read at
    (the next read after an update here reads only what that changed)."""

    value: Result
    generation: str | None


class StoredLoad(Generic[Result]):
    """What a view reads from the persisted index before the library is indexed, kept for the
    load after it: when the index was in step already, that load takes it instead of reading again."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._value: Result | None = None

    def set(self, value: Result | None) -> None:
        self._value = value
        self._done.set()

    def wait(self, timeout: float = 60.0) -> Result | None:
        """The value once it is read (None when there was none, or it took longer than `timeout`)."""
        self._done.wait(timeout)
        return self._value


def _build_from_file(
    builder: Builder[Result],
    sent: Library | SentLibrary,
    path: Path,
    salt: str,
    corrections: Corrections,
) -> Result:
    from dipreader.core.library_file import SentLibrary

    library = sent.load() if isinstance(sent, SentLibrary) else sent
    cache = AnalysisCache(path, None, salt, corrections)
    try:
        return builder(library, CachedAnalyses(cache).reader(library))
    finally:
        cache.close()


def timeline(library: Library, analysis_of: AnalysisLookup) -> list[TimelineRow]:
    """Every dated event across the library (see `build_timeline`)."""
    from dipreader.core.timeline import build_timeline

    return build_timeline(library.articles, analysis_of, library.load_body)


@dataclass(frozen=True)
class PeopleBuilder:
    """Builds the who's-who; picklable, so it can run in another process."""

    known_names: frozenset[str]

    def __call__(self, library: Library, analysis_of: AnalysisLookup) -> list[Person]:
        from dipreader.model.people import build_people

        def officials_by_article() -> Iterator[tuple[ArticleMeta, Entities, tuple[int, ...]]]:
            for meta in library.articles:
                analysis = analysis_of(meta.id)
                if analysis is not None and analysis.entities.officials:
                    yield meta, analysis.entities, analysis.paragraph_starts

        return build_people(officials_by_article(), known_names=self.known_names)
