"""Ranked full-text search over articles and notes: an SQLite FTS5 index in its own cache file.

Titles weigh more than bodies (bm25), words are folded (case, diacritics) and stemmed (porter),
ties go to the newest. Articles are re-indexed only when their fingerprint (content hash and
facts) changed. A damaged file is discarded and the index starts empty (the indexer refills it
from `stored_hashes()`); a place that cannot be written gives an index in memory.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

from dipreader.cache.search_db import delete_files, is_damage, is_place_error, open_index
from dipreader.cache.search_sql import Conditions
from dipreader.model.article import PartialDate
from dipreader.model.query import DateBound, Query, plan_text
from dipreader.model.query import parse as parse_query
from dipreader.model.query_match import AS_TYPED, FactKind, Vocabulary, fact_key

WEIGHTS = {"title": 10.0, "body": 1.0, "notes": 4.0, "tags": 4.0}
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_TOKENS = 16
LEAD_CHARS = 160
BATCH = 500
Kind = Literal["article", "note"]
ReadState = Callable[[str], bool] | Collection[str]
_BM25 = "bm25(docs_fts, " + ", ".join(str(weight) for weight in WEIGHTS.values()) + ")"
# The marks must not occur in stored text, and SQLite cannot take lone surrogates.
_UNSTORABLE = re.compile(r"[\x02\x03\ud800-\udfff]")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class IndexedArticle:
    """What the index needs of one article; persons are canonical names."""

    article_id: str
    content_hash: str
    title: str
    body: str
    date: PartialDate | None = None
    source: str | None = None
    persons: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IndexedNote:
    """One annotation: its text, tags and quote are searched; start/end place it in the article's body."""

    note_id: str
    article_id: str
    text: str
    tags: tuple[str, ...] = ()
    quote: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One result. `snippet` marks matches with MARK_START / MARK_END; `start`/`end` are body offsets
    of the first match (for a note: of its passage), None when no word matched the body."""

    kind: Kind
    article_id: str
    title: str
    date: PartialDate | None
    source: str | None
    score: float  # higher is better; 0 when the query has no words
    snippet: str
    start: int | None
    end: int | None
    note_id: str | None = None

    def snippet_spans(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is a match) pieces, for highlighting."""
        return snippet_spans(self.snippet)

    def to_json(self) -> dict[str, object]:
        """`{kind, article, title, date, source, score, snippet, matches, start, end}` (+ `note`); the
        snippet without marks, `matches` its [start, end) character ranges."""
        plain, ranges = "", []
        for text, marked in self.snippet_spans():
            if marked:
                ranges.append([len(plain), len(plain) + len(text)])
            plain += text
        row: dict[str, object] = {"kind": self.kind, "article": self.article_id}
        if self.note_id is not None:
            row["note"] = self.note_id
        row.update(
            title=self.title,
            date=self.date.iso() if self.date else None,
            source=self.source,
            score=round(self.score, 4),
            snippet=plain,
            matches=ranges,
            start=self.start,
            end=self.end,
        )
        return row


def snippet_spans(snippet: str) -> list[tuple[str, bool]]:
    spans: list[tuple[str, bool]] = []
    for index, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if piece:
            spans.append((piece, index % 2 == 1))
    return spans


def storable(text: str) -> str:
    """`text` with the marks turned to spaces and lone surrogates to U+FFFD (same length: offsets hold)."""
    if _UNSTORABLE.search(text) is None:
        return text
    return _UNSTORABLE.sub(lambda match: " " if match.group() in (MARK_START, MARK_END) else "\ufffd", text)


def _digest(*parts: object) -> str:
    return hashlib.blake2b(json.dumps(parts, ensure_ascii=False).encode(), digest_size=16).hexdigest()


def _article_fingerprint(article: IndexedArticle) -> str:
    content = article.content_hash or _digest(article.body)
    date = article.date.iso() if article.date else None
    return _digest(
        content,
        article.title,
        date,
        article.source,
        article.persons,
        article.sectors,
        article.countries,
        article.tags,
    )


def _note_fingerprint(note: IndexedNote) -> str:
    return _digest(note.article_id, note.text, note.tags, note.quote, note.start, note.end)


def _days(date: PartialDate | None) -> tuple[int | None, int | None]:
    if date is None:
        return None, None
    span = DateBound("from", date)
    return span.first_day.toordinal(), span.last_day.toordinal()


def _as_test(state: ReadState) -> Callable[[str], bool]:
    if callable(state):
        return state
    return state.__contains__


