"""The app's view of an articles folder: metadata from an on-disk cache, bodies read on demand."""

from __future__ import annotations

import operator
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.cache.meta_records import MetaRecords
from dipreader.cache.metadata import MetaCache, Snapshot, collector_paused, decode_entry, encode_entry
from dipreader.core.scan_pool import read_record, read_records
from dipreader.model.article import Article, ArticleMeta, Problem
from dipreader.sources.base import ArticleSource

if TYPE_CHECKING:
    from dipreader.sources.files import FolderSource

Progress = Callable[[int], None]
PartialList = Callable[["Library"], None]
ProblemFound = Callable[[Problem], None]
Cancelled = Callable[[], bool]
Stamp = tuple[int, float]
"""A file's size and mtime, as the metadata cache keys its records."""
FIRST_PARTIAL = 100
"""A first scan shows the list after this many files, then each time the count doubles."""


@dataclass(frozen=True)
class Library:
    """Article metadata newest first, the problem files, and a way to load a body.

    The articles are a tuple of records (the app) or `MetaRecords` (the command line: encoded,
    decoded when read, and found by id through positions looked up the first time one is asked for).
    """

    root: Path
    articles: Sequence[ArticleMeta]
    problems: tuple[Problem, ...]
    _by_id: dict[str, ArticleMeta] = field(default_factory=dict, compare=False, repr=False)
    _positions: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def source(self) -> ArticleSource:
        """Where the articles are read from (the folder of files)."""
        from dipreader.sources.files import FolderSource

        return FolderSource(self.root)

    def __post_init__(self) -> None:
        if not isinstance(self.articles, MetaRecords):
            self._by_id.update((meta.id, meta) for meta in self.articles)

    def __repr__(self) -> str:
        # Short: Textual describes every worker by the repr of its arguments, on the event loop
        # (the dataclass's repr of 10,000 records took a tenth of a second each time).
        return f"Library({str(self.root)!r}, {len(self.articles)} articles, {len(self.problems)} problems)"

    def id_strings(self) -> dict[str, str]:
        """Each article id to the library's own string for it: ids read elsewhere (the index) are
        replaced by these, so one copy is held however many records name an article."""
        return {meta.id: meta.id for meta in self.articles}

    def by_id(self, article_id: str) -> ArticleMeta | None:
        if not isinstance(self.articles, MetaRecords):
            return self._by_id.get(article_id)
        if not self._positions and self.articles:
            self._positions.update((meta.id, position) for position, meta in enumerate(self.articles))
        position = self._positions.get(article_id)
        return None if position is None else self.articles[position]

    def load(self, article_id: str) -> Article | Problem:
        """Read the article's file now; a file that changed or vanished becomes a Problem."""
        meta = self.by_id(article_id)
        if meta is None:
            return Problem("", article_id, "no such article")
        return self.source.read(meta.path)

    def load_body(self, article_id: str) -> str | None:
        """Just the body text, cheaply (for showing a passage); None if unreadable."""
        meta = self.by_id(article_id)
        if meta is None:
            return None
        from dipreader.sources.files import read_body

        return read_body(Path(meta.path), self.root)


@dataclass(frozen=True)
class LibraryChanges:
    """The articles of a library added or changed since an earlier list, and the ids it lost."""

    changed: tuple[ArticleMeta, ...]
    removed: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.changed) + len(self.removed)


def library_changes(previous: Sequence[ArticleMeta], library: Library) -> LibraryChanges:
    """What `library` changed since the list `previous`: a record that is not one of `previous`'s
    own objects counts as changed (a rescan keeps the records of files it did not read again)."""
    before = {id(meta) for meta in previous}
    now = {id(meta) for meta in library.articles}
    changed = tuple(meta for meta in library.articles if id(meta) not in before)
    left = [meta.id for meta in previous if id(meta) not in now]  # removed, or changed
    return LibraryChanges(
        changed, tuple(article_id for article_id in left if library.by_id(article_id) is None)
    )


def _from_snapshot(root: Path, snapshot: Snapshot | None) -> Library | None:
    return None if snapshot is None else Library(root, snapshot.articles, snapshot.problems)


def cached_library(cache: MetaCache, root: Path) -> Library | None:
    """The library as it was last scanned."""
    return _from_snapshot(root, cache.snapshot(root))


