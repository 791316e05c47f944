"""The chronology of a library of any size: read from the persisted index's merged entries, or
events sorted on disk and merged one date at a time.

`merge_events` only ever joins events of the same dates, and its groups come out in the order of
their first event; so sorting every event the way it does and merging the events of each date
apart gives the same entries in the same order, while only one date's events are in memory. The
persisted index holds those entries already (merged per date by the same function), in the same
order: by date, then the first event's article, start and place in its article.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

from dipreader.cache.chronology_store import decode_event, encode_event
from dipreader.model.chronology import ChronologyEntry, Event, merge_events

INSERT_BATCH = 2_000
CACHE_KIB = 8_192
"""SQLite's page cache for the sort; beyond it the events wait in a temporary file."""


def _rows(events: Iterable[Event]) -> Iterator[tuple[int, int, int, bytes, int, int, bytes]]:
    for order, event in enumerate(events):
        year, month, day = event.date.sort_key()
        # Ids are compared as bytes: UTF-8 keeps code-point order (surrogatepass: undecodable names too).
        article = event.article.encode("utf-8", "surrogatepass")
        yield year, month, day, article, event.start, order, encode_event(event)


def merged_chronology(events: Iterable[Event]) -> Iterator[ChronologyEntry]:
    """`merge_events(events)`, entry by entry, reading `events` once; what is held at a time is
    one date's events (the rest are sorted by SQLite in a private temporary database)."""
    with closing(sqlite3.connect("")) as database:
        database.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        database.execute(
            "CREATE TABLE events (year INTEGER, month INTEGER, day INTEGER, article BLOB,"
            " start INTEGER, seq INTEGER, data BLOB)"
        )
        rows = _rows(events)
        while batch := [row for _, row in zip(range(INSERT_BATCH), rows, strict=False)]:
            database.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
        ordered = database.execute(
            "SELECT year, month, day, data FROM events ORDER BY year, month, day, article, start, seq"
        )
        same_date: list[Event] = []
        current: tuple[int, int, int] | None = None
        for year, month, day, data in ordered:
            if (year, month, day) != current and same_date:
                yield from merge_events(same_date)
                same_date = []
            current = (year, month, day)
            same_date.append(decode_event(data))
        if same_date:
            yield from merge_events(same_date)


def indexed_chronology(path: Path) -> Iterator[ChronologyEntry] | None:
    """The merged entries of the index file at `path`, one at a time, as `merged_chronology` gives
    them for the library the index is in step with; None when the file cannot be read."""
    from dipreader.cache.chronology_store import ChronologyStore
    from dipreader.cache.index_db import read_index

    def read(connection: sqlite3.Connection) -> Iterator[ChronologyEntry]:
        rows = ChronologyStore(connection).entry_events()
        return _entries(connection, next(rows, None), rows)

    return read_index(path, read, keep_open=True)


def _entries(
    connection: sqlite3.Connection, first: tuple[int, Event] | None, rows: Iterator[tuple[int, Event]]
) -> Iterator[ChronologyEntry]:
    with closing(connection):
        if first is None:
            return
        current, events = first[0], [first[1]]
        for entry_id, event in rows:
            if entry_id != current:
                yield ChronologyEntry(events[0].date, tuple(events))
                current, events = entry_id, []
            events.append(event)
        yield ChronologyEntry(events[0].date, tuple(events))
