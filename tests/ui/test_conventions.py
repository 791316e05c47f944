"""Pilot tests of the conventions users bring: settings, keymap, theme, where they left off, copy, errors."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from apphelpers import make_app, wait_for_article, wait_for_corpus, wait_for_index
from textual.pilot import Pilot
from textual.widgets import Footer, Static, TabbedContent
from textual.widgets._footer import FooterKey

from dipreader.core.config import load_settings
from dipreader.ui.app import DipReaderApp
from dipreader.ui.screens.help import HelpScreen
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.sidebar.article_list import ArticleList

MAX_PAUSES = 400


def write_config(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "config" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    return config


def footer_keys(app: DipReaderApp) -> dict[str, str]:
    return {key.description: key.key_display for key in app.screen.query_one(Footer).query(FooterKey)}


def status_text(app: DipReaderApp) -> str:
    return str(app.query_one("#status", Static).render())


async def open_article(pilot: Pilot[Any], app: DipReaderApp, index: int = 0) -> ArticleReader:
    assert app.main.library is not None
    article_id = app.main.library.articles[index].id
    app.main.open_article(article_id)
    await wait_for_article(pilot, app, article_id)
    reader = app.query_one(ArticleReader)
    reader.focus()
    await pilot.pause()
    return reader


async def test_a_keymap_moves_quit_and_the_footer_and_help_follow(tmp_path: Path) -> None:
    write_config(tmp_path, "keymap:\n  quit: ctrl+x\n")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        assert footer_keys(app)["Quit"] == "^x"
        assert app.startup_messages == []
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        quit_rows = [(keys, section) for section, keys, _, binding_id in screen.rows if binding_id == "quit"]
        assert quit_rows and all(keys == "^x" for keys, _ in quit_rows)
        await pilot.press("escape")
        await pilot.press("q")  # no longer quit
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+x")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_keymap_problems_are_reported_and_the_rest_applied(tmp_path: Path) -> None:
    write_config(
        tmp_path,
        "keymap:\n  qiut: ctrl+x\n  toggle_read: u\n  help: ctrl+nothing\n  toggle_sidebar: f2\n",
    )
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        messages = " | ".join(app.startup_messages)
        assert "qiut is not a binding id (did you mean quit?)" in messages
        assert "toggle_read: u is also toggle_unread_only in Main screen" in messages
        assert "help: ctrl+nothing is not a key" in messages
        assert app.keymap == {"toggle_read": "u", "toggle_sidebar": "f2"}
        await pilot.press("f2")
        assert not app.query_one("#sidebar").display


async def test_the_palette_shows_the_keys_in_force(tmp_path: Path) -> None:
    write_config(tmp_path, "keymap:\n  show_tab_who: w\n  open_url: f4\n")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        from dipreader.ui.commands import ViewCommands

        provider = ViewCommands(app.screen)
        hints = {label: keys for label, _, keys in provider._commands()}
        assert hints["Show the who's who"] == "w"
        assert hints["Open the article's web page"] == "f4"
        assert hints["Show the chronology"] == "2"


async def test_a_theme_chosen_is_saved_and_comes_back(tmp_path: Path) -> None:
    config = write_config(tmp_path, "# my settings\nreader_width: 70\n")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        app.theme = "catppuccin-latte"
        await pilot.pause()
        await pilot.pause()
    settings, problems = load_settings(config)
    assert settings.theme == "catppuccin-latte" and problems == []
    assert "# my settings" in config.read_text() and settings.reader_width == 70
    again = make_app(tmp_path / "data")
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, again)
        assert again.theme == "catppuccin-latte"


async def test_settings_set_reader_width_date_format_sidebar_and_sector_colours(tmp_path: Path) -> None:
    write_config(
        tmp_path,
        "reader_width: 50\ndate_format: '%Y-%m-%d'\nsidebar_width: 30\nsector_colours:\n  energy: '#ff0000'\n",
    )
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        assert app.query_one("#sidebar").outer_size.width == 30
        reader = await open_article(pilot, app)
        assert reader.text_width == 50 - 2
        assert max(len(line) for line in reader.lines_text()) <= 50
        header = " ".join(reader.lines_text()[:6])
        assert "2025-11-27" in header
        colour = reader.highlighter.sector_style("energy").color
        assert colour is not None and colour.triplet is not None and colour.triplet.hex == "#ff0000"
    write_config(tmp_path, "show_sidebar: false\ntheme: no-such-theme\n")
    hidden = make_app(tmp_path / "data")
    async with hidden.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, hidden)
        assert not hidden.query_one("#sidebar").display
        assert any("no-such-theme" in message for message in hidden.startup_messages)


async def test_an_invalid_settings_file_is_reported_with_its_line(tmp_path: Path) -> None:
    write_config(tmp_path, "theme: nord\nreader_width: [\n")
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        assert any("config.yaml line" in message for message in app.startup_messages)
        assert app.theme == "textual-dark"


async def test_the_last_article_tab_and_position_come_back(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_index(pilot, app)
        reader = await open_article(pilot, app, 1)
        opened = reader.article.id if reader.article else ""
        for _ in range(20):
            await pilot.press("j")
        await pilot.pause()
        offset = reader.current_offset()
        assert offset > 100
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("q")
    again = make_app(tmp_path / "data")
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for_corpus(pilot, again)
        await wait_for_article(pilot, again, opened)
        for _ in range(MAX_PAUSES):
            if again.query_one("#tabs", TabbedContent).active == "tab-who":
                break
            await pilot.pause(0.01)
        assert again.query_one("#tabs", TabbedContent).active == "tab-who"
        restored = again.query_one(ArticleReader)
        assert restored.current_offset() == offset
        await pilot.press("1")
        for _ in range(5):
            await pilot.pause()
        assert restored.scroll_y > 0 and restored.current_offset() == offset
        highlighted = again.query_one(ArticleList).highlighted
        assert highlighted is not None and highlighted.id == opened


async def test_back_and_forward_go_through_the_articles_visited(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_index(pilot, app)
        assert app.main.library is not None
        first, second = (meta.id for meta in app.main.library.articles[:2])
        reader = await open_article(pilot, app, 0)
        for _ in range(5):
            await pilot.press("j")
        await pilot.pause()
        left_at = reader.current_offset()
        await open_article(pilot, app, 1)
        await pilot.press("alt+left")
        await wait_for_article(pilot, app, first)
        assert reader.current_offset() == left_at
        await pilot.press("alt+right")
        await wait_for_article(pilot, app, second)
        await pilot.press("alt+right")
        assert "Nothing to go forward to" in status_text(app)
        await pilot.press("ctrl+o")
        await wait_for_article(pilot, app, first)


async def test_progress_shows_in_the_status_line(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for_index(pilot, app)
        reader = await open_article(pilot, app)
        await pilot.pause()
        progress = app.query_one("#progress", Static)
        start = str(progress.render())
        assert start.endswith("%") and int(start[:-1]) < 100
        await pilot.press("G")
        await pilot.pause()
        await pilot.pause()
        assert str(progress.render()) == "100%"
        assert reader.progress_percent() == 100
        await pilot.press("2")
        await pilot.pause()
        assert str(progress.render()) == ""  # the reader's place is not the Chronology's
        await pilot.press("1")
        await pilot.pause()
        assert str(progress.render()) == "100%"


async def test_w_opens_the_article_url_in_the_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text(
        "---\ntitle: Talks\ndate: 2024-04-09\nurl: https://news.example/talks\n---\nThe ministers met.\n"
    )
    (articles / "b.md").write_text("---\ntitle: No address\ndate: 2024-04-08\n---\nNothing to open.\n")
    opened: list[str] = []
    app = make_app(tmp_path / "data", articles)
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_index(pilot, app)
        await open_article(pilot, app, 0)
        await pilot.press("w")
        assert opened == ["https://news.example/talks"]
        await open_article(pilot, app, 1)
        await pilot.press("w")
        assert opened == ["https://news.example/talks"]
        assert "no web address" in status_text(app)


async def test_c_copies_the_sentence_with_a_citation(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_index(pilot, app)
        reader = await open_article(pilot, app)
        article = reader.article
        assert article is not None
        sentence = reader.reading.sentence()
        assert sentence is not None
        await pilot.press("c")
        copied = app.clipboard
        quote = " ".join(article.body[sentence[0] : sentence[1]].split())
        assert copied.startswith(f"“{quote}”")
        assert article.meta.source is not None and f"— {article.meta.source}" in copied
        assert article.meta.date is not None and article.meta.date.iso() in copied
        await pilot.press("v", "J", "J", "y")
        assert len(app.clipboard) > len(copied)


async def test_the_screenshot_goes_to_a_folder_that_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home-without-downloads"))
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_corpus(pilot, app)
        app.action_screenshot()
        folder = tmp_path / "data" / "screenshots"
        for _ in range(MAX_PAUSES):  # Textual writes the file in a thread: it exists before it is whole
            if any(
                path.read_text(encoding="utf-8").rstrip().endswith("</svg>") for path in folder.glob("*.svg")
            ):
                break
            await pilot.pause(0.01)
        saved = list(folder.glob("*.svg"))
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")


async def test_the_sidebar_hides_and_resizes(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        sidebar = app.query_one("#sidebar")
        width = sidebar.outer_size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert sidebar.outer_size.width == width + 4
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert sidebar.outer_size.width == width - 4
        await pilot.press("backslash")
        await pilot.pause()
        assert not sidebar.display
        assert app.query_one("#tabs").outer_size.width == 120
        await pilot.press("backslash")
        assert sidebar.display and app.query_one(ArticleList).has_focus


async def test_at_60_columns_the_sidebar_steps_aside_for_the_article(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_corpus(pilot, app)
        sidebar = app.query_one("#sidebar")
        assert sidebar.display
        await pilot.press("enter")
        await pilot.pause()
        assert not sidebar.display
        assert app.query_one(ArticleReader).has_focus
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert sidebar.display
        await pilot.press("backslash")
        assert not sidebar.display


async def test_an_unexpected_error_stops_the_app_with_one_line_and_a_logged_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context_app = make_app(tmp_path / "data")
    app = DipReaderApp(context_app.context, contain_errors=True)

    def broken() -> None:
        raise ZeroDivisionError("the sums went wrong")

    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_corpus(pilot, app)
        app.main.call_later(broken)
        for _ in range(MAX_PAUSES):
            if not app.is_running:
                break
            await asyncio.sleep(0.01)
    assert app.return_code == 3
    assert app.fatal_message is not None and "\n" not in app.fatal_message
    assert "ZeroDivisionError: the sums went wrong" in app.fatal_message
    log = tmp_path / "data" / "errors.log"
    assert str(log) in app.fatal_message
    assert "Traceback" in log.read_text() and "broken" in log.read_text()


async def test_the_help_scrolls_with_space_and_the_page_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        scroller = screen.scroller
        assert scroller.scroll_y == 0
        await pilot.press("space")
        await pilot.pause(0.3)
        first_page = scroller.scroll_y
        assert first_page > 0
        await pilot.press("pagedown")
        await pilot.pause(0.3)
        assert scroller.scroll_y > first_page
        await pilot.press("G")
        await pilot.pause(0.3)
        assert scroller.scroll_y == scroller.max_scroll_y
        await pilot.press("pageup")
        await pilot.pause(0.3)
        assert scroller.scroll_y < scroller.max_scroll_y
        await pilot.press("g")
        await pilot.pause(0.3)
        assert scroller.scroll_y == 0
