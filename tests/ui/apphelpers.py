"""Helpers for Pilot tests: start the app on the sample articles and wait for it to settle."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerState

from dipreader import paths
from dipreader.core.context import Context
from dipreader.ui.app import DipReaderApp

MAX_WAIT_PAUSES = 400


def make_app(data_dir: Path, articles_dir: Path | None = None) -> DipReaderApp:
    context = Context(articles_dir or paths.sample_articles_dir(), data_dir, paths.config_dir())
    return DipReaderApp(context)


async def wait_for_workers(app: App[Any]) -> None:
    """Wait until no worker is left; one cancelled by its exclusive successor is not a failure."""
    for _ in range(MAX_WAIT_PAUSES):
        failed = [worker for worker in app.workers if worker.state == WorkerState.ERROR]
        assert not failed, f"a worker failed: {failed[0].error!r}"
        unfinished = [worker for worker in app.workers if not worker.is_finished]
        if not unfinished:
            return
        started = [worker for worker in unfinished if worker.state != WorkerState.PENDING]
        if not started:
            await asyncio.sleep(0.01)
        for worker in started:
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
    raise AssertionError("the workers never settled")


async def wait_for_corpus(pilot: Pilot[Any], app: DipReaderApp) -> None:
    for _ in range(MAX_WAIT_PAUSES):
        if app.main.library is not None:
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError("the articles never loaded")


async def wait_for_index(pilot: Pilot[Any], app: DipReaderApp) -> None:
    """Wait until every article has been analysed and the workers are idle."""
    await wait_for_corpus(pilot, app)
    assert app.main.library is not None
    for _ in range(MAX_WAIT_PAUSES):
        if len(app.main.indexer.indexed) >= len(app.main.library.articles) and app.main.index_done:
            await wait_for_workers(app)
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("the index never completed")


async def wait_for_article(pilot: Pilot[Any], app: DipReaderApp, article_id: str) -> None:
    """Wait until the reader shows this article, then let it draw."""
    from dipreader.ui.widgets.reader.reader import ArticleReader

    reader = app.query_one(ArticleReader)
    for _ in range(MAX_WAIT_PAUSES):
        if reader.article is not None and reader.article.id == article_id:
            break
        await pilot.pause(0.01)
    else:
        raise AssertionError("the article never opened")
    for _ in range(5):
        await pilot.pause()
