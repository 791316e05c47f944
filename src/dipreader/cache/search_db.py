"""The search index's SQLite file: its schema, and opening it again empty when damaged or unwritable."""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from pathlib import Path

from dipreader.cache.base import is_damage, is_place_error, open_versioned, prepare_versioned

__all__ = ["is_damage", "is_place_error", "open_index"]

SCHEMA_VERSION = 1
TOKENIZER = "porter unicode61 remove_diacritics 2"
FTS_COLUMNS = ("title", "body", "notes", "tags")
# docs: what every row is (small, read by every query); docs_text: each text once, the external
# content of docs_fts (the index holds no second copy). A note row has no title and its quote as
# body; its date, source and facts are its article's.
SCHEMA = (
    """CREATE TABLE docs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        article_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        content_hash TEXT NOT NULL DEFAULT '',
        date TEXT,
        day_from INTEGER,
        day_to INTEGER,
        source TEXT,
        source_key TEXT,
        anchor_start INTEGER,
        anchor_end INTEGER,
        UNIQUE (kind, key)
    )""",
    "CREATE INDEX docs_by_article ON docs (article_id, kind)",
    "CREATE INDEX docs_by_source ON docs (source_key)",
    "CREATE INDEX docs_by_day ON docs (day_from)",
    """CREATE TABLE docs_text (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE facts (
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (kind, value, article_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX facts_by_article ON facts (article_id)",
    """CREATE TABLE doc_tags (
        value TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (value, doc)
    ) WITHOUT ROWID""",
    "CREATE INDEX doc_tags_by_doc ON doc_tags (doc)",
    f"""CREATE VIRTUAL TABLE docs_fts USING fts5(
        {", ".join(FTS_COLUMNS)}, content='docs_text', content_rowid='id', tokenize='{TOKENIZER}'
    )""",
    """CREATE TRIGGER docs_removed AFTER DELETE ON docs BEGIN
        DELETE FROM docs_text WHERE id = old.id;
        DELETE FROM doc_tags WHERE doc = old.id;
    END""",
    """CREATE TRIGGER text_inserted AFTER INSERT ON docs_text BEGIN
        INSERT INTO docs_fts (rowid, title, body, notes, tags)
        VALUES (new.id, new.title, new.body, new.notes, new.tags);
    END""",
    """CREATE TRIGGER text_deleted AFTER DELETE ON docs_text BEGIN
        INSERT INTO docs_fts (docs_fts, rowid, title, body, notes, tags)
        VALUES ('delete', old.id, old.title, old.body, old.notes, old.tags);
    END""",
    """CREATE TRIGGER text_updated AFTER UPDATE ON docs_text BEGIN
        INSERT INTO docs_fts (docs_fts, rowid, title, body, notes, tags)
        VALUES ('delete', old.id, old.title, old.body, old.notes, old.tags);
        INSERT INTO docs_fts (rowid, title, body, notes, tags)
        VALUES (new.id, new.title, new.body, new.notes, new.tags);
    END""",
)
# How far the index has followed a source of changes (the store's notes: its identity and revision).
# Not in SCHEMA: files made before it get it without being rebuilt.
SYNC_STATE = "CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


_PROBES = (
    "SELECT id FROM docs LIMIT 1",
    "SELECT rowid FROM docs_fts WHERE docs_fts MATCH 'probe' LIMIT 1",
)


def _prepare(connection: sqlite3.Connection, on_disk: bool = True) -> None:
    prepare_versioned(connection, SCHEMA, SCHEMA_VERSION, _PROBES, wal=on_disk)
    with suppress(sqlite3.OperationalError):  # a file that cannot be written keeps no marks
        connection.execute(SYNC_STATE)


def open_index(path: Path | None) -> tuple[sqlite3.Connection, Path | None, bool]:
    """(connection, the file or None for memory, whether a damaged or stale file was discarded)."""
    discarded = False
    if path is not None:
        connection, discarded = open_versioned(path, _prepare, timeout=5)
        if connection is not None:
            return connection, path, discarded
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False, timeout=5)
    _prepare(memory, on_disk=False)
    return memory, None, discarded
