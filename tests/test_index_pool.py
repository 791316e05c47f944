"""The cold index in worker processes gives the same analyses as in-thread extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelpers import make_app, wait_for_index

from dipreader import index_pool
from dipreader.analysis import analyse
from dipreader.model.corpus import load_corpus
from dipreader.model.knowledge import load_knowledge
from dipreader.paths import sample_articles_dir


def test_pool_size_only_for_many_articles() -> None:
    assert index_pool.pool_size(index_pool.POOL_THRESHOLD - 1) == 0


def test_processes_give_the_same_analyses_as_in_thread() -> None:
    corpus = load_corpus(sample_articles_dir())
    knowledge = load_knowledge(None)
    expected = [analyse(article, knowledge) for article in corpus.articles]
    found = list(
        index_pool.analyse_in_processes(
            [article.meta.path for article in corpus.articles], corpus.root, None, workers=2
        )
    )
    assert found == expected


async def test_app_indexes_with_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_pool, "POOL_THRESHOLD", 1)
    monkeypatch.setattr(index_pool.os, "cpu_count", lambda: 2)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        assert len(app.indexed) == 5
        analyses = [app.lookup_analysis(article_id) for article_id in app.indexed]
        assert any(analysis is not None and analysis.entities.officials for analysis in analyses)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:  # second start: all from the cache
        await wait_for_index(pilot, app)
        assert len(app.indexed) == 5
