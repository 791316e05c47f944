"""One sector's passages across a library: every mention in the analyses, newest article first, capped."""

from __future__ import annotations

from pathlib import Path

from dipreader import paths
from dipreader.cache.metadata import MetaCache
from dipreader.core.library import Library, scan_library
from dipreader.core.sector_passages import SectorPassagesBuilder
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article


def analysed(root: Path) -> tuple[Library, dict[str, ArticleAnalysis]]:
    library = scan_library(root, MetaCache(None))
    analyses: dict[str, ArticleAnalysis] = {}
    for meta in library.articles:
        article = library.load(meta.id)
        assert isinstance(article, Article)
        analyses[meta.id] = analyse(article, None)
    return library, analyses


def test_every_mention_of_the_sector_newest_article_first() -> None:
    library, analyses = analysed(paths.sample_articles_dir())
    found = SectorPassagesBuilder("energy")(library, analyses.get)
    expected = [
        (meta.id, mention.start, mention.end, mention.surface)
        for meta in library.articles
        for mention in analyses[meta.id].entities.sectors
        if mention.sector == "energy"
    ]
    assert expected, "the samples name energy"
    assert [(ref.article, ref.start, ref.end, ref.surface) for ref in found.passages] == expected
    assert found.total == len(expected)
    assert found.articles == len({article for article, *_ in expected})
    for ref in found.passages:
        article = library.load(ref.article)
        assert isinstance(article, Article) and article.body[ref.start : ref.end] == ref.surface


def test_the_list_is_capped_but_everything_is_counted() -> None:
    library, analyses = analysed(paths.sample_articles_dir())
    whole = SectorPassagesBuilder("energy")(library, analyses.get)
    capped = SectorPassagesBuilder("energy", limit=2)(library, analyses.get)
    assert capped.passages == whole.passages[:2]
    assert (capped.total, capped.articles) == (whole.total, whole.articles)
    assert capped.total > 2


def test_articles_not_analysed_and_unknown_sectors_give_nothing() -> None:
    library, analyses = analysed(paths.sample_articles_dir())
    assert SectorPassagesBuilder("energy")(library, lambda _id: None).passages == ()
    nothing = SectorPassagesBuilder("no-such-sector")(library, analyses.get)
    assert (nothing.passages, nothing.total, nothing.articles) == ((), 0, 0)
