"""Every passage the analyses found on one sector, newest article first (built like the who's-who)."""

from __future__ import annotations

from dataclasses import dataclass

from dipreader.core.builds import AnalysisLookup
from dipreader.core.library import Library
from dipreader.model.people import MentionRef

MAX_PASSAGES = 2000
"""Passages listed at most (the articles are still all counted)."""


@dataclass(frozen=True)
class SectorPassages:
    """The passages of one sector: where each is (`MentionRef`: article, offsets, words as written),
    how many there are in all and in how many articles."""

    sector: str
    passages: tuple[MentionRef, ...]
    total: int
    articles: int


@dataclass(frozen=True)
class SectorPassagesBuilder:
    """Collects one sector's mentions from every analysed article; picklable, so it can run in
    another process for a big library (`LibraryIndex.build`)."""

    sector: str
    limit: int = MAX_PASSAGES

    def __call__(self, library: Library, analysis_of: AnalysisLookup) -> SectorPassages:
        passages: list[MentionRef] = []
        total = articles = 0
        for meta in library.articles:
            analysis = analysis_of(meta.id)
            if analysis is None:
                continue
            found = [mention for mention in analysis.entities.sectors if mention.sector == self.sector]
            if not found:
                continue
            articles += 1
            total += len(found)
            room = max(0, self.limit - len(passages))
            passages.extend(
                MentionRef(meta.id, mention.start, mention.end, mention.surface) for mention in found[:room]
            )
        return SectorPassages(self.sector, tuple(passages), total, articles)
