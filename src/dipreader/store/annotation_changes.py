"""What changed among the annotations since a revision: rows by (revision, row), deleted ids.

A revision is the store's write count (store_identity.writes) when a row was last written; the
triggers of the schema keep it, and the ids of deleted rows, so a reader of the changes (the search
index) reads only them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from dipreader.model.anchoring import Annotation
from dipreader.store import annotation_rows as rows

# Two seeks of annotations_by_revision: the rest of the revision a page ended in, then the later ones.
# One query with (revision, rowid) > (?, ?) seeks by revision only and reads every row of that
# revision again for each page: a million notes written at once took minutes per thousand pages.
_SELECTED = f"SELECT revision, rowid, {', '.join(rows.COLUMNS)} FROM annotations"
_SAME_REVISION = f"{_SELECTED} WHERE revision = ? AND rowid > ? ORDER BY rowid LIMIT ?"
_LATER = f"{_SELECTED} WHERE revision > ? ORDER BY revision, rowid LIMIT ?"
_DELETED = (
    "SELECT rowid, id FROM annotation_deletions WHERE revision > ? AND rowid > ? ORDER BY rowid LIMIT ?"
)
_EXISTING = "SELECT id FROM annotations WHERE id IN (SELECT value FROM json_each(?))"


def revision(conn: sqlite3.Connection) -> tuple[str, int]:
    """(this store's identity, its write count now)."""
    found = conn.execute("SELECT id, writes FROM store_identity LIMIT 1").fetchone()
    return (str(found[0]), int(found[1])) if found is not None else ("", 0)


def version(conn: sqlite3.Connection) -> tuple[str, int, int]:
    """(identity, the last revision a note was written at, the last tombstone): changes whenever a
    note is added, changed or deleted, and only then (two index seeks)."""
    identity = conn.execute("SELECT id FROM store_identity LIMIT 1").fetchone()
    written = conn.execute("SELECT max(revision) FROM annotations").fetchone()[0]
    deleted = conn.execute("SELECT max(rowid) FROM annotation_deletions").fetchone()[0]
    return (str(identity[0]) if identity else "", int(written or 0), int(deleted or 0))


Place = tuple[int, int]
"""(revision, row): where a page of changes ended."""


def changed(conn: sqlite3.Connection, since: int, after: Place, limit: int) -> tuple[list[Annotation], Place]:
    """Up to `limit` annotations written after revision `since`, from `after` on; and where they ended."""
    revision_at, row_at = after
    found = []
    if revision_at > since:
        found = conn.execute(_SAME_REVISION, (revision_at, row_at, limit)).fetchall()
    if len(found) < limit:
        found += conn.execute(_LATER, (max(since, revision_at), limit - len(found))).fetchall()
    if not found:
        return [], after
    last = found[-1]
    return [rows.from_row(row[2:]) for row in found], (int(last[0]), int(last[1]))


def deleted(conn: sqlite3.Connection, since: int, after: int, limit: int) -> tuple[list[str], int]:
    """Up to `limit` ids deleted after revision `since`, from tombstone row `after` on; the last row."""
    found = conn.execute(_DELETED, (since, after, limit)).fetchall()
    return [str(ann_id) for _row, ann_id in found], (int(found[-1][0]) if found else after)


def existing(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
    """Those of `ids` the store holds."""
    return {str(ann_id) for (ann_id,) in conn.execute(_EXISTING, (json.dumps(list(ids)),))}
