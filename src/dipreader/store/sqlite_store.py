"""The Store: read state, reading positions and annotations in one SQLite file."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from dipreader.model.anchoring import Annotation, normalise_tags, utc_now_iso
from dipreader.model.query import SavedSearch
from dipreader.store import annotation_changes as changes
from dipreader.store import annotation_pages as pages
from dipreader.store import annotation_places as places
from dipreader.store import annotation_rows as rows
from dipreader.store import saved_searches
from dipreader.store.database import open_database
from dipreader.store.errors import StoreError, store_error

DEFAULT_BUSY_TIMEOUT_MS = 5000
KEYS_PAGE = 20_000
"""Row keys read with the store held (a few milliseconds)."""
MERGE_BATCH = 5000
"""Imported notes looked up and written at a time."""
_UPDATED_OF = "SELECT id, updated FROM annotations WHERE id IN (SELECT value FROM json_each(?))"
T = TypeVar("T")


def _instant(stamp: str) -> _dt.datetime | None:
    """An ISO 8601 timestamp as an aware datetime (naive ones taken as UTC), or None."""
    try:
        parsed = _dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.UTC)


def _is_newer(candidate: str, current: str) -> bool:
    new, old = _instant(candidate), _instant(current)
    if new is None:
        return False
    return old is None or new > old


class Store:
    """One connection shared by every thread, serialised by a lock; each change commits alone."""

    def __init__(self, path: Path, connection: sqlite3.Connection, warnings: list[str]) -> None:
        self.path = path
        self.warnings = warnings
        self._conn = connection
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Store:
        """Open (creating, migrating or replacing a damaged file as needed) the store at `path`."""
        path = Path(path)
        connection, warnings = open_database(path, busy_timeout_ms)
        return cls(path, connection, warnings)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; any SQLite failure rolls back and becomes a StoreError."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.execute("UPDATE store_identity SET writes = writes + 1")
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as err:
                raise store_error(err, action, self.path) from err

    def _query(self, action: str, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as err:
                raise store_error(err, action, self.path) from err

    # read state and positions

    def read_ids(self) -> set[str]:
        found = self._query("load read marks", "SELECT article_id FROM article_state WHERE read")
        return {row[0] for row in found}

    def is_read(self, article_id: str) -> bool:
        found = self._query(
            "load the read mark",
            "SELECT read FROM article_state WHERE article_id = ?",
            (article_id,),
        )
        return bool(found and found[0][0])

    def set_read(self, article_id: str, read: bool) -> None:
        with self._writing("save the read mark") as conn:
            conn.execute(
                "INSERT INTO article_state (article_id, read, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET read = excluded.read, "
                "updated = excluded.updated",
                (article_id, int(read), utc_now_iso()),
            )

    def set_read_many(self, article_ids: Iterable[str], read: bool) -> None:
        """Mark many articles at once (a whole list read, or back as it was), in one transaction."""
        stamp = utc_now_iso()
        with self._writing("save the read marks") as conn:
            conn.executemany(
                "INSERT INTO article_state (article_id, read, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET read = excluded.read, "
                "updated = excluded.updated",
                [(article_id, int(read), stamp) for article_id in article_ids],
            )

    # saved searches

    def saved_searches(self) -> list[SavedSearch]:
        with self._lock:
            try:
                return saved_searches.list_saved(self._conn)
            except sqlite3.Error as err:
                raise store_error(err, "load the saved searches", self.path) from err

    def save_search(self, search: SavedSearch) -> SavedSearch:
        """Keep a query under a name (QueryError / SavedSearchError when it cannot be kept)."""
        with self._writing("save the search") as conn:
            return saved_searches.save(conn, search)

    def delete_saved_search(self, name: str) -> bool:
        with self._writing("delete the saved search") as conn:
            return saved_searches.delete(conn, name)

    def position(self, article_id: str) -> int | None:
        """The saved reading position: a code-point offset into the body, or None."""
        found = self._query(
            "load the reading position",
            "SELECT position FROM article_state WHERE article_id = ?",
            (article_id,),
        )
        return None if not found or found[0][0] is None else int(found[0][0])

    def set_position(self, article_id: str, offset: int) -> None:
        with self._writing("save the reading position") as conn:
            conn.execute(
                "INSERT INTO article_state (article_id, position, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET position = excluded.position, "
                "updated = excluded.updated",
                (article_id, max(0, int(offset)), utc_now_iso()),
            )

    # where the reader left off

    def session_value(self, key: str) -> str | None:
        """A value saved with `set_session_value` (the last article, tab, ...), or None."""
        found = self._query("load the session", "SELECT value FROM session_state WHERE key = ?", (key,))
        return None if not found else str(found[0][0])

    def set_session_value(self, key: str, value: str | None) -> None:
        """Save (or, with None, forget) one value of the session."""
        with self._writing("save the session") as conn:
            if value is None:
                conn.execute("DELETE FROM session_state WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO session_state (key, value, updated) VALUES (?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated",
                    (key, value, utc_now_iso()),
                )

    # annotations

    def annotations(self, article_id: str | None = None) -> list[Annotation]:
        """Annotations of one article (by position) or of all (by article, then position)."""
        if article_id is None:
            found = self._query("load notes", f"{rows.SELECT_ALL} ORDER BY article_id, start, created")
        else:
            found = self._query(
                "load notes",
                f"{rows.SELECT_ALL} WHERE article_id = ? ORDER BY start, created",
                (article_id,),
            )
        return [rows.from_row(row) for row in found]

    def annotation(self, ann_id: str) -> Annotation | None:
        found = self._query("load the note", f"{rows.SELECT_ALL} WHERE id = ?", (ann_id,))
        return rows.from_row(found[0]) if found else None

    # annotations a page at a time (store/annotation_pages.py)

    def annotation_groups(self) -> list[pages.AnnotationGroup]:
        """How many annotations each article has, placed and orphaned."""
        with self._lock:
            try:
                return pages.groups(self._conn)
            except sqlite3.Error as err:
                raise store_error(err, "count the notes", self.path) from err

    def annotation_keys(self, article_id: str, orphan: bool) -> array[int]:
        """The row keys of one article's placed (or orphaned) annotations, in order of place, read a
        page at a time: other threads use the store between pages (a million keys take seconds)."""
        found: array[int] = array("q")
        after: pages.KeysFrom | None = None
        while True:
            page, after = self._reading(
                "list the notes",
                partial(pages.keys_page, article_id=article_id, orphan=orphan, after=after, limit=KEYS_PAGE),
            )
            found.extend(page)
            if after is None:
                return found

    def annotation_page(
        self, keys: Sequence[int], clip: int | None = pages.LISTED_TEXT_CHARS
    ) -> list[pages.ListedAnnotation]:
        """The annotations of these row keys, in their order, notes and quotes cut to `clip` characters."""
        with self._lock:
            try:
                return pages.page(self._conn, keys, clip)
            except sqlite3.Error as err:
                raise store_error(err, "load notes", self.path) from err

    def annotations_holding(self, keys: Sequence[int], words: Sequence[str]) -> pages.WordHits:
        """Of these row keys, those whose texts hold the words and those to test (`pages.holding`)."""
        with self._lock:
            try:
                return pages.holding(self._conn, keys, words)
            except sqlite3.Error as err:
                raise store_error(err, "filter the notes", self.path) from err

    def annotation_key(self, ann_id: str) -> int | None:
        """The row key of an annotation (it changes when the annotation is saved again), or None."""
        with self._lock:
            try:
                return pages.key_of(self._conn, ann_id)
            except sqlite3.Error as err:
                raise store_error(err, "load the note", self.path) from err

    def add_annotation(self, ann: Annotation) -> Annotation:
        """Save a new annotation (times filled in when empty); returns what was saved."""
        now = utc_now_iso()
        saved = replace(
            ann,
            tags=normalise_tags(ann.tags),
            created=ann.created or now,
            updated=ann.updated or ann.created or now,
        )
        with self._writing("save the note") as conn:
            conn.execute(rows.UPSERT, rows.to_row(saved))
        return saved

    def update_annotation(
        self,
        ann_id: str,
        *,
        note: str | None = None,
        color: str | None = None,
        tags: Sequence[str] | None = None,
    ) -> Annotation:
        """Change an annotation's note, colour or tags; raises KeyError if it does not exist."""
        with self._writing("save the note") as conn:
            found = conn.execute(f"{rows.SELECT_ALL} WHERE id = ?", (ann_id,)).fetchone()
            if found is None:
                raise KeyError(ann_id)
            current = rows.from_row(found)
            changed = replace(
                current,
                note=current.note if note is None else note,
                color=current.color if color is None else color,
                tags=current.tags if tags is None else normalise_tags(tags),
                updated=utc_now_iso(),
            )
            conn.execute(rows.UPSERT, rows.to_row(changed))
        return changed

    def set_anchor(self, placed: Annotation) -> Annotation:
        """Give a stored annotation `placed`'s anchor (article, hash, offsets, quote, context; no longer
        an orphan), its note and tags untouched; raises KeyError if it does not exist."""
        with self._writing("save the note's new passage") as conn:
            found = conn.execute(f"{rows.SELECT_ALL} WHERE id = ?", (placed.id,)).fetchone()
            if found is None:
                raise KeyError(placed.id)
            moved = replace(
                rows.from_row(found),
                article_id=placed.article_id,
                content_hash=placed.content_hash,
                start=placed.start,
                end=placed.end,
                exact=placed.exact,
                prefix=placed.prefix,
                suffix=placed.suffix,
                orphan=False,
                updated=utc_now_iso(),
            )
            conn.execute(rows.UPSERT, rows.to_row(moved))
        return moved

    def delete_annotation(self, ann_id: str) -> None:
        with self._writing("delete the note") as conn:
            conn.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))

    def _reading(self, action: str, read: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return read(self._conn)
            except sqlite3.Error as err:
                raise store_error(err, action, self.path) from err

    # notes placed on an article's current text (store/annotation_places.py)

    def stale_annotations(self, article_id: str, content_hash: str, limit: int) -> int:
        """How many of the article's notes were saved against another text (counted up to `limit`)."""
        return self._reading(
            "count the notes to place", lambda c: places.stale_count(c, article_id, content_hash, limit)
        )

    def place_annotations(
        self, article_id: str, body: str, content_hash: str, limit: int = places.PLACE_PAGE
    ) -> list[Annotation]:
        """Place up to `limit` of the article's notes saved against another text on `body` (they get
        `content_hash`), save their anchors; returns them (empty: every note is on this text)."""
        found = self._reading(
            "load the notes to place", lambda c: places.stale_page(c, article_id, content_hash, limit)
        )
        # Placed outside the lock: other threads use the store meanwhile.
        moved = places.placed(found, body, content_hash)
        if moved:
            with self._writing("save re-anchored notes") as conn:
                places.save_places(conn, moved)
        return moved

    def place_again(self, notes: Sequence[Annotation], body: str, content_hash: str) -> list[Annotation]:
        """Place these notes on `body` and save their anchors (a note whose offsets no longer hold
        its quote, though its hash says this text); returns them placed."""
        moved = places.placed(notes, body, content_hash)
        if moved:
            with self._writing("save re-anchored notes") as conn:
                places.save_places(conn, moved)
        return moved

    def reanchor_every(self, article_id: str, body: str, content_hash: str) -> int:
        """Place every note of the article on `body` again, whatever its hash (after an import, whose
        offsets are not this program's), a page at a time; returns how many are orphans.

        Orphans whose hash already matches were tried against this very body: they are kept as
        they are rather than searched again.
        """
        after, orphans = 0, 0
        while found := self._reading(
            "load notes",
            partial(places.every_page, article_id=article_id, after=after, limit=places.PLACE_PAGE),
        ):
            after = found[-1][0]
            notes = [ann for _row, ann in found if not (ann.orphan and ann.content_hash == content_hash)]
            orphans += len(found) - len(notes)
            fresh = places.placed(notes, body, content_hash)
            moved = [new for new, old in zip(fresh, notes, strict=True) if new != old]
            if moved:
                with self._writing("save re-anchored notes") as conn:
                    places.save_places(conn, moved)
            orphans += sum(ann.orphan for ann in fresh)
        return orphans

    def reanchor(self, article_id: str, body: str, content_hash: str) -> list[Annotation]:
        """Place every annotation of the article on its current body (`reanchor_every`), return them
        all, orphans last."""
        self.reanchor_every(article_id, body, content_hash)
        return sorted(self.annotations(article_id), key=lambda ann: (ann.orphan, ann.start, ann.created))

    def annotations_between(self, article_id: str, start: int, end: int, limit: int) -> list[Annotation]:
        """Up to `limit` placed notes overlapping body[start:end], by place then age."""
        return self._reading("load notes", lambda c: places.overlapping(c, article_id, start, end, limit))

    def orphan_annotations(self, article_id: str, limit: int) -> list[Annotation]:
        """The first `limit` orphaned notes of an article."""
        return self._reading("load notes", lambda c: places.orphans(c, article_id, limit))

    def annotation_count(self, article_id: str, orphan: bool = False) -> int:
        """How many placed (or orphaned) notes an article has."""
        return self._reading("count the notes", lambda c: places.count(c, article_id, orphan))

    # what changed, for the search index (store/annotation_changes.py)

    def annotation_revision(self) -> tuple[str, int]:
        """(this store's identity, its revision now): changes come after it."""
        return self._reading("read the store's revision", changes.revision)

    def annotations_version(self) -> tuple[str, int, int]:
        """Changes when any note is added, changed or deleted (by this or another process), and
        only then: a listing read at one version is still the store's at the same version."""
        return self._reading("read the notes' version", changes.version)

    def annotations_changed(
        self, since: int, after: changes.Place = (0, 0), limit: int = places.PLACE_PAGE
    ) -> tuple[list[Annotation], changes.Place]:
        """A page of notes written after revision `since` (-1: all), from `after` on; where it ended."""
        return self._reading("load changed notes", lambda c: changes.changed(c, since, after, limit))

    def annotations_deleted(
        self, since: int, after: int = 0, limit: int = places.PLACE_PAGE
    ) -> tuple[list[str], int]:
        """A page of the ids deleted after revision `since`, from tombstone `after` on; the last one."""
        return self._reading("load deleted notes", lambda c: changes.deleted(c, since, after, limit))

    def existing_annotations(self, ids: Sequence[str]) -> set[str]:
        """Those of `ids` the store holds."""
        return self._reading("load notes", lambda c: changes.existing(c, ids))

    def merge_annotations(self, anns: Iterable[Annotation]) -> int:
        """Import: add unknown ids, replace known ones when the incoming copy is newer.

        Returns how many were added or replaced; running it twice changes nothing more. One
        transaction, MERGE_BATCH notes to a lookup of the stored times and one executemany.
        """
        changed = 0
        now = utc_now_iso()
        with self._writing("import notes") as conn:
            for batch in _batches(anns, MERGE_BATCH):
                stored: dict[str, str] = dict(conn.execute(_UPDATED_OF, (json.dumps([a.id for a in batch]),)))
                chosen: dict[str, Annotation] = {}
                for ann in batch:
                    current = chosen[ann.id].updated if ann.id in chosen else stored.get(ann.id)
                    if current is not None and not _is_newer(ann.updated, current):
                        continue
                    chosen[ann.id] = _stamped(ann, now)
                    changed += 1
                conn.executemany(rows.UPSERT, [rows.to_row(ann) for ann in chosen.values()])
        return changed


def _stamped(ann: Annotation, now: str) -> Annotation:
    """`ann` with its tags normalised and its times filled in (itself when they already are)."""
    tags = normalise_tags(ann.tags)
    if tags == ann.tags and ann.created and ann.updated:
        return ann
    return replace(ann, tags=tags, created=ann.created or now, updated=ann.updated or ann.created or now)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


__all__ = ["Store", "StoreError"]
