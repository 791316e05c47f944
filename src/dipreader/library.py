"""The app's view of an articles folder: metadata from an on-disk cache, bodies read on demand."""

from __future__ import annotations

import gc
import marshal
import os
import pickle
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dipreader.cache_db import connect_cache
from dipreader.model.article import Article, ArticleMeta, PartialDate, Problem

META_CACHE_VERSION = "4"
"""Bump when ArticleMeta or the loader changes, so cached metadata is rebuilt."""

Progress = Callable[[int], None]
PartialList = Callable[["Library"], None]
FIRST_PARTIAL = 100
SNAPSHOT_HEAD = 500
"""Articles kept apart at the top of the snapshot: the first screen reads only these."""
"""A first scan shows the list after this many files, then each time the count doubles."""


@dataclass(frozen=True)
class Library:
    """Article metadata newest first, the problem files, and a way to load a body."""

    root: Path
    articles: tuple[ArticleMeta, ...]
    problems: tuple[Problem, ...]
    _by_id: dict[str, ArticleMeta] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((meta.id, meta) for meta in self.articles)

    def by_id(self, article_id: str) -> ArticleMeta | None:
        return self._by_id.get(article_id)

    def load(self, article_id: str) -> Article | Problem:
        """Read the article's file now; a file that changed or vanished becomes a Problem."""
        meta = self._by_id.get(article_id)
        if meta is None:
            return Problem("", article_id, "no such article")
        from dipreader.model.corpus import read_article

        return read_article(Path(meta.path), self.root)

    def load_body(self, article_id: str) -> str | None:
        """Just the body text, cheaply (for showing a passage); None if unreadable."""
        meta = self._by_id.get(article_id)
        if meta is None:
            return None
        from dipreader.model.corpus import read_body

        return read_body(Path(meta.path))


DateRow = tuple[int, int | None, int | None]
MetaRow = tuple[
    str,
    str,
    str,
    DateRow | None,
    str | None,
    str | None,
    str | None,
    str | None,
    str | None,
    tuple[str, ...],
    str,
    int,
    float,
]


def _meta_row(meta: ArticleMeta) -> MetaRow:
    """Plain values of a metadata record: the snapshot is marshalled, much faster than pickle."""
    return (
        meta.id,
        meta.path,
        meta.title,
        (meta.date.year, meta.date.month, meta.date.day) if meta.date else None,
        meta.date_basis,
        meta.source,
        meta.author,
        meta.place,
        meta.url,
        meta.tags,
        meta.content_hash,
        meta.size,
        meta.mtime,
    )


