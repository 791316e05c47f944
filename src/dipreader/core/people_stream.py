"""The who's-who read from the index file a person at a time, in the order the app shows it."""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from dipreader.cache.index_db import read_index
from dipreader.cache.people_store import decode_mentions, decode_person
from dipreader.model.people import Person, people_met

NAMES_KEPT = 4096
"""Names whose person was looked up lately, kept to spare reading them again."""
SHOWN_ORDER = "shown_order"


def _shown_order(first: str, second: str) -> int:
    """The who's-who's order (`load_people`): by name casefolded, then as written."""
    a, b = (first.casefold(), first), (second.casefold(), second)
    return (a > b) - (a < b)


class ShownUnder(Mapping[str, str]):
    """Each name and the person it is shown under, read from the index file as asked (the last
    few thousand kept)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._kept: OrderedDict[str, str] = OrderedDict()

    def __getitem__(self, name: str) -> str:
        found = self._kept.get(name)
        if found is not None:
            self._kept.move_to_end(name)
            return found
        row = self._connection.execute(
            "SELECT person FROM names WHERE name = ? AND person IS NOT NULL", (name,)
        ).fetchone()
        if row is None:
            raise KeyError(name)
        self._kept[name] = row[0]
        if len(self._kept) > NAMES_KEPT:
            self._kept.popitem(last=False)
        return str(row[0])

    def __iter__(self) -> Iterator[str]:
        return (
            name for (name,) in self._connection.execute("SELECT name FROM names WHERE person IS NOT NULL")
        )

    def __len__(self) -> int:
        return int(
            self._connection.execute("SELECT count(*) FROM names WHERE person IS NOT NULL").fetchone()[0]
        )


def streamed_people(path: Path) -> Iterator[Person] | None:
    """Every person in the index file at `path`, as `load_people` lists them, read one at a time
    (SQLite sorts them, in a temporary file beyond its cache); None when the file cannot be read."""
    return read_index(path, _read_people, keep_open=True)


def _read_people(connection: sqlite3.Connection) -> Iterator[Person]:
    connection.create_collation(SHOWN_ORDER, _shown_order)
    connection.execute("BEGIN")  # one read: the names looked up are those of these people
    rows = connection.execute(
        f"SELECT record, mention_count, mentions FROM people ORDER BY name COLLATE {SHOWN_ORDER}"
    )
    return _people(connection, rows.fetchone(), rows)


def _people(
    connection: sqlite3.Connection, first: tuple[bytes, int, bytes] | None, rows: sqlite3.Cursor
) -> Iterator[Person]:
    with closing(connection):
        if first is None:
            return
        display = ShownUnder(connection)
        yield _person(first, display)
        for row in rows:
            yield _person(row, display)


def _person(row: tuple[bytes, int, bytes], display: Mapping[str, str]) -> Person:
    blob, mention_total, mentions = row
    person, neighbours = decode_person(blob, mention_total)
    return replace(
        person,
        met=people_met(person.name, neighbours, display),
        mentions=decode_mentions(mentions),
        mention_total=None,
    )
