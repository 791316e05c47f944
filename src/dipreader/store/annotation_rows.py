"""Converting annotations to and from rows of the `annotations` table."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from dipreader.model.anchoring import Annotation

COLUMNS = (
    "id",
    "article_id",
    "content_hash",
    "start",
    '"end"',
    "exact",
    "prefix",
    "suffix",
    "note",
    "color",
    "tags",
    "created",
    "updated",
    "orphan",
)
SELECT_ALL = f"SELECT {', '.join(COLUMNS)} FROM annotations"
UPSERT = (
    f"INSERT OR REPLACE INTO annotations ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
)


def to_row(ann: Annotation) -> tuple[Any, ...]:
    return (
        ann.id,
        ann.article_id,
        ann.content_hash,
        ann.start,
        ann.end,
        ann.exact,
        ann.prefix,
        ann.suffix,
        ann.note,
        ann.color,
        json.dumps(list(ann.tags), ensure_ascii=False),
        ann.created,
        ann.updated,
        int(ann.orphan),
    )


def _tags(raw: str) -> tuple[str, ...]:
    try:
        loaded = json.loads(raw)
    except ValueError:
        return ()
    return tuple(str(tag) for tag in loaded) if isinstance(loaded, list) else ()


def from_row(row: sqlite3.Row | tuple[Any, ...]) -> Annotation:
    (
        ann_id,
        article_id,
        content_hash,
        start,
        end,
        exact,
        prefix,
        suffix,
        note,
        color,
        tags,
        created,
        updated,
        orphan,
    ) = tuple(row)
    return Annotation(
        id=ann_id,
        article_id=article_id,
        content_hash=content_hash,
        start=int(start),
        end=int(end),
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        note=note,
        color=color,
        tags=_tags(tags),
        created=created,
        updated=updated,
        orphan=bool(orphan),
    )
