"""The app from a read-only data folder, and hostile names on the problems screen and in the list."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from apphelpers import make_app, wait_for_corpus
from textual.widgets import Static

from dipreader.paths import store_path
from dipreader.store import Store
from dipreader.ui.screens.problems import ProblemsScreen
from dipreader.ui.widgets.sidebar.article_list import ArticleList


async def test_the_app_starts_from_a_read_only_data_folder_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    Store.open(store_path(data)).close()
    real_access = os.access

    def access(path: str | os.PathLike[str], mode: int, **kwargs: object) -> bool:
        if Path(os.fspath(path)).resolve().is_relative_to(data.resolve()) and mode & os.W_OK:
            return False
        return real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        assert app.query_one(ArticleList).row_count() > 0
        messages = " ".join(app.startup_messages)
        assert "caches are kept in memory" in messages
        assert "read-only" in messages and "nothing done in this session will be saved" in messages


async def test_hostile_file_names_reach_neither_the_list_nor_the_problems_screen(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good\x1b]0;pwned\x07\u202e.md").write_text("A title\x9b2J here\n\nThe minister met.\n")
    (articles / "bad\x1b]52;c;eA==\x07.md").write_text("---\ndate: 2024-13-45\n---\nText.\n")
    app = make_app(tmp_path / "data", articles)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        await pilot.pause()
        assert app.main.library is not None and app.main.library.problems
        app.push_screen(ProblemsScreen(app.main.library.problems))
        await pilot.pause()
        shown = str(app.screen.query_one(Static).render())
        assert "bad" in shown and "\x1b" not in shown and "\x07" not in shown
        exported = app.export_screenshot()
        assert "pwned" not in exported and "\u202e" not in exported and "\x9b" not in exported
