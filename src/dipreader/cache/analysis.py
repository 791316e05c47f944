"""Per-article analyses cached on disk, keyed by content hash, version and knowledge salt; the
reader's corrections are applied to them as they are read."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.cache.analysis_codec import CodecError, decode_analysis, encode_analysis
from dipreader.cache.base import connect_cache
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article, ArticleMeta, PartialDate
from dipreader.model.corrections import Corrections, correct_analysis

if TYPE_CHECKING:
    from dipreader.model.knowledge import Knowledge

log = logging.getLogger(__name__)

ANALYSIS_VERSION = "17"
"""Bump when extraction changes so cached results are recomputed."""


def _cache_key(content_hash: str, article_id: str, date: PartialDate | None, salt: str) -> str:
    parts = (ANALYSIS_VERSION, salt, content_hash, article_id, date.iso() if date else "")
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class AnalysisCache:
    """A SQLite key-value file of analyses as marshalled plain values (never pickles); a broken
    cache is rebuilt, never fatal.

    What is stored is what extraction found; what `lookup` and `get` return has `corrections`
    (by default the knowledge's) applied.
    """

    def __init__(
        self,
        path: Path | None,
        knowledge: Knowledge | None,
        salt: str = "",
        corrections: Corrections | None = None,
    ) -> None:
        self.path = path
        self.knowledge = knowledge
        self.salt = salt
        self.corrections = corrections if corrections is not None else _corrections_of(knowledge)
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._in_memory: dict[str, ArticleAnalysis] = {}  # when no file, or not this entry, can be written
        self.write_failure: str | None = None
        """Why an analysis could not be written to the file (the first time), kept in memory instead."""
        if path is not None:
            self._connection = connect_cache(
                path,
                "CREATE TABLE IF NOT EXISTS analysis (key TEXT PRIMARY KEY, value BLOB)",
            )

    def lookup(self, meta: ArticleMeta) -> ArticleAnalysis | None:
        """The cached analysis of this content, without reading the file; None when not cached."""
        found = self._load(_cache_key(meta.content_hash, meta.id, meta.date, self.salt))
        return correct_analysis(found, self.corrections) if found is not None else None

    def contains(self, meta: ArticleMeta) -> bool:
        """Whether this content's analysis is cached (without reading it)."""
        key = _cache_key(meta.content_hash, meta.id, meta.date, self.salt)
        if self._connection is None or key in self._in_memory:
            return key in self._in_memory
        try:
            with self._lock:
                row = self._connection.execute("SELECT 1 FROM analysis WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return False
        return row is not None

    def get(self, article: Article) -> ArticleAnalysis:
        """The cached analysis for this content, computing and storing it when missing."""
        key = _cache_key(article.meta.content_hash, article.id, article.date, self.salt)
        cached = self._load(key)
        if cached is not None:
            return correct_analysis(cached, self.corrections)
        result = analyse(article, self.knowledge)
        self._save(key, result)
        return correct_analysis(result, self.corrections)

    def use_knowledge(self, knowledge: Knowledge, salt: str) -> None:
        """Knowledge read again: analyses are keyed by its salt and read with its corrections."""
        self.knowledge, self.salt, self.corrections = knowledge, salt, knowledge.corrections

    def put(self, meta: ArticleMeta, result: ArticleAnalysis) -> None:
        """Store an analysis computed elsewhere (a worker process) for this content, as extraction
        found it (uncorrected)."""
        if result.content_hash == meta.content_hash:
            self._save(_cache_key(meta.content_hash, meta.id, meta.date, self.salt), result)

    def put_encoded(self, entries: Iterable[tuple[ArticleMeta, str, bytes | ArticleAnalysis]]) -> None:
        """Store analyses computed elsewhere, each (meta, the content hash it was computed for, the
        analysis as `encode_analysis` gave it or, when it could not, the analysis), in one
        transaction; those whose content changed since are left out."""
        rows: list[tuple[str, bytes]] = []
        for meta, content_hash, encoded in entries:
            if content_hash != meta.content_hash:
                continue
            key = _cache_key(meta.content_hash, meta.id, meta.date, self.salt)
            if isinstance(encoded, ArticleAnalysis):
                self._save(key, encoded)
            else:
                rows.append((key, encoded))
        if not rows:
            return
        if self._connection is not None:
            try:
                with self._lock, self._connection:
                    self._connection.executemany(
                        "INSERT OR REPLACE INTO analysis (key, value) VALUES (?, ?)", rows
                    )
                return
            except (sqlite3.Error, OSError) as error:
                self._note_write_failure(error)
        for key, blob in rows:
            self._in_memory[key] = decode_analysis(blob)

    @property
    def on_disk(self) -> bool:
        """Whether analyses live in the cache file (readable by other processes)."""
        return self._connection is not None

    def _load(self, key: str) -> ArticleAnalysis | None:
        if self._connection is None or key in self._in_memory:
            return self._in_memory.get(key)
        try:
            with self._lock:
                row = self._connection.execute("SELECT value FROM analysis WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            return decode_analysis(row[0])
        except (sqlite3.Error, CodecError):  # a stale or damaged entry is recomputed
            return None

    def _save(self, key: str, result: ArticleAnalysis) -> None:
        if self._connection is None:
            self._in_memory[key] = result  # a read-only data dir: the index still works
            return
        try:
            blob = encode_analysis(result)
            with self._lock, self._connection:
                self._connection.execute(
                    "INSERT OR REPLACE INTO analysis (key, value) VALUES (?, ?)", (key, blob)
                )
        except CodecError as error:  # a field the codec does not know: a bug, not a full disk
            log.warning("analysis %s not cached: %s", key, error)
            self._in_memory[key] = result
        except (sqlite3.Error, OSError) as error:
            # The cache is an optimisation: a full disk must neither stop reading nor lose this result.
            self._in_memory[key] = result
            self._note_write_failure(error)

    def _note_write_failure(self, error: Exception) -> None:
        if self.write_failure is None:
            self.write_failure = (
                f"could not write the cache {self.path} ({error}): analyses are kept in memory for now"
            )

    def close(self) -> None:
        if self._connection is not None:
            with self._lock:
                self._connection.close()
            self._connection = None


def _corrections_of(knowledge: Knowledge | None) -> Corrections:
    return knowledge.corrections if knowledge is not None else Corrections()
