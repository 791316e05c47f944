"""`clauses._trimmed` without slicing the clause and searching all of it for its tail."""

from __future__ import annotations

import re

from dipreader.extract.text.clauses import _TRIM_LEAD

# The same pattern without its `^`, so that match(text, start, end) anchors at `start` and
# reads text[start:end] exactly as the slice would, without copying it.
_LEAD = re.compile(_TRIM_LEAD.pattern.removeprefix("^"), _TRIM_LEAD.flags)
# The characters of clauses._TRIM_TAIL, [\s,;:—–\-], besides white space.
_TAIL_PUNCTUATION = frozenset(",;:—–-")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """What clauses._trimmed(text, start, end) returns, in time proportional to what is trimmed
    (the original searches the whole clause for its trailing punctuation)."""
    if end <= start:
        return start, start
    lead = _LEAD.match(text, start, end)
    offset = lead.end() - start if lead else 0
    tail = end
    while tail > start and (text[tail - 1] in _TAIL_PUNCTUATION or text[tail - 1].isspace()):
        tail -= 1
    stop = tail - start if tail < end and tail - start > offset else end - start
    return start + offset, start + stop
