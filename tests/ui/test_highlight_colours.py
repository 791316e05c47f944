"""On every built-in theme, every highlight kind of the reader is readable (4.5:1) and unlike the others."""

from __future__ import annotations

import itertools

import pytest
from rich.color import Color
from rich.style import Style
from textual.app import App, ComposeResult

from dipreader.model.anchoring import HIGHLIGHT_COLORS
from dipreader.model.article import Article, ArticleMeta, Entities, SectorMention
from dipreader.model.sector_registry import sector_registry
from dipreader.sources.files import split_paragraphs
from dipreader.ui.contrast import RGB, colour_distance, contrast_ratio
from dipreader.ui.widgets.common.highlight_palette import (
    SEARCH_CURRENT,
    SEARCH_MATCH,
    SECTOR_COLOURS,
    SELECTION,
    note_class,
)
from dipreader.ui.widgets.reader.reader import ArticleReader

THEMES = sorted(App().available_themes)
MIN_CONTRAST = 4.5
"""WCAG AA for body text."""
MIN_DISTANCE = 0.07
"""OKLab distance two kinds must keep: about three times a just noticeable difference."""


class ReaderApp(App[None]):
    """Just the reader, in a given theme."""

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.start_theme = theme

    def compose(self) -> ComposeResult:
        yield ArticleReader(None)

    def on_mount(self) -> None:
        self.theme = self.start_theme


BODY = "The ministers discussed energy and trade."


def sample_article() -> Article:
    meta = ArticleMeta("a", "a.md", "Ministers meet", None, None, None)
    return Article(meta, BODY, split_paragraphs(BODY))


def resolved(app: App[None], colour: Color | None, foreground: bool) -> RGB:
    """The colour as drawn; the terminal's default colours are those Textual assumes for it."""
    assert colour is not None
    red, green, blue = colour.get_truecolor(app.ansi_theme, foreground=foreground)
    return red, green, blue


def too_close(colours: dict[str, RGB]) -> list[str]:
    return [
        f"{first} {colours[first]} ~ {second} {colours[second]}"
        for first, second in itertools.combinations(colours, 2)
        if colour_distance(colours[first], colours[second]) < MIN_DISTANCE
    ]


def unreadable(text: dict[str, RGB], background: RGB, where: str) -> list[str]:
    return [
        f"{name} on {where}: {contrast_ratio(colour, background):.2f}"
        for name, colour in text.items()
        if contrast_ratio(colour, background) < MIN_CONTRAST
    ]


def test_highlights_have_a_colour_for_every_registered_sector() -> None:
    missing = len(sector_registry()) - SECTOR_COLOURS
    assert missing <= 0, f"ui/highlights.tcss needs {missing} more sector colour(s), dark and light"


@pytest.mark.parametrize("theme", THEMES)
async def test_every_highlight_kind_is_readable_and_distinct(theme: str) -> None:
    app = ReaderApp(theme)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        reader = app.query_one(ArticleReader)
        await reader.show_article(sample_article(), Entities((), ()))
        await pilot.pause()
        base = reader.rich_style
        page = resolved(app, base.bgcolor, foreground=False)
        entities = {"official": resolved(app, reader.highlighter.official_style.color, True)}
        for sector in sector_registry():
            entities[f"sector {sector.key}"] = resolved(
                app, reader.highlighter.sector_style(sector.key).color, True
            )

        def background_kind(component: str) -> tuple[RGB, RGB]:
            style: Style = reader.component_overlay(component)
            return resolved(app, style.bgcolor, False), resolved(app, style.color, True)

        over = {name: background_kind(name) for name in (SEARCH_MATCH, SEARCH_CURRENT, SELECTION)}
        notes = {colour: background_kind(note_class(colour)) for colour in HIGHLIGHT_COLORS}

        problems = unreadable(entities, page, "the page")
        for name, (background, text) in over.items():
            problems += unreadable({"its text": text}, background, name)
        for colour, (background, text) in notes.items():
            # Notes lie under the entities: officials and sectors are drawn on them too.
            problems += unreadable({"its text": text, **entities}, background, f"the {colour} note")
        foregrounds = {"plain text": resolved(app, base.color, True), **entities}
        backgrounds = {
            "the page": page,
            **{name: background for name, (background, _text) in over.items()},
            **{f"{colour} note": background for colour, (background, _text) in notes.items()},
        }
        problems += too_close(foregrounds) + too_close(backgrounds)
        assert not problems, f"{theme}:\n" + "\n".join(problems)


async def test_a_theme_change_redraws_the_highlights_in_the_new_colours() -> None:
    app = ReaderApp("textual-dark")
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        reader = app.query_one(ArticleReader)
        start = BODY.index("energy")
        mention = SectorMention("energy", "energy", start, start + len("energy"))
        await reader.show_article(sample_article(), Entities((), (mention,)))
        await pilot.pause()

        def drawn_colour() -> Color | None:
            for y in range(reader.virtual_size.height):
                for segment in reader.rendered_line(y):
                    if segment.text == "energy" and segment.style is not None:
                        return segment.style.color
            return None

        dark = drawn_colour()
        assert dark is not None and dark == reader.highlighter.sector_style("energy").color
        app.theme = "catppuccin-latte"
        await pilot.pause()
        await pilot.pause()
        light = drawn_colour()
        assert light is not None and light != dark
        assert light == reader.highlighter.sector_style("energy").color
        background = resolved(app, reader.rich_style.bgcolor, foreground=False)
        assert contrast_ratio(resolved(app, light, True), background) >= MIN_CONTRAST
