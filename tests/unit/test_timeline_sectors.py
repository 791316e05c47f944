"""The Chronology's records read each article's sectors by paragraph once, as paragraph_sectors finds them."""

from __future__ import annotations

from samples import load_corpus

from dipreader import paths
from dipreader.core.timeline_query import SectorsByParagraph, paragraph_sectors, paragraph_sectors_of
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.knowledge import load_knowledge


def sample_analyses() -> dict[str, tuple[int, ArticleAnalysis]]:
    corpus = load_corpus(paths.sample_articles_dir())
    knowledge = load_knowledge(None)
    return {article.id: (len(article.body), analyse(article, knowledge)) for article in corpus.articles}


def test_sectors_by_paragraph_are_paragraph_sectors_at_every_offset() -> None:
    analyses = sample_analyses()
    read: list[str] = []

    def analysis_of(article_id: str) -> ArticleAnalysis | None:
        read.append(article_id)
        return analyses[article_id][1] if article_id in analyses else None

    sectors_at = SectorsByParagraph(analysis_of)
    assert any(analysis.entities.sectors for _length, analysis in analyses.values())
    for article_id, (length, analysis) in analyses.items():
        for offset in range(-1, length + 2):
            assert sectors_at(article_id, offset) == paragraph_sectors(analysis, offset)
    assert sectors_at("no-such-article", 0) == frozenset()
    assert sorted(read) == sorted([*analyses, "no-such-article"])  # each analysis read once


def test_one_articles_sectors_by_paragraph_are_paragraph_sectors_at_every_offset() -> None:
    for length, analysis in sample_analyses().values():
        sectors_at = paragraph_sectors_of(analysis)
        for offset in range(-1, length + 2):
            assert sectors_at(offset) == paragraph_sectors(analysis, offset)