def cached_library_head(cache: MetaCache, root: Path) -> tuple[Library, int] | None:
    """The first articles of the last scan and how many it had in all: enough for the first
    screen, read in the same time whatever the size of the folder."""
    snapshot = cache.snapshot(root, head=True)
    library = _from_snapshot(root, snapshot)
    return None if library is None or snapshot is None else (library, snapshot.total)


def _stat_files(source: ArticleSource) -> Iterator[tuple[str, os.stat_result | None]]:
    for path in source.entries():
        try:
            yield path, os.stat(path)
        except OSError:
            yield path, None


def scan_library(
    root: Path,
    cache: MetaCache,
    progress: Progress | None = None,
    partial: PartialList | None = None,
    previous: Library | None = None,
    found: ProblemFound | None = None,
    cancelled: Cancelled | None = None,
    pool_threshold: int | None = None,
) -> Library:
    """Metadata for every article file, reading only files that are new or changed since last time.

    `partial`, if given, receives the library read so far after FIRST_PARTIAL files and
    whenever the count doubles, so a first (uncached) scan can fill the list as it goes.
    `previous` (the cached snapshot) lends its records for files whose size and mtime are unchanged.
    `found`, if given, receives each problem file as it is met (in the order of `Library.problems`).
    `cancelled`, if given, is asked between files: once it says yes the scan stops, keeps the
    records read so far in the metadata cache, leaves the snapshot as it was and returns the files
    met so far (the app closing mid-scan). `pool_threshold` (SCAN_POOL_THRESHOLD unless given) or
    more files to read are read in worker processes (`scan_pool`).
    """
    if not root.is_dir():
        return _missing_folder(root, found)
    with collector_paused():
        library, complete = _scan(root, cache, progress, partial, previous, found, cancelled, pool_threshold)
    if complete and library != previous:
        cache.save_snapshot(library.root, library.articles, library.problems)
    return library


def _scan(
    root: Path,
    cache: MetaCache,
    progress: Progress | None,
    partial: PartialList | None,
    previous: Library | None,
    found: ProblemFound | None,
    cancelled: Cancelled | None,
    pool_threshold: int | None,
) -> tuple[Library, bool]:
    """The library and whether every file was met (not `cancelled`)."""
    from dipreader.sources.files import FolderSource, newest_first_key

    source = FolderSource(root)
    # First the records the files' size and mtime say are current, then the others read (in
    # worker processes when there are many), each met in the walk's order.
    unchanged = {meta.path: meta for meta in previous.articles} if previous else {}
    known: dict[str, tuple[int, float, bytes]] | None = None  # read only if a file is not in `previous`
    current: list[ArticleMeta | Problem | None] = []
    to_read: list[tuple[str, Stamp | None]] = []
    for key, stat in _stat_files(source):
        stamp = None if stat is None else (stat.st_size, stat.st_mtime)
        loaded: ArticleMeta | Problem | None = None
        same = unchanged.get(key)
        if same is not None and stamp is not None and (same.size, same.mtime) == stamp:
            loaded = same
        if loaded is None and stamp is not None:
            if known is None:
                known = cache.entries()
            cached = known.get(key)
            if cached is not None and cached[:2] == stamp:
                loaded = decode_entry(cached[2])
        current.append(loaded)
        if loaded is None:
            to_read.append((key, stamp))
    del unchanged, known
    articles: list[ArticleMeta] = []
    problems: list[Problem] = []
    fresh: list[tuple[str, int, float, bytes]] = []
    next_partial = FIRST_PARTIAL
    complete = True
    waiting = iter(to_read)
    with closing(read_records(source, [key for key, _stamp in to_read], pool_threshold)) as reads:
        for count, loaded in enumerate(current, start=1):
            if cancelled is not None and cancelled():
                complete = False
                break
            if loaded is None:
                key, stamp = next(waiting)
                loaded, lasting = next(reads)
                if stamp is not None and lasting:
                    fresh.append((key, *stamp, encode_entry(loaded)))
            if isinstance(loaded, Problem):
                problems.append(loaded)
                if found is not None:
                    found(loaded)
            else:
                articles.append(loaded)
            if progress is not None and count % 500 == 0:
                progress(count)
            if partial is not None and count == next_partial:
                next_partial *= 2
                partial(Library(root, tuple(sorted(articles, key=newest_first_key)), tuple(problems)))
    cache.store(fresh)
    if complete:
        _add_refused(source, problems, found)
    articles.sort(key=newest_first_key)
    if (
        previous is not None
        and _same_records(articles, previous.articles)
        and tuple(problems) == previous.problems
    ):
        return previous, complete  # nothing changed: no second list and id table held
    return Library(root, tuple(articles), tuple(problems)), complete


