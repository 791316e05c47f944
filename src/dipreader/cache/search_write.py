"""Writing the search index: articles and notes in, by fingerprint, and out again."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dipreader.model.article import PartialDate
from dipreader.model.query import DateBound
from dipreader.model.query_match import FactKind, fact_key

MARK_START, MARK_END = "\x02", "\x03"
# The marks must not occur in stored text, and SQLite cannot take lone surrogates.
_UNSTORABLE = re.compile(r"[\x02\x03\ud800-\udfff]")
_CHOSEN = "SELECT value FROM json_each(?)"


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


def storable(text: str) -> str:
    """`text` with the marks turned to spaces and lone surrogates to U+FFFD (same length: offsets hold)."""
    if _UNSTORABLE.search(text) is None:
        return text
    return _UNSTORABLE.sub(lambda match: " " if match.group() in (MARK_START, MARK_END) else "\ufffd", text)


def _digest(*parts: object) -> str:
    text = json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()


def article_fingerprint(article: IndexedArticle) -> str:
    """Changes when anything indexed changes: the content (by the caller's hash) or any fact."""
    content = article.content_hash or _digest(article.body)
    date = article.date.iso() if article.date else None
    facts = (article.persons, article.sectors, article.countries, article.tags)
    return _digest(content, article.title, date, article.source, *facts)


def note_fingerprint(note: IndexedNote) -> str:
    return _digest(note.article_id, note.text, note.tags, note.quote, note.start, note.end)


def _days(date: PartialDate | None) -> tuple[int | None, int | None]:
    if date is None:
        return None, None
    span = DateBound("from", date)
    return span.first_day.toordinal(), span.last_day.toordinal()


def write_articles(connection: sqlite3.Connection, batch: Sequence[IndexedArticle]) -> int:
    """Index the new and changed articles of `batch` in one transaction; return how many."""
    ids = json.dumps([article.article_id for article in batch])
    known: dict[str, tuple[int | None, str]] = {
        key: (doc, fingerprint)
        for key, doc, fingerprint in connection.execute(
            f"SELECT key, id, fingerprint FROM docs WHERE kind = 'article' AND key IN ({_CHOSEN})", (ids,)
        )
    }
    written = 0
    with _transaction(connection):
        for article in batch:
            fingerprint = article_fingerprint(article)
            doc, stored = known.get(article.article_id, (None, ""))
            if stored != fingerprint:
                known[article.article_id] = (_put_article(connection, article, fingerprint, doc), fingerprint)
                written += 1
    return written


def _put_article(
    connection: sqlite3.Connection, article: IndexedArticle, fingerprint: str, doc: int | None
) -> int:
    day_from, day_to = _days(article.date)
    date = article.date.iso() if article.date else None
    source_key = fact_key("source", article.source) if article.source else None
    described = (fingerprint, article.content_hash, date, day_from, day_to, article.source, source_key)
    texts = (storable(article.title), storable(article.body), storable(" ".join(article.tags)))
    if doc is None:
        doc = _insert(
            connection,
            "INSERT INTO docs (kind, key, article_id, fingerprint, content_hash, date, day_from, day_to,"
            " source, source_key) VALUES ('article', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.article_id, article.article_id, *described),
        )
        connection.execute("INSERT INTO docs_text (id, title, body, tags) VALUES (?, ?, ?, ?)", (doc, *texts))
    else:
        connection.execute(
            "UPDATE docs SET fingerprint = ?, content_hash = ?, date = ?, day_from = ?, day_to = ?,"
            " source = ?, source_key = ? WHERE id = ?",
            (*described, doc),
        )
        connection.execute("UPDATE docs_text SET title = ?, body = ?, tags = ? WHERE id = ?", (*texts, doc))
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
    _put_tags(connection, doc, article.tags)
    connection.execute(
        "UPDATE docs SET date = ?, day_from = ?, day_to = ?, source = ?, source_key = ?"
        " WHERE kind = 'note' AND article_id = ?",
        (date, day_from, day_to, article.source, source_key, article.article_id),
    )
    return doc


def _insert(connection: sqlite3.Connection, statement: str, params: Sequence[object]) -> int:
    rowid = connection.execute(statement, params).lastrowid
    assert rowid is not None
    return rowid


def _tag_keys(tags: Iterable[str]) -> list[str]:
    return sorted({key for tag in tags if (key := fact_key("tag", tag))})


def _put_tags(connection: sqlite3.Connection, doc: int, tags: Iterable[str]) -> None:
    connection.execute("DELETE FROM doc_tags WHERE doc = ?", (doc,))
    connection.executemany(
        "INSERT INTO doc_tags (value, doc) VALUES (?, ?)", [(key, doc) for key in _tag_keys(tags)]
    )


_NOTE_ROW = (
    "INSERT INTO docs (id, kind, key, article_id, fingerprint, anchor_start, anchor_end, date,"
    " day_from, day_to, source, source_key) VALUES (?, 'note', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ARTICLE_PLACES = (
    "SELECT key, date, day_from, day_to, source, source_key FROM docs"
    f" WHERE kind = 'article' AND key IN ({_CHOSEN})"
)
_NO_ARTICLE = (None, None, None, None, None)


def write_notes(connection: sqlite3.Connection, batch: Sequence[IndexedNote]) -> int:
    """Index the new and changed notes of `batch` in one transaction; return how many.

    A batch is a few statements run over all its rows (executemany), not a few per note: a first
    sync writes every note of the store, a million of them.
    """
    known: dict[str, tuple[int, str]] = {
        key: (doc, fingerprint)
        for key, doc, fingerprint in connection.execute(
            f"SELECT key, id, fingerprint FROM docs WHERE kind = 'note' AND key IN ({_CHOSEN})",
            (json.dumps([note.note_id for note in batch]),),
        )
    }
    fresh: dict[str, tuple[IndexedNote, str]] = {}
    for note in batch:
        fingerprint = note_fingerprint(note)
        if known.get(note.note_id, (0, ""))[1] != fingerprint:
            fresh[note.note_id] = (note, fingerprint)
    if not fresh:
        return 0
    with _transaction(connection):
        stale = [known[key][0] for key in fresh if key in known]
        if stale:
            connection.execute(f"DELETE FROM docs WHERE id IN ({_CHOSEN})", (json.dumps(stale),))
        articles = json.dumps(sorted({note.article_id for note, _ in fresh.values()}))
        placed = {row[0]: tuple(row[1:]) for row in connection.execute(_ARTICLE_PLACES, (articles,))}
        first = int(connection.execute("SELECT ifnull(max(id), 0) + 1 FROM docs").fetchone()[0])
        numbered = list(enumerate(fresh.values(), start=first))
        connection.executemany(
            _NOTE_ROW,
            [
                (
                    doc,
                    note.note_id,
                    note.article_id,
                    fingerprint,
                    note.start,
                    note.end,
                    *placed.get(note.article_id, _NO_ARTICLE),
                )
                for doc, (note, fingerprint) in numbered
            ],
        )
        connection.executemany(
            "INSERT INTO docs_text (id, body, notes, tags) VALUES (?, ?, ?, ?)",
            [
                (doc, storable(note.quote), storable(note.text), storable(" ".join(note.tags)))
                for doc, (note, _fingerprint) in numbered
            ],
        )
        connection.executemany(
            "INSERT INTO doc_tags (value, doc) VALUES (?, ?)",
            [(key, doc) for doc, (note, _fingerprint) in numbered for key in _tag_keys(note.tags)],
        )
    return len(fresh)


def delete_articles(connection: sqlite3.Connection, article_ids: Sequence[str]) -> int:
    """Forget articles, their facts and their notes; return how many articles were indexed."""
    wanted = json.dumps(list(article_ids))
    with _transaction(connection):
        removed = connection.execute(
            f"SELECT count(*) FROM docs WHERE kind = 'article' AND key IN ({_CHOSEN})", (wanted,)
        ).fetchone()[0]
        notes = connection.execute(
            f"SELECT 1 FROM docs WHERE kind = 'note' AND article_id IN ({_CHOSEN}) LIMIT 1", (wanted,)
        ).fetchone()
        connection.execute(f"DELETE FROM facts WHERE article_id IN ({_CHOSEN})", (wanted,))
        connection.execute(f"DELETE FROM docs WHERE article_id IN ({_CHOSEN})", (wanted,))
        if notes is not None:  # the store still has them: the next sync of the notes reads them all
            forget_mark(connection, NOTES_MARK)
    return int(removed)


def delete_notes(connection: sqlite3.Connection, note_ids: Sequence[str]) -> int:
    wanted = json.dumps(list(note_ids))
    with _transaction(connection):
        removed = connection.execute(
            f"DELETE FROM docs WHERE kind = 'note' AND key IN ({_CHOSEN})", (wanted,)
        )
    return removed.rowcount


NOTES_MARK = "notes"


def read_mark(connection: sqlite3.Connection, key: str) -> str | None:
    """A mark kept in sync_state (None: none, or no such table in a file that could not be written)."""
    if connection.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sync_state'").fetchone() is None:
        return None
    found = connection.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if found is None else str(found[0])


def write_mark(connection: sqlite3.Connection, key: str, value: str) -> int:
    with _transaction(connection):
        connection.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
    return 1


def forget_mark(connection: sqlite3.Connection, key: str) -> None:
    """Inside a write transaction."""
    if connection.execute("SELECT 1 FROM sqlite_schema WHERE name = 'sync_state'").fetchone() is not None:
        connection.execute("DELETE FROM sync_state WHERE key = ?", (key,))


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self.connection.execute("COMMIT")
        elif self.connection.in_transaction:
            self.connection.execute("ROLLBACK")
