"""A big article is analysed in a child process: the same analysis, cached, and stopped on request."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from samples import seed_text

from dipreader import paths
from dipreader.cache import analysis as cache_analysis
from dipreader.cache.metadata import MetaCache
from dipreader.core.analyse_apart import APART_CHARS, analyse_apart, is_big
from dipreader.core.context import Context
from dipreader.core.library import Library, scan_library
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article
from dipreader.model.knowledge import Knowledge, load_knowledge


def big_library(root: Path) -> Library:
    """A folder with one article longer than APART_CHARS, made of a sample article's paragraphs."""
    root.mkdir()
    body = seed_text("000").split("\n", 1)[1]
    copies = APART_CHARS // len(body) + 1
    text = "---\ntitle: A very long dossier\ndate: 2024-05-20\n---\n" + "\n\n".join([body] * copies)
    (root / "dossier.md").write_text(text, encoding="utf-8")
    return scan_library(root, MetaCache(None))


def loaded(library: Library) -> Article:
    article = library.load(library.articles[0].id)
    assert isinstance(article, Article) and is_big(article)
    return article


def test_the_child_gives_the_analysis_the_app_would_compute(tmp_path: Path) -> None:
    article = loaded(big_library(tmp_path / "articles"))
    apart = analyse_apart(article, None)
    assert apart is not None
    assert apart == analyse(article, load_knowledge(None))
    assert apart.entities.officials and apart.events


def test_a_cancelled_analysis_gives_nothing_and_leaves_no_child(tmp_path: Path) -> None:
    article = loaded(big_library(tmp_path / "articles"))
    assert analyse_apart(article, None, cancelled=lambda: True) is None
    assert not [child for child in multiprocessing.active_children() if child.is_alive()]


def test_the_indexer_analyses_a_big_article_apart_and_caches_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = big_library(tmp_path / "articles")
    article = loaded(library)
    analysed_here: list[int] = []
    in_process = analyse

    def recording(article: Article, knowledge: Knowledge | None) -> ArticleAnalysis:
        analysed_here.append(len(article.body))
        return in_process(article, knowledge)

    monkeypatch.setattr(cache_analysis, "analyse", recording)
    context = Context(library.root, tmp_path / "data", paths.config_dir())
    from dipreader.core.indexer import Indexer

    indexer = Indexer(context, feed_search=False)
    assert indexer.analyse_now(article, cancelled=lambda: True) is None
    assert not indexer.is_current(article.meta)
    found = indexer.analyse_now(article)
    assert found is not None and indexer.is_current(article.meta)
    assert context.analysis_cache.lookup(article.meta) == found
    assert analysed_here == []  # never in this process
    context.close()


def test_the_reader_s_corrections_apply_to_an_analysis_made_apart(tmp_path: Path) -> None:
    library = big_library(tmp_path / "articles")
    article = loaded(library)
    context = Context(library.root, tmp_path / "data", paths.config_dir())
    context.user_knowledge_file.parent.mkdir(parents=True, exist_ok=True)
    context.user_knowledge_file.write_text("corrections:\n  - not_person: Fariz Rzayev\n", encoding="utf-8")
    raw = analyse_apart(article, context.user_knowledge_file)
    assert raw is not None and "Fariz Rzayev" in {official.name for official in raw.entities.officials}
    from dipreader.core.indexer import Indexer

    found = Indexer(context, feed_search=False).analyse_now(article)
    assert found is not None and found.entities.officials
    assert "Fariz Rzayev" not in {official.name for official in found.entities.officials}
    assert context.analysis_cache.lookup(article.meta) == found
    context.close()
