"""Worker processes (the cold index, the tabs of big libraries) give the same results as in-thread."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_index
from samples import load_corpus
from textual.pilot import Pilot

from dipreader.core import pool as index_pool
from dipreader.extract.analysis import analyse
from dipreader.model.knowledge import load_knowledge
from dipreader.paths import sample_articles_dir
from dipreader.ui.app import DipReaderApp


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
    assert [analysed.analysis() if analysed else None for analysed in found] == expected
    assert [analysed.body if analysed else None for analysed in found] == [
        article.body for article in corpus.articles
    ]


def test_the_workers_are_sent_a_few_chunks_ahead_not_the_whole_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_pool, "CHUNK", 2)
    monkeypatch.setattr(index_pool, "IN_FLIGHT", 1)
    corpus = load_corpus(sample_articles_dir())
    paths = [article.meta.path for article in corpus.articles] * 8
    taken = 0

    def files() -> Iterator[str]:
        nonlocal taken
        for path in paths:
            taken += 1
            yield path

    found = index_pool.analyse_in_processes(files(), corpus.root, None, workers=2)
    first = next(found)
    assert taken <= 2 * 1 * 2 + 2 < len(paths)  # the chunks sent ahead, and the one sent in its place
    bodies = [first, *found]
    assert taken == len(paths)
    by_path = {article.meta.path: article.body for article in corpus.articles}
    assert [analysed.body if analysed else None for analysed in bodies] == [by_path[path] for path in paths]


async def test_app_indexes_with_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_pool, "POOL_THRESHOLD", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        assert len(app.main.indexer.indexed) == 5
        main = app.main
        assert main.library is not None
        metas = [main.library.by_id(article_id) for article_id in main.indexer.indexed]
        analyses = [main.indexer.analysis_of(meta) for meta in metas if meta is not None]
        assert any(analysis is not None and analysis.entities.officials for analysis in analyses)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:  # second start: all from the cache
        await wait_for_index(pilot, app)
        assert len(app.main.indexer.indexed) == 5


async def test_big_libraries_build_the_tabs_in_a_process_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.core import builds as index_builds
    from dipreader.core.timeline import TimelineRow
    from dipreader.ui.widgets.chronology.view import ChronologyView
    from dipreader.ui.widgets.who.view import WhoView

    async def built_tabs(app: DipReaderApp, pilot: Pilot[Any]) -> tuple[list[TimelineRow], list[str]]:
        await wait_for_index(pilot, app)
        await pilot.press("2")
        await pilot.press("3")
        for _ in range(MAX_WAIT_PAUSES):
            views = app.query(ChronologyView), app.query(WhoView)
            if all(views) and views[0].first().all_rows and views[1].first().people:
                break
            await pilot.pause(0.05)
        rows = list(app.query_one(ChronologyView).all_rows)
        return rows, [person.name for person in app.query_one(WhoView).people]

    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        in_thread = await built_tabs(app, pilot)
    monkeypatch.setattr(index_builds, "PROCESS_THRESHOLD", 1)
    ran: list[object] = []
    real_run = index_pool.run_in_process

    def spy(function: Callable[..., object], *args: object) -> object:
        ran.append(args[0] if args else function)  # the builder
        return real_run(function, *args)

    monkeypatch.setattr(index_pool, "run_in_process", spy)
    app = make_app(tmp_path / "data-2")  # a fresh persisted index, so its whole update runs in a process
    async with app.run_test(size=(120, 40)) as pilot:
        in_process = await built_tabs(app, pilot)
    builders = {getattr(builder, "__name__", type(builder).__name__) for builder in ran}
    # the persisted index (chronology and who's-who, once for both), the story groups (and the
    # Relations tab's, when it was mounted)
    assert {"IndexSync", "StoriesBuilder"} <= builders
    assert sum(type(builder).__name__ == "IndexSync" for builder in ran) == 1
    assert in_process == in_thread
    assert in_thread[0] and in_thread[1]


def test_a_build_whose_process_cannot_start_runs_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    from dipreader.cache.analysis import AnalysisCache
    from dipreader.cache.metadata import MetaCache
    from dipreader.core import builds as index_builds
    from dipreader.core.library import scan_library

    library = scan_library(sample_articles_dir(), MetaCache(tmp_path / "meta.sqlite3"))
    cache = AnalysisCache(tmp_path / "analysis.sqlite3", None)
    monkeypatch.setattr(index_builds, "PROCESS_THRESHOLD", 1)

    def broken(*_args: object) -> object:
        raise BrokenProcessPool("no processes here")

    monkeypatch.setattr(index_pool, "run_in_process", broken)
    built = index_builds.CachedAnalyses(cache).build(lambda lib, _lookup: len(lib.articles), library)
    assert built == len(library.articles)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_the_analysis_workers_run_at_a_lower_priority_than_their_parent() -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        1, mp_context=context, initializer=index_pool._start_worker, initargs=(None,)
    ) as executor:
        niceness = executor.submit(os.nice, 0).result()
    assert niceness == min(19, os.nice(0) + index_pool.WORKER_NICENESS)
