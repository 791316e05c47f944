"""The rows a Chronology shows, by position, with what the view asks of all of them answered once."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol, overload

from dipreader.core.timeline import TimelineRow, with_headings
from dipreader.core.timeline_query import TimelineRecords
from dipreader.model.query import Query
from dipreader.model.query_match import AS_TYPED


class ShownTimeline(Sequence[TimelineRow]):
    """Rows by position (year headings among them) and their totals, however they are stored.

    `headings` are the positions of the heading rows, ascending; `entries` and `unresolved` count
    the dated and undated rows; `years` are the first and last years with a dated entry;
    `widest_date` is the length of the longest date label of a dated entry.
    """

    headings: Sequence[int] = ()
    entries: int = 0
    unresolved: int = 0
    years: tuple[str, str] | None = None
    widest_date: int = 0

    def position_of(self, row: TimelineRow) -> int | None:
        """Where this row is shown (an equal row counts), None when it is not."""
        raise NotImplementedError


class ListedTimeline(ShownTimeline):
    """Rows held in a list (a small library's, or a filter's matches)."""

    def __init__(self, rows: Iterable[TimelineRow], *, headed: bool = True) -> None:
        """`headed`: the rows already carry their headings (else they are added)."""
        self._rows = list(rows) if headed else with_headings(rows)
        self.headings = [index for index, row in enumerate(self._rows) if row.is_heading]
        years: list[str] = []
        for row in self._rows:
            if row.kind == "event":
                self.entries += 1
                self.widest_date = max(self.widest_date, len(row.date_label))
                if not years or years[-1] != row.group:
                    years.append(row.group)
            elif row.kind == "unresolved":
                self.unresolved += 1
        self.years = (min(years), max(years)) if years else None
        self._positions = {id(row): index for index, row in enumerate(self._rows)}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> TimelineRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TimelineRow]: ...
    def __getitem__(self, index: int | slice) -> TimelineRow | Sequence[TimelineRow]:
        return self._rows[index]

    def position_of(self, row: TimelineRow) -> int | None:
        found = self._positions.get(id(row))
        if found is not None:
            return found
        for index, candidate in enumerate(self._rows):
            if candidate == row:
                return index
        return None


def year_after(headings: Sequence[int], cursor: int) -> int | None:
    """The first heading after `cursor`, None when it is in the last group."""
    found = bisect_right(headings, cursor)
    return headings[found] if found < len(headings) else None


def year_before(headings: Sequence[int], cursor: int) -> int | None:
    """The heading of the group before the cursor's, None when it is in the first group."""
    current = bisect_left(headings, cursor) - 1  # the cursor's own heading (a heading itself is not)
    return headings[current - 1] if current >= 1 else None


class TimelineSearch(Protocol):
    """Every row of a chronology, and those a query matches from some articles."""

    @property
    def everything(self) -> ShownTimeline: ...

    def shown(self, query: Query, only: frozenset[str] | None) -> ShownTimeline:
        """The rows the query matches (every row for an empty one) reported by one of `only`'s
        articles (None: any article), each group under its heading."""
        ...


class ListedSearch:
    """A timeline held in memory, filtered through its prepared records."""

    def __init__(self, rows: Sequence[TimelineRow], records: TimelineRecords) -> None:
        self.everything: ShownTimeline = ListedTimeline(rows)
        self._records = records

    def __len__(self) -> int:
        return len(self.everything)

    def shown(self, query: Query, only: frozenset[str] | None) -> ShownTimeline:
        if query.empty and only is None:
            return self.everything
        rows = self._records.filter(query, AS_TYPED) if not query.empty else list(self.everything)
        if only is not None:
            rows = [
                row
                for row in rows
                if not row.is_heading and any(source.article_id in only for source in row.sources)
            ]
        return ListedTimeline(rows, headed=only is None)
