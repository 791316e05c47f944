"""The persisted index's SQLite file: the chronology's events and entries, the people and each pair
of countries' articles and contacts, as rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from dipreader.cache.base import open_versioned, prepare_versioned

INDEX_VERSION = 2
"""Bump when a table or a stored value changes shape: the file is then made again."""

# articles: what was indexed of each article (its fingerprint says when to index it again), its
# title and whether it is dated (a source label), and its place in the library (newest first).
# events: one dated clause each; `bucket` is its date and end date (only events of one bucket can
# merge), `entry` the entry it merged into, `member` its place there. entries: one timeline row
# each (dated, or an unresolved expression), in `o1..o5` order. names_in_articles: the mentions of
# one canonical name in one article; names: each name's article count, parts and the person it is
# shown under; people: one who's-who record each. Stored values are marshalled plain tuples.
SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE articles (
        article_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        title TEXT NOT NULL,
        dated INTEGER NOT NULL,
        library_order TEXT NOT NULL
    )""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        bucket TEXT NOT NULL,
        start INTEGER NOT NULL,
        stop INTEGER NOT NULL,
        event BLOB NOT NULL,
        clause BLOB NOT NULL,
        entry INTEGER,
        member INTEGER
    )""",
    "CREATE INDEX events_by_article ON events (article_id)",
    "CREATE INDEX events_by_bucket ON events (bucket, article_id, start, ordinal)",
    "CREATE INDEX events_by_entry ON events (entry, member)",
    """CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        bucket TEXT,
        article_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        grp TEXT NOT NULL,
        o1 INTEGER NOT NULL,
        o2 INTEGER NOT NULL,
        o3 TEXT NOT NULL,
        o4 INTEGER NOT NULL,
        o5 INTEGER NOT NULL,
        date_width INTEGER NOT NULL,
        row BLOB NOT NULL,
        record BLOB NOT NULL
    )""",
    # Covering: the timeline's order (ids, groups, date widths) is read from the index alone.
    "CREATE INDEX entries_in_order ON entries (o1, o2, o3, o4, o5, id, grp, date_width)",
    "CREATE INDEX entries_by_bucket ON entries (bucket)",
    "CREATE INDEX entries_by_article ON entries (article_id, kind)",
    """CREATE TABLE names_in_articles (
        name TEXT NOT NULL,
        article_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        mentions BLOB NOT NULL,
        mention_count INTEGER NOT NULL,
        PRIMARY KEY (name, article_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX names_by_article ON names_in_articles (article_id)",
    """CREATE TABLE names (
        name TEXT PRIMARY KEY,
        articles INTEGER NOT NULL,
        parts BLOB NOT NULL,
        person TEXT
    )""",
    "CREATE INDEX names_by_person ON names (person)",
    """CREATE TABLE people (
        name TEXT PRIMARY KEY,
        record BLOB NOT NULL,
        mentions BLOB NOT NULL,
        mention_count INTEGER NOT NULL
    )""",
    # pair_articles: each article of each pair (what its lists and sector figures need);
    # unpaired_articles: the kind of pair-less article each other one is; pair_events: an article's
    # events once per pair of it, with the level its clause gives; pair_contacts: one pair's entries
    # merged from them per bucket, each a contact and maybe a milestone, in `date_key..ordinal` order.
    """CREATE TABLE pair_articles (
        pair TEXT NOT NULL,
        article_id TEXT NOT NULL,
        record BLOB NOT NULL,
        PRIMARY KEY (pair, article_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX pair_articles_by_article ON pair_articles (article_id)",
    "CREATE TABLE unpaired_articles (article_id TEXT PRIMARY KEY, kind TEXT NOT NULL) WITHOUT ROWID",
    """CREATE TABLE pair_events (
        pair TEXT NOT NULL,
        bucket TEXT NOT NULL,
        article_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        ordinal INTEGER NOT NULL,
        level TEXT NOT NULL,
        event BLOB NOT NULL
    )""",
    "CREATE INDEX pair_events_by_bucket ON pair_events (pair, bucket, article_id, start, ordinal)",
    "CREATE INDEX pair_events_by_article ON pair_events (article_id)",
    """CREATE TABLE pair_contacts (
        pair TEXT NOT NULL,
        bucket TEXT NOT NULL,
        date_key INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        ordinal INTEGER NOT NULL,
        contact BLOB NOT NULL,
        milestone BLOB
    )""",
    "CREATE INDEX pair_contacts_by_pair ON pair_contacts (pair, bucket)",
    # What an update changed and has not yet merged again (kept across a crash: the next one does it).
    "CREATE TABLE dirty_buckets (bucket TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE dirty_names (name TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE dirty_pair_buckets (pair TEXT NOT NULL, bucket TEXT NOT NULL, PRIMARY KEY (pair, bucket))"
    " WITHOUT ROWID",
)


def _prepare(connection: sqlite3.Connection) -> None:
    prepare_versioned(connection, SCHEMA, INDEX_VERSION, ("SELECT 1 FROM articles LIMIT 1",))


def open_index_db(path: Path) -> sqlite3.Connection | None:
    """A connection to the index file (made, or made again when stale or damaged); None when the
    file cannot be written (the views then build in memory)."""
    return open_versioned(path, _prepare, timeout=30)[0]


T = TypeVar("T")


def read_index(
    path: Path,
    read: Callable[[sqlite3.Connection], T],
    *,
    empty: bool = True,
    keep_open: bool = False,
) -> T | None:
    """`read` of a connection to the index file at `path`; None when the file cannot be read, when
    `read` meets an SQLite error or (with `empty` false) when the index holds no article yet. With
    `keep_open` the connection is left to what `read` returned (a view or a stream that reads on)."""
    connection = open_index_db(path)
    if connection is None:
        return None
    handed_over = False
    try:
        if not empty and connection.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None:
            return None
        result = read(connection)
        handed_over = keep_open
        return result
    except sqlite3.Error:
        return None
    finally:
        if not handed_over:
            connection.close()


def read_meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row is not None else None


def write_meta(connection: sqlite3.Connection, key: str, value: str) -> None:
    connection.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
