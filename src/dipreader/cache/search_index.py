"""Ranked full-text search over articles and notes: an SQLite FTS5 index in its own cache file.

Titles weigh more than bodies (bm25), words are folded (case, diacritics) and stemmed (porter),
ties go to the newest. Articles are re-indexed only when their fingerprint (content hash and
facts) changed. A damaged file is discarded and the index starts empty (the indexer refills it
from `stored_hashes()`); a place that cannot be written gives an index in memory.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TypeVar

from dipreader.cache.base import delete_cache_files
from dipreader.cache.search_db import is_damage, is_place_error, open_index
from dipreader.cache.search_hits import Hit, Kind, build_hits, snippet_spans
from dipreader.cache.search_sql import Conditions
from dipreader.cache.search_write import (
    MARK_END,
    MARK_START,
    NOTES_MARK,
    IndexedArticle,
    IndexedNote,
    delete_articles,
    delete_notes,
    read_mark,
    write_articles,
    write_mark,
    write_notes,
)
from dipreader.model.query import Query
from dipreader.model.query import parse as parse_query
from dipreader.model.query_fts import TextPlan, plan_text
from dipreader.model.query_match import AS_TYPED, FactKind, Vocabulary

__all__ = [
    "MARK_END",
    "MARK_START",
    "Hit",
    "IndexedArticle",
    "IndexedNote",
    "Kind",
    "ReadState",
    "SearchIndex",
    "snippet_spans",
]

WEIGHTS = {"title": 10.0, "body": 1.0, "notes": 4.0, "tags": 4.0}
BATCH = 500
NOTE_BATCH = 2000
"""Notes to a transaction: each writes a segment of the full-text index; a search waits for at most one."""
FEW_TEXT_ROWS = 5000
ReadState = Callable[[str], bool] | Collection[str]
# Every join starts from docs_fts (CROSS JOIN fixes the order): SQLite otherwise may walk docs and run
# the MATCH once per row, 40x slower for a common word.
_BM25 = "bm25(docs_fts, " + ", ".join(str(weight) for weight in WEIGHTS.values()) + ")"
_COUNTS = {
    "tag": "SELECT value, count(*) FROM doc_tags GROUP BY value",
    "source": "SELECT source_key, count(*) FROM docs WHERE source_key IS NOT NULL GROUP BY source_key",
}
T = TypeVar("T")


def _as_test(state: ReadState) -> Callable[[str], bool]:
    return state if callable(state) else state.__contains__


def _chunks(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """`items` a batch at a time, without holding them all (a generator of 100,000 articles)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _few_text_rows(connection: sqlite3.Connection, match: str) -> bool:
    """Whether the words match fewer than FEW_TEXT_ROWS rows (counting stops there: a few ms at most)."""
    counted = connection.execute(
        "SELECT count(*) FROM (SELECT 1 FROM docs_fts WHERE docs_fts MATCH ? LIMIT ?)", (match, FEW_TEXT_ROWS)
    ).fetchone()[0]
    return int(counted) < FEW_TEXT_ROWS


def _matching(plan: TextPlan, conditions: Conditions, where: str) -> str:
    """FROM and WHERE for the rows `docs d` whose text matches and that meet `where`.

    The scan starts from docs_fts, and each of its rows is checked. When the words match many rows
    and a field few rows have is asked for, those rows are found first, through the field's index,
    and the scan only checks that its row is one of them ("+": not a rowid for FTS5 to seek, which
    would redo the bm25 statistics for every row).
    """
    joined = "docs_fts CROSS JOIN docs d ON d.id = docs_fts.rowid WHERE docs_fts MATCH ?"
    if not conditions.few_checked and any(conditions.narrows(node) for node in plan.rest):
        return f"{joined} AND +docs_fts.rowid IN (SELECT d.id FROM docs d WHERE {where})"
    return f"{joined} AND {where}"


