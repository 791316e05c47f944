"""The Relations tab's rows in the index file: each article's pairs and its events per pair, each
pair's merged contacts and milestones per date."""

from __future__ import annotations

import json
import marshal
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from dipreader.cache.chronology_store import decode_event, encode_event
from dipreader.extract.pairs import Pair
from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event

_SEPARATOR = "\x1f"
_CHOSEN = "SELECT value FROM json_each(?)"
DateRow = tuple[int, int | None, int | None] | None


def pair_key(pair: Pair) -> str:
    return _SEPARATOR.join(pair)


def pair_of(key: str) -> Pair:
    first, second = key.split(_SEPARATOR)
    return first, second


def date_row(date: PartialDate | None) -> DateRow:
    return (date.year, date.month, date.day) if date is not None else None


def date_of(row: Any) -> PartialDate | None:
    return PartialDate(*row) if row is not None else None


def date_number(date: PartialDate) -> int:
    year, month, day = date.sort_key()
    return year * 10_000 + month * 100 + day


def date_from_number(number: int) -> PartialDate:
    """The date `date_number` gave this number (a date's sort key is unique to it)."""
    year, rest = divmod(number, 10_000)
    month, day = divmod(rest, 100)
    return PartialDate(year, month or None, day or None)


@dataclass(frozen=True, slots=True)
class PairEvent:
    """One event of an article of a pair, with the level its clause gives it."""

    event_id: int
    ordinal: int
    event: Event
    level: str


@dataclass(frozen=True, slots=True)
class StoredContact:
    """One merged entry of a pair: its first event's place (the order), the contact and its milestone."""

    date_key: int
    article_id: str
    start: int
    ordinal: int
    contact: bytes
    milestone: bytes | None


class RelationsStore:
    """Reads and writes the relations tables of one connection (the caller holds its transactions)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.touched: set[str] = set()
        """The pairs whose articles or contacts this store's writes changed."""

    def forget_article(self, article_id: str) -> None:
        """Drop an article's pairs and events (their dates marked to be merged again)."""
        execute = self.connection.execute
        self.touched.update(
            key for (key,) in execute("SELECT pair FROM pair_articles WHERE article_id = ?", (article_id,))
        )
        execute(
            "INSERT OR IGNORE INTO dirty_pair_buckets SELECT DISTINCT pair, bucket FROM pair_events"
            " WHERE article_id = ?",
            (article_id,),
        )
        execute("DELETE FROM pair_events WHERE article_id = ?", (article_id,))
        execute("DELETE FROM pair_articles WHERE article_id = ?", (article_id,))
        execute("DELETE FROM unpaired_articles WHERE article_id = ?", (article_id,))

    def put_unpaired(self, article_id: str, kind: str) -> None:
        self.connection.execute("INSERT INTO unpaired_articles VALUES (?, ?)", (article_id, kind))

    def put_pairs(
        self,
        article_id: str,
        pairs: Sequence[Pair],
        record: bytes,
        events: Sequence[tuple[str, Event, str]],
    ) -> None:
        """An article of these pairs: its record, and its events as (bucket, event, level) in order."""
        many = self.connection.executemany
        keys = [pair_key(pair) for pair in pairs]
        self.touched.update(keys)
        many("INSERT INTO pair_articles VALUES (?, ?, ?)", [(key, article_id, record) for key in keys])
        rows = [
            (key, bucket, article_id, event.start, ordinal, level, encode_event(event))
            for key in keys
            for ordinal, (bucket, event, level) in enumerate(events)
        ]
        many(
            "INSERT INTO pair_events (pair, bucket, article_id, start, ordinal, level, event)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        many(
            "INSERT OR IGNORE INTO dirty_pair_buckets VALUES (?, ?)",
            list(dict.fromkeys((key, bucket) for key, bucket, *_ in rows)),
        )

    def dirty(self, limit: int) -> list[tuple[str, str]]:
        return list(self.connection.execute("SELECT pair, bucket FROM dirty_pair_buckets LIMIT ?", (limit,)))

    def bucket_events(self, pair: str, bucket: str) -> list[PairEvent]:
        """One pair's events of one date (range) in merge order: by article, start, place in the article."""
        return [
            PairEvent(event_id, ordinal, decode_event(blob), level)
            for event_id, ordinal, level, blob in self.connection.execute(
                "SELECT rowid, ordinal, level, event FROM pair_events WHERE pair = ? AND bucket = ?"
                " ORDER BY article_id, start, ordinal",
                (pair, bucket),
            )
        ]

    def replace_contacts(self, pair: str, bucket: str, contacts: Iterable[StoredContact]) -> None:
        execute = self.connection.execute
        execute("DELETE FROM pair_contacts WHERE pair = ? AND bucket = ?", (pair, bucket))
        self.connection.executemany(
            "INSERT INTO pair_contacts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (pair, bucket, c.date_key, c.article_id, c.start, c.ordinal, c.contact, c.milestone)
                for c in contacts
            ],
        )
        execute("DELETE FROM dirty_pair_buckets WHERE pair = ? AND bucket = ?", (pair, bucket))

    # reading

    def pair_articles(self, pairs: Sequence[str] | None = None) -> Iterator[tuple[str, str]]:
        """(pair, article id) of every pair's every article, or of these pairs'."""
        if pairs is None:
            return iter(self.connection.execute("SELECT pair, article_id FROM pair_articles"))
        return iter(
            self.connection.execute(
                f"SELECT pair, article_id FROM pair_articles WHERE pair IN ({_CHOSEN})", (json.dumps(pairs),)
            )
        )

    def contact_spans(self, pairs: Sequence[str] | None = None) -> Iterator[tuple[str, int, int, int]]:
        """(pair, contacts, first date key, last date key) of every pair with a contact, or of these."""
        spans = "SELECT pair, count(*), min(date_key), max(date_key) FROM pair_contacts"
        if pairs is None:
            return iter(self.connection.execute(f"{spans} GROUP BY pair"))
        return iter(
            self.connection.execute(f"{spans} WHERE pair IN ({_CHOSEN}) GROUP BY pair", (json.dumps(pairs),))
        )

    def without_pair(self) -> list[tuple[str, int]]:
        return list(self.connection.execute("SELECT kind, count(*) FROM unpaired_articles GROUP BY kind"))

    def articles_of(self, pair: str) -> list[tuple[str, bytes]]:
        """(article id, record) of one pair's articles, in library order."""
        return list(
            self.connection.execute(
                "SELECT p.article_id, p.record FROM pair_articles p JOIN articles a USING (article_id)"
                " WHERE p.pair = ? ORDER BY a.library_order",
                (pair,),
            )
        )

    def contacts_of(self, pair: str) -> list[tuple[bytes, bytes | None]]:
        """(contact, milestone) of one pair's merged entries, in the order `merge_events` gives them."""
        return list(
            self.connection.execute(
                "SELECT contact, milestone FROM pair_contacts WHERE pair = ?"
                " ORDER BY date_key, article_id, start, ordinal",
                (pair,),
            )
        )


def encode(value: Any) -> bytes:
    return marshal.dumps(value)


def decode(blob: bytes) -> Any:
    return marshal.loads(blob)
