"""The store's schema as an ordered list of migrations, applied up to PRAGMA user_version."""

from __future__ import annotations

import sqlite3

from dipreader.store.saved_searches import CREATE_TABLE as SAVED_SEARCHES_TABLE

# Each migration is a sequence of statements; its index + 1 is the schema version it produces.
# Never edit a released migration: append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE IF NOT EXISTS article_state (
            article_id TEXT PRIMARY KEY,
            read INTEGER NOT NULL DEFAULT 0,
            position INTEGER,
            updated TEXT NOT NULL DEFAULT ''
        )""",
    ),
    (
        """CREATE TABLE IF NOT EXISTS annotations (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            content_hash TEXT NOT NULL DEFAULT '',
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            color TEXT NOT NULL DEFAULT 'yellow',
            tags TEXT NOT NULL DEFAULT '[]',
            created TEXT NOT NULL DEFAULT '',
            updated TEXT NOT NULL DEFAULT '',
            orphan INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX IF NOT EXISTS annotations_by_article ON annotations (article_id, start)",
    ),
    (
        # Where the reader left off (last article, tab): small values by key.
        """CREATE TABLE IF NOT EXISTS session_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated TEXT NOT NULL DEFAULT ''
        )""",
    ),
    (SAVED_SEARCHES_TABLE,),
    (
        # Who this file is: every write touches the row, so the file's own WAL always carries it
        # and a WAL from another database can be told apart (store/side_files.py).
        "CREATE TABLE IF NOT EXISTS store_identity (id TEXT NOT NULL, writes INTEGER NOT NULL DEFAULT 0)",
        "INSERT INTO store_identity (id) SELECT lower(hex(randomblob(16)))"
        " WHERE NOT EXISTS (SELECT 1 FROM store_identity)",
    ),
    (
        # The Notes tab reads a million notes a page at a time: their groups and order from the index.
        "CREATE INDEX IF NOT EXISTS annotations_by_place ON annotations (article_id, orphan, start, created)",
    ),
    (
        # The reader places only the notes saved against another text (by hash, from this index),
        # and reads the notes of the part it shows: the long ones apart, by length.
        "CREATE INDEX IF NOT EXISTS annotations_by_hash ON annotations (article_id, content_hash)",
        "CREATE INDEX IF NOT EXISTS annotations_by_length"
        ' ON annotations (article_id, orphan, ("end" - start))',
        # The search index follows the notes by revision (the store's write count when a row last
        # changed) and by the ids deleted since: it reads what changed, not every note.
        "ALTER TABLE annotations ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX IF NOT EXISTS annotations_by_revision ON annotations (revision)",
        """CREATE TABLE IF NOT EXISTS annotation_deletions (
            id TEXT NOT NULL,
            revision INTEGER NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS annotation_deletions_by_revision ON annotation_deletions (revision)",
        """CREATE TRIGGER IF NOT EXISTS annotation_added AFTER INSERT ON annotations BEGIN
            UPDATE annotations SET revision = (SELECT max(writes) FROM store_identity)
            WHERE rowid = new.rowid;
        END""",
        """CREATE TRIGGER IF NOT EXISTS annotation_changed AFTER UPDATE OF id, article_id, content_hash,
            start, "end", exact, prefix, suffix, note, color, tags, created, updated, orphan
            ON annotations BEGIN
            UPDATE annotations SET revision = (SELECT max(writes) FROM store_identity)
            WHERE rowid = new.rowid;
        END""",
        """CREATE TRIGGER IF NOT EXISTS annotation_deleted AFTER DELETE ON annotations BEGIN
            INSERT INTO annotation_deletions (id, revision)
            VALUES (old.id, (SELECT max(writes) FROM store_identity));
        END""",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchemaError(Exception):
    """The file was written by a newer dipreader whose schema this one does not know."""

    def __init__(self, found: int) -> None:
        super().__init__(f"schema version {found}, this dipreader knows up to {SCHEMA_VERSION}")
        self.found = found


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to SCHEMA_VERSION, one transaction per migration.

    The version is re-read under the write lock so that two processes opening a fresh
    file at once do not both apply the same migration.
    """
    if schema_version(conn) > SCHEMA_VERSION:
        raise NewerSchemaError(schema_version(conn))
    while schema_version(conn) < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current < SCHEMA_VERSION:
                for statement in MIGRATIONS[current]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
