"""Notes for an export, in its order and a page at a time: read from the state file on a connection of
its own, in one read transaction (so counts and rows agree), or from a list already in memory."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
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
"""The order of one article's notes in the Markdown export."""


class NotesSource(Protocol):
    """What an export reads notes from."""

    def count(self) -> int: ...

    def ordered(self) -> Iterator[Annotation]:
        """Every note by article id, orphans last within an article, then by offset and creation."""
        ...

    def article_ids(self) -> list[str]:
        """The ids of the articles that have notes, each once."""
        ...

    def of_article(self, article_id: str) -> Iterator[Annotation]:
        """One article's notes: placed ones first, then by offset, creation and id."""
        ...

    def tags_of(self, article_id: str) -> Iterator[tuple[str, ...]]:
        """The tags of each of one article's notes, in the order of `of_article` (and cheaper)."""
        ...


class ListedNotes:
    """Notes already in memory (a small import, a test), sorted here."""

    def __init__(self, annotations: Iterable[Annotation]) -> None:
        self._all = list(annotations)
        self._by_article: dict[str, list[Annotation]] = {}
        for ann in self._all:
            self._by_article.setdefault(ann.article_id, []).append(ann)

    def __enter__(self) -> ListedNotes:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._by_article.clear()

    def count(self) -> int:
        return len(self._all)

    def ordered(self) -> Iterator[Annotation]:
        return iter(sorted(self._all, key=lambda ann: (ann.article_id, ann.orphan, ann.start, ann.created)))

    def article_ids(self) -> list[str]:
        return list(self._by_article)

    def of_article(self, article_id: str) -> Iterator[Annotation]:
        mine = self._by_article.get(article_id, [])
        return iter(sorted(mine, key=lambda ann: (ann.orphan, ann.start, ann.created, ann.id)))

    def tags_of(self, article_id: str) -> Iterator[tuple[str, ...]]:
        return (ann.tags for ann in self.of_article(article_id))


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

    def of_article(self, article_id: str) -> Iterator[Annotation]:
        return self._pages(f"{rows.SELECT_ALL} WHERE article_id = ? ORDER BY {ARTICLE_ORDER}", (article_id,))

    def tags_of(self, article_id: str) -> Iterator[tuple[str, ...]]:
        cursor = self._connection.execute(
            f"SELECT tags FROM annotations WHERE article_id = ? ORDER BY {ARTICLE_ORDER}", (article_id,)
        )
        try:
            while page := cursor.fetchmany(PAGE):
                for (raw,) in page:
                    yield _stored_tags(raw)
        finally:
            cursor.close()


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
