"""Colours of the Relations tab from the theme: one per contact level, the sectors' own, heat cells."""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color, ColorParseError

from dipreader.extract.levels import LEVELS, Level
from dipreader.ui.widgets.common.highlight_palette import HighlightPalette
from dipreader.ui.widgets.reader.highlight import Highlighter

# Theme variables that colour each level; "other" is the text colour, faded towards the background.
_LEVEL_VARIABLES: dict[Level, str] = {
    "heads": "error",
    "ministers": "primary",
    "deputies": "success",
    "parliament": "warning",
}
OTHER_FADE = 0.55
MIN_CONTRAST = 0.3


def _parse(value: str | None, fallback: str) -> Color:
    try:
        return Color.parse(value or fallback)
    except ColorParseError:
        return Color.parse(fallback)


def standing_out(colour: Color, background: Color, dark: bool) -> Color:
    """The colour lightened (dark themes) or darkened (light ones) until it stands out on the background."""
    for _ in range(12):
        if abs(colour.brightness - background.brightness) >= MIN_CONTRAST:
            break
        colour = colour.lighten(0.06) if dark else colour.darken(0.06)
    return colour


class Palette:
    """The tab's colours in one theme (rebuilt when the theme changes)."""

    def __init__(self, variables: Mapping[str, str], dark: bool, highlights: HighlightPalette) -> None:
        self.dark = dark
        self.background = _parse(variables.get("surface"), "#1e1e1e" if dark else "#ffffff")
        self.foreground = _parse(variables.get("foreground"), "#e0e0e0" if dark else "#1e1e1e")
        self._highlighter = Highlighter()
        self._highlighter.palette = highlights
        self.levels: dict[Level, Color] = {}
        for level in LEVELS:
            if level == "other":
                colour = self.background.blend(self.foreground, OTHER_FADE)
            else:
                colour = _parse(variables.get(_LEVEL_VARIABLES[level]), "#888888")
            self.levels[level] = standing_out(colour, self.background, dark)
        self._sectors: dict[str, Color] = {}

    def sector(self, sector: str) -> Color:
        """The colour the reader underlines this sector in."""
        colour = self._sectors.get(sector)
        if colour is None:
            rich_colour = self._highlighter.sector_style(sector).color
            triplet = rich_colour.get_truecolor() if rich_colour is not None else None
            colour = Color(*triplet) if triplet is not None else self.foreground
            self._sectors[sector] = colour
        return colour

    def heat(self, sector: str, share: float) -> Color:
        """A heat-map cell: the sector's colour over the background, stronger for a bigger share."""
        return self.background.blend(self.sector(sector), 0.25 + 0.75 * max(0.0, min(1.0, share)))

    def rgb(self, colour: Color) -> tuple[int, int, int]:
        return (colour.r, colour.g, colour.b)
