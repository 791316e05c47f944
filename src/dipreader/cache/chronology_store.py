"""The chronology's rows in the index file: each article's events, each date's merged entries."""

from __future__ import annotations

import json
import marshal
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event

_CHOSEN = "SELECT value FROM json_each(?)"
_ENTRY_COLUMNS = "id, bucket, article_id, kind, grp, o1, o2, o3, o4, o5, date_width, row, record"
_ENTRY_SLOTS = ", ".join("?" * 13)
DateRow = tuple[int, int | None, int | None] | None


def _date_row(date: PartialDate | None) -> DateRow:
    return (date.year, date.month, date.day) if date is not None else None


def _date(row: Any) -> PartialDate | None:
    return PartialDate(*row) if row is not None else None


def bucket_of(event: Event) -> str:
    """The events that may merge with this one share its bucket: its date and end date."""
    end = event.end_date.iso() if event.end_date is not None else ""
    return f"{event.date.iso()}/{end}"


def _bucket(known: dict[tuple[PartialDate, PartialDate | None], str], event: Event) -> str:
    found = known[(event.date, event.end_date)] = bucket_of(event)
    return found


def encode_event(event: Event) -> bytes:
    return marshal.dumps(
        (
            event.article,
            _date_row(event.date),
            event.precision,
            event.expression,
            event.text,
            event.start,
            event.end,
            event.expr_start,
            event.expr_end,
            event.status,
            _date_row(event.end_date),
        )
    )


def decode_event(blob: bytes) -> Event:
    article, date, precision, expression, text, start, end, expr_start, expr_end, status, end_date = (
        marshal.loads(blob)
    )
    parsed = _date(date)
    assert parsed is not None
    return Event(
        article,
        parsed,
        precision,
        expression,
        text,
        start,
        end,
        expr_start,
        expr_end,
        status,
        _date(end_date),
    )


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What the index keeps of an article itself: when to index it again, and its label and place."""

    article_id: str
    fingerprint: str
    title: str
    dated: bool
    library_order: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One event of an article as written: its place among the article's events and what the
    chronology shows of its clause (`clause`, the caller's marshalled value)."""

    ordinal: int
    event: Event
    clause: bytes


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """One timeline row as written: where it sorts (`order`, five keys), its group, the width of
    its date label, and the caller's marshalled row and filter record."""

    kind: str
    article_id: str
    group: str
    order: tuple[int, int, str, int, int]
    date_width: int
    row: bytes
    record: bytes


BucketEvent = tuple[int, int, Event, bytes]
"""(event row id, its place among its article's events, the event, its clause) of one bucket."""
SourceRow = tuple[str, str, int, int, bool]
"""(article id, title, start, end, whether the article is dated) of one entry's source."""


