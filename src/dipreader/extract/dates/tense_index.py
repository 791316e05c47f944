"""`clause_status` for many positions of one clause: its markers found once, each query a bisect."""

from __future__ import annotations

import bisect

from dipreader.extract.dates.datewords import lowered_for_matching

# The patterns themselves stay in tense.py, so both ways of asking read the same markers.
from dipreader.extract.dates.tense import _LOWERED_MARKERS, _MARKERS

Distances = tuple[int | None, int | None, int | None]


def status_from_distances(distances: Distances, default: str = "past") -> str:
    """`planned`, `ongoing` or `past` from the distances of the nearest markers of each kind
    (the rule of tense.clause_status: the nearest marker wins, a near planned one outweighs)."""
    planned, ongoing, past = distances
    candidates = [
        (d, name) for d, name in ((planned, "planned"), (ongoing, "ongoing"), (past, "past")) if d is not None
    ]
    if not candidates:
        return default
    if planned is not None and (past is None or planned <= past + 12):
        return "planned"
    return min(candidates)[1]


class MarkerIndex:
    """The planned, ongoing and past markers of one clause, as sorted match bounds."""

    __slots__ = ("_bounds",)

    def __init__(self, clause: str) -> None:
        lowered = lowered_for_matching(clause)
        markers, subject = (_LOWERED_MARKERS, lowered) if lowered is not None else (_MARKERS, clause)
        bounds: list[tuple[list[int], list[int]]] = []
        for pattern in markers:
            matches = list(pattern.finditer(subject))
            bounds.append(([match.start() for match in matches], [match.end() for match in matches]))
        self._bounds = tuple(bounds)

    def distances(self, position: int) -> Distances:
        """How far the nearest marker of each kind is from `position` (None when there is none)."""
        planned, ongoing, past = (_nearest(starts, ends, position) for starts, ends in self._bounds)
        return planned, ongoing, past

    def status(self, position: int, default: str = "past") -> str:
        """What tense.clause_status(clause, position, default) returns, in logarithmic time."""
        return status_from_distances(self.distances(position), default)


def _nearest(starts: list[int], ends: list[int], position: int) -> int | None:
    # Matches of one pattern never overlap, so the nearest is the last one starting at or
    # before `position` or the first one after it.
    index = bisect.bisect_right(starts, position)
    found = [
        min(abs(starts[i] - position), abs(ends[i] - position))
        for i in (index - 1, index)
        if 0 <= i < len(starts)
    ]
    return min(found) if found else None
