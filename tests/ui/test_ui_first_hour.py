"""Pilot tests of issue 19's first hour: a status line that stays true, focus that can be seen, enter
that does something, the empty reader's width, and a help screen that tells the truth."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_article, wait_for_index, wait_for_workers
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static, TabbedContent, Tabs

from dipreader.model.article import Article, SectorMention
from dipreader.ui.app import DipReaderApp
from dipreader.ui.key_scopes import help_rows
from dipreader.ui.screens.help import HelpScreen
from dipreader.ui.screens.sector_passages import SectorPassagesScreen
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.sidebar.article_list import ArticleList
from dipreader.ui.widgets.who.person_detail import PassageList
from dipreader.ui.widgets.who.view import PeopleTable, WhoView

SIZE = (120, 40)


def status(app: DipReaderApp) -> str:
    return str(app.main.query_one("#status", Static).content)


def focused(app: DipReaderApp) -> Widget | None:
    """The focused widget (asked anew each time: focus moves between the asserts)."""
    return app.focused


async def open_first_article(pilot: Pilot[Any], app: DipReaderApp) -> ArticleReader:
    """Index the samples, open the newest article and let the status line settle."""
    await wait_for_index(pilot, app)
    await pilot.press("enter")
    first = app.query_one(ArticleList).shown[0].id
    await wait_for_article(pilot, app, first)
    reader = app.query_one(ArticleReader)
    assert focused(app) is reader
    return reader


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys, letting the messages they post reach the status line after each."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()


# the status line


async def test_j_off_a_highlight_no_longer_names_it(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot, app)
        await press(pilot, "h", "1")
        assert "yellow" in status(app)
        await press(pilot, "J")
        assert reader.annotation_under_cursor() is None
        assert "ighlight" not in status(app), status(app)
        await press(pilot, "x")
        assert status(app).startswith("No note under the cursor")
        await press(pilot, "K")
        assert status(app).startswith("Highlight (yellow)")
        await press(pilot, "J")
        assert "ighlight" not in status(app), status(app)


async def test_next_highlight_says_n_of_n_and_when_it_wraps(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot, app)
        total = len(reader.mentions())
        assert total > 2
        await press(pilot, "right_square_bracket")
        assert status(app).startswith(f"1 of {total} · "), status(app)
        await press(pilot, "right_square_bracket")
        assert status(app).startswith(f"2 of {total} · "), status(app)
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert status(app).startswith(f"{total} of {total} (wrapped to last) · "), status(app)
        assert reader.entity_index == total - 1
        await press(pilot, "right_square_bracket")
        assert status(app).startswith(f"1 of {total} (wrapped to first) · "), status(app)


async def test_leaving_a_mention_or_the_article_drops_what_the_status_said(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot, app)
        await press(pilot, "right_square_bracket")
        mention = reader.current_mention()
        assert mention is not None and mention.surface in status(app)
        sentence = reader.reading.sentence()
        assert sentence is not None and sentence[0] <= mention.start < sentence[1]  # the cursor is on it
        await press(pilot, "J")
        assert reader.current_mention() is None
        assert not re.search(r"Official:|Sector:", status(app)), status(app)
        await press(pilot, "right_square_bracket")
        assert re.search(r"Official:|Sector:", status(app))
        article_list = app.query_one(ArticleList)
        article_list.focus()
        await press(pilot, "j", "enter")
        await wait_for_article(pilot, app, article_list.shown[1].id)
        assert not re.search(r"Official:|Sector:", status(app)), status(app)
        await press(pilot, "right_square_bracket")
        assert status(app).startswith(f"1 of {len(reader.mentions())} · ")


async def test_what_a_key_just_did_is_not_wiped_by_the_cursor_leaving(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot, app)
        await press(pilot, "right_square_bracket")
        assert "Official:" in status(app)
        await press(pilot, "o")
        assert reader.current_mention() is None
        assert status(app) == "Officials hidden"


# enter on a sector


async def test_enter_on_a_sector_lists_its_passages_and_opens_one(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_first_article(pilot, app)
        for _ in reader.mentions():
            await press(pilot, "right_square_bracket")
            if isinstance(reader.current_mention(), SectorMention):
                break
        mention = reader.current_mention()
        assert isinstance(mention, SectorMention)
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, SectorPassagesScreen)
        for _ in range(MAX_WAIT_PAUSES):
            if screen.found is not None:
                break
            await pilot.pause(0.01)
        found = screen.found
        assert found is not None and found.sector == mention.sector
        library = app.main.library
        assert library is not None
        expected = [
            (meta.id, sector.start, sector.end)
            for meta in library.articles
            for analysis in [app.main.indexer.analysis_of(meta)]
            if analysis is not None
            for sector in analysis.entities.sectors
            if sector.sector == mention.sector
        ]
        assert [(ref.article, ref.start, ref.end) for ref in found.passages] == expected
        assert found.total == len(expected) and len({ref.article for ref in found.passages}) == found.articles
        for ref in found.passages:
            loaded = library.load(ref.article)
            assert isinstance(loaded, Article) and loaded.body[ref.start : ref.end] == ref.surface
        assert str(found.total) in str(screen.query_one("#sector-title", Static).content)
        assert focused(app) is screen.query_one(PassageList)
        await press(pilot, "j", "enter")
        chosen = found.passages[1]
        await wait_for_article(pilot, app, chosen.article)
        assert not isinstance(app.screen, SectorPassagesScreen)
        assert reader.flash_span == (chosen.start, chosen.end)


# focus that can be seen, keys that do something


async def test_the_focused_tab_bar_shows_it_and_answers_the_list_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await open_first_article(pilot, app)
        tab_bar = app.query_one("#tabs", TabbedContent).query_one(Tabs)
        unfocused = tab_bar.styles.background
        await press(pilot, "shift+tab")
        assert focused(app) is tab_bar
        assert tab_bar.styles.background != unfocused
        assert status(app).startswith("Tab bar:")
        tabs = app.query_one("#tabs", TabbedContent)
        await press(pilot, "l")
        assert tabs.active == "tab-chronology"
        await press(pilot, "j")
        assert tabs.active == "tab-who"
        await press(pilot, "k", "h")
        assert tabs.active == "tab-article"
        assert focused(app) is tab_bar
        await press(pilot, "enter")
        assert focused(app) is app.query_one(ArticleReader)
        assert not status(app).startswith("Tab bar:")
        await press(pilot, "shift+tab", "down")
        assert focused(app) is app.query_one(ArticleReader)


async def open_who(pilot: Pilot[Any], app: DipReaderApp) -> WhoView:
    await wait_for_index(pilot, app)
    await press(pilot, "3")
    who = app.query_one(WhoView)
    for _ in range(MAX_WAIT_PAUSES):
        if who.people:
            await pilot.pause()
            return who
        await pilot.pause(0.02)
    raise AssertionError("the who's who was never built")


async def test_tab_in_the_who_s_who_passes_the_filter_by(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        who = await open_who(pilot, app)
        table = who.query_one(PeopleTable)
        box = who.query_one("#who-filter", Input)
        row = who.query_one("#who-filter-row")
        await press(pilot, "slash", *"al")
        assert focused(app) is box and box.value == "al"
        await press(pilot, "enter")
        assert focused(app) is table
        unfocused = row.styles.background
        await press(pilot, "tab")
        assert focused(app) is who.detail.passages
        await press(pilot, "j", "j", "shift+tab")
        assert focused(app) is table
        assert box.value == "al"
        await press(pilot, "slash")
        assert focused(app) is box and row.styles.background != unfocused
        await press(pilot, *"iyev")
        assert box.value == "aliyev"  # added to, not replaced


async def test_enter_on_a_person_goes_into_their_passages_and_opens_one(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        who = await open_who(pilot, app)
        table = who.query_one(PeopleTable)
        person = table.highlighted
        assert person is not None
        await press(pilot, "enter")
        passages = who.detail.passages
        assert focused(app) is passages
        assert person.name in status(app) and "passage" in status(app)
        assert passages.mentions  # read from the index when the person is shown
        first = passages.mentions[0]
        await press(pilot, "escape")
        assert focused(app) is table
        await press(pilot, "enter", "enter")
        await wait_for_article(pilot, app, first.article)
        assert app.query_one(ArticleReader).flash_span == (first.start, first.end)


# layout and help


async def test_the_empty_reader_keeps_its_width_after_another_tab(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_index(pilot, app)
        reader = app.query_one(ArticleReader)

        def drawn() -> list[str]:
            lines = (reader.render_line(y).text.strip() for y in range(reader.size.height))
            return [line for line in lines if line]

        shown = drawn()
        assert any("Choose an article in the sidebar" in line for line in shown), shown
        await press(pilot, "2")
        await wait_for_workers(app)
        await press(pilot, "1")
        assert drawn() == shown


async def test_help_lists_the_colour_keys_after_h_and_1_as_the_article_tab(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_index(pilot, app)
        await press(pilot, "question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        reader_keys = {
            keys: description for section, keys, description, _ in screen.rows if section == "Reader"
        }
        assert "1" not in reader_keys
        assert reader_keys["h, then 1 / 2 / 3 / 4"] == "Highlight yellow / green / blue / pink"
        main = {
            keys: description for section, keys, description, _ in screen.rows if section == "Main screen"
        }
        assert main["1"] == "Article tab"
    remapped = {keys for section, keys, _, _ in help_rows({"highlight": "H", "pick_colour_2": "g"})}
    assert "H, then 1 / g / 3 / 4" in remapped
