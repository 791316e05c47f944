"""The chronology kept as rows in the index file: written per article, merged per date, read by page."""

from __future__ import annotations

import json
import marshal
import operator
import sqlite3
import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from dipreader.cache.chronology_store import (
    BucketEvent,
    ChronologyStore,
    SourceRow,
    StoredArticle,
    StoredEntry,
    StoredEvent,
)
from dipreader.cache.index_db import read_index
from dipreader.core.timeline import (
    UNRESOLVED_HEADING,
    ClauseEntities,
    EventKey,
    Mark,
    Source,
    TimelineRow,
    clause_entities,
    entry_row,
    event_key,
    unresolved_rows,
)
from dipreader.core.timeline_query import paragraph_sectors_of
from dipreader.core.timeline_rows import ShownTimeline
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta, PartialDate
from dipreader.model.query import Query
from dipreader.model.query_match import AS_TYPED, Record, compile_matcher

ROWS_KEPT = 600
"""Rows read from the file and kept for drawing (a few screens above and below)."""
PAGE_BEFORE, PAGE_AFTER = 20, 80
"""Rows read around one asked for: the screen above and below it."""


def _date_number(date: PartialDate) -> int:
    year, month, day = date.sort_key()
    return year * 10_000 + month * 100 + day


_MARK_FIELDS = operator.attrgetter("start", "end", "kind", "sector")


def _marks_row(marks: Sequence[Mark]) -> tuple[tuple[int, int, str, str | None], ...]:
    return tuple(map(_MARK_FIELDS, marks))


def _marks(rows: Iterable[tuple[int, int, str, str | None]]) -> tuple[Mark, ...]:
    return tuple(Mark(start, end, kind, sector) for start, end, kind, sector in rows)  # type: ignore[arg-type]


def _encode_row(row: TimelineRow, passage: tuple[int, int] | None = None) -> bytes:
    """A row without its sources (read from their events; an unresolved row keeps its passage)."""
    return marshal.dumps(
        (
            row.kind,
            row.group,
            row.date_label,
            row.status,
            row.text,
            row.expression,
            _marks_row(row.marks),
            row.officials,
            row.sectors,
            passage,
        )
    )


def _decode_row(
    blob: bytes, sources: Sequence[SourceRow], titles: dict[str, tuple[str, bool]]
) -> TimelineRow:
    kind, group, date_label, status, text, expression, marks, officials, sectors, passage = marshal.loads(
        blob
    )
    if passage is not None and sources:
        article_id = sources[0][0]
        title, dated = titles.get(article_id, (article_id, True))
        found: tuple[Source, ...] = (Source(article_id, title, passage[0], passage[1], dated),)
    else:
        # One title string per article, however many entries it reports.
        found = tuple(
            Source(sys.intern(article_id), sys.intern(title), start, end)
            for article_id, title, start, end, _ in sources
        )
    return TimelineRow(
        kind=kind,
        group=sys.intern(group),
        date_label=sys.intern(date_label),
        status=sys.intern(status),
        text=text,
        expression=sys.intern(expression),
        marks=_marks(marks),
        sources=found,
        officials=officials,
        sectors=sectors,
    )


def _record(row: TimelineRow, sectors: Iterable[str]) -> bytes:
    """What the filter tests (as `timeline_query.row_record` makes it)."""
    text = " ".join([part for part in (row.text, row.expression, row.date_label) if part])
    title = " ".join([source.title for source in row.sources])
    return marshal.dumps((title, text, row.officials, tuple(sorted({*row.sectors, *sectors}))))


def _encode_clause(found: ClauseEntities, sectors: AbstractSet[str]) -> bytes:
    return marshal.dumps((found.officials, found.sectors, _marks_row(found.marks), tuple(sorted(sectors))))


def library_order(meta: ArticleMeta) -> str:
    """Where an article is in the library as text that sorts so: dated newest first, then undated,
    then by title (as `newest_first_key`), then by path."""
    if meta.date is None:
        head = "1" + "0" * 8
    else:
        year, month, day = meta.date.sort_key()
        head = f"0{9999 - year:04d}{12 - month:02d}{31 - day:02d}"
    return f"{head}{meta.title.lower()}\x00{meta.path}"


