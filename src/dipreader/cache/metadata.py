"""Article metadata cached by path, size and mtime, and the last scan's list as a snapshot."""

from __future__ import annotations

import gc
import marshal
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from dipreader.cache.base import connect_cache
from dipreader.model.article import ArticleMeta, PartialDate, Problem

META_CACHE_VERSION = "6"
"""Bump when ArticleMeta or the loader changes, so cached metadata is rebuilt."""
SNAPSHOT_HEAD = 500
"""Articles kept apart at the top of the snapshot: the first screen reads only these."""


class Snapshot(NamedTuple):
    """The list of a scan as stored: articles newest first, problem files, and the full count."""

    articles: tuple[ArticleMeta, ...]
    problems: tuple[Problem, ...]
    total: int


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


def encode_entry(entry: ArticleMeta | Problem) -> bytes:
    """One file's record as plain marshalled values (data only: loading it cannot run code)."""
    if isinstance(entry, Problem):
        return marshal.dumps(("problem", (entry.path, entry.id, entry.reason)))
    return marshal.dumps(("article", _meta_row(entry)))


def decode_entry(blob: bytes) -> ArticleMeta | Problem | None:
    """The record `encode_entry` wrote; None for anything else (an old or damaged entry)."""
    try:
        kind, values = marshal.loads(blob)
        if kind == "problem":
            return Problem(*values)
        if kind == "article":
            return _metas_from_rows([values])[0]
    except Exception:  # any damage means: read the file again
        return None
    return None


@contextmanager
def collector_paused() -> Iterator[None]:
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
    """SQLite file of metadata records (marshalled plain values) keyed by path, size and mtime;
    a broken cache is rebuilt."""

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

    def lookup(self, path: str) -> tuple[int, float, bytes] | None:
        """One file's size, mtime and encoded record as last read (None when not cached)."""
        if self._connection is None:
            return None
        try:
            with self._lock:
                row = self._connection.execute(
                    "SELECT size, mtime, value FROM meta WHERE path = ? AND version = ?",
                    (path, META_CACHE_VERSION),
                ).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else (row[0], row[1], row[2])

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

    def snapshot(self, root: Path, head: bool = False) -> Snapshot | None:
        """The articles and problems of the last scan of `root` (with `head`, only the first
        `SNAPSHOT_HEAD` articles, stored apart so the first screen reads little)."""
        if self._connection is None:
            return None
        table = "snapshot_head" if head else "snapshot"
        total = ", total" if head else ""
        query = f"SELECT value{total} FROM {table} WHERE root = ? AND version = ?"
        try:
            with self._lock:
                row = self._connection.execute(query, (str(root), META_CACHE_VERSION)).fetchone()
            if row is None:
                return None
            with collector_paused():
                articles, problems = marshal.loads(row[0])
                metas = _metas_from_rows(articles)
                found = tuple(Problem(*values) for values in problems)
            return Snapshot(metas, found, row[1] if head else len(metas))
        except Exception:  # a damaged snapshot is simply rebuilt by the scan
            return None

    def save_snapshot(self, root: Path, articles: Sequence[ArticleMeta], problems: Sequence[Problem]) -> None:
        if self._connection is None:
            return
        rows = [_meta_row(meta) for meta in articles]
        problem_rows = [(problem.path, problem.id, problem.reason) for problem in problems]
        try:
            with self._lock, self._connection:
                self._connection.execute(
                    "INSERT OR REPLACE INTO snapshot VALUES (?, ?, ?)",
                    (str(root), META_CACHE_VERSION, marshal.dumps((rows, problem_rows))),
                )
                self._connection.execute(
                    "INSERT OR REPLACE INTO snapshot_head VALUES (?, ?, ?, ?)",
                    (
                        str(root),
                        META_CACHE_VERSION,
                        len(rows),
                        marshal.dumps((rows[:SNAPSHOT_HEAD], problem_rows)),
                    ),
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._connection is not None:
            with self._lock:
                self._connection.close()
            self._connection = None
