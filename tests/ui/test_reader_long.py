"""Pilot tests of the reader on long articles: every paragraph wrapped and drawn, passages reachable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from apphelpers import make_app, wait_for_article, wait_for_corpus
from textual.pilot import Pilot

from dipreader.ui.app import DipReaderApp
from dipreader.ui.messages import OpenPassage
from dipreader.ui.screens import main as main_screen_module
from dipreader.ui.widgets.reader.layout import GUTTER
from dipreader.ui.widgets.reader.reader import ArticleReader

PARAGRAPHS = 90


def write_long_articles(root: Path) -> None:
    root.mkdir()
    for name, topic in (("a", "trade"), ("b", "energy"), ("c", "visas")):
        paragraphs = [
            f"Paragraph {n} of {name}: the ministers of Ruritania and Freedonia discussed {topic} "
            f"on Monday, the agency reported, and agreed to meet again in the spring."
            for n in range(PARAGRAPHS if name != "c" else PARAGRAPHS // 3)
        ]
        (root / f"{name}.md").write_text(
            f"---\ntitle: Long article {name}\n---\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )


async def open_long_article(pilot: Pilot[Any], app: DipReaderApp, title_end: str = "a") -> ArticleReader:
    """Open the generated article whose title ends with `title_end`; return the reader."""
    await wait_for_corpus(pilot, app)
    assert app.main.library is not None
    article_id = next(meta.id for meta in app.main.library.articles if meta.title.endswith(title_end))
    app.main.open_article(article_id)
    await wait_for_article(pilot, app, article_id)
    return app.query_one(ArticleReader)


def check_every_paragraph_shown(reader: ArticleReader) -> None:
    """Each paragraph's wrapped lines, joined, give its text; every line fits and draws its text."""
    assert reader.article is not None
    paragraphs = reader.article.paragraphs
    first = reader.offset_to_y(paragraphs[0].start)
    assert first is not None
    lines = reader.lines_text()
    groups: list[list[str]] = [[]]
    for line in lines[first:]:
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    shown = [" ".join(group) for group in groups if group]
    assert shown == [" ".join(paragraph.text.split()) for paragraph in paragraphs]
    assert all(len(line) <= reader.text_width for line in lines[first:])
    for y in range(first, len(lines)):
        assert reader.rendered_line(y).text[GUTTER:].rstrip() == lines[y]


async def test_switching_long_articles_shows_every_paragraph_of_each(tmp_path: Path) -> None:
    write_long_articles(tmp_path / "articles")
    app = make_app(tmp_path / "data", tmp_path / "articles")
    async with app.run_test(size=(100, 30)) as pilot:
        # long, then short (fewer lines than before), then long again
        for name in ("a", "c", "b", "a"):
            reader = await open_long_article(pilot, app, name)
            check_every_paragraph_shown(reader)
        assert reader.max_scroll_y > 2 * PARAGRAPHS


async def test_a_passage_near_the_end_of_a_long_article_is_scrolled_into_view(tmp_path: Path) -> None:
    write_long_articles(tmp_path / "articles")
    app = make_app(tmp_path / "data", tmp_path / "articles")
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await open_long_article(pilot, app, "b")
        assert reader.article is not None
        article_id = reader.article.id
        target = reader.article.paragraphs[-3]
        app.main.post_message(OpenPassage(article_id, target.start, target.start + 20))
        for _ in range(10):
            await pilot.pause()
        check_every_paragraph_shown(reader)
        y = reader.offset_to_y(target.start)
        assert y is not None
        top = int(reader.scroll_y)
        assert top > 0
        assert top <= y < top + reader.scrollable_content_region.height
        assert reader.flash_span == (target.start, target.start + 20)


async def test_a_file_too_big_to_read_at_once_is_read_in_a_worker_and_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_long_articles(tmp_path / "articles")
    monkeypatch.setattr(main_screen_module, "READ_IN_WORKER_BYTES", 0)
    app = make_app(tmp_path / "data", tmp_path / "articles")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_corpus(pilot, app)
        assert app.main.library is not None
        reader = app.query_one(ArticleReader)
        article_id = app.main.library.articles[0].id
        app.main.open_article(article_id)
        assert reader.article is None  # not read yet: a worker reads it
        await wait_for_article(pilot, app, article_id)
        check_every_paragraph_shown(reader)


async def test_a_narrower_terminal_keeps_the_same_text_at_the_top(tmp_path: Path) -> None:
    write_long_articles(tmp_path / "articles")
    app = make_app(tmp_path / "data", tmp_path / "articles")
    async with app.run_test(size=(120, 30)) as pilot:
        reader = await open_long_article(pilot, app)
        assert reader.article is not None
        target = reader.article.paragraphs[40]
        reader.scroll_to_offset(target.start)
        await pilot.pause()
        before = reader.current_offset()
        assert target.start - 5 <= before <= target.end
        await pilot.resize_terminal(70, 30)
        for _ in range(5):
            await pilot.pause()
        assert reader.text_width < 80
        after = reader.current_offset()
        top_paragraph = next(p for p in reader.article.paragraphs if p.start <= after <= p.end)
        assert top_paragraph.start <= before <= top_paragraph.end