def write_article(
    store: ChronologyStore,
    meta: ArticleMeta,
    fingerprint: str,
    analysis: ArticleAnalysis,
    load_body: Callable[[str], str | None],
    *,
    new: bool = False,
) -> None:
    """Write an article's events and unresolved rows (their dates are merged by `merge_dirty`);
    `new`: the index has nothing of it yet."""
    order = library_order(meta)
    sectors_at = paragraph_sectors_of(analysis)
    events = [
        StoredEvent(
            ordinal,
            event,
            _encode_clause(clause_entities(event, analysis.entities), sectors_at(event.start)),
        )
        for ordinal, event in enumerate(analysis.events)
    ]
    unresolved: list[StoredEntry] = []
    if analysis.unresolved:
        body = load_body(meta.id)
        rows = unresolved_rows(analysis, meta.title, body, meta.date) if body is not None else []
        for place, row in enumerate(rows):
            source = row.sources[0]
            unresolved.append(
                StoredEntry(
                    kind="unresolved",
                    article_id=meta.id,
                    group=UNRESOLVED_HEADING,
                    order=(1, 0, order, place, 0),
                    date_width=0,
                    row=_encode_row(row, (source.start, source.end)),
                    record=_record(row, sectors_at(source.start)),
                )
            )
    article = StoredArticle(meta.id, fingerprint, meta.title, meta.date is not None, order)
    store.put_article(article, events, unresolved, new=new)


def merge_bucket(
    items: Sequence[BucketEvent], titles: Mapping[str, str]
) -> list[tuple[StoredEntry, list[int]]]:
    """The events of one date (range) merged again into entries, as `merge_events` does: each
    entry with the ids of its events. `items` in merge order (`ChronologyStore.bucket_events`)."""
    from dipreader.model.chronology import merge_events

    ids: dict[int, tuple[int, int]] = {}
    clauses: dict[EventKey, ClauseEntities] = {}
    paragraph: dict[int, tuple[str, ...]] = {}
    for event_id, ordinal, event, blob in items:
        officials, sectors, marks, around = marshal.loads(blob)
        ids[id(event)] = (event_id, ordinal)
        paragraph[event_id] = around
        found = ClauseEntities(officials, sectors, _marks(marks))
        if found.officials or found.sectors or found.marks:
            clauses[event_key(event)] = found
    entries: list[tuple[StoredEntry, list[int]]] = []
    for entry in merge_events(event for _, _, event, _ in items):
        row = entry_row(entry, titles, clauses)
        members = [ids[id(event)][0] for event in entry.events]
        primary = entry.primary
        stored = StoredEntry(
            kind="event",
            article_id=primary.article,
            group=row.group,
            order=(0, _date_number(primary.date), primary.article, primary.start, ids[id(primary)][1]),
            date_width=len(row.date_label),
            row=_encode_row(row),
            record=_record(row, (sector for member in members for sector in paragraph[member])),
        )
        entries.append((stored, members))
    return entries


MERGE_EVENTS = 5000
"""Events read and merged per transaction (what a first fill holds at once, whatever the library's size)."""


def merge_dirty(store: ChronologyStore) -> int:
    """Merge every date whose events changed, about `MERGE_EVENTS` events at a time; returns how many."""
    merged = 0
    while True:
        buckets = store.next_dirty_buckets(MERGE_EVENTS)
        if not buckets:
            return merged
        with transaction(store.connection):
            events = store.bucket_events(buckets)
            articles = {event.article for items in events.values() for _, _, event, _ in items}
            titles = {article_id: title for article_id, (title, _) in store.titles(articles).items()}
            store.replace_buckets([(bucket, merge_bucket(events.pop(bucket), titles)) for bucket in buckets])
        merged += len(buckets)


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on an error) on an autocommit connection."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


