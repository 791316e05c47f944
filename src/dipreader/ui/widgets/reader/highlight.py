"""Turn article text plus spans into rich Text, in the highlight colours of ui/highlights.tcss."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from rich.color import ColorParseError
from rich.style import Style
from rich.text import Text

from dipreader.model.article import Entities
from dipreader.ui.widgets.common.highlight_palette import OFFICIAL, HighlightPalette, sector_class


class Highlighter:
    """Styles of the highlight kinds, from the screen's HighlightPalette once `palette` is set
    (until then, plain)."""

    def __init__(self) -> None:
        self.palette: HighlightPalette | None = None
        self._sector_classes: dict[str, str] = {}
        self._chosen: dict[tuple[Style, str], Style] = {}
        self._spans_of: tuple[Entities, bool, bool] | None = None
        self._spans: list[tuple[int, int, Style]] = []

    def forget(self) -> None:
        """The theme changed: styles are looked up again."""
        self._spans_of = None
        self._chosen.clear()

    def style(self, component: str) -> Style:
        return self.palette.overlay(component) if self.palette is not None else Style()

    @property
    def official_style(self) -> Style:
        return self.style(OFFICIAL)

    def sector_style(self, sector: str) -> Style:
        component = self._sector_classes.get(sector)
        if component is None:
            component = self._sector_classes[sector] = sector_class(sector)
        style = self.style(component)
        # `$sector-<key>`: a colour from the settings, used as given (DipReaderApp.get_css_variables).
        chosen = self.palette.app.theme_variables.get(f"sector-{sector}") if self.palette else None
        if chosen:
            key = (style, chosen)
            if key not in self._chosen:
                try:
                    self._chosen[key] = style + Style(color=chosen)
                except ColorParseError:
                    self._chosen[key] = style
            style = self._chosen[key]
        return style

    def entity_spans(
        self,
        entities: Entities | None,
        *,
        officials: bool = True,
        sectors: bool = True,
    ) -> list[tuple[int, int, Style]]:
        """The styled spans of the mentions shown (kept for the last entities: every redraw of the
        reader asks, and one long article has tens of thousands)."""
        if entities is None:
            return []
        last = self._spans_of
        if last is not None and last[0] is entities and last[1:] == (officials, sectors):
            return self._spans
        spans: list[tuple[int, int, Style]] = []
        if officials:
            official = self.official_style
            spans.extend((m.start, m.end, official) for m in entities.officials)
        if sectors:
            styles: dict[str, Style] = {}
            for m in entities.sectors:
                style = styles.get(m.sector)
                if style is None:
                    style = styles[m.sector] = self.sector_style(m.sector)
                spans.append((m.start, m.end, style))
        if self.palette is not None:  # plain until the palette is set: not kept
            self._spans_of, self._spans = (entities, officials, sectors), spans
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
    legend = Text()
    legend.append("Legend: ", style="dim")  # only the word: the names show their colours as in the text
    legend.append("official", style=highlighter.official_style if officials else "dim strike")
    for sector in sectors:
        legend.append("  ")
        legend.append(sector, style=highlighter.sector_style(sector))
    return legend