class SearchIndex:
    """The full-text index at `path` (None: in memory). Safe to share between threads."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.RLock()
        self.notes_sync = threading.Lock()
        """Held by whoever brings the notes up to date (`core.search.sync_notes`): one at a time."""
        self._connection, self.path, self.rebuilt = open_index(path)
        self._values: dict[FactKind, dict[str, int]] = {}
        self._row_count: int | None = None
        self._data_version = -1

    @property
    def in_memory(self) -> bool:
        return self.path is None

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    # --- keeping it up to date -------------------------------------------------------------

    def stored_hashes(self) -> dict[str, str]:
        """article id -> the content hash it was indexed with: the indexer loads only the others."""
        statement = "SELECT key, content_hash FROM docs WHERE kind = 'article'"
        return dict(self._read(lambda c: c.execute(statement), []))

    def stored_hashes_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """`stored_hashes` of these articles only (those the index has)."""
        statement = (
            "SELECT key, content_hash FROM docs WHERE kind = 'article'"
            " AND key IN (SELECT value FROM json_each(?))"
        )
        return dict(self._read(lambda c: c.execute(statement, (json.dumps(list(article_ids)),)), []))

    def update(self, articles: Iterable[IndexedArticle]) -> int:
        """Index new and changed articles (by fingerprint), 500 to a transaction; return how many were
        written. Pass every article when the facts may have changed (new knowledge): the content hash
        alone does not say so."""
        return sum(self._write(partial(write_articles, batch=part), 0) for part in _chunks(articles))

    def remove(self, article_ids: Iterable[str]) -> int:
        """Forget articles and their notes; return how many of them were indexed."""
        wanted = list(dict.fromkeys(article_ids))
        return self._write(partial(delete_articles, article_ids=wanted), 0) if wanted else 0

    def prune(self, keep: Collection[str]) -> int:
        """Forget every article not in `keep` (the library's current ids)."""
        return self.remove([key for key in self.stored_hashes() if key not in keep])

    def update_notes(self, notes: Iterable[IndexedNote]) -> int:
        """Index new and changed notes; return how many were written."""
        return sum(self._write(partial(write_notes, batch=part), 0) for part in _chunks(notes, NOTE_BATCH))

    def remove_notes(self, note_ids: Iterable[str]) -> int:
        wanted = list(dict.fromkeys(note_ids))
        return self._write(partial(delete_notes, note_ids=wanted), 0) if wanted else 0

    def prune_notes(self, keep: Collection[str]) -> int:
        """Forget every note not in `keep` (the store's current note ids)."""
        rows = self._read(lambda c: c.execute("SELECT key FROM docs WHERE kind = 'note'"), [])
        return self.remove_notes([key for (key,) in rows if key not in keep])

    def note_keys(self, after: int = 0, limit: int = BATCH) -> tuple[list[str], int]:
        """A page of the indexed notes' ids, from document `after` on; and the last document."""
        # "+": by id from `after` on; through the (kind, key) index SQLite would sort every note per page.
        statement = "SELECT id, key FROM docs WHERE +kind = 'note' AND id > ? ORDER BY id LIMIT ?"
        rows = self._read(lambda c: c.execute(statement, (after, limit)), [])
        return [str(key) for _doc, key in rows], (int(rows[-1][0]) if rows else after)

    def notes_mark(self) -> tuple[str, int] | None:
        """(the store's identity, its revision) the notes were last indexed at, or None."""
        marks: list[str | None] = self._read(lambda c: [read_mark(c, NOTES_MARK)], [None])
        found = marks[0] if marks else None
        identity, _, revision = (found or "").rpartition(":")
        return (identity, int(revision)) if identity and revision.isdigit() else None

    def set_notes_mark(self, identity: str, revision: int) -> None:
        self._write(lambda c: write_mark(c, NOTES_MARK, f"{identity}:{revision}"), 0)

    def optimize(self) -> None:
        """Merge the index's segments (after a large build: faster queries, a smaller file)."""
        self._write(lambda c: c.execute("INSERT INTO docs_fts (docs_fts) VALUES ('optimize')").rowcount, 0)

    def size_bytes(self) -> int:
        statement = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        rows = self._read(lambda c: c.execute(statement), [])
        return int(rows[0][0]) if rows else 0

    # --- searching ---------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        limit: int = 50,
        *,
        vocabulary: Vocabulary = AS_TYPED,
        read: ReadState | None = None,
        noted: ReadState | None = None,
        kinds: Collection[Kind] = ("article", "note"),
    ) -> list[Hit]:
        """The best `limit` hits. A string is parsed first (QueryError when it cannot be); `read` and
        `noted` (article ids, or a test) answer is:read / is:unread / has:notes (without `noted`,
        has:notes means notes in this index)."""
        parsed = self._parsed(query, read)
        if parsed.root is None or limit <= 0 or not kinds:
            return []
        return self._read(lambda c: self._search(c, parsed, limit, vocabulary, read, noted, kinds), [])

    def article_ids(
        self,
        query: str | Query,
        *,
        vocabulary: Vocabulary = AS_TYPED,
        read: ReadState | None = None,
        noted: ReadState | None = None,
    ) -> list[str]:
        """Every article that matches, newest first (the empty query: every article)."""
        parsed = self._parsed(query, read)
        rows = self._read(lambda c: self._select(c, parsed, vocabulary, read, noted, "d.key"), [])
        return [str(key) for (key,) in rows]

    def count(
        self,
        query: str | Query,
        *,
        vocabulary: Vocabulary = AS_TYPED,
        read: ReadState | None = None,
        noted: ReadState | None = None,
    ) -> int:
        """How many articles match (a saved search's unread count: `query.also(Flag("unread"))`)."""
        parsed = self._parsed(query, read)
        rows = self._read(lambda c: self._select(c, parsed, vocabulary, read, noted, "count(*)"), [])
        return int(str(rows[0][0])) if rows else 0

    def body_matches(self, article_id: str, query: str | Query) -> list[tuple[int, int]]:
        """Every stretch of the article's body the query's words match ([start, end) offsets)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        rank = plan_text(parsed).rank
        if rank is None:
            return []
        statement = (
            "SELECT highlight(docs_fts, 1, char(2), char(3)) FROM docs_fts WHERE docs_fts MATCH ?"
            " AND rowid = (SELECT id FROM docs WHERE kind = 'article' AND key = ?)"
        )
        rows = self._read(lambda c: c.execute(statement, (rank, article_id)), [])
        spans: list[tuple[int, int]] = []
        plain = 0
        start = 0
        for piece in re.split(f"([{MARK_START}{MARK_END}])", str(rows[0][0])) if rows else ():
            if piece == MARK_START:
                start = plain
            elif piece == MARK_END:
                spans.append((start, plain))
            else:
                plain += len(piece)
        return spans

    @staticmethod
    def _parsed(query: str | Query, read: ReadState | None) -> Query:
        parsed = parse_query(query) if isinstance(query, str) else query
        if read is None and parsed.uses_read_state():
            raise ValueError("is:read / is:unread need the read state: pass read=")
        return parsed

    # --- the work --------------------------------------------------------------------------

    def _values_of(self, kind: FactKind) -> dict[str, int]:
        """Every stored key of a kind, with how many rows carry it."""
        if kind not in self._values:
            statement = _COUNTS.get(kind, "SELECT value, count(*) FROM facts WHERE kind = ? GROUP BY value")
            params = () if kind in _COUNTS else (kind,)
            self._values[kind] = dict(self._connection.execute(statement, params))
        return self._values[kind]

    def _rows(self) -> int:
        if self._row_count is None:
            self._row_count = int(self._connection.execute("SELECT count(*) FROM docs").fetchone()[0])
        return self._row_count

    def _conditions(
        self,
        connection: sqlite3.Connection,
        vocabulary: Vocabulary,
        read: ReadState | None,
        noted: ReadState | None,
        few_checked: bool,
    ) -> Conditions:
        version = int(connection.execute("PRAGMA data_version").fetchone()[0])
        if version != self._data_version:  # another connection wrote: the distinct values may differ
            self._forget_counts()
            self._data_version = version
        if read is not None:
            is_read = _as_test(read)
            connection.create_function("dip_read", 1, lambda key: int(is_read(key)), deterministic=True)
        if noted is not None:
            has_notes = _as_test(noted)
            connection.create_function("dip_noted", 1, lambda key: int(has_notes(key)), deterministic=True)
        return Conditions(
            self._values_of,
            self._rows(),
            vocabulary,
            noted_by_caller=noted is not None,
            few_checked=few_checked,
        )

    def _forget_counts(self) -> None:
        self._values.clear()
        self._row_count = None

    def _select(
        self,
        connection: sqlite3.Connection,
        query: Query,
        vocabulary: Vocabulary,
        read: ReadState | None,
        noted: ReadState | None,
        columns: str,
    ) -> list[tuple[object, ...]]:
        plan = plan_text(query)
        few = plan.match is not None and _few_text_rows(connection, plan.match)
        conditions = self._conditions(connection, vocabulary, read, noted, few_checked=few)
        where = " AND ".join(["+d.kind = 'article'", *(conditions.of(node) for node in plan.rest)])
        order = " ORDER BY d.day_from DESC, d.id" if columns == "d.key" else ""
        if plan.match is None:
            return connection.execute(
                f"SELECT {columns} FROM docs d WHERE {where}{order}", conditions.params
            ).fetchall()
        sql = f"SELECT {columns} FROM {_matching(plan, conditions, where)}{order}"
        return connection.execute(sql, (plan.match, *conditions.params)).fetchall()

    def _search(
        self,
        connection: sqlite3.Connection,
        query: Query,
        limit: int,
        vocabulary: Vocabulary,
        read: ReadState | None,
        noted: ReadState | None,
        kinds: Collection[Kind],
    ) -> list[Hit]:
        plan = plan_text(query)
        few = plan.match is None or _few_text_rows(connection, plan.match)
        conditions = self._conditions(connection, vocabulary, read, noted, few_checked=few)
        chosen_kinds = sorted(set(kinds)) if set(kinds) != {"article", "note"} else []
        # "+": the kind is only checked, never an index to walk (it would make SQLite sort every row).
        kind_test = [f"+d.kind IN ({', '.join('?' for _ in chosen_kinds)})"] if chosen_kinds else []
        where = " AND ".join([*kind_test, *(conditions.of(node) for node in plan.rest)]) or "1"
        if plan.match is not None:
            sql = (
                f"SELECT d.id, {_BM25} AS score FROM {_matching(plan, conditions, where)}"
                " ORDER BY score, d.day_from DESC, d.id LIMIT ?"
            )
            params: list[object] = [plan.match, *chosen_kinds, *conditions.params, limit]
        elif plan.rank is not None:
            sql = (
                f"SELECT d.id, r.score FROM docs d LEFT JOIN (SELECT rowid AS id, {_BM25} AS score"
                " FROM docs_fts WHERE docs_fts MATCH ?) r ON r.id = d.id"
                f" WHERE {where} ORDER BY r.score IS NULL, r.score, d.day_from DESC, d.id LIMIT ?"
            )
            params = [plan.rank, *chosen_kinds, *conditions.params, limit]
        else:
            sql = f"SELECT d.id, NULL FROM docs d WHERE {where} ORDER BY d.day_from DESC, d.id LIMIT ?"
            params = [*chosen_kinds, *conditions.params, limit]
        return build_hits(connection, connection.execute(sql, params).fetchall(), plan.rank)

    # --- failures --------------------------------------------------------------------------

    def _read(self, work: Callable[[sqlite3.Connection], Iterable[T]], fallback: list[T]) -> list[T]:
        with self._lock, self._guard(writing=False):
            return list(work(self._connection))
        return fallback

    def _write(self, work: Callable[[sqlite3.Connection], int], fallback: int) -> int:
        for _attempt in range(2):
            with self._lock, self._guard(writing=True):
                result = work(self._connection)
                self._forget_counts()
                return result
        return fallback

    @contextmanager
    def _guard(self, writing: bool) -> Iterator[None]:
        """Damage: start again empty. A place that cannot be written: go on in memory. Either way the
        work in hand is dropped (a write is tried once more by `_write`); other errors are bugs."""
        try:
            yield
        except sqlite3.Error as error:
            if is_damage(error):
                self._start_again(self.path)
            elif is_place_error(error) and writing and self.path is not None:
                self._start_again(None)
            elif not is_place_error(error):
                raise

    def _start_again(self, path: Path | None) -> None:
        with suppress(sqlite3.Error):
            self._connection.close()
        if path is not None:
            delete_cache_files(path)
        self._connection, self.path, _discarded = open_index(path)
        self._forget_counts()
        self._data_version = -1
        self.rebuilt = True
