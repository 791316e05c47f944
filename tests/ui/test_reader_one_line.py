"""An article that is one long line opens in the reader; j, k, space and G move it, and every line
is drawn with the overlays that touch it, as if all of the article's were tried."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from textual.app import App, ComposeResult

import dipreader.ui.app as app_module
from dipreader.extract.entities import extract_entities
from dipreader.model.article import Article
from dipreader.model.knowledge import load_knowledge
from dipreader.sources.files import read_article
from dipreader.ui.widgets.reader.layout import SEGMENT_LINES
from dipreader.ui.widgets.reader.reader import ArticleReader

SENTENCES = (
    "President Kassym-Jomart Tokayev met Prime Minister Viktor Orbán in Astana on 5 March 2024.",
    "The two sides discussed cooperation in energy, transport and agriculture.",
    "Foreign Minister Murat Nurtleu said the roadmap would be signed next month.",
)


class ReaderOnly(App[None]):
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

    def compose(self) -> ComposeResult:
        yield ArticleReader(None, id="reader")


def one_line_article(root: Path, sentences: int) -> Article:
    body = " ".join(SENTENCES[number % len(SENTENCES)] for number in range(sentences))
    path = root / "one-line.md"
    path.write_text(f"---\ntitle: One line\ndate: 2024-05-20\n---\n\n{body}\n", encoding="utf-8")
    article = read_article(path, root)
    assert isinstance(article, Article)
    return article


def drawn_with_every_overlay(reader: ArticleReader, y: int) -> list[Segment]:
    """Line `y` as the reader draws it when every segment is given all of the article's overlays."""
    kept = reader._segment_spans
    assert kept is not None
    reader._segment_spans = [reader._spans] * len(kept)
    try:
        return list(reader.rendered_line(y))
    finally:
        reader._segment_spans = kept


async def test_a_one_line_article_opens_and_moves_and_each_line_keeps_its_highlights(tmp_path: Path) -> None:
    article = one_line_article(tmp_path, 2_500)  # about 190,000 characters, one paragraph
    assert len(article.paragraphs) == 1
    entities = extract_entities(article.body, load_knowledge(None))
    assert len(entities.officials) > 1_000
    app = ReaderOnly()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(ArticleReader)
        reader.focus()
        await reader.show_article(article, entities, 0)
        await pilot.pause()
        layout = reader._ensure_layout()
        assert layout is not None and len(layout) > 20 * SEGMENT_LINES
        shown = [line for line in layout.lines if line is not None]
        assert " ".join(line.text for line in shown).split() == article.body.split()
        assert reader.virtual_size.height == len(reader._top) + len(layout)

        await pilot.press("j", "j", "j")
        assert reader.scroll_y == 3
        await pilot.press("k")
        assert reader.scroll_y == 2
        await pilot.press("space")
        assert reader.scroll_y > 2 + reader.scrollable_content_region.height // 2
        middle = len(layout) // 2
        reader.scroll_to(y=middle, animate=False, immediate=True)
        await pilot.pause()
        assert reader.scroll_y == middle
        marked = 0
        for y in range(middle, middle + reader.scrollable_content_region.height):
            drawn = list(reader.rendered_line(y))
            assert drawn == drawn_with_every_overlay(reader, y)
            marked += len({segment.style for segment in drawn}) > 2  # gutter, text and a highlight
        assert marked > 5
        await pilot.press("G")
        assert reader.scroll_y == reader.max_scroll_y > middle
        last = reader.offset_at(int(reader.scroll_y) + reader.scrollable_content_region.height - 1)
        assert last is not None and last > len(article.body) - 200
