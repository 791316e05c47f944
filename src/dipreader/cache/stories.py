"""Each article's story features by content key, as marshalled plain values (rebuildable)."""

from __future__ import annotations

import marshal
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dipreader.cache.base import connect_cache

StoryRow = tuple[Any, ...]


class StoryCache:
    """A SQLite file of plain tuples keyed by a string the caller makes; a broken file is rebuilt."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        if path is not None:
            self._connection = connect_cache(
                path, "CREATE TABLE IF NOT EXISTS story (key TEXT PRIMARY KEY, value BLOB)"
            )

    def get(self, key: str) -> StoryRow | None:
        if self._connection is None:
            return None
        try:
            with self._lock:
                row = self._connection.execute("SELECT value FROM story WHERE key = ?", (key,)).fetchone()
            value = marshal.loads(row[0]) if row is not None else None
        except Exception:  # a damaged entry is computed again
            return None
        return value if isinstance(value, tuple) else None

    def put_many(self, rows: Iterable[tuple[str, StoryRow]]) -> None:
        if self._connection is None:
            return
        try:
            encoded = [(key, marshal.dumps(value)) for key, value in rows]
            with self._lock, self._connection:
                self._connection.executemany("INSERT OR REPLACE INTO story VALUES (?, ?)", encoded)
        except (sqlite3.Error, ValueError):
            pass  # only an optimisation

    def close(self) -> None:
        if self._connection is not None:
            with self._lock:
                self._connection.close()
            self._connection = None
