"""The contacts chart: stacked bars per period, one colour per level, drawn by plotext (textual-plotext)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

from dipreader.core.pair_figures import PairFigures, PeriodRow
from dipreader.extract.levels import LEVELS
from dipreader.ui.widgets.relations.colours import Palette

MIN_WIDTH = 24
MIN_HEIGHT = 6
SLOT_CELLS = 2
"""Cells each period has at least (a bar and a gap); periods are summed in twos, threes... when the
chart is narrower."""
MAX_SLOT_CELLS = 8
"""A few periods get bars this wide at most (then the axis is centred on them), not the whole width."""
BAR_MARGIN = 0.2
"""Of a cell: how far a bar's edges reach past the centres of the cells it fills (under half a cell)."""
LABEL_CELLS = 9
"""Room each x-axis label needs, so that they never run into each other."""


def tick_positions(count: int, width: int, label_cells: int = LABEL_CELLS) -> list[int]:
    """Evenly spread indices of `count` periods to label on an axis `width` cells wide (first and last)."""
    if count <= 0:
        return []
    room = max(2, width // label_cells)
    if count <= room:
        return list(range(count))
    step = (count - 1) / (room - 1)
    return sorted({round(index * step) for index in range(room)})


def binned(rows: Sequence[PeriodRow], width: int) -> tuple[list[PeriodRow], int]:
    """Neighbouring periods summed so that each bar has SLOT_CELLS cells or more; and how many a bar holds."""
    size = max(1, math.ceil(SLOT_CELLS * len(rows) / max(1, width)))
    if size == 1:
        return list(rows), 1
    bars = []
    for start in range(0, len(rows), size):
        group = rows[start : start + size]
        bars.append(
            PeriodRow(group[0].period, tuple(map(sum, zip(*(row.counts for row in group), strict=True))))
        )
    return bars, size


def value_ticks(top: int, height: int) -> list[int]:
    """Whole-number ticks from 0 to `top`, at most one every second line."""
    most = max(2, height // 2)
    step = max(1, -(-top // (most - 1)))
    return list(range(0, top + step, step))


def bar_slots(count: int, canvas: int) -> tuple[int, float]:
    """Cells per period and a bar's width (in periods): every cell of a period but its first, a gap.

    plotext puts cell j of a canvas `canvas` cells wide at x = xmin + j * (xmax - xmin) / (canvas - 1)
    and fills every cell whose x a bar covers once rounded, so with xmin = -0.5 and k cells a period,
    period i has its cells at i - 0.5 + m / k and a bar centred on i reaching BAR_MARGIN of a cell past
    the centres of its first and last filled cells fills exactly those.
    """
    cells = max(1, min(MAX_SLOT_CELLS, (canvas - 1) // max(1, count)))
    if cells == 1:
        return 1, 2 * BAR_MARGIN
    return cells, (cells - 2 + 2 * BAR_MARGIN) / cells


class ContactsChart(PlotextPlot):
    """Contacts of one pair per year or month, stacked by level (the table shows the same numbers)."""

    DEFAULT_CSS = """
    ContactsChart {
        height: 12;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures: PairFigures | None = None
        self.palette: Palette | None = None

    def show(self, figures: PairFigures | None, palette: Palette) -> None:
        self.figures = figures
        self.palette = palette
        self.refresh()

    def render(self) -> RenderResult:
        figures, palette = self.figures, self.palette
        if figures is None or palette is None or not figures.contacts:
            return Text("No dated contact.", style="dim")
        width, height = self.size.width, self.size.height
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            return Text("Too small for the chart: t shows the table.", style="dim")
        # plotext's canvas is the width less the value labels and the frame
        widest_label = len(str(sum(row.total for row in figures.contacts)))
        rows, size = binned(figures.contacts, width - widest_label - 2)
        values = value_ticks(max(row.total for row in rows), height - (4 if size > 1 else 3))
        canvas = width - len(str(values[-1])) - 2
        cells, bar_width = bar_slots(len(rows), canvas)
        plot = self.plt
        plot.clear_figure()
        if size > 1:
            plot.title(f"{size} {figures.period}s a bar (t: the table per {figures.period})")
        # Stacked by drawing each level's running total over the one above it, tallest first. Only bars
        # above zero are drawn (plotext draws a zero as a blank cell over what is below it), and their
        # width is scaled back, since plotext widens bars by the mean gap between the positions given.
        for depth in range(len(LEVELS), 0, -1):
            bars = [(float(index), float(sum(row.counts[:depth]))) for index, row in enumerate(rows)]
            bars = [(position, height) for position, height in bars if height > 0]
            if not bars:
                continue
            spread = bars[-1][0] - bars[0][0]
            scaled = bar_width * (len(bars) - 1) / spread if spread else bar_width
            colour = palette.rgb(palette.levels[LEVELS[depth - 1]])
            plot.bar([p for p, _ in bars], [h for _, h in bars], color=colour, width=scaled, minimum=0)
        ticks = tick_positions(len(rows), canvas)
        plot.xticks([float(index) for index in ticks], [rows[index].period for index in ticks])
        plot.yticks([float(value) for value in values], [str(value) for value in values])
        plot.ylim(0, values[-1])
        # Spare room is split on both sides in whole cells, so the cells stay where the bars expect them.
        spare_cells = (canvas - 1) - len(rows) * cells
        left = -0.5 - (spare_cells // 2) / cells
        plot.xlim(left, left + (canvas - 1) / cells)
        return super().render()