class TimelineReader:
    """Rows read from the index file by entry id, the last few thousand kept (any thread)."""

    def __init__(self, store: ChronologyStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._kept: OrderedDict[int, TimelineRow] = OrderedDict()
        self._ids: dict[int, int] = {}  # id(row) -> entry id, for the rows kept

    def kept(self, entry_id: int) -> TimelineRow | None:
        """The row when it was read lately (without reading the file)."""
        with self._lock:
            row = self._kept.get(entry_id)
            if row is not None:
                self._kept.move_to_end(entry_id)
            return row

    def rows(self, entry_ids: Sequence[int]) -> list[TimelineRow]:
        with self._lock:
            missing = [entry_id for entry_id in entry_ids if entry_id not in self._kept]
            if missing:
                blobs = self.store.rows(missing)
                sources = self.store.sources(missing)
                undated = [entry_id for entry_id in missing if entry_id not in sources]
                titles: dict[str, tuple[str, bool]] = {}
                if undated:
                    articles = self._articles_of(undated)
                    titles = self.store.titles(articles.values())
                    for entry_id, article_id in articles.items():
                        sources[entry_id] = [(article_id, "", 0, 0, True)]
                for entry_id in missing:
                    if entry_id in blobs:
                        row = _decode_row(blobs[entry_id], sources.get(entry_id, []), titles)
                        self._kept[entry_id] = row
                        self._ids[id(row)] = entry_id
            found = []
            for entry_id in entry_ids:
                self._kept.move_to_end(entry_id)
                found.append(self._kept[entry_id])
            while len(self._kept) > ROWS_KEPT:
                _, dropped = self._kept.popitem(last=False)
                self._ids.pop(id(dropped), None)
            return found

    def _articles_of(self, entry_ids: Sequence[int]) -> dict[int, str]:
        return dict(
            self.store.connection.execute(
                "SELECT id, article_id FROM entries WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(entry_ids)),),
            )
        )

    def entry_id(self, row: TimelineRow) -> int | None:
        """The entry a row was read from, or the entry equal to it (a row read from another file
        connection, before the index was brought up to date)."""
        with self._lock:
            found = self._ids.get(id(row))
            if found is not None or not row.sources:
                return found
            candidates = [
                entry_id
                for (entry_id,) in self.store.connection.execute(
                    "SELECT id FROM entries WHERE article_id = ? AND kind = ?",
                    (row.sources[0].article_id, row.kind),
                )
            ]
        return next(
            (
                entry_id
                for entry_id, other in zip(candidates, self.rows(candidates), strict=True)
                if other == row
            ),
            None,
        )

    def records(self, chunk: int = 2000) -> Iterator[tuple[int, bytes]]:
        """Every entry's filter record, read a chunk at a time (rows can be read in between)."""
        after = -1
        while True:
            with self._lock:
                found = self.store.records_after(after, chunk)
            yield from found
            if len(found) < chunk:
                return
            after = found[-1][0]

    def entries_from(self, article_ids: Iterable[str]) -> set[int]:
        with self._lock:
            return self.store.entries_from(article_ids)


class IndexedTimeline(ShownTimeline):
    """Entries in order (only their ids and groups held), with a heading before each group."""

    def __init__(self, reader: TimelineReader, order: EntryOrder) -> None:
        self.reader = reader
        ids, groups, widths = order.ids, order.groups, order.widths
        # Where each group starts: the entries are in order, so each group's are together.
        starts = [0, *(i for i in range(1, len(groups)) if groups[i] != groups[i - 1])] if ids else []
        self._slots = array("q")  # an entry id, or -1 - n for the heading of group n
        self._groups: list[TimelineRow] = []
        self.headings = array("q")
        for number, first in enumerate(starts):
            last = starts[number + 1] if number + 1 < len(starts) else len(ids)
            self.headings.append(len(self._slots))
            self._slots.append(-1 - number)
            self._slots.extend(ids[first:last])
            name = order.names[groups[first]]
            self._groups.append(TimelineRow(kind="year", group=name, count=last - first))
        years = [row.group for row in self._groups if row.group != UNRESOLVED_HEADING]
        last_group = self._groups[-1] if self._groups else None
        self.unresolved = last_group.count if last_group and last_group.group == UNRESOLVED_HEADING else 0
        self.entries = len(ids) - self.unresolved
        self.years = (years[0], years[-1]) if years else None
        self.widest_date = max(widths, default=0)

    def __len__(self) -> int:
        return len(self._slots)

    @overload
    def __getitem__(self, index: int) -> TimelineRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TimelineRow]: ...
    def __getitem__(self, index: int | slice) -> TimelineRow | Sequence[TimelineRow]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._slots)
        slot = self._slots[index]  # IndexError past the end, as a list
        if slot < 0:
            return self._groups[-1 - slot]
        kept = self.reader.kept(slot)
        if kept is not None:
            return kept
        page = [
            entry_id
            for entry_id in self._slots[max(0, index - PAGE_BEFORE) : index + PAGE_AFTER]
            if entry_id >= 0
        ]
        rows = self.reader.rows(page)
        return rows[page.index(slot)]

    def position_of(self, row: TimelineRow) -> int | None:
        if row.is_heading:
            for position in self.headings:
                if self._groups[-1 - self._slots[position]].group == row.group:
                    return position
            return None
        entry_id = self.reader.entry_id(row)
        if entry_id is None:
            return None
        try:
            return self._slots.index(entry_id)
        except ValueError:
            return None


