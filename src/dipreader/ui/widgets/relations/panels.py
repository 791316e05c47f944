"""What the Relations tab draws as text: the legend, the tables, the sector heat map, people, milestones."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from dipreader.core.pair_figures import PairFigures, PairSummary, busiest, distinct_roles
from dipreader.core.relations import SidePerson
from dipreader.core.timeline import span_label
from dipreader.extract.levels import LEVEL_LABELS, LEVELS
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.relations.colours import Palette

SHORT_LEVELS = {
    "heads": "Heads",
    "ministers": "Minist.",
    "deputies": "Deput.",
    "parliament": "Parl.",
    "other": "Other",
}
TINY_LEVELS = {"heads": "Head", "ministers": "Min", "deputies": "Dep", "parliament": "Parl", "other": "Oth"}
WIDE_TABLE_FROM = 60
"""From this width the tables name the levels in words."""
SECTOR_LABEL_CELLS = 14
HEAT_ROWS = 10
"""Sectors the heat map shows (the table lists every one)."""
PEOPLE_COLUMNS_FROM = 64
"""From this width the two sides' people stand side by side."""
PEOPLE_SHOWN = 8
MILESTONES_SHOWN = 12
"""The latest milestones the tab lists (the Chronology narrowed to the pair has every one)."""


def date_span(summary: PairSummary) -> str:
    if summary.first is None or summary.last is None:
        return "no dated event"
    if summary.first == summary.last:
        return summary.first.label()
    return f"{summary.first.label()} – {summary.last.label()}"


def heading(figures: PairFigures) -> Text:
    summary = figures.summary
    text = Text(summary.label, style="bold")
    text.append(f" · {summary.articles} article(s), {summary.unread} unread", style="")
    text.append(f" · {summary.contacts} contacts and events · {date_span(summary)}", style="dim")
    return text


def legend(palette: Palette, width: int) -> Text:
    """One line naming each level's colour (short names when the full ones do not fit)."""
    narrow = sum(len(label) + 4 for label in LEVEL_LABELS.values()) > width
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, level in enumerate(LEVELS):
        if index:
            text.append("  ")
        text.append("■ ", style=Style(color=palette.levels[level].rich_color))
        text.append(SHORT_LEVELS[level] if narrow else LEVEL_LABELS[level], style="dim")
    return text


def contacts_table(figures: PairFigures, width: int) -> RenderableType:
    """The chart's numbers: one row per period with a contact, one column per level."""
    rows = list(busiest(figures.contacts))
    if not rows:
        return Text("No dated contact.", style="dim")
    names = SHORT_LEVELS if width >= WIDE_TABLE_FROM else TINY_LEVELS
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1))
    table.add_column(figures.period.title(), no_wrap=True, min_width=len(rows[0].period))
    for level in LEVELS:
        table.add_column(names[level], justify="right", no_wrap=True)
    table.add_column(
        "Total" if width >= WIDE_TABLE_FROM else "All", justify="right", no_wrap=True, style="bold"
    )
    for row in rows:
        table.add_row(row.period, *(str(count) if count else "·" for count in row.counts), str(row.total))
    totals = [sum(row.counts[index] for row in rows) for index in range(len(LEVELS))]
    table.add_row("All", *map(str, totals), str(sum(totals)), style="bold")
    if not figures.less_precise:
        return table
    note = Text(f"{figures.less_precise} more dated to the year only (y: count per year).", style="dim")
    return Group(table, note)


