"""Passage annotations anchored by quote and position, and re-anchoring after the text changes."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

CONTEXT_CHARS = 32
FUZZY_THRESHOLD = 0.75
MAX_SCORED_OCCURRENCES = 200
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
    from uuid import uuid4

    prefix, suffix = context_around(body, start, end)
    now = utc_now_iso()
    return Annotation(
        id=uuid4().hex,
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


def anchor(ann: Annotation, body: str, threshold: float = FUZZY_THRESHOLD) -> tuple[int, int] | None:
    """Where the annotation's passage is in `body` now, or None when it cannot be placed.

    1. the stored offsets still hold the quote (and its context) -> keep them;
    2. the exact quote elsewhere -> the occurrence whose context matches best;
    3. the closest approximate match with similarity >= `threshold`, near the old place first.
    """
    if not ann.exact:
        return None
    if _offsets_hold(ann, body) and context_around(body, ann.start, ann.end) == (
        ann.prefix,
        ann.suffix,
    ):
        return ann.start, ann.end
    occurrences = _occurrences(body, ann.exact)
    if occurrences:
        best = max(occurrences, key=lambda start: _context_score(ann, body, start, occurrences))
        return best, best + len(ann.exact)
    from dipreader.model.fuzzy_quote import QuoteShape, find_similar  # rarely needed: imported late

    shape = QuoteShape(
        exact=ann.exact,
        starts_word=not ann.prefix[-1:].isalnum(),
        ends_word=not ann.suffix[:1].isalnum(),
    )
    found = find_similar(shape, body, ann.start if ann.start >= 0 else None, threshold)
    return None if found is None else (found.start, found.end)


def _offsets_hold(ann: Annotation, body: str) -> bool:
    return 0 <= ann.start < ann.end <= len(body) and body[ann.start : ann.end] == ann.exact


def _occurrences(body: str, exact: str) -> list[int]:
    found: list[int] = []
    at = body.find(exact)
    while at != -1:
        found.append(at)
        at = body.find(exact, at + 1)
    return found


def _common_prefix_len(left: str, right: str) -> int:
    count = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        count += 1
    return count


def _context_score(ann: Annotation, body: str, start: int, occurrences: Sequence[int]) -> tuple[float, int]:
    """How well the text around an occurrence matches the stored context; nearer wins ties."""
    before, after = context_around(body, start, start + len(ann.exact))
    score: float = _common_prefix_len(before[::-1], ann.prefix[::-1])
    score += _common_prefix_len(after, ann.suffix)
    if len(occurrences) <= MAX_SCORED_OCCURRENCES:
        # Similarity still ranks occurrences when an edit touches the quote's very edge.
        from difflib import SequenceMatcher

        matcher = SequenceMatcher(None, f"{before}\0{after}", f"{ann.prefix}\0{ann.suffix}")
        score += CONTEXT_CHARS * matcher.ratio()
    distance = abs(start - ann.start) if ann.start >= 0 else 0
    return score, -distance


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