@dataclass(frozen=True)
class EntryOrder:
    """Entries in timeline order as columns: ids, each one's group (a number into `names`), and
    the width of its date label."""

    ids: array[int]
    groups: array[int]
    widths: array[int]
    names: list[str]

    @classmethod
    def read(cls, rows: Sequence[tuple[int, str, int]]) -> EntryOrder:
        names: dict[str, int] = {}
        groups = array("I", [names.setdefault(group, len(names)) for _, group, _ in rows])
        ids = array("q", [entry_id for entry_id, _, _ in rows])
        widths = array("H", [min(width, 0xFFFF) for _, _, width in rows])
        return cls(ids, groups, widths, [sys.intern(name) for name in names])

    def only(self, keep: Container[int]) -> EntryOrder:
        """The entries in `keep`, in the same order."""
        chosen = [index for index, entry_id in enumerate(self.ids) if entry_id in keep]
        return EntryOrder(
            array("q", [self.ids[index] for index in chosen]),
            array("I", [self.groups[index] for index in chosen]),
            array("H", [self.widths[index] for index in chosen]),
            self.names,
        )


class IndexedSearch:
    """Every row of the persisted chronology and the rows a filter keeps, read from the file; what
    is held is each entry's id, group and date width, in order (arrays, not rows)."""

    def __init__(self, store: ChronologyStore) -> None:
        """Reads on `store`'s connection in one read transaction, left open: what it shows stays as
        it was read while another process updates the file (a new search sees the update)."""
        self.reader = TimelineReader(store)
        with self.reader._lock:
            store.connection.execute("BEGIN")
            self._order = EntryOrder.read(store.order().fetchall())
        self.everything: IndexedTimeline = IndexedTimeline(self.reader, self._order)

    def close(self) -> None:
        with self.reader._lock:
            self.reader.store.connection.close()

    def shown(self, query: Query, only: frozenset[str] | None) -> ShownTimeline:
        if query.empty and only is None:
            return self.everything
        allowed = self.reader.entries_from(only) if only is not None else None
        keep = allowed
        if not query.empty:
            test = compile_matcher(query, AS_TYPED)
            keep = set()
            for entry_id, blob in self.reader.records():
                if allowed is not None and entry_id not in allowed:
                    continue
                title, text, persons, sectors = marshal.loads(blob)
                if test(Record(title=title, text=text, persons=persons, sectors=sectors)):
                    keep.add(entry_id)
        assert keep is not None
        return IndexedTimeline(self.reader, self._order.only(keep))


def open_timeline(path: Path, *, empty: bool = True) -> IndexedSearch | None:
    """The chronology in the index file at `path`, on a connection of its own; None when it cannot
    be read, or (with `empty` false) when it holds no article yet."""
    return read_index(
        path, lambda connection: IndexedSearch(ChronologyStore(connection)), empty=empty, keep_open=True
    )