def _same_records(articles: Sequence[ArticleMeta], earlier: Sequence[ArticleMeta]) -> bool:
    """Whether the records are the earlier list's own objects, in the same order."""
    return len(articles) == len(earlier) and all(map(operator.is_, articles, earlier))


def _stamp_now(path: str) -> Stamp | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime


def _add_refused(source: FolderSource, problems: list[Problem], found: ProblemFound | None) -> None:
    """The files the walk refused (devices, links out of the library, ...), listed and said."""
    refused = source.refused()
    problems.extend(refused)
    if found is not None:
        for problem in refused:
            found(problem)


def _missing_folder(root: Path, found: ProblemFound | None) -> Library:
    """The library of an articles folder that is not there: one problem, said as it is met."""
    missing = Problem(str(root), "", "articles folder not found")
    if found is not None:
        found(missing)
    return Library(root, (), (missing,))


STORE_EVERY = 500
"""Records read from files are written to the metadata cache this many at a time."""


def scan_compact(
    root: Path, cache: MetaCache, found: ProblemFound | None = None, pool_threshold: int | None = None
) -> Library:
    """`scan_library` for the command line, in memory a few hundred bytes an article: each file's
    record is looked up in the metadata cache by path (none is loaded whole) and kept encoded
    (`MetaRecords`); the app's snapshot is left for the app to write (its next scan reads the
    records written here)."""
    if not root.is_dir():
        return _missing_folder(root, found)
    with collector_paused():
        return _scan_compact(root, cache, found, pool_threshold)


def _scan_compact(
    root: Path, cache: MetaCache, found: ProblemFound | None, pool_threshold: int | None
) -> Library:
    from dipreader.sources.files import FolderSource, newest_first_key

    source = FolderSource(root)
    # The cached records first (b"" for a file to read), then the files read, in the walk's order.
    keys: list[str] = []
    cached_records: list[bytes] = []
    to_read: list[tuple[str, Stamp | None]] = []
    for key, stat in _stat_files(source):
        record = b""
        stamp = None if stat is None else (stat.st_size, stat.st_mtime)
        if stamp is not None:
            cached = cache.lookup(key)
            if cached is not None and cached[:2] == stamp:
                record = cached[2]
        keys.append(key)
        cached_records.append(record)
        if not record:
            to_read.append((key, stamp))
    # `newest_first_key` as (date part, title, place in the walk): the date parts, a few thousand,
    # are shared, and the place keeps the walk's order between equal keys, as a stable sort does.
    date_keys: dict[tuple[int, tuple[int, int, int]], tuple[int, tuple[int, int, int]]] = {}
    keyed: list[tuple[tuple[int, tuple[int, int, int]], str, int, bytes]] = []
    problems: list[Problem] = []
    fresh: list[tuple[str, int, float, bytes]] = []
    waiting = iter(to_read)
    with closing(read_records(source, [key for key, _stamp in to_read], pool_threshold)) as reads:
        for place, (key, record) in enumerate(zip(keys, cached_records, strict=True)):
            loaded = decode_entry(record) if record else None
            if loaded is None:
                if record:  # a damaged entry: the file is read again here
                    loaded, lasting = read_record(source, key)
                    stamp = _stamp_now(key)
                else:
                    _key, stamp = next(waiting)
                    loaded, lasting = next(reads)
                record = encode_entry(loaded)
                if stamp is not None and lasting:
                    fresh.append((key, *stamp, record))
                    if len(fresh) >= STORE_EVERY:
                        cache.store(fresh)
                        fresh = []
            if isinstance(loaded, Problem):
                problems.append(loaded)
                if found is not None:
                    found(loaded)
            else:
                flag, date, title = newest_first_key(loaded)
                date_key = date_keys.setdefault((flag, date), (flag, date))
                keyed.append((date_key, title, place, record))
    del keys, cached_records
    cache.store(fresh)
    _add_refused(source, problems, found)
    keyed.sort()
    records = [item[3] for item in keyed]
    del keyed
    return Library(root, MetaRecords(records), tuple(problems))
