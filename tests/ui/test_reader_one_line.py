"""An article that is one long line opens in the reader; j, k, space and G move it, and every line
is drawn with the overlays that touch it, as if all of the article's were tried."""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelpers import wait_for_workers
from rich.segment import Segment
from textual.app import App, ComposeResult

import dipreader.ui.app as app_module
from dipreader.extract.entities import extract_entities
from dipreader.model.article import Article
from dipreader.model.knowledge import load_knowledge
from dipreader.sources.files import read_article
from dipreader.ui.widgets.reader import reader as reader_module
from dipreader.ui.widgets.reader.highlight import Overlays, Span
from dipreader.ui.widgets.reader.layout import BodyLayout
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


class EveryOverlay(Overlays):
    """Overlays that give every one of them for any range."""

    def __init__(self, spans: list[Span]) -> None:
        super().__init__()
        self.every = spans

    def touching(self, start: int, end: int) -> list[Span]:
        return list(self.every)


def drawn_with_every_overlay(reader: ArticleReader, y: int) -> list[Segment]:
    """Line `y` as the reader draws it when each line is given all of the article's overlays."""
    kept = reader._overlays
    reader._overlays = EveryOverlay(kept.all())
    try:
        return list(reader.rendered_line(y))
    finally:
        reader._overlays = kept


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
        assert layout is not None and len(layout) > 600
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


def ending_article(root: Path, sentences: int) -> Article:
    """A one-line article whose last sentence holds the only "Zanzibar"."""
    article = one_line_article(root, sentences)
    path = root / "one-line.md"
    text = path.read_text(encoding="utf-8").rstrip("\n") + " The envoys flew on to Zanzibar.\n"
    path.write_text(text, encoding="utf-8")
    ending = read_article(path, root)
    assert isinstance(ending, Article) and ending.body.rstrip().endswith("Zanzibar.")
    assert article.body.strip() in ending.body
    return ending


def view_text(reader: ArticleReader) -> list[str]:
    top = int(reader.scroll_y)
    return [
        reader.rendered_line(y).text.strip()
        for y in range(top, top + reader.scrollable_content_region.height)
    ]


async def test_keys_work_on_a_one_line_article_before_its_wrapping_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One step of wrapping, then the worker waits: the layout stays partial until a key needs more.
    monkeypatch.setattr(reader_module, "LAYOUT_SLICE_SECONDS", 0.0)
    monkeypatch.setattr(reader_module, "LAYOUT_PAUSE_SECONDS", 3600.0)
    article = ending_article(tmp_path, 6_000)  # about 460,000 characters
    entities = extract_entities(article.body, load_knowledge(None))
    whole = BodyLayout(article.paragraphs, 86)
    app = ReaderOnly()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(ArticleReader)
        reader.focus()
        await reader.show_article(article, entities, 0)
        await pilot.pause()
        layout = reader._layout
        assert layout is not None and layout.width == whole.width
        assert not layout.done and layout.built < len(whole) // 4
        height = reader.virtual_size.height - len(reader._top)
        assert abs(height - len(whole)) < len(whole) // 10  # estimated, close
        shown = [line for line in view_text(reader) if line]
        first = whole.lines[0]
        assert first is not None and first.text in shown  # the top of the article, at once

        await pilot.press("j", "j", "j")
        assert reader.scroll_y == 3
        await pilot.press("space")
        assert reader.scroll_y > 3 + reader.scrollable_content_region.height // 2
        top = int(reader.scroll_y)
        assert reader.offset_at(top) == whole.offset_at(top - len(reader._top))

        await pilot.press("right_square_bracket")  # ] onto the next official or sector
        mention = reader.current_mention()
        assert mention is not None and mention.start >= (reader.offset_at(top) or 0) - 200
        assert reader.entity_index is not None
        assert reader.described.startswith(f"{reader.entity_index + 1} of {len(reader.mentions())} · ")
        at = reader.offset_to_y(mention.start)
        assert at is not None and int(reader.scroll_y) <= at < int(reader.scroll_y) + 40
        assert article.body[mention.start : mention.end] in reader.rendered_line(at).text
        assert not layout.done

        assert reader.set_search("Zanzibar") == 1  # the only match, at the very end
        await pilot.pause()
        start = reader.search_matches[0][0]
        y, line = reader.offset_to_y(start), whole.line_of_offset(start)
        assert y is not None and line is not None and y == len(reader._top) + line
        assert int(reader.scroll_y) <= y < int(reader.scroll_y) + reader.scrollable_content_region.height
        assert "Zanzibar." in reader.rendered_line(y).text

        reader.set_search("")
        await pilot.press("g", "G")
        assert layout.done
        assert reader.virtual_size.height == len(reader._top) + len(whole)
        assert reader.scroll_y == reader.max_scroll_y
        assert [line for line in view_text(reader) if line][-1].endswith("Zanzibar.")
        await pilot.press("k")
        assert reader.scroll_y == reader.max_scroll_y - 1


async def test_keys_work_on_a_one_line_article_once_its_wrapping_is_done(tmp_path: Path) -> None:
    article = ending_article(tmp_path, 6_000)
    entities = extract_entities(article.body, load_knowledge(None))
    whole = BodyLayout(article.paragraphs, 86)
    app = ReaderOnly()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(ArticleReader)
        reader.focus()
        await reader.show_article(article, entities, 0)
        await wait_for_workers(app)
        await pilot.pause()
        layout = reader._layout
        assert layout is not None and layout.done and layout.lines == whole.lines
        assert reader.virtual_size.height == len(reader._top) + len(whole)
        await pilot.press("j", "space")
        assert reader.scroll_y > 1
        assert reader.set_search("Zanzibar") == 1
        await pilot.pause()
        y = reader.offset_to_y(reader.search_matches[0][0])
        assert y is not None and "Zanzibar." in reader.rendered_line(y).text
        assert int(reader.scroll_y) <= y < int(reader.scroll_y) + reader.scrollable_content_region.height
        reader.set_search("")
        await pilot.press("G")
        assert reader.scroll_y == reader.max_scroll_y
        assert [line for line in view_text(reader) if line][-1].endswith("Zanzibar.")
