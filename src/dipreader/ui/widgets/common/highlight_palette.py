"""The highlight colours of ui/highlights.tcss, held by one hidden widget on each screen."""

from __future__ import annotations

import re
from importlib import resources
from typing import ClassVar

from rich.style import Style
from textual.widget import Widget

from dipreader.model.anchoring import HIGHLIGHT_COLORS
from dipreader.model.sector_registry import sector_registry

HIGHLIGHTS_CSS = resources.files("dipreader.ui").joinpath("highlights.tcss").read_text("utf-8")

OFFICIAL = "highlight--official"
SEARCH_MATCH = "highlight--search-match"
SEARCH_CURRENT = "highlight--search-current"
SELECTION = "highlight--selection"
CURRENT_ENTITY = "highlight--current-entity"
FLASH = "highlight--flash"
CURSOR_SENTENCE = "highlight--cursor-sentence"
NOTE_MARK = "highlight--note-mark"

SECTOR_COLOURS = len(set(re.findall(r"\.highlight--sector-(\d+)\b", HIGHLIGHTS_CSS)))
"""How many sectors highlights.tcss has colours for (counted here: the registry is read on first use)."""


def sector_class(sector: str) -> str:
    """The component class of a sector: its position in the sector registry (wrapped around when
    highlights.tcss has fewer colours, which the colour test reports)."""
    return f"highlight--sector-{(sector_registry().position(sector) - 1) % SECTOR_COLOURS + 1}"


def note_class(colour: str) -> str:
    """The component class of a note colour (an unknown one is drawn yellow)."""
    return f"highlight--note-{colour if colour in HIGHLIGHT_COLORS else HIGHLIGHT_COLORS[0]}"


HIGHLIGHT_CLASSES = frozenset(
    {
        OFFICIAL,
        *(f"highlight--sector-{number}" for number in range(1, SECTOR_COLOURS + 1)),
        *(note_class(colour) for colour in HIGHLIGHT_COLORS),
        SEARCH_MATCH,
        SEARCH_CURRENT,
        SELECTION,
        CURRENT_ENTITY,
        FLASH,
        CURSOR_SENTENCE,
        NOTE_MARK,
    }
)


class HighlightPalette(Widget):
    """The highlight component classes, on a hidden widget of their own.

    Textual restyles every component class of a widget whenever the widget is restyled, on each
    focus change, at a cost that grows with the whole app's stylesheet: the 40 classes on the
    reader itself made every focus change about 10 ms slower. This widget never takes focus, so
    they are styled when it mounts and when the theme changes. The reader and the lists read
    their styles here (`HighlightPalette.of(self)` in their `on_mount`).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(HIGHLIGHT_CLASSES)
    DEFAULT_CSS = "HighlightPalette { display: none; }\n" + HIGHLIGHTS_CSS

    def __init__(self) -> None:
        super().__init__()
        self._overlays: dict[str, Style] = {}

    @classmethod
    def of(cls, widget: Widget) -> HighlightPalette:
        """The palette of the widget's screen, mounted there on first use (its styles are ready
        as soon as this returns)."""
        screen = widget.screen
        found = screen.query_children(cls)
        if found:
            return found.first()
        palette = cls()
        screen.mount(palette)
        return palette

    def overlay(self, component: str) -> Style:
        """A component class's style to lay over text already styled: its colour and text style,
        and its background with the text colour on it only when it sets one."""
        style = self._overlays.get(component)
        if style is None:
            own = self.get_component_rich_style(component, partial=True)
            full = self.get_component_rich_style(component)
            if own.bgcolor is not None:
                style = full
            else:
                style = (Style(color=full.color) if own.color is not None else Style()) + own.without_color
            self._overlays[component] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._overlays.clear()  # restyled: a theme change may have changed every colour
