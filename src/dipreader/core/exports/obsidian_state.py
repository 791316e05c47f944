"""What an Obsidian export keeps while it writes (each note's path, the vault's names), on disk."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from dipreader.core.exports.records import ArticleRecord

CACHE_KIB = 4 * 1024
"""SQLite's page cache for the export's temporary database; beyond it, pages wait in its file."""
PAGE = 1_000

_SCHEMA = """
CREATE TABLE outline (
    id BLOB PRIMARY KEY, title BLOB NOT NULL, date BLOB, source BLOB, original BLOB NOT NULL,
    done INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE names (name BLOB PRIMARY KEY, done INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE taken (path BLOB PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE notes (
    kind BLOB NOT NULL, id BLOB NOT NULL, path BLOB NOT NULL, found BLOB, PRIMARY KEY (kind, id)
) WITHOUT ROWID;
"""
# notes.found: where the scan met a generated note (its path, parts joined by NUL, so that bytes
# compare as sorted paths do); NULL for a note placed by this export.


def _blob(text: str) -> bytes:
    """Text as bytes that compare as Python compares the text (lone surrogates of file names kept)."""
    return text.encode("utf-8", "surrogatepass")


def _text(blob: bytes) -> str:
    return blob.decode("utf-8", "surrogatepass")


def _optional(blob: bytes | None) -> str | None:
    return None if blob is None else _text(blob)


def vault_paths(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Each path in the folder (relative, POSIX) with its entry, skipping hidden ones (.obsidian,
    .trash, .git, our temporary files) and not entering linked folders, a folder at a time."""
    pending = [("", str(folder))]
    while pending:
        prefix, directory = pending.pop()
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    relative = prefix + entry.name
                    yield relative, entry
                    try:
                        inside = entry.is_dir() and not entry.is_symlink()
                    except OSError:
                        inside = False
                    if inside:
                        pending.append((relative + "/", entry.path))
        except OSError:
            continue


class VaultState:
    """The articles' titles, dates and sources, the people's names, every path in the vault and
    each note's path, in a private temporary database (SQLite removes it when closed)."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")  # never committed: the database is thrown away

    def close(self) -> None:
        self._db.close()

    def add_articles(self, rows: Iterable[tuple[ArticleRecord, str]]) -> None:
        """Each cleaned record with its id as given; the first of the same cleaned id is kept."""
        self._db.executemany(
            "INSERT OR IGNORE INTO outline (id, title, date, source, original) VALUES (?, ?, ?, ?, ?)",
            (
                (
                    _blob(article.id),
                    _blob(article.title),
                    None if article.date is None else _blob(article.date),
                    None if article.source is None else _blob(article.source),
                    _blob(original),
                )
                for article, original in rows
            ),
        )

    def add_names(self, names: Iterable[str]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO names (name) VALUES (?)", ((_blob(n),) for n in names))

    def add_found(self, relative: str, key: tuple[str, str] | None) -> None:
        """A path met in the vault; `key`, (kind, id), when it is a generated note (the first in
        sorted order of the same key is the one kept)."""
        self._db.execute("INSERT OR IGNORE INTO taken VALUES (?)", (_blob(relative.casefold()),))
        if key is not None:
            path = _blob(relative)
            self._db.execute(
                "INSERT INTO notes VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE"
                " SET path = excluded.path, found = excluded.found WHERE excluded.found < notes.found",
                (_blob(key[0]), _blob(key[1]), path, path.replace(b"/", b"\0")),
            )

    def _unplaced(self, query: str, key: str, kind: str) -> Iterator[tuple[bytes, ...]]:
        """The rows of `query` in order of `key`, its first column, a page at a time (what is placed
        meanwhile does not disturb the reading): `{after}` in the query is where the condition on
        the key goes, the kind is its first parameter."""
        rows = self._db.execute(query.format(after=""), (_blob(kind), PAGE)).fetchall()
        while rows:
            after = query.format(after=f"AND {key} > ?")
            yield from rows
            rows = self._db.execute(after, (_blob(kind), rows[-1][0], PAGE)).fetchall()

    def unplaced_articles(self, kind: str) -> Iterator[tuple[str, str, str | None]]:
        """(id, title, date) of each article without a note yet, by id."""
        query = (
            "SELECT id, title, date FROM outline o WHERE NOT EXISTS"
            " (SELECT 1 FROM notes n WHERE n.kind = ? AND n.id = o.id) {after} ORDER BY id LIMIT ?"
        )
        for ident, title, date in self._unplaced(query, "id", kind):
            yield _text(ident), _text(title), _optional(date)

    def unplaced_names(self, kind: str) -> Iterator[str]:
        """Each name without a note yet, sorted."""
        query = (
            "SELECT name FROM names m WHERE NOT EXISTS"
            " (SELECT 1 FROM notes n WHERE n.kind = ? AND n.id = m.name) {after} ORDER BY name LIMIT ?"
        )
        for (name,) in self._unplaced(query, "name", kind):
            yield _text(name)

    def _is_taken(self, relative: str) -> bool:
        found = self._db.execute("SELECT 1 FROM taken WHERE path = ?", (_blob(relative.casefold()),))
        return found.fetchone() is not None

    def place(self, kind: str, ident: str, folder: str, stems: Iterable[str]) -> None:
        """The note of (kind, ident) at the first of the stems (then numbered ones) whose path is
        not yet taken, ignoring case; its path taken."""
        candidates = list(dict.fromkeys(stems))
        relative = next(
            (path for stem in candidates if not self._is_taken(path := f"{folder}/{stem}.md")), None
        )
        number = 2
        while relative is None:
            numbered = f"{folder}/{candidates[0]} {number}.md"
            relative = None if self._is_taken(numbered) else numbered
            number += 1
        self._db.execute(
            "INSERT INTO notes VALUES (?, ?, ?, NULL)", (_blob(kind), _blob(ident), _blob(relative))
        )
        self._db.execute("INSERT INTO taken VALUES (?)", (_blob(relative.casefold()),))

    def linked_articles(self, idents: Iterable[str], kind: str) -> dict[str, tuple[str, ArticleRecord]]:
        """The path of the note and the id, title, date and source of those of the articles that
        have one, by id (a query for each few hundred)."""
        wanted = list(dict.fromkeys(map(_blob, idents)))
        found: dict[str, tuple[str, ArticleRecord]] = {}
        for at in range(0, len(wanted), PAGE // 2):
            chunk = wanted[at : at + PAGE // 2]
            rows = self._db.execute(
                "SELECT o.id, o.title, o.date, o.source, n.path FROM outline o"
                " JOIN notes n ON n.kind = ? AND n.id = o.id"
                f" WHERE o.id IN ({', '.join('?' * len(chunk))})",
                (_blob(kind), *chunk),
            )
            for ident, title, date, source, path in rows:
                record = ArticleRecord(_text(ident), _text(title), _optional(date), _optional(source))
                found[record.id] = (_text(path), record)
        return found

    def article_link(self, ident: str, kind: str) -> tuple[str, str] | None:
        """(path, title) of an article's note."""
        row = self._db.execute(
            "SELECT n.path, o.title FROM outline o JOIN notes n ON n.kind = ? AND n.id = o.id WHERE o.id = ?",
            (_blob(kind), _blob(ident)),
        ).fetchone()
        return None if row is None else (_text(row[0]), _text(row[1]))

    def name_path(self, name: str, kind: str) -> str | None:
        """The path of a person's note, None when the name is not one of the vault's people."""
        row = self._db.execute(
            "SELECT n.path FROM names m JOIN notes n ON n.kind = ? AND n.id = m.name WHERE m.name = ?",
            (_blob(kind), _blob(name)),
        ).fetchone()
        return None if row is None else _text(row[0])

    def first_article(self, ident: str, kind: str) -> tuple[str, bool, str] | None:
        """(path, whether the note was in the vault, the id as given) the first time an article of
        the outline is asked for; None when it is not in it or was asked for before."""
        key = _blob(ident)
        if self._db.execute("UPDATE outline SET done = 1 WHERE id = ? AND done = 0", (key,)).rowcount != 1:
            return None
        row = self._db.execute(
            "SELECT n.path, n.found IS NOT NULL, o.original FROM outline o"
            " JOIN notes n ON n.kind = ? AND n.id = o.id WHERE o.id = ?",
            (_blob(kind), key),
        ).fetchone()
        return _text(row[0]), bool(row[1]), _text(row[2])

    def first_name(self, name: str, kind: str) -> tuple[str, bool] | None:
        """(path, whether the note was in the vault) the first time one of the names is asked for."""
        key = _blob(name)
        if self._db.execute("UPDATE names SET done = 1 WHERE name = ? AND done = 0", (key,)).rowcount != 1:
            return None
        row = self._db.execute(
            "SELECT path, found IS NOT NULL FROM notes WHERE kind = ? AND id = ?", (_blob(kind), key)
        ).fetchone()
        return _text(row[0]), bool(row[1])
