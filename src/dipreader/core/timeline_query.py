"""The Chronology filtered by the search language: each row as a record the query matcher can test."""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence

from dipreader.core.timeline import TimelineRow, with_headings
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.query import Query
from dipreader.model.query_match import PreparedRecords, Record, Vocabulary

AnalysisLookup = Callable[[str], ArticleAnalysis | None]
SectorsAt = Callable[[str, int], Collection[str]]
"""The sectors of the paragraph of an article (by id) that holds an offset."""
# Articles whose sectors by paragraph are kept while rows are read (rows come in date order).
_SECTOR_ARTICLES = 64


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


def paragraph_sectors_of(analysis: ArticleAnalysis) -> Callable[[int], frozenset[str]]:
    """paragraph_sectors for many offsets of one article: its sectors grouped by paragraph once."""
    starts, by_paragraph = _grouped(analysis)

    def sectors_at(offset: int) -> frozenset[str]:
        return by_paragraph[max(bisect_right(starts, offset) - 1, 0)]

    return sectors_at


class SectorsByParagraph:
    """paragraph_sectors for many rows: each article's analysis read and its sectors grouped by
    paragraph once, not once per row (one long article gives thousands of rows)."""

    def __init__(self, analysis_of: AnalysisLookup) -> None:
        self._analysis_of = analysis_of
        self._articles: OrderedDict[str, tuple[tuple[int, ...], list[frozenset[str]]] | None] = OrderedDict()

    def __call__(self, article_id: str, offset: int) -> frozenset[str]:
        if article_id in self._articles:
            self._articles.move_to_end(article_id)
            grouped = self._articles[article_id]
        else:
            analysis = self._analysis_of(article_id)
            grouped = None if analysis is None else _grouped(analysis)
            self._articles[article_id] = grouped
            while len(self._articles) > _SECTOR_ARTICLES:
                self._articles.popitem(last=False)
        if grouped is None:
            return frozenset()
        starts, by_paragraph = grouped
        index = bisect_right(starts, offset) - 1
        return by_paragraph[index] if index >= 0 else frozenset()


def _grouped(analysis: ArticleAnalysis) -> tuple[tuple[int, ...], list[frozenset[str]]]:
    """An analysis's paragraph starts and each paragraph's sectors, as paragraph_sectors finds them."""
    starts = analysis.paragraph_starts or (0,)
    found: list[set[str]] = [set() for _start in starts]
    for mention in analysis.entities.sectors:
        if mention.start >= starts[0]:
            found[bisect_right(starts, mention.start) - 1].add(mention.sector)
    return starts, [frozenset(sectors) for sectors in found]


def row_record(row: TimelineRow, sectors_at: SectorsAt) -> Record:
    """A row as the matcher sees it: its text and titles, its officials, and as its sectors those of
    its clause and of the paragraphs that report it (an event "in" energy is told amid energy)."""
    sectors = set(row.sectors)
    for source in row.sources:
        sectors |= set(sectors_at(source.article_id, source.start))
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
        sectors_at = SectorsByParagraph(analysis_of)
        self._prepared = PreparedRecords([row_record(row, sectors_at) for row in self.rows])
        self._index = {id(record): row for record, row in zip(self._prepared.records, self.rows, strict=True)}

    def filter(self, query: Query, vocabulary: Vocabulary) -> list[TimelineRow]:
        """The rows that match, each group under its heading."""
        if query.empty:
            return with_headings(self.rows)
        return with_headings(self._index[id(record)] for record in self._prepared.filter(query, vocabulary))
