"""The Chronology filtered by the search language: each row as a record the query matcher can test."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from dipreader.core.timeline import TimelineRow, with_headings
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.query import Query
from dipreader.model.query_match import PreparedRecords, Record, Vocabulary

AnalysisLookup = Callable[[str], ArticleAnalysis | None]


def paragraph_sectors(analysis: ArticleAnalysis, offset: int) -> set[str]:
    """The sectors mentioned in the paragraph that holds `offset`."""
    starts = analysis.paragraph_starts or (0,)
    index = bisect_right(starts, offset) - 1
    first = starts[max(index, 0)]
    last = starts[index + 1] if index + 1 < len(starts) else None
    return {
        mention.sector
        for mention in analysis.entities.sectors
        if mention.start >= first and (last is None or mention.start < last)
    }


def row_record(row: TimelineRow, analysis_of: AnalysisLookup) -> Record:
    """A row as the matcher sees it: its text and titles, its officials, and as its sectors those of
    its clause and of the paragraphs that report it (an event "in" energy is told amid energy)."""
    sectors = set(row.sectors)
    for source in row.sources:
        analysis = analysis_of(source.article_id)
        if analysis is not None:
            sectors |= paragraph_sectors(analysis, source.start)
    return Record(
        title=" ".join(source.title for source in row.sources),
        text=" ".join(part for part in (row.text, row.expression, row.date_label) if part),
        persons=row.officials,
        sectors=tuple(sorted(sectors)),
    )


class TimelineRecords:
    """The rows of a timeline with their records, prepared once and filtered again and again."""

    def __init__(self, rows: Sequence[TimelineRow], analysis_of: AnalysisLookup) -> None:
        self.rows = [row for row in rows if not row.is_heading]
        self._prepared = PreparedRecords([row_record(row, analysis_of) for row in self.rows])
        self._index = {id(record): row for record, row in zip(self._prepared.records, self.rows, strict=True)}

    def filter(self, query: Query, vocabulary: Vocabulary) -> list[TimelineRow]:
        """The rows that match, each group under its heading."""
        if query.empty:
            return with_headings(self.rows)
        return with_headings(self._index[id(record)] for record in self._prepared.filter(query, vocabulary))
