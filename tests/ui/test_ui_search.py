"""Pilot tests of search in the app: the search screen, the sidebar's limit, saved searches, reading a queue."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_article, wait_for_index
from textual.pilot import Pilot
from textual.widgets import Static

from dipreader.model.query import SavedSearch
from dipreader.store import Store
from dipreader.ui.app import DipReaderApp
from dipreader.ui.screens.confirm import ConfirmScreen
from dipreader.ui.screens.name_prompt import NamePrompt
from dipreader.ui.screens.search import SearchScreen
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.sidebar.article_list import ArticleList
from dipreader.ui.widgets.sidebar.saved_searches import SavedSearchList

CATACOMBS_ARTICLE = "2024-azerbaijan-italy-new-stage"
SPELT_CHIRIELLI = "azerbaijan-italy-deputy-ministers-consultations"


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    for _ in range(MAX_WAIT_PAUSES):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


def search_screen(app: DipReaderApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


def sidebar_title(app: DipReaderApp) -> str:
    return str(app.main.query_one("#sidebar-title", Static).render())


async def type_search(pilot: Pilot[Any], app: DipReaderApp, key: str, text: str) -> SearchScreen:
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen opened")
    await pilot.press(*text)
    screen = search_screen(app)
    await wait_until(pilot, lambda: screen.searched == text, f"results for {text!r}")
    return screen


async def test_search_screen_finds_a_body_word_and_opens_the_article_at_every_match(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        screen = await type_search(pilot, app, "ctrl+f", "catacombs")
        assert [hit.article_id for hit in screen.hits] == [CATACOMBS_ARTICLE]
        await pilot.press("enter")
        await wait_for_article(pilot, app, CATACOMBS_ARTICLE)
        reader = app.query_one(ArticleReader)
        assert reader.article is not None
        words = [reader.article.body[start:end].lower() for start, end in reader.search_matches]
        assert len(words) >= 2 and set(words) == {"catacombs"}
        assert reader.search_index == 0
        assert app.focused is reader
        await pilot.press("n")
        assert reader.search_index == 1
        await pilot.press("N")
        assert reader.search_index == 0


async def test_search_screen_says_what_is_wrong_with_a_query_and_keeps_going(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen opened")
        await pilot.press(*'"gas')
        status = search_screen(app).query_one("#search-status", Static)
        await wait_until(pilot, lambda: status.has_class("error"), "the error shown")
        assert "never closed" in str(status.render())
        await pilot.press('"')
        await wait_until(pilot, lambda: search_screen(app).searched == '"gas"', "results after the fix")
        assert not status.has_class("error")
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)


async def test_l_limits_the_sidebar_by_canonical_person_and_escape_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        article_list = app.query_one(ArticleList)
        await type_search(pilot, app, "L", "person:Cirielli")
        await pilot.press("enter")
        await wait_until(pilot, lambda: article_list.only_ids is not None, "the limit applied")
        assert SPELT_CHIRIELLI in {meta.id for meta in article_list.shown}
        assert len(article_list.shown) == 2
        assert "“person:Cirielli” (2)" in sidebar_title(app)
        await pilot.press("escape")
        assert article_list.only_ids is None
        assert len(article_list.shown) == 5
        assert "(5)" in sidebar_title(app)


async def test_a_saved_search_shows_its_unread_count_and_survives_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        await type_search(pilot, app, "ctrl+f", "person:Cirielli")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, NamePrompt), "the name prompt")
        await pilot.press(*"Cirielli", "enter")
        await pilot.press("escape")
        saved_list = app.query_one(SavedSearchList)
        await wait_until(pilot, lambda: bool(saved_list.saved), "the saved search listed")
        assert saved_list.saved == [(SavedSearch("Cirielli", "person:Cirielli"), 2)]
        assert saved_list.display
        app.main.open_article(SPELT_CHIRIELLI)
        await wait_for_article(pilot, app, SPELT_CHIRIELLI)
        app.main.refresh_saved_searches()
        await wait_until(pilot, lambda: saved_list.saved[0][1] == 1, "the unread count down to 1")

    again = make_app(tmp_path / "data")
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, again)
        saved_list = again.query_one(SavedSearchList)
        await wait_until(pilot, lambda: bool(saved_list.saved), "the saved search listed after a restart")
        assert saved_list.saved == [(SavedSearch("Cirielli", "person:Cirielli"), 1)]
        saved_list.focus()
        await pilot.press("enter")
        article_list = again.query_one(ArticleList)
        await wait_until(pilot, lambda: article_list.only_ids is not None, "the saved search applied")
        assert len(article_list.shown) == 2
        assert "“Cirielli” (2)" in sidebar_title(again)


async def test_next_unread_then_mark_the_list_read_and_undo(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        article_list = app.query_one(ArticleList)
        ids = [meta.id for meta in article_list.shown]
        app.main._mark_read(ids[1], True)
        await pilot.press("U")
        await wait_for_article(pilot, app, ids[0])
        await pilot.press("U")  # the second is read already: the third is next
        await wait_for_article(pilot, app, ids[2])
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        await pilot.press("y")
        assert all(article_list.is_read(article_id) for article_id in ids)
        with Store.open(data / "dipreader.sqlite3") as store:
            assert store.read_ids() == set(ids)
        await pilot.press("U")
        assert "No unread article" in str(app.main.query_one("#status", Static).render())
        await pilot.press("ctrl+z")
        assert [article_list.is_read(article_id) for article_id in ids] == [True, True, True, False, False]
        with Store.open(data / "dipreader.sqlite3") as store:
            assert store.read_ids() == set(ids[:3])
