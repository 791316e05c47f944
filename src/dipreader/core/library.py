"""The app's view of an articles folder: metadata from an on-disk cache, bodies read on demand."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.cache.meta_records import MetaRecords
from dipreader.cache.metadata import MetaCache, Snapshot, collector_paused, decode_entry, encode_entry
from dipreader.model.article import Article, ArticleMeta, Problem
from dipreader.sources.base import ArticleSource

if TYPE_CHECKING:
    from dipreader.sources.files import FolderSource

Progress = Callable[[int], None]
PartialList = Callable[["Library"], None]
ProblemFound = Callable[[Problem], None]
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
) -> Library:
    """Metadata for every article file, reading only files that are new or changed since last time.

    `partial`, if given, receives the library read so far after FIRST_PARTIAL files and
    whenever the count doubles, so a first (uncached) scan can fill the list as it goes.
    `previous` (the cached snapshot) lends its records for files whose size and mtime are unchanged.
    `found`, if given, receives each problem file as it is met (in the order of `Library.problems`).
    """
    if not root.is_dir():
        return _missing_folder(root, found)
    with collector_paused():
        library = _scan(root, cache, progress, partial, previous, found)
    if library != previous:
        cache.save_snapshot(library.root, library.articles, library.problems)
    return library


def _scan(
    root: Path,
    cache: MetaCache,
    progress: Progress | None,
    partial: PartialList | None,
    previous: Library | None,
    found: ProblemFound | None,
) -> Library:
    from dipreader.sources.files import FolderSource, newest_first_key

    source = FolderSource(root)

    unchanged = {meta.path: meta for meta in previous.articles} if previous else {}
    known: dict[str, tuple[int, float, bytes]] | None = None  # read only if a file is not in `previous`
    articles: list[ArticleMeta] = []
    problems: list[Problem] = []
    fresh: list[tuple[str, int, float, bytes]] = []
    next_partial = FIRST_PARTIAL
    for count, (key, stat) in enumerate(_stat_files(source), start=1):
        loaded: ArticleMeta | Problem | None = None
        same = unchanged.get(key)
        if same is not None and stat is not None and (same.size, same.mtime) == (stat.st_size, stat.st_mtime):
            loaded = same
        if loaded is None and stat is not None:
            if known is None:
                known = cache.entries()
            cached = known.get(key)
            if cached is not None and cached[:2] == (stat.st_size, stat.st_mtime):
                loaded = decode_entry(cached[2])
        if loaded is None:
            loaded, lasting = read_record(source, key)
            if stat is not None and lasting:
                fresh.append((key, stat.st_size, stat.st_mtime, encode_entry(loaded)))
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
    _add_refused(source, problems, found)
    articles.sort(key=newest_first_key)
    return Library(root, tuple(articles), tuple(problems))


def read_record(source: FolderSource, key: str) -> tuple[ArticleMeta | Problem, bool]:
    """The file's metadata read now, and whether it may be cached (a failed read is tried again)."""
    result = source.read(key)
    loaded = result if isinstance(result, Problem) else result.meta
    return loaded, not (isinstance(loaded, Problem) and loaded.reason.startswith("cannot read"))


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


def scan_compact(root: Path, cache: MetaCache, found: ProblemFound | None = None) -> Library:
    """`scan_library` for the command line, in memory a few hundred bytes an article: each file's
    record is looked up in the metadata cache by path (none is loaded whole) and kept encoded
    (`MetaRecords`); the app's snapshot is left for the app to write (its next scan reads the
    records written here)."""
    if not root.is_dir():
        return _missing_folder(root, found)
    with collector_paused():
        return _scan_compact(root, cache, found)


def _scan_compact(root: Path, cache: MetaCache, found: ProblemFound | None) -> Library:
    from dipreader.sources.files import FolderSource, newest_first_key

    source = FolderSource(root)
    # `newest_first_key` as (date part, title, place in the walk): the date parts, a few thousand,
    # are shared, and the place keeps the walk's order between equal keys, as a stable sort does.
    date_keys: dict[tuple[int, tuple[int, int, int]], tuple[int, tuple[int, int, int]]] = {}
    keyed: list[tuple[tuple[int, tuple[int, int, int]], str, int, bytes]] = []
    problems: list[Problem] = []
    fresh: list[tuple[str, int, float, bytes]] = []
    for place, (key, stat) in enumerate(_stat_files(source)):
        loaded: ArticleMeta | Problem | None = None
        record = b""
        if stat is not None:
            cached = cache.lookup(key)
            if cached is not None and cached[:2] == (stat.st_size, stat.st_mtime):
                record = cached[2]
                loaded = decode_entry(record)
        if loaded is None:
            loaded, lasting = read_record(source, key)
            record = encode_entry(loaded)
            if stat is not None and lasting:
                fresh.append((key, stat.st_size, stat.st_mtime, record))
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
    cache.store(fresh)
    _add_refused(source, problems, found)
    keyed.sort()
    records = [item[3] for item in keyed]
    del keyed
    return Library(root, MetaRecords(records), tuple(problems))
