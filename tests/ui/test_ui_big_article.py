"""A huge article is analysed outside the app's process; j/k keep moving and opening another leaves it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from apphelpers import MAX_WAIT_PAUSES, make_app, wait_for_article, wait_for_corpus, wait_for_index

from dipreader.cache import analysis as cache_analysis
from dipreader.core import analyse_apart as apart_module
from dipreader.core.analyse_apart import APART_CHARS
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article
from dipreader.model.knowledge import Knowledge
from dipreader.ui.widgets.reader.reader import ArticleReader
from dipreader.ui.widgets.sidebar.article_list import ArticleList

CHILD_WAIT_PAUSES = 6000
PHRASES = ("talks on 3 May 2024", "the minister met on 4 May", "in 2019", "next week", "will meet on 6 June")


def write_library(root: Path) -> None:
    root.mkdir()
    for number in range(4):
        (root / f"short{number}.md").write_text(
            f"---\ntitle: Short {number}\ndate: 2024-05-0{number + 1}\n---\n"
            "Foreign Minister Jeyhun Bayramov met his Italian counterpart in Rome on Monday.\n",
            encoding="utf-8",
        )
    run = ", ".join(PHRASES[number % len(PHRASES)] for number in range(APART_CHARS // 8))[
        : APART_CHARS + 2000
    ]
    (root / "huge.md").write_text(f"---\ntitle: Huge\ndate: 2024-05-20\n---\n{run}\n", encoding="utf-8")


async def test_a_huge_article_does_not_hold_the_sidebar_and_opening_another_leaves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = tmp_path / "articles"
    write_library(articles)
    analysed_here: list[int] = []

    def recording(article: Article, knowledge: Knowledge | None) -> ArticleAnalysis:
        analysed_here.append(len(article.body))
        return analyse(article, knowledge)

    monkeypatch.setattr(cache_analysis, "analyse", recording)
    # The child's work is held until the test lets it go, so the wait it causes is certain.
    release = threading.Event()
    left: list[str] = []
    real_apart = apart_module.analyse_apart

    def held(
        article: Article, user_knowledge: Path | None, cancelled: Callable[[], bool] = lambda: False
    ) -> ArticleAnalysis | None:
        while not release.wait(0.02):
            if cancelled():
                left.append(article.id)
                return None
        return real_apart(article, user_knowledge, cancelled)

    monkeypatch.setattr(apart_module, "analyse_apart", held)
    app = make_app(tmp_path / "data", articles)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_corpus(pilot, app)
        sidebar = app.query_one(ArticleList)
        assert sidebar.shown[0].id == "huge"
        await pilot.press("enter")
        await wait_for_article(pilot, app, "huge")
        reader = app.query_one(ArticleReader)
        assert reader.entities is None  # shown at once; its analysis is still being made
        sidebar.focus()
        await pilot.press("j", "j", "k")
        assert sidebar.highlighted is not None and sidebar.highlighted.id == sidebar.shown[1].id
        await pilot.press("enter")
        await wait_for_article(pilot, app, sidebar.shown[1].id)
        for _ in range(MAX_WAIT_PAUSES):
            if left:
                break
            await pilot.pause(0.01)
        assert left == ["huge"]  # opening another article stopped waiting for the huge one
        for _ in range(MAX_WAIT_PAUSES):
            if reader.entities is not None:
                break
            await pilot.pause(0.01)
        assert reader.entities is not None and reader.entities.officials
        release.set()
        huge = next(meta for meta in sidebar.shown if meta.id == "huge")
        for _ in range(CHILD_WAIT_PAUSES):  # a child process starts, then analyses
            if app.main.indexer.is_current(huge):
                break
            await pilot.pause(0.02)
        await wait_for_index(pilot, app)
        assert app.main.indexer.is_current(huge)  # the index still analysed it, apart
    assert analysed_here and max(analysed_here) <= APART_CHARS
