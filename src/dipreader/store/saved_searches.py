"""Saved searches in the store: a name (unique, any case) and a query, in the order they were saved."""

from __future__ import annotations

import sqlite3

from dipreader.model.query import SavedSearch, parse

MAX_NAME_CHARS = 60
CREATE_TABLE = """CREATE TABLE IF NOT EXISTS saved_searches (
    name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    query TEXT NOT NULL,
    position INTEGER NOT NULL
)"""


class SavedSearchError(ValueError):
    """A name that cannot be kept, or one that is already taken."""


def clean_name(name: str) -> str:
    """The name as kept: spaces collapsed; SavedSearchError when empty, too long or not printable."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise SavedSearchError("a saved search needs a name")
    if len(cleaned) > MAX_NAME_CHARS:
        raise SavedSearchError(f"a saved search's name is at most {MAX_NAME_CHARS} characters")
    if not cleaned.isprintable():
        raise SavedSearchError("a saved search's name cannot hold control characters")
    return cleaned


def ensure_table(connection: sqlite3.Connection) -> None:
    _run(connection, CREATE_TABLE)


def list_saved(connection: sqlite3.Connection) -> list[SavedSearch]:
    rows = connection.execute("SELECT name, query FROM saved_searches ORDER BY position, name")
    return [SavedSearch(name, query) for name, query in rows]


def get_saved(connection: sqlite3.Connection, name: str) -> SavedSearch | None:
    row = connection.execute(
        "SELECT name, query FROM saved_searches WHERE name = ?", (" ".join(name.split()),)
    )
    found = row.fetchone()
    return SavedSearch(found[0], found[1]) if found else None


def save(connection: sqlite3.Connection, search: SavedSearch) -> SavedSearch:
    """Keep `search` (replacing the query of one with the same name, which keeps its place).

    QueryError when the query cannot be parsed or is empty; SavedSearchError for a bad name.
    """
    name = clean_name(search.name)
    query = search.query.strip()
    if parse(query).empty:
        raise SavedSearchError("a saved search needs a query")
    _run(
        connection,
        "INSERT INTO saved_searches (name, query, position)"
        " VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM saved_searches))"
        " ON CONFLICT (name) DO UPDATE SET name = excluded.name, query = excluded.query",
        (name, query),
    )
    return SavedSearch(name, query)


def rename(connection: sqlite3.Connection, old: str, new: str) -> bool:
    """Give a saved search another name; False when there is none called `old`."""
    name = clean_name(new)
    taken = get_saved(connection, name)
    if taken is not None and taken.name.casefold() != " ".join(old.split()).casefold():
        raise SavedSearchError(f"there is already a saved search called {taken.name!r}")
    changed = _run(
        connection, "UPDATE saved_searches SET name = ? WHERE name = ?", (name, " ".join(old.split()))
    )
    return changed > 0


def delete(connection: sqlite3.Connection, name: str) -> bool:
    """Forget a saved search; False when there is none by that name."""
    return _run(connection, "DELETE FROM saved_searches WHERE name = ?", (" ".join(name.split()),)) > 0


def _run(connection: sqlite3.Connection, statement: str, params: tuple[str, ...] = ()) -> int:
    """One statement; committed unless the caller had a transaction of its own open."""
    own_transaction = not connection.in_transaction
    changed = connection.execute(statement, params).rowcount
    if own_transaction and connection.in_transaction:
        connection.commit()
    return changed
