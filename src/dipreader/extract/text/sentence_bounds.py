"""Sentences longer than any real one are cut into pieces, so per-sentence work stays linear."""

from __future__ import annotations

from collections.abc import Sequence

# The longest sentence in the bundled and held-out articles is about 400 characters; a span
# past this is a run without sentence breaks (a list of dates, a pasted table, an attack).
MAX_SENTENCE_CHARS = 1_000
_BREAKS = (";", ",")


def _cut_before(text: str, start: int, limit: int) -> int:
    """Where to end a piece that starts at `start`: after the last `;`, else the last `,`, else
    at the last space in the window; a hard cut when the window has none of them."""
    stop = start + limit
    for mark in _BREAKS:
        found = text.rfind(mark, start + 1, stop)
        if found > start:
            return found + 1
    for position in range(stop - 1, start, -1):
        if text[position].isspace():
            return position
    return stop


def bounded_spans(
    text: str, spans: Sequence[tuple[int, int]], limit: int = MAX_SENTENCE_CHARS
) -> list[tuple[int, int]]:
    """`spans` (sentences as their breaks found them) with every span longer than `limit` cut into
    pieces of at most `limit` characters at clause punctuation or spaces, whitespace trimmed;
    shorter spans are kept as they are. Linear in the text."""
    bounded: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > limit:
            cut = _cut_before(text, start, limit)
            piece_end = cut
            while piece_end > start and text[piece_end - 1].isspace():
                piece_end -= 1
            bounded.append((start, piece_end))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            bounded.append((start, end))
    return bounded