def _visible_years(years: Sequence[str], width: int, cell: int) -> int:
    return max(1, min(len(years), (width - SECTOR_LABEL_CELLS) // cell))


def _year_label(year: str, cell: int) -> str:
    if year == "undated":
        return "n.d.".center(cell)
    return (year if cell >= 5 else "’" + year[2:]).center(cell)


def sector_heat(figures: PairFigures, palette: Palette, width: int) -> RenderableType:
    """Sectors (rows) by year (columns): each cell the count on the sector's colour, stronger for more."""
    sectors = figures.sectors
    if not sectors.rows:
        return Text("No sector named.", style="dim")
    cell = 5 if len(sectors.years) * 5 <= width - SECTOR_LABEL_CELLS else 3
    shown = _visible_years(sectors.years, width, cell)
    first = len(sectors.years) - shown
    top = max(max(counts) for _, counts in sectors.rows) or 1
    lines = [Text(" " * SECTOR_LABEL_CELLS, no_wrap=True)]
    for year in sectors.years[first:]:
        lines[0].append(_year_label(year, cell), style="dim")
    for sector, counts in sectors.rows[:HEAT_ROWS]:
        line = Text(fit(sector, SECTOR_LABEL_CELLS - 1).ljust(SECTOR_LABEL_CELLS), no_wrap=True)
        line.stylize(Style(color=palette.sector(sector).rich_color), 0, len(sector))
        for count in counts[first:]:
            if not count:
                line.append("·".center(cell), style="dim")
                continue
            ground = palette.heat(sector, count / top)
            ink = ground.get_contrast_text(1.0)
            line.append(
                str(count).center(cell - 1), style=Style(color=ink.rich_color, bgcolor=ground.rich_color)
            )
            line.append(" ")
        lines.append(line)
    notes = []
    if len(sectors.rows) > HEAT_ROWS:
        notes.append(f"{len(sectors.rows) - HEAT_ROWS} more sectors")
    if first:
        notes.append(f"{first} earlier year(s)")
    if notes:
        lines.append(Text(" and ".join(notes) + " in the table (t).", style="dim"))
    return Group(*lines)


def sectors_table(figures: PairFigures) -> RenderableType:
    """The heat map's numbers: every sector, every year, and its total."""
    sectors = figures.sectors
    if not sectors.rows:
        return Text("No sector named.", style="dim")
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1))
    table.add_column("Sector", no_wrap=True, min_width=min(12, max(len(key) for key, _ in sectors.rows)))
    for year in sectors.years:
        table.add_column(year, justify="right", no_wrap=True)
    table.add_column("Total", justify="right", style="bold", no_wrap=True)
    for sector, counts in sectors.rows:
        table.add_row(sector, *(str(count) if count else "·" for count in counts), str(sum(counts)))
    return table


def _person_lines(person: SidePerson, width: int) -> list[Text]:
    name = Text(fit(person.name, width - 8), style="bold", no_wrap=True)
    name.append(f" · {person.articles} art.", style="dim")
    lines = [name]
    roles = distinct_roles(person)
    for title, date in roles[:2]:
        when = date.label() if date else "undated"
        lines.append(Text(fit(f"  {title} ({when})", width), no_wrap=True))
    if person.role_now and person.role_now not in {title for title, _ in roles}:
        when = f" ({person.role_now_date.label()})" if person.role_now_date else ""
        lines.append(Text(fit(f"  now: {person.role_now}{when}", width), style="italic", no_wrap=True))
    if not roles and not person.role_now:
        lines.append(Text("  role not stated", style="dim"))
    return lines


def _side(country: str, people: Sequence[SidePerson], width: int) -> Group:
    lines = [Text(f"{country} ({len(people)})", style="bold underline")]
    if not people:
        lines.append(Text("nobody named", style="dim"))
    for person in people[:PEOPLE_SHOWN]:
        lines.extend(_person_lines(person, width))
    if len(people) > PEOPLE_SHOWN:
        lines.append(
            Text(f"… {len(people) - PEOPLE_SHOWN} more (n: who's who narrowed to the pair)", style="dim")
        )
    return Group(*lines)


def people_panel(figures: PairFigures, width: int) -> RenderableType:
    """Both sides' people, most active first: their roles in the pair's articles, and now."""
    (first, first_people), (second, second_people) = figures.sides
    if width >= PEOPLE_COLUMNS_FROM:
        column = (width - 2) // 2
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(ratio=1)
        table.add_column(ratio=1)
        table.add_row(_side(first, first_people, column), _side(second, second_people, column))
        return table
    return Group(_side(first, first_people, width), Text(""), _side(second, second_people, width))


def milestones_panel(figures: PairFigures) -> RenderableType:
    """Agreements, declarations and planned events with their dates."""
    if not figures.milestones:
        return Text("None found.", style="dim")
    shown = figures.milestones[-MILESTONES_SHOWN:]
    table = Table(box=None, pad_edge=False, show_edge=False, show_header=False, padding=(0, 1), expand=True)
    table.add_column("date", no_wrap=True, style="bold")
    table.add_column("kind", no_wrap=True)
    table.add_column("text", ratio=1)
    for milestone in shown:
        kind = Text(milestone.kind, style="italic" if milestone.kind == "planned" else "")
        table.add_row(span_label(milestone.date, milestone.end_date), kind, milestone.text)
    earlier = len(figures.milestones) - len(shown)
    if not earlier:
        return table
    note = f"The latest {len(shown)} of {len(figures.milestones)}; n narrows the Chronology to the pair, "
    note += "where ◇ marks every planned one; `dipreader relations PAIR --md` lists them all."
    return Group(Text(note, style="dim"), table)
