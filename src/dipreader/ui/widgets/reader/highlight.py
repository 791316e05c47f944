"""Turn article text plus spans into rich Text, in the highlight colours of ui/highlights.tcss."""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from rich.color import ColorParseError
from rich.style import Style
from rich.text import Text

from dipreader.ui.widgets.common.highlight_palette import OFFICIAL, HighlightPalette, sector_class


class Highlighter:
    """Styles of the highlight kinds, from the screen's HighlightPalette once `palette` is set
    (until then, plain)."""

    def __init__(self) -> None:
        self.palette: HighlightPalette | None = None
        self._sector_classes: dict[str, str] = {}
        self._chosen: dict[tuple[Style, str], Style] = {}

    def forget(self) -> None:
        """The theme changed: styles are looked up again."""
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


Span = tuple[int, int, Style | str]


class _Ranged(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_END_OF = operator.attrgetter("end")


class Overlays:
    """The style overlays of a body, lowest priority first, asked for by range: styling a line
    costs the overlays near it, however many the body has (one long line may hold 30,000)."""

    def __init__(self) -> None:
        self._layers: list[Callable[[int, int], list[Span]]] = []
        self._wholes: list[Callable[[], list[Span]]] = []

    def add_spans(self, spans: Sequence[Span]) -> None:
        """Spans in priority order, any number, overlapping or not."""
        if len(spans) <= _FEW:
            self._layers.append(lambda start, end: [s for s in spans if s[0] < end and s[1] > start])
        else:
            self._layers.append(_SpanIndex(spans).touching)
        self._wholes.append(lambda: list(spans))

    def add_mentions(self, mentions: Sequence[_Ranged], style: Callable[[_Ranged], Style]) -> None:
        """Mentions sorted by start and never overlapping (so their ends are sorted too), each
        styled by `style`."""

        def touching(start: int, end: int) -> list[Span]:
            found: list[Span] = []
            index = bisect.bisect_right(mentions, start, key=_END_OF)
            while index < len(mentions) and mentions[index].start < end:
                mention = mentions[index]
                found.append((mention.start, mention.end, style(mention)))
                index += 1
            return found

        self._layers.append(touching)
        self._wholes.append(lambda: [(m.start, m.end, style(m)) for m in mentions])

    def touching(self, start: int, end: int) -> list[Span]:
        """The overlays that touch body[start:end], in priority order."""
        found: list[Span] = []
        for layer in self._layers:
            found.extend(layer(start, end))
        return found

    def all(self) -> list[Span]:
        """Every overlay, in priority order."""
        return [span for whole in self._wholes for span in whole()]


_FEW = 32


class _SpanIndex:
    """Spans in their order, found by range through their starts in order and the running maximum
    of their ends (built at the first question)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self._spans = spans
        self._order: list[int] | None = None
        self._starts: list[int] = []
        self._reach: list[int] = []

    def touching(self, start: int, end: int) -> list[Span]:
        if self._order is None:
            spans = self._spans
            order = list(range(len(spans)))
            if any(spans[i][0] > spans[i + 1][0] for i in range(len(spans) - 1)):
                order.sort(key=lambda i: spans[i][0])
            self._order = order
            self._starts = [spans[i][0] for i in order]
            self._reach = list(itertools.accumulate((spans[i][1] for i in order), max))
        first = bisect.bisect_right(self._reach, start)
        last = bisect.bisect_left(self._starts, end, lo=first)
        hits = sorted(i for i in self._order[first:last] if self._spans[i][1] > start)
        return [self._spans[i] for i in hits]


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
