"""Annotations read a page at a time: the groups (article, placed or orphan), each group's row keys in
order of place, and a page of annotations by key with long texts clipped."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from dipreader.model.anchoring import Annotation
from dipreader.store import annotation_rows as rows

LISTED_TEXT_CHARS = 2000
"""How much of a note or quote a listing reads: a 50 MB note costs a listing no more than this."""
KEYS_PER_QUERY = 500
"""Host parameters per `IN (...)`: far under SQLite's limit, big enough to read a screenful at once."""

# Served by the index annotations_by_place (article_id, orphan, start, created): no table reads.
GROUPS_SQL = "SELECT article_id, orphan, count(*) FROM annotations GROUP BY article_id, orphan"
KEYS_SQL = "SELECT rowid FROM annotations WHERE article_id = ? AND orphan = ? ORDER BY start, created"
_TEXT = "(exact || ' ' || note || ' ' || tags)"
_JSON_MARKS = "[],"
_CLIPPED_COLUMNS = tuple(
    f"substr({column}, 1, ?)" if column in ("exact", "note") else column for column in rows.COLUMNS
)


@dataclass(frozen=True)
class AnnotationGroup:
    """How many annotations one article has, placed or orphaned."""

    article_id: str
    orphan: bool
    count: int


@dataclass(frozen=True)
class ListedAnnotation:
    """An annotation as a listing reads it: `key` is its row, the note and quote may be clipped
    (never save this copy back; read the whole one with `Store.annotation`)."""

    key: int
    annotation: Annotation
    note_chars: int
    exact_chars: int

    @property
    def clipped(self) -> bool:
        ann = self.annotation
        return self.note_chars > len(ann.note) or self.exact_chars > len(ann.exact)


def groups(conn: sqlite3.Connection) -> list[AnnotationGroup]:
    return [
        AnnotationGroup(article_id, bool(orphan), int(count))
        for article_id, orphan, count in conn.execute(GROUPS_SQL)
    ]


def ascii_words(words: Sequence[str]) -> bool:
    """Whether `keys` can look for these words in SQL: lower-case printable ASCII that JSON keeps as is."""
    return all(word.isascii() and word.isprintable() and word == word.lower() for word in words) and not any(
        '"' in word or "\\" in word for word in words
    )


KeysFrom = tuple[int, str, int]
"""(start, created, row key) of the last key of a page: the next page begins after it."""
_KEYS_IN = "SELECT rowid FROM annotations WHERE article_id = ? AND orphan = ?"
# Three seeks of annotations_by_place that follow one another in its order (its last column is the
# row key): the rest of (start, created), the rest of start, the later starts.
_KEYS_AFTER = (
    f"{_KEYS_IN} AND start = ? AND created = ? AND rowid > ? ORDER BY rowid LIMIT ?",
    f"{_KEYS_IN} AND start = ? AND created > ? ORDER BY created, rowid LIMIT ?",
    f"{_KEYS_IN} AND start > ? ORDER BY start, created, rowid LIMIT ?",
)


def keys_page(
    conn: sqlite3.Connection, article_id: str, orphan: bool, after: KeysFrom | None, limit: int
) -> tuple[list[int], KeysFrom | None]:
    """Up to `limit` row keys of the group in the order of `keys`, from after `after` (None: the
    first); and where the page ended (None when it is the last)."""
    group = (article_id, int(orphan))
    if after is None:
        found = [key for (key,) in conn.execute(f"{KEYS_SQL}, rowid LIMIT ?", (*group, limit))]
    else:
        start, created, row = after
        found = []
        for sql, bounds in zip(_KEYS_AFTER, ((start, created, row), (start, created), (start,)), strict=True):
            if len(found) < limit:
                found += [key for (key,) in conn.execute(sql, (*group, *bounds, limit - len(found)))]
    if len(found) < limit:
        return found, None
    last = conn.execute("SELECT start, created FROM annotations WHERE rowid = ?", (found[-1],)).fetchone()
    return found, (int(last[0]), str(last[1]), found[-1])


@dataclass(frozen=True)
class WordHits:
    """Of some row keys (in their order): those whose texts surely hold the words, and those the
    caller must test itself (texts beyond ASCII that SQL did not find them in)."""

    held: list[int]
    unsure: list[int]


def holding(conn: sqlite3.Connection, wanted: Sequence[int], words: Sequence[str]) -> WordHits:
    """Those of `wanted` whose quote, note and tags hold every word, ASCII case ignored (one query:
    the keys as JSON). An ASCII word that SQLite's lower() finds, str.casefold finds too; it may
    also find one SQL missed in a text beyond ASCII (a long s is an s to it): those are unsure, and
    so is every hit when a word holds JSON's brackets or comma (the tags are read as JSON here).
    `words`: see `ascii_words`."""
    if not ascii_words(words):
        raise ValueError("only lower-case printable ASCII words are looked for in SQL")
    held = " AND ".join(f"instr(lower({_TEXT}), ?)" for _ in words)
    # LIMIT -1 keeps the subquery apart: its CASE is worked out once a row, not again in the WHERE.
    sql = (
        f"SELECT rowid, surely FROM (SELECT rowid, CASE WHEN {held} THEN 1"
        f" WHEN length(CAST({_TEXT} AS BLOB)) != length({_TEXT}) THEN 0 END AS surely"
        f" FROM annotations WHERE rowid IN (SELECT value FROM json_each(?)) LIMIT -1)"
        " WHERE surely IS NOT NULL"
    )
    found = dict(conn.execute(sql, [*words, json.dumps(list(wanted))]))
    sure = not any(mark in word for word in words for mark in _JSON_MARKS)
    return WordHits(
        [key for key in wanted if found.get(key) == 1 and sure],
        [key for key in wanted if found.get(key) == 0 or (found.get(key) == 1 and not sure)],
    )


def key_of(conn: sqlite3.Connection, ann_id: str) -> int | None:
    found = conn.execute("SELECT rowid FROM annotations WHERE id = ?", (ann_id,)).fetchone()
    return None if found is None else int(found[0])


def page(conn: sqlite3.Connection, wanted: Sequence[int], clip: int | None) -> list[ListedAnnotation]:
    """The annotations of these keys in their order (keys no longer there are left out), the note
    and quote cut to `clip` characters (None: whole)."""
    by_key: dict[int, ListedAnnotation] = {}
    limit = -1 if clip is None else max(0, clip)  # substr(x, 1, -1) is empty: whole texts are asked apart
    columns = rows.COLUMNS if clip is None else _CLIPPED_COLUMNS
    for at in range(0, len(wanted), KEYS_PER_QUERY):
        chunk = list(wanted[at : at + KEYS_PER_QUERY])
        marks = ", ".join("?" for _ in chunk)
        sql = (
            f"SELECT rowid, length(exact), length(note), {', '.join(columns)} "
            f"FROM annotations WHERE rowid IN ({marks})"
        )
        params: list[object] = [] if clip is None else [limit, limit]
        for key, exact_chars, note_chars, *values in conn.execute(sql, [*params, *chunk]):
            annotation = rows.from_row(tuple(values))
            by_key[key] = ListedAnnotation(key, annotation, int(note_chars), int(exact_chars))
    return [by_key[key] for key in wanted if key in by_key]
