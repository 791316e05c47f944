"""Passage annotations anchored by quote and position, and re-anchoring after the text changes."""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

CONTEXT_CHARS = 32
HIGHLIGHT_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink")


def utc_now_iso() -> str:
    """The current time as ISO 8601 UTC with microseconds, e.g. `2024-05-01T09:30:00.000000Z`."""
    now = _dt.datetime.now(_dt.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise_tags(tags: Sequence[str]) -> tuple[str, ...]:
    """Tags stripped, empty ones dropped, duplicates removed keeping the first spelling."""
    seen: set[str] = set()
    kept: list[str] = []
    for tag in tags:
        cleaned = " ".join(tag.split())
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            kept.append(cleaned)
    return tuple(kept)


@dataclass(frozen=True)
class Annotation:
    """A highlight or note on a passage of one article's body (offsets are code points)."""

    id: str
    article_id: str
    content_hash: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    note: str = ""
    color: str = "yellow"
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    orphan: bool = False


def context_around(body: str, start: int, end: int) -> tuple[str, str]:
    """The `CONTEXT_CHARS` characters before `start` and after `end`."""
    return body[max(0, start - CONTEXT_CHARS) : start], body[end : end + CONTEXT_CHARS]


def make_annotation(
    article_id: str,
    body: str,
    content_hash: str,
    start: int,
    end: int,
    note: str = "",
    color: str = "yellow",
    tags: Sequence[str] = (),
) -> Annotation:
    """A new annotation on `body[start:end]` with a fresh id and its quote context."""
    if not 0 <= start < end <= len(body):
        raise ValueError(f"passage {start}:{end} is empty or outside the text (0:{len(body)})")
    prefix, suffix = context_around(body, start, end)
    now = utc_now_iso()
    return Annotation(
        id=uuid.uuid4().hex,
        article_id=article_id,
        content_hash=content_hash,
        start=start,
        end=end,
        exact=body[start:end],
        prefix=prefix,
        suffix=suffix,
        note=note,
        color=color,
        tags=normalise_tags(tags),
        created=now,
        updated=now,
    )


def anchor(ann: Annotation, body: str) -> tuple[int, int] | None:
    """Where the annotation's passage is in `body` now, or None when it cannot be placed."""
    if 0 <= ann.start < ann.end <= len(body) and body[ann.start : ann.end] == ann.exact:
        return ann.start, ann.end
    return None


def reanchor(ann: Annotation, body: str, content_hash: str) -> Annotation:
    """The annotation placed on the current body: new offsets and context, or marked orphan."""
    placed = anchor(ann, body)
    if placed is None:
        return replace(ann, content_hash=content_hash, orphan=True)
    start, end = placed
    prefix, suffix = context_around(body, start, end)
    return replace(
        ann,
        content_hash=content_hash,
        start=start,
        end=end,
        exact=body[start:end],
        prefix=prefix,
        suffix=suffix,
        orphan=False,
    )
