"""Turn article text plus spans into rich Text: theme-aware colours for officials and each sector."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from dipreader.model.article import Entities

# Theme variables, in order, used to give every sector its own colour in any Textual theme:
# the base colours, then lighter (on dark themes) or darker (on light themes) shades of them.
_BASE_COLOURS = ("success", "warning", "secondary", "error", "accent", "primary")
_SHADES = {True: ("", "-lighten-2", "-lighten-3"), False: ("", "-darken-2", "-darken-3")}

SECTOR_ORDER = (
    "politics",
    "economy",
    "energy",
    "defense",
    "transport",
    "humanitarian",
    "culture",
    "education",
    "technology",
    "tourism",
    "environment",
    "reconstruction",
    "agriculture",
    "health",
)


def sector_colour_name(sector: str, dark: bool = True) -> str:
    """The theme variable that colours this sector; stable across runs, readable on the theme."""
    if sector in SECTOR_ORDER:
        index = SECTOR_ORDER.index(sector)
    else:
        index = len(SECTOR_ORDER) + sum(ord(char) for char in sector)
    shades = _SHADES[dark]
    shade = shades[(index // len(_BASE_COLOURS)) % len(shades)]
    return _BASE_COLOURS[index % len(_BASE_COLOURS)] + shade


MIN_BRIGHTNESS_GAP = 0.35


def readable(colour: str, background: str, dark: bool) -> str:
    """The colour, lightened (dark themes) or darkened (light ones) until it stands out on the background."""
    try:
        shade, ground = Color.parse(colour), Color.parse(background)
    except ColorParseError:
        return colour
    for _ in range(10):
        if abs(shade.brightness - ground.brightness) >= MIN_BRIGHTNESS_GAP:
            break
        shade = shade.lighten(0.08) if dark else shade.darken(0.08)
    return shade.hex


class Highlighter:
    """Styles for entities built from the current theme's variables."""

    def __init__(self, theme_variables: Mapping[str, str], dark: bool = True) -> None:
        self.variables = theme_variables
        self.dark = dark
        self.background = theme_variables.get("surface", "#1e1e1e" if dark else "#ffffff")
        accent = theme_variables.get("accent", "magenta")
        self.official_style = Style.parse(f"bold underline {accent}")
        self._sector_styles: dict[str, Style] = {}

    def sector_style(self, sector: str) -> Style:
        style = self._sector_styles.get(sector)
        if style is None:
            # `$sector-<key>`: a colour from the settings, used as given (DipReaderApp.get_css_variables).
            chosen = self.variables.get(f"sector-{sector}")
            colour = self.variables.get(sector_colour_name(sector, self.dark), "green")
            style = Style.parse(f"{chosen or readable(colour, self.background, self.dark)} underline")
            self._sector_styles[sector] = style
        return style

    def entity_spans(
        self,
        entities: Entities | None,
        *,
        officials: bool = True,
        sectors: bool = True,
    ) -> list[tuple[int, int, Style]]:
        if entities is None:
            return []
        spans: list[tuple[int, int, Style]] = []
        if officials:
            spans.extend((m.start, m.end, self.official_style) for m in entities.officials)
        if sectors:
            spans.extend((m.start, m.end, self.sector_style(m.sector)) for m in entities.sectors)
        return spans


def styled_text(
    text: str,
    offset: int,
    spans: Iterable[tuple[int, int, Style | str]],
    base: Style | str = "",
) -> Text:
    """Text for body[offset:offset+len(text)] with the body-offset spans that fall inside it applied.

    Newlines inside a paragraph become spaces (same length), so offsets stay exact.
    """
    rendered = Text(text.replace("\n", " "), style=base, no_wrap=False, end="")
    length = len(text)
    for start, end, style in spans:
        local_start = max(0, start - offset)
        local_end = min(length, end - offset)
        if local_end > local_start:
            rendered.stylize(style, local_start, local_end)
    return rendered


def spans_by_paragraph(
    spans: Sequence[tuple[int, int, Style | str]], starts: Sequence[int], ends: Sequence[int]
) -> list[list[tuple[int, int, Style | str]]]:
    """For each paragraph (sorted starts/ends), the spans that touch it, in their original order."""
    buckets: list[list[tuple[int, int, Style | str]]] = [[] for _ in starts]
    for span in spans:
        start, end, _style = span
        index = max(0, bisect.bisect_right(starts, start) - 1)
        while index < len(starts) and starts[index] < end:
            if ends[index] > start:
                buckets[index].append(span)
            index += 1
    return buckets


def legend_text(highlighter: Highlighter, sectors: Sequence[str], officials: bool) -> Text:
    """One line naming the styles in use: officials, then each sector present."""
    legend = Text("Legend: ", style="dim")
    legend.append("official", style=highlighter.official_style if officials else "dim strike")
    for sector in sectors:
        legend.append("  ")
        legend.append(sector, style=highlighter.sector_style(sector))
    return legend