def _chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SearchIndex:
    """The full-text index at `path` (None: in memory). Safe to share between threads."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.RLock()
        self._requested = path
        self._connection, self.path, self.rebuilt = open_index(path)
        self._values: dict[FactKind, list[str]] = {}
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
        rows = self._read(
            lambda c: c.execute("SELECT key, content_hash FROM docs WHERE kind = 'article'"), []
        )
        return dict(rows)

    def update(self, articles: Iterable[IndexedArticle]) -> int:
        """Index new and changed articles (by fingerprint); return how many were written."""
        batch = list(articles)
        return sum(self._write(partial(self._update_articles, batch=part), 0) for part in _chunks(batch))

    def remove(self, article_ids: Iterable[str]) -> int:
        """Forget articles and their notes; return how many articles were indexed."""
        wanted = json.dumps(list(dict.fromkeys(article_ids)))
        return self._write(lambda c: self._remove_articles(c, wanted), 0)

    def prune(self, keep: Collection[str]) -> int:
        """Forget every article not in `keep` (the library's current ids)."""
        gone = [key for key in self.stored_hashes() if key not in keep]
        return self.remove(gone) if gone else 0

    def update_notes(self, notes: Iterable[IndexedNote]) -> int:
        """Index new and changed notes; return how many were written."""
        batch = list(notes)
        return sum(self._write(partial(self._update_notes, batch=part), 0) for part in _chunks(batch))

    def remove_notes(self, note_ids: Iterable[str]) -> int:
        wanted = json.dumps(list(dict.fromkeys(note_ids)))
        statement = "DELETE FROM docs WHERE kind = 'note' AND key IN (SELECT value FROM json_each(?))"
        return self._write(lambda c: c.execute(statement, (wanted,)).rowcount, 0)

    def prune_notes(self, keep: Collection[str]) -> int:
        """Forget every note not in `keep` (the store's current note ids)."""
        rows = self._read(lambda c: c.execute("SELECT key FROM docs WHERE kind = 'note'"), [])
        gone = [key for (key,) in rows if key not in keep]
        return self.remove_notes(gone) if gone else 0

    def optimize(self) -> None:
        """Merge the index's segments (after a large build: faster queries, smaller file)."""
        self._write(lambda c: c.execute("INSERT INTO docs_fts (docs_fts) VALUES ('optimize')").rowcount, 0)

    def size_bytes(self) -> int:
        size = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        rows = self._read(lambda c: c.execute(size), [])
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
        `noted` (article ids, or a test) answer is:read / is:unread / has:notes (default for
        has:notes: the notes in this index)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        if parsed.root is None or limit <= 0 or not kinds:
            return []
        self._check_state(parsed, read)
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
        parsed = parse_query(query) if isinstance(query, str) else query
        self._check_state(parsed, read)
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
        parsed = parse_query(query) if isinstance(query, str) else query
        self._check_state(parsed, read)
        rows = self._read(lambda c: self._select(c, parsed, vocabulary, read, noted, "count(*)"), [])
        return int(str(rows[0][0])) if rows else 0

    @staticmethod
    def _check_state(query: Query, read: ReadState | None) -> None:
        if read is None and query.uses_read_state():
            raise ValueError("is:read / is:unread need the read state: pass read=")

    # --- the work --------------------------------------------------------------------------

    def _update_articles(self, connection: sqlite3.Connection, batch: Sequence[IndexedArticle]) -> int:
        ids = json.dumps([article.article_id for article in batch])
        known = {
            key: (doc, fingerprint)
            for key, doc, fingerprint in connection.execute(
                "SELECT key, id, fingerprint FROM docs WHERE kind = 'article'"
                " AND key IN (SELECT value FROM json_each(?))",
                (ids,),
            )
        }
        written = 0
        connection.execute("BEGIN IMMEDIATE")
        try:
            for article in batch:
                fingerprint = _article_fingerprint(article)
                doc, stored = known.get(article.article_id, (None, None))
                if stored == fingerprint:
                    continue
                known[article.article_id] = (
                    self._put_article(connection, article, fingerprint, doc),
                    fingerprint,
                )
                written += 1
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return written

    def _put_article(
        self, connection: sqlite3.Connection, article: IndexedArticle, fingerprint: str, doc: int | None
    ) -> int:
        day_from, day_to = _days(article.date)
        date = article.date.iso() if article.date else None
        source_key = fact_key("source", article.source) if article.source else None
        columns = (
            fingerprint,
            article.content_hash,
            storable(article.title),
            storable(article.body),
            storable(" ".join(article.tags)),
            date,
            day_from,
            day_to,
            article.source,
            source_key,
        )
        if doc is None:
            cursor = connection.execute(
                "INSERT INTO docs (kind, key, article_id, fingerprint, content_hash, title, body, tags,"
                " date, day_from, day_to, source, source_key)"
                " VALUES ('article', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.article_id, article.article_id, *columns),
            )
            doc = int(cursor.lastrowid or 0)
        else:
            connection.execute(
                "UPDATE docs SET fingerprint = ?, content_hash = ?, title = ?, body = ?, tags = ?, date = ?,"
                " day_from = ?, day_to = ?, source = ?, source_key = ? WHERE id = ?",
                (*columns, doc),
            )
        connection.execute("DELETE FROM facts WHERE article_id = ?", (article.article_id,))
        kinds: tuple[tuple[FactKind, tuple[str, ...]], ...] = (
            ("person", article.persons),
            ("sector", article.sectors),
            ("country", article.countries),
        )
        facts = {(kind, key) for kind, values in kinds for value in values if (key := fact_key(kind, value))}
        connection.executemany(
            "INSERT INTO facts (kind, value, article_id) VALUES (?, ?, ?)",
            [(kind, key, article.article_id) for kind, key in sorted(facts)],
        )
        self._put_tags(connection, doc, article.tags)
        connection.execute(
            "UPDATE docs SET date = ?, day_from = ?, day_to = ?, source = ?, source_key = ?"
            " WHERE kind = 'note' AND article_id = ?",
            (date, day_from, day_to, article.source, source_key, article.article_id),
        )
        return doc

    @staticmethod
    def _put_tags(connection: sqlite3.Connection, doc: int, tags: Iterable[str]) -> None:
        connection.execute("DELETE FROM doc_tags WHERE doc = ?", (doc,))
        keys = sorted({key for tag in tags if (key := fact_key("tag", tag))})
        connection.executemany(
            "INSERT INTO doc_tags (value, doc) VALUES (?, ?)", [(key, doc) for key in keys]
        )

    def _update_notes(self, connection: sqlite3.Connection, batch: Sequence[IndexedNote]) -> int:
        written = 0
        connection.execute("BEGIN IMMEDIATE")
        try:
            for note in batch:
                fingerprint = _note_fingerprint(note)
                row = connection.execute(
                    "SELECT id, fingerprint FROM docs WHERE kind = 'note' AND key = ?", (note.note_id,)
                ).fetchone()
                if row is not None and row[1] == fingerprint:
                    continue
                if row is not None:
                    connection.execute("DELETE FROM docs WHERE id = ?", (row[0],))
                cursor = connection.execute(
                    "INSERT INTO docs (kind, key, article_id, fingerprint, body, notes, tags, anchor_start,"
                    " anchor_end, date, day_from, day_to, source, source_key)"
                    " SELECT 'note', ?, ?, ?, ?, ?, ?, ?, ?,"
                    " a.date, a.day_from, a.day_to, a.source, a.source_key"
                    " FROM (SELECT 1) LEFT JOIN docs a ON a.kind = 'article' AND a.key = ?",
                    (
                        note.note_id,
                        note.article_id,
                        fingerprint,
                        storable(note.quote),
                        storable(note.text),
                        storable(" ".join(note.tags)),
                        note.start,
                        note.end,
                        note.article_id,
                    ),
                )
                self._put_tags(connection, int(cursor.lastrowid or 0), note.tags)
                written += 1
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return written

    @staticmethod
    def _remove_articles(connection: sqlite3.Connection, wanted: str) -> int:
        chosen = "SELECT value FROM json_each(?)"
        connection.execute("BEGIN IMMEDIATE")
        try:
            removed = connection.execute(
                f"SELECT count(*) FROM docs WHERE kind = 'article' AND key IN ({chosen})", (wanted,)
            ).fetchone()[0]
            connection.execute(f"DELETE FROM facts WHERE article_id IN ({chosen})", (wanted,))
            connection.execute(f"DELETE FROM docs WHERE article_id IN ({chosen})", (wanted,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return int(removed)

    def _values_of(self, kind: FactKind) -> list[str]:
        if kind not in self._values:
            statements = {
                "tag": "SELECT DISTINCT value FROM doc_tags",
                "source": "SELECT DISTINCT source_key FROM docs WHERE source_key IS NOT NULL",
            }
            statement = statements.get(kind, "SELECT DISTINCT value FROM facts WHERE kind = ?")
            params = () if kind in statements else (kind,)
            self._values[kind] = [value for (value,) in self._connection.execute(statement, params)]
        return self._values[kind]

    def _conditions(
        self,
        connection: sqlite3.Connection,
        vocabulary: Vocabulary,
        read: ReadState | None,
        noted: ReadState | None,
    ) -> Conditions:
        version = int(connection.execute("PRAGMA data_version").fetchone()[0])
        if version != self._data_version:  # another connection wrote: the distinct values may differ
            self._values.clear()
            self._data_version = version
        if read is not None:
            is_read = _as_test(read)
            connection.create_function("dip_read", 1, lambda key: int(is_read(key)), deterministic=True)
        if noted is not None:
            has_notes = _as_test(noted)
            connection.create_function("dip_noted", 1, lambda key: int(has_notes(key)), deterministic=True)
        return Conditions(self._values_of, vocabulary, noted_by_caller=noted is not None)

    def _select(
        self,
        connection: sqlite3.Connection,
        query: Query,
        vocabulary: Vocabulary,
        read: ReadState | None,
        noted: ReadState | None,
        columns: str,
    ) -> list[tuple[object, ...]]:
        conditions = self._conditions(connection, vocabulary, read, noted)
        plan = plan_text(query)
        where = ["d.kind = 'article'", *(conditions.of(node) for node in plan.rest)]
        order = " ORDER BY d.day_from DESC, d.id" if columns == "d.key" else ""
        if plan.match is not None:
            sql = (
                f"SELECT {columns} FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid"
                f" WHERE docs_fts MATCH ? AND {' AND '.join(where)}{order}"
            )
            return connection.execute(sql, (plan.match, *conditions.params)).fetchall()
        sql = f"SELECT {columns} FROM docs d WHERE {' AND '.join(where)}{order}"
        return connection.execute(sql, conditions.params).fetchall()

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
        conditions = self._conditions(connection, vocabulary, read, noted)
        plan = plan_text(query)
        chosen_kinds = sorted(set(kinds))
        kind_test = f"d.kind IN ({', '.join('?' for _ in chosen_kinds)})"
        rest = [conditions.of(node) for node in plan.rest]
        where = " AND ".join([kind_test, *rest])
        if plan.match is not None:
            sql = (
                f"SELECT d.id, {_BM25} AS score FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid"
                f" WHERE docs_fts MATCH ? AND {where} ORDER BY score, d.day_from DESC, d.id LIMIT ?"
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
        ranked = connection.execute(sql, params).fetchall()
        return [self._hit(connection, doc, score, plan.rank) for doc, score in ranked]

    @staticmethod
    def _hit(connection: sqlite3.Connection, doc: int, score: float | None, rank: str | None) -> Hit:
        kind, key, article_id, title, date, source, anchor_start, anchor_end, lead = connection.execute(
            "SELECT d.kind, d.key, d.article_id, COALESCE(a.title, d.title), d.date, d.source,"
            " d.anchor_start, d.anchor_end,"
            " CASE d.kind WHEN 'note' THEN substr(d.notes, 1, ?) ELSE substr(d.body, 1, ?) END"
            " FROM docs d LEFT JOIN docs a ON d.kind = 'note' AND a.kind = 'article' AND a.key = d.article_id"
            " WHERE d.id = ?",
            (LEAD_CHARS * 2, LEAD_CHARS * 2, doc),
        ).fetchone()
        snippet = " ".join(str(lead).split())[:LEAD_CHARS]
        start, end = (anchor_start, anchor_end) if kind == "note" else (None, None)
        if rank is not None:
            body_marks = "highlight(docs_fts, 1, char(2), char(3))" if kind == "article" else "NULL"
            marked = connection.execute(
                f"SELECT snippet(docs_fts, -1, char(2), char(3), '…', {SNIPPET_TOKENS}), {body_marks}"
                " FROM docs_fts WHERE docs_fts MATCH ? AND rowid = ?",
                (rank, doc),
            ).fetchone()
            if marked is not None:
                snippet = marked[0]
                if marked[1] is not None and (first := marked[1].find(MARK_START)) >= 0:
                    start, end = first, marked[1].index(MARK_END, first) - 1
        return Hit(
            kind=kind,
            article_id=article_id,
            title=title,
            date=PartialDate.parse(date) if date else None,
            source=source,
            score=-float(score) if score is not None else 0.0,
            snippet=snippet,
            start=start,
            end=end,
            note_id=key if kind == "note" else None,
        )

    # --- failures --------------------------------------------------------------------------

    def _read(self, work: Callable[[sqlite3.Connection], Iterable[T]], fallback: list[T]) -> list[T]:
        with self._lock, self._guard():
            return list(work(self._connection))
        return fallback

    def _write(self, work: Callable[[sqlite3.Connection], int], fallback: int) -> int:
        for _attempt in range(2):
            with self._lock, self._guard(writing=True):
                result = work(self._connection)
                self._values.clear()
                return result
        return fallback

    @contextmanager
    def _guard(self, writing: bool = False) -> Iterator[None]:
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
            delete_files(path)
        self._connection, self.path, _discarded = open_index(path)
        self._values.clear()
        self._data_version = -1
        self.rebuilt = True
