"""Annotations placed on an article's current text a page at a time, and those of one stretch of it.

A note saved against this very text (its content hash) is where it was put: only the others are
placed again, found through the index annotations_by_hash, so opening an unchanged article places
nothing however many notes it has. A stretch's notes come from two bounded reads: those starting
near it (annotations_by_place) and the long ones (annotations_by_length).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from dipreader.model import anchoring
from dipreader.model.anchoring import Annotation
from dipreader.store import annotation_rows as rows

PLACE_PAGE = 500
"""Notes placed per transaction: the store is free between pages."""
LONG_NOTE_CHARS = 4096
"""Notes longer than this are read apart when a stretch is asked for (few are)."""

# The two ranges of the index apart, UNION ALL: with "content_hash < ? OR content_hash > ?" (or !=)
# SQLite seeks by article only and reads every entry of it (0.26 s for a million notes, all placed).
_STALE_RANGES = (
    "SELECT rowid FROM (SELECT rowid FROM annotations WHERE article_id = ?1 AND content_hash < ?2 LIMIT ?3)"
    " UNION ALL"
    " SELECT rowid FROM (SELECT rowid FROM annotations WHERE article_id = ?1 AND content_hash > ?2 LIMIT ?3)"
    " LIMIT ?3"
)
_STALE = f"{rows.SELECT_ALL} WHERE rowid IN ({_STALE_RANGES})"
_STALE_COUNT = f"SELECT count(*) FROM ({_STALE_RANGES})"
_EVERY = (
    f"SELECT rowid, {', '.join(rows.COLUMNS)} FROM annotations"
    " WHERE article_id = ? AND rowid > ? ORDER BY rowid LIMIT ?"
)
_NEAR = (
    f'{rows.SELECT_ALL} WHERE article_id = ? AND orphan = 0 AND start >= ? AND start < ? AND "end" > ?'
    " ORDER BY start, created LIMIT ?"
)
_LONG = (
    f'{rows.SELECT_ALL} WHERE article_id = ? AND orphan = 0 AND ("end" - start) > ? AND start < ?'
    ' AND "end" > ? LIMIT ?'
)
_ORPHANS = f"{rows.SELECT_ALL} WHERE article_id = ? AND orphan = 1 ORDER BY start, created LIMIT ?"
_COUNT = "SELECT count(*) FROM annotations WHERE article_id = ? AND orphan = ?"
_MOVE = (
    'UPDATE annotations SET content_hash = ?, start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?,'
    " orphan = ? WHERE id = ?"
)


def stale_count(conn: sqlite3.Connection, article_id: str, content_hash: str, limit: int) -> int:
    """How many of the article's notes were saved against another text, counting up to `limit`."""
    found = conn.execute(_STALE_COUNT, (article_id, content_hash, limit)).fetchone()
    return int(found[0])


def stale_page(conn: sqlite3.Connection, article_id: str, content_hash: str, limit: int) -> list[Annotation]:
    return [rows.from_row(row) for row in conn.execute(_STALE, (article_id, content_hash, limit)).fetchall()]


def every_page(
    conn: sqlite3.Connection, article_id: str, after: int, limit: int
) -> list[tuple[int, Annotation]]:
    """The article's notes after row `after`, by row: (row, annotation)."""
    found = conn.execute(_EVERY, (article_id, after, limit)).fetchall()
    return [(int(row[0]), rows.from_row(row[1:])) for row in found]


def placed(notes: Sequence[Annotation], body: str, content_hash: str) -> list[Annotation]:
    """Each note placed on `body`: new offsets and context, or an orphan; hash set to `content_hash`."""
    return [anchoring.reanchor(ann, body, content_hash) for ann in notes]


def save_places(conn: sqlite3.Connection, notes: Sequence[Annotation]) -> None:
    """Only the anchor columns: a note edited meanwhile by another instance keeps its edit."""
    conn.executemany(
        _MOVE,
        [
            (ann.content_hash, ann.start, ann.end, ann.exact, ann.prefix, ann.suffix, int(ann.orphan), ann.id)
            for ann in notes
        ],
    )


def overlapping(
    conn: sqlite3.Connection, article_id: str, start: int, end: int, limit: int
) -> list[Annotation]:
    """Up to `limit` placed notes overlapping body[start:end], by place then age."""
    near = conn.execute(_NEAR, (article_id, start - LONG_NOTE_CHARS, end, start, limit)).fetchall()
    long = conn.execute(_LONG, (article_id, LONG_NOTE_CHARS, end, start, limit)).fetchall()
    found = {ann.id: ann for ann in map(rows.from_row, [*near, *long])}
    return sorted(found.values(), key=lambda ann: (ann.start, ann.created))[:limit]


def orphans(conn: sqlite3.Connection, article_id: str, limit: int) -> list[Annotation]:
    return [rows.from_row(row) for row in conn.execute(_ORPHANS, (article_id, limit)).fetchall()]


def count(conn: sqlite3.Connection, article_id: str, orphan: bool) -> int:
    return int(conn.execute(_COUNT, (article_id, int(orphan))).fetchone()[0])