def _metas_from_rows(rows: list[MetaRow]) -> tuple[ArticleMeta, ...]:
    # Thousands of articles share a few thousand dates: build each date once.
    dates: dict[DateRow, PartialDate] = {}
    metas = []
    for values in rows:
        date_row = values[3]
        date = None
        if date_row is not None:
            date = dates.get(date_row)
            if date is None:
                date = dates[date_row] = PartialDate(*date_row)
        metas.append(ArticleMeta(values[0], values[1], values[2], date, *values[4:]))
    return tuple(metas)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Build many long-lived objects without the garbage collector scanning them again and again
    (a snapshot of 100,000 articles loads in a quarter of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class MetaCache:
    """SQLite file of pickled metadata keyed by path, size and mtime; a broken cache is rebuilt."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        if path is not None:
            self._connection = connect_cache(
                path,
                "CREATE TABLE IF NOT EXISTS meta (path TEXT PRIMARY KEY, size INTEGER,"
                " mtime REAL, version TEXT, value BLOB)",
                "CREATE TABLE IF NOT EXISTS snapshot (root TEXT PRIMARY KEY, version TEXT, value BLOB)",
                "CREATE TABLE IF NOT EXISTS snapshot_head (root TEXT PRIMARY KEY, version TEXT,"
                " total INTEGER, value BLOB)",
            )

    def entries(self) -> dict[str, tuple[int, float, bytes]]:
        if self._connection is None:
            return {}
        try:
            with self._lock:
                rows = self._connection.execute(
                    "SELECT path, size, mtime, value FROM meta WHERE version = ?",
                    (META_CACHE_VERSION,),
                ).fetchall()
        except sqlite3.Error:
            return {}
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    def store(self, rows: list[tuple[str, int, float, bytes]]) -> None:
        if self._connection is None or not rows:
            return
        try:
            with self._lock, self._connection:
                self._connection.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?, ?, ?, ?)",
                    [(path, size, mtime, META_CACHE_VERSION, value) for path, size, mtime, value in rows],
                )
        except sqlite3.Error:
            pass  # only an optimisation

    def snapshot(self, root: Path) -> Library | None:
        """The library as it was last scanned."""
        found = self._load_snapshot("SELECT value FROM snapshot WHERE root = ? AND version = ?", root)
        return found[0] if found else None

    def snapshot_head(self, root: Path) -> tuple[Library, int] | None:
        """The first `SNAPSHOT_HEAD` articles of the last scan and how many it had in all:
        enough for the first screen, read in the same time whatever the size of the folder."""
        return self._load_snapshot(
            "SELECT value, total FROM snapshot_head WHERE root = ? AND version = ?", root
        )

    def _load_snapshot(self, query: str, root: Path) -> tuple[Library, int] | None:
        if self._connection is None:
            return None
        try:
            with self._lock:
                row = self._connection.execute(query, (str(root), META_CACHE_VERSION)).fetchone()
            if row is None:
                return None
            with _collector_paused():
                articles, problems = marshal.loads(row[0])
                library = Library(
                    root,
                    _metas_from_rows(articles),
                    tuple(Problem(*values) for values in problems),
                )
            return library, row[1] if len(row) > 1 else len(library.articles)
        except Exception:  # a damaged snapshot is simply rebuilt by the scan
            return None

    def save_snapshot(self, library: Library) -> None:
        if self._connection is None:
            return
        rows = [_meta_row(meta) for meta in library.articles]
        problems = [(problem.path, problem.id, problem.reason) for problem in library.problems]
        root = str(library.root)
        try:
            with self._lock, self._connection:
                self._connection.execute(
                    "INSERT OR REPLACE INTO snapshot VALUES (?, ?, ?)",
                    (root, META_CACHE_VERSION, marshal.dumps((rows, problems))),
                )
                self._connection.execute(
                    "INSERT OR REPLACE INTO snapshot_head VALUES (?, ?, ?, ?)",
                    (root, META_CACHE_VERSION, len(rows), marshal.dumps((rows[:SNAPSHOT_HEAD], problems))),
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._connection is not None:
            with self._lock:
                self._connection.close()
            self._connection = None


def _stat_files(root: Path) -> Iterator[tuple[str, os.stat_result | None]]:
    from dipreader.model.corpus import find_article_paths

    for path in find_article_paths(root):
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
) -> Library:
    """Metadata for every article file, reading only files that are new or changed since last time.

    `partial`, if given, receives the library read so far after FIRST_PARTIAL files and
    whenever the count doubles, so a first (uncached) scan can fill the list as it goes.
    `previous` (the cached snapshot) lends its records for files whose size and mtime are unchanged.
    """
    if not root.is_dir():
        return Library(root, (), (Problem(str(root), "", "articles folder not found"),))
    with _collector_paused():
        library = _scan(root, cache, progress, partial, previous)
    if library != previous:
        cache.save_snapshot(library)
    return library


def _scan(
    root: Path,
    cache: MetaCache,
    progress: Progress | None,
    partial: PartialList | None,
    previous: Library | None,
) -> Library:
    from dipreader.model.corpus import newest_first_key, read_article

    unchanged = {meta.path: meta for meta in previous.articles} if previous else {}
    known: dict[str, tuple[int, float, bytes]] | None = None  # read only if a file is not in `previous`
    articles: list[ArticleMeta] = []
    problems: list[Problem] = []
    fresh: list[tuple[str, int, float, bytes]] = []
    next_partial = FIRST_PARTIAL
    for count, (key, stat) in enumerate(_stat_files(root), start=1):
        loaded: ArticleMeta | Problem | None = None
        same = unchanged.get(key)
        if same is not None and stat is not None and (same.size, same.mtime) == (stat.st_size, stat.st_mtime):
            loaded = same
        if loaded is None and stat is not None:
            if known is None:
                known = cache.entries()
            cached = known.get(key)
            if cached is not None and cached[:2] == (stat.st_size, stat.st_mtime):
                try:
                    loaded = pickle.loads(cached[2])
                except Exception:
                    loaded = None
        if loaded is None:
            result = read_article(Path(key), root)
            loaded = result if isinstance(result, Problem) else result.meta
            transient = isinstance(loaded, Problem) and loaded.reason.startswith("cannot read")
            if stat is not None and not transient:
                fresh.append((key, stat.st_size, stat.st_mtime, pickle.dumps(loaded)))
        if isinstance(loaded, Problem):
            problems.append(loaded)
        else:
            articles.append(loaded)
        if progress is not None and count % 500 == 0:
            progress(count)
        if partial is not None and count == next_partial:
            next_partial *= 2
            partial(Library(root, tuple(sorted(articles, key=newest_first_key)), tuple(problems)))
    cache.store(fresh)
    articles.sort(key=newest_first_key)
    return Library(root, tuple(articles), tuple(problems))
