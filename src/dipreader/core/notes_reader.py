"""Notes for an export, in its order and a page at a time: read from the state file on a connection of
its own, in one read transaction (so counts and rows agree), or from a list already in memory."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Protocol

from dipreader.model.anchoring import Annotation
from dipreader.store import Store
from dipreader.store import annotation_rows as rows

PAGE = 500
EXPORT_ORDER = "article_id, orphan, start, created"
"""The JSON and W3C exports' order; ties keep the store's own order (by rowid)."""
ARTICLE_ORDER = "orphan, start, created, id"
"""The order of one article's notes in the Markdown export (its articles are ranked by title)."""


class NotesSource(Protocol):
    """What an export reads notes from."""

    def count(self) -> int: ...

    def ordered(self) -> Iterator[Annotation]:
        """Every note by article id, orphans last within an article, then by offset and creation."""
        ...

    def article_ids(self) -> list[str]:
        """The ids of the articles that have notes, each once."""
        ...

    def by_rank(self, ranks: Mapping[str, int]) -> Iterator[Annotation]:
        """Every note by the rank of its article id (every id of `article_ids` has one), then placed
        ones first, then by offset, creation and id."""
        ...

    def tags_by_rank(self, ranks: Mapping[str, int]) -> Iterator[tuple[str, ...]]:
        """The tags of each note, in the order of `by_rank` (and cheaper)."""
        ...


class ListedNotes:
    """Notes already in memory (a small import, a test), sorted here."""

    def __init__(self, annotations: Iterable[Annotation]) -> None:
        self._all = list(annotations)

    def __enter__(self) -> ListedNotes:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._all = []

    def count(self) -> int:
        return len(self._all)

    def ordered(self) -> Iterator[Annotation]:
        return iter(sorted(self._all, key=lambda ann: (ann.article_id, ann.orphan, ann.start, ann.created)))

    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(ann.article_id for ann in self._all))

    def _ranked(self, ranks: Mapping[str, int]) -> list[Annotation]:
        return sorted(
            self._all, key=lambda ann: (ranks[ann.article_id], ann.orphan, ann.start, ann.created, ann.id)
        )

    def by_rank(self, ranks: Mapping[str, int]) -> Iterator[Annotation]:
        return iter(self._ranked(ranks))

    def tags_by_rank(self, ranks: Mapping[str, int]) -> Iterator[tuple[str, ...]]:
        return (ann.tags for ann in self._ranked(ranks))


class StoredNotes:
    """The state file's notes read in pages of PAGE rows; nothing else is held. A context manager:
    the read transaction (one snapshot for every query) ends when it closes."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            self._connection.execute("BEGIN")
            self._connection.execute("SELECT count(*) FROM annotations").fetchone()  # the snapshot starts
        except sqlite3.Error:
            self._connection.close()
            raise

    def __enter__(self) -> StoredNotes:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    def count(self) -> int:
        found = self._connection.execute("SELECT count(*) FROM annotations").fetchone()
        return int(found[0])

    def _pages(self, sql: str, params: tuple[str, ...] = ()) -> Iterator[Annotation]:
        cursor = self._connection.execute(sql, params)
        try:
            while page := cursor.fetchmany(PAGE):
                yield from map(rows.from_row, page)
        finally:
            cursor.close()

    def ordered(self) -> Iterator[Annotation]:
        return self._pages(f"{rows.SELECT_ALL} ORDER BY {EXPORT_ORDER}, rowid")

    def article_ids(self) -> list[str]:
        found = self._connection.execute("SELECT DISTINCT article_id FROM annotations ORDER BY article_id")
        return [row[0] for row in found]

    def _ranked_sql(self, columns: str, ranks: Mapping[str, int]) -> str:
        """A query of every note in rank order; the ranks go to a temporary table (SQLite sorts,
        on disk when it must, so a million notes need no memory here)."""
        self._connection.execute("DROP TABLE IF EXISTS temp.export_ranks")
        self._connection.execute("CREATE TEMP TABLE export_ranks (article_id TEXT PRIMARY KEY, rank INTEGER)")
        self._connection.executemany("INSERT INTO temp.export_ranks VALUES (?, ?)", ranks.items())
        order = ", ".join(f"annotations.{column.strip()}" for column in ARTICLE_ORDER.split(","))
        return (
            f"SELECT {columns} FROM annotations JOIN temp.export_ranks USING (article_id)"
            f" ORDER BY export_ranks.rank, {order}"
        )

    def by_rank(self, ranks: Mapping[str, int]) -> Iterator[Annotation]:
        columns = ", ".join(f"annotations.{column}" for column in rows.COLUMNS)
        return self._pages(self._ranked_sql(columns, ranks))

    def tags_by_rank(self, ranks: Mapping[str, int]) -> Iterator[tuple[str, ...]]:
        cursor = self._connection.execute(self._ranked_sql("annotations.tags", ranks))
        try:
            while page := cursor.fetchmany(PAGE):
                for (raw,) in page:
                    yield _stored_tags(raw)
        finally:
            cursor.close()


@lru_cache(maxsize=4096)  # notes share few sets of tags
def _stored_tags(raw: str) -> tuple[str, ...]:
    """The tags column read as `store.annotation_rows.from_row` reads it: a JSON list, else none."""
    try:
        loaded = json.loads(raw)
    except (TypeError, ValueError):
        return ()
    return tuple(str(tag) for tag in loaded) if isinstance(loaded, list) else ()


def notes_of(store: Store) -> StoredNotes | ListedNotes:
    """The store's notes for an export: read in pages from its file, or (when a second connection
    cannot read it) loaded whole through the store."""
    try:
        return StoredNotes(store.path)
    except sqlite3.Error:
        return ListedNotes(store.annotations())
