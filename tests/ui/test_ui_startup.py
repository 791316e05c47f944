"""Pilot tests of start-up: the cached list in the first paint, hidden tabs mounted one by one after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_corpus, wait_for_workers
from textual.widgets import TabbedContent

from dipreader.cache import metadata as library
from dipreader.ui.screens.main import MainScreen
from dipreader.ui.widgets.common import deferred
from dipreader.ui.widgets.common.deferred import Deferred
from dipreader.ui.widgets.sidebar.article_list import ArticleList


async def test_a_second_start_shows_the_cached_list_before_any_worker_runs(tmp_path: Path) -> None:
    first = make_app(tmp_path / "data")
    async with first.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, first)
        assert first.main.library is not None
        expected = [meta.id for meta in first.main.library.articles]
        await wait_for_workers(first)
    second = make_app(tmp_path / "data")
    async with second.run_test(size=(120, 40)):
        # No pause: the snapshot was read while mounting, so the list is there for the first paint.
        assert second.main.library is not None
        assert [meta.id for meta in second.query_one(ArticleList).shown] == expected


async def test_hidden_tabs_are_mounted_after_the_first_screen_without_the_fallback_timer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deferred, "FALLBACK_START_SECONDS", 3600.0)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        for _ in range(MAX_WAIT_PAUSES):
            if not app.query(Deferred):
                break
            await pilot.pause(0.01)
        assert not app.query(Deferred)
        assert {view.id for view in app.query(".index-view")} == {"chronology", "who", "notes", "relations"}


async def test_a_tab_asked_for_before_its_view_is_mounted_gets_it_with_the_focus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deferred, "FALLBACK_START_SECONDS", 3600.0)
    app = make_app(tmp_path / "data")
    monkeypatch.setattr(MainScreen, "_start_next_deferred", lambda self: None)  # only the key may start them
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        assert len(app.query(Deferred)) == 4
        await pilot.press("3")
        for _ in range(MAX_WAIT_PAUSES):
            if app.query("#who") and app.focused is not None and app.focused.id != "articles":
                break
            await pilot.pause(0.01)
        assert app.query_one(TabbedContent).active == "tab-who"
        assert app.focused is not None
        assert app.query_one("#who") in app.focused.ancestors_with_self
        assert len(app.query(Deferred)) == 3


async def test_the_collector_paused_for_start_up_runs_again_after_the_first_screen(tmp_path: Path) -> None:
    import gc

    app = make_app(tmp_path / "data")
    app.resume_gc_after_first_screen = True
    gc.disable()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_corpus(pilot, app)
            for _ in range(MAX_WAIT_PAUSES):
                if gc.isenabled():
                    break
                await pilot.pause(0.01)
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


async def test_a_long_cached_list_shows_its_top_first_then_all_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library, "SNAPSHOT_HEAD", 2)
    first = make_app(tmp_path / "data")
    async with first.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, first)
        await wait_for_workers(first)
        assert first.main.library is not None
        expected = [meta.id for meta in first.main.library.articles]
    assert len(expected) > 2
    second = make_app(tmp_path / "data")
    async with second.run_test(size=(120, 40)) as pilot:
        article_list = second.query_one(ArticleList)
        assert [meta.id for meta in article_list.shown] == expected[:2]
        for _ in range(MAX_WAIT_PAUSES):
            if len(article_list.shown) == len(expected) and second.main.index_done:
                break
            await pilot.pause(0.01)
        assert [meta.id for meta in article_list.shown] == expected
        assert second.main.index_done