class ChronologyStore:
    """Reads and writes the chronology tables of one connection (the caller holds its transactions)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    # articles

    def fingerprints(self) -> dict[str, str]:
        return dict(self.connection.execute("SELECT article_id, fingerprint FROM articles"))

    def fingerprints_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The stored fingerprints of these articles (those the index has)."""
        return dict(
            self.connection.execute(
                f"SELECT article_id, fingerprint FROM articles WHERE article_id IN ({_CHOSEN})",
                (json.dumps(list(article_ids)),),
            )
        )

    def forget_article(self, article_id: str) -> None:
        """Drop an article's events and unresolved rows (their buckets are marked to merge again)."""
        execute = self.connection.execute
        execute(
            "INSERT OR IGNORE INTO dirty_buckets SELECT DISTINCT bucket FROM events WHERE article_id = ?",
            (article_id,),
        )
        execute("DELETE FROM events WHERE article_id = ?", (article_id,))
        execute("DELETE FROM entries WHERE article_id = ? AND kind = 'unresolved'", (article_id,))
        execute("DELETE FROM articles WHERE article_id = ?", (article_id,))

    def put_article(
        self,
        article: StoredArticle,
        events: Sequence[StoredEvent],
        unresolved: Sequence[StoredEntry],
        *,
        new: bool = False,
    ) -> None:
        """Write an article with its events, marking their buckets to merge; one already written
        (`new` false) is forgotten first."""
        if not new:
            self.forget_article(article.article_id)
        execute = self.connection.execute
        execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?)",
            (
                article.article_id,
                article.fingerprint,
                article.title,
                int(article.dated),
                article.library_order,
            ),
        )
        buckets: dict[tuple[PartialDate, PartialDate | None], str] = {}  # an article repeats its dates
        rows = [
            (
                article.article_id,
                stored.ordinal,
                buckets.get((stored.event.date, stored.event.end_date)) or _bucket(buckets, stored.event),
                stored.event.start,
                stored.event.end,
                encode_event(stored.event),
                stored.clause,
            )
            for stored in events
        ]
        self.connection.executemany(
            "INSERT INTO events (article_id, ordinal, bucket, start, stop, event, clause)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.connection.executemany(
            "INSERT OR IGNORE INTO dirty_buckets VALUES (?)", {(row[2],) for row in rows}
        )
        self._insert_entries(None, unresolved)

    def titles(self, article_ids: Iterable[str]) -> dict[str, tuple[str, bool]]:
        """Each article's title and whether it is dated."""
        chosen = json.dumps(list(dict.fromkeys(article_ids)))
        return {
            article_id: (title, bool(dated))
            for article_id, title, dated in self.connection.execute(
                f"SELECT article_id, title, dated FROM articles WHERE article_id IN ({_CHOSEN})", (chosen,)
            )
        }

    # buckets

    def next_dirty_buckets(self, events: int) -> list[str]:
        """The next dirty buckets holding about `events` events in all (a bigger bucket alone): a
        library's year-only dates gather thousands of events each."""
        chosen: list[str] = []
        total = 0
        cursor = self.connection.execute(
            "SELECT bucket, (SELECT count(*) FROM events WHERE events.bucket = dirty_buckets.bucket)"
            " FROM dirty_buckets"
        )
        try:
            for bucket, count in cursor:
                if chosen and total + count > events:
                    break
                chosen.append(bucket)
                total += count
        finally:
            cursor.close()
        return chosen

    def bucket_events(self, buckets: Sequence[str]) -> dict[str, list[BucketEvent]]:
        """Each bucket's events in merge order: by article, start and place in the article."""
        found: dict[str, list[BucketEvent]] = {bucket: [] for bucket in buckets}
        for bucket, event_id, ordinal, event, clause in self.connection.execute(
            "SELECT bucket, id, ordinal, event, clause FROM events"
            f" WHERE bucket IN ({_CHOSEN}) ORDER BY bucket, article_id, start, ordinal",
            (json.dumps(list(buckets)),),
        ):
            found[bucket].append((event_id, ordinal, decode_event(event), clause))
        return found

    def replace_buckets(
        self, merged: Sequence[tuple[str, Sequence[tuple[StoredEntry, Sequence[int]]]]]
    ) -> None:
        """Each bucket's entries made again: (bucket, [(entry, the ids of its events in order)])."""
        many = self.connection.executemany
        many("DELETE FROM entries WHERE bucket = ?", [(bucket,) for bucket, _ in merged])
        (last,) = self.connection.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()
        rows: list[tuple[object, ...]] = []
        members: list[tuple[int, int, int]] = []
        for bucket, entries in merged:
            for entry, events in entries:
                last += 1
                rows.append(self._entry_row(last, bucket, entry))
                members.extend((last, place, event_id) for place, event_id in enumerate(events))
        many(f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES ({_ENTRY_SLOTS})", rows)
        many("UPDATE events SET entry = ?, member = ? WHERE id = ?", members)
        many("DELETE FROM dirty_buckets WHERE bucket = ?", [(bucket,) for bucket, _ in merged])

    @staticmethod
    def _entry_row(entry_id: int | None, bucket: str | None, entry: StoredEntry) -> tuple[object, ...]:
        head = (entry_id, bucket, entry.article_id, entry.kind, entry.group, *entry.order)
        return (*head, entry.date_width, entry.row, entry.record)

    def _insert_entries(self, bucket: str | None, entries: Sequence[StoredEntry]) -> None:
        self.connection.executemany(
            f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES ({_ENTRY_SLOTS})",
            [self._entry_row(None, bucket, entry) for entry in entries],
        )

    # reading

    def order(self) -> sqlite3.Cursor:
        """(entry id, group, date label width) of every entry, in the timeline's order."""
        return self.connection.execute("SELECT id, grp, date_width FROM entries ORDER BY o1, o2, o3, o4, o5")

    def entry_events(self) -> Iterator[tuple[int, Event]]:
        """(entry id, event) of every dated entry's events, entries in the timeline's order, each
        one's events in the order they merged (read as they come: nothing is sorted in memory)."""
        for entry_id, blob in self.connection.execute(
            "SELECT n.id, e.event FROM entries n JOIN events e ON e.entry = n.id"
            " WHERE n.o1 = 0 ORDER BY n.o1, n.o2, n.o3, n.o4, n.o5, n.id, e.member"
        ):
            yield entry_id, decode_event(blob)

    def rows(self, entry_ids: Sequence[int]) -> dict[int, bytes]:
        chosen = json.dumps(list(entry_ids))
        return dict(
            self.connection.execute(f"SELECT id, row FROM entries WHERE id IN ({_CHOSEN})", (chosen,))
        )

    def sources(self, entry_ids: Sequence[int]) -> dict[int, list[SourceRow]]:
        """Each dated entry's sources, in the order they merged."""
        chosen = json.dumps(list(entry_ids))
        found: dict[int, list[SourceRow]] = {}
        for entry, article_id, title, start, end, dated in self.connection.execute(
            "SELECT e.entry, e.article_id, a.title, e.start, e.stop, a.dated"
            " FROM events e JOIN articles a USING (article_id)"
            f" WHERE e.entry IN ({_CHOSEN}) ORDER BY e.entry, e.member",
            (chosen,),
        ):
            found.setdefault(entry, []).append((article_id, title, start, end, bool(dated)))
        return found

    def records_after(self, entry_id: int, limit: int) -> list[tuple[int, bytes]]:
        """(entry id, filter record) of the next `limit` entries by id after `entry_id`."""
        return self.connection.execute(
            "SELECT id, record FROM entries WHERE id > ? ORDER BY id LIMIT ?", (entry_id, limit)
        ).fetchall()

    def entries_from(self, article_ids: Iterable[str]) -> set[int]:
        """The entries that one of these articles reports."""
        chosen = json.dumps(list(article_ids))
        dated = self.connection.execute(
            f"SELECT DISTINCT entry FROM events WHERE article_id IN ({_CHOSEN})", (chosen,)
        )
        undated = self.connection.execute(
            f"SELECT id FROM entries WHERE kind = 'unresolved' AND article_id IN ({_CHOSEN})", (chosen,)
        )
        return {entry for (entry,) in dated if entry is not None} | {entry for (entry,) in undated}
