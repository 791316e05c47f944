"""The Chronology tab's rows without Textual: year headings, entries, unresolved dates, filter, layout."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from rich.cells import cell_len

from dipreader.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta, Entities, PartialDate
from dipreader.model.sentences import sentence_at
from dipreader.ui.text_fit import fit

if TYPE_CHECKING:  # the chronology model loads heavy pattern tables: import it when building
    from dipreader.model.chronology import ChronologyEntry, Event

RowKind = Literal["year", "event", "unresolved"]
MarkKind = Literal["official", "sector", "date"]
Role = Literal["heading", "rule", "count", "date", "past", "planned", "text", "source", "dim"]

UNRESOLVED_HEADING = "Undated / unresolved"
PLANNED_MARK = "◇"
PAST_MARK = "•"
MIN_DATE_WIDTH = 4
MAX_DATE_WIDTH = 20

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of a row's text to highlight; offsets are relative to the row text."""

    start: int
    end: int
    kind: MarkKind
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """An article reporting the row's event and the passage (body offsets) to open."""

    article_id: str
    title: str
    start: int
    end: int
    dated: bool = True


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One row of the timeline: a year heading, a dated entry, or an unresolved expression."""

    kind: RowKind
    group: str
    date_label: str = ""
    status: str = "past"
    text: str = ""
    expression: str = ""
    marks: tuple[Mark, ...] = ()
    sources: tuple[Source, ...] = ()
    officials: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    count: int = 0

    @property
    def planned(self) -> bool:
        return self.status == "planned"

    @property
    def is_heading(self) -> bool:
        return self.kind == "year"


def date_label(start: PartialDate, end: PartialDate | None = None) -> str:
    """A date or range at its precision: `8 May 1992`, `26–27 Nov 2025`, `30 Sep – 1 Oct 2025`."""
    if end is None or end == start:
        return start.label()
    if start.month is not None and start.year == end.year and start.precision == end.precision:
        month = _MONTHS[start.month - 1]
        if start.day is not None and start.month == end.month:
            return f"{start.day}–{end.day} {month} {end.year}"
        if start.day is not None:
            return f"{start.day} {month} – {end.label()}"
        return f"{month} – {end.label()}"
    if start.precision == end.precision == "year":
        return f"{start.year}–{end.year}"
    return f"{start.label()} – {end.label()}"


def _marks(
    entities: Entities | None, start: int, end: int, expression: tuple[int, int] | None
) -> tuple[Mark, ...]:
    marks: list[Mark] = []
    if expression is not None and expression[0] >= start and expression[1] <= end:
        marks.append(Mark(expression[0] - start, expression[1] - start, "date"))
    if entities is not None:
        marks.extend(
            Mark(m.start - start, m.end - start, "official")
            for m in entities.officials
            if m.start >= start and m.end <= end
        )
        marks.extend(
            Mark(m.start - start, m.end - start, "sector", m.sector)
            for m in entities.sectors
            if m.start >= start and m.end <= end
        )
    return tuple(sorted(marks, key=lambda mark: (mark.start, mark.end)))


def _names_inside(entities: Entities | None, start: int, end: int) -> tuple[list[str], list[str]]:
    if entities is None:
        return [], []
    officials = [
        name for m in entities.officials if m.start >= start and m.end <= end for name in (m.name, m.surface)
    ]
    sectors = [m.sector for m in entities.sectors if m.start >= start and m.end <= end]
    return officials, sectors


def _flat(text: str) -> str:
    return text.replace("\n", " ")


@dataclass(frozen=True, slots=True)
class ClauseEntities:
    """What the entities of an event's article say about its clause: names, sectors, marks."""

    officials: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    marks: tuple[Mark, ...] = ()


NO_ENTITIES = ClauseEntities()


def clause_entities(event: Event, entities: Entities | None) -> ClauseEntities:
    """Read an event's clause against its article's entities (so the entities can be dropped)."""
    officials, sectors = _names_inside(entities, event.start, event.end)
    marks = _marks(entities, event.start, event.end, (event.expr_start, event.expr_end))
    if not (officials or sectors or marks):
        return NO_ENTITIES
    return ClauseEntities(tuple(officials), tuple(sectors), marks)


EventKey = tuple[str, int, int]


def entry_row(
    entry: ChronologyEntry, titles: Mapping[str, str], clauses: Mapping[EventKey, ClauseEntities]
) -> TimelineRow:
    """The row of one (possibly merged) chronology entry; `clauses` by (article, start, end)."""
    primary: Event = entry.primary
    officials: list[str] = []
    sectors: list[str] = []
    for event in entry.events:
        found = clauses.get((event.article, event.start, event.end), NO_ENTITIES)
        officials.extend(found.officials)
        sectors.extend(found.sectors)
    marks = clauses.get((primary.article, primary.start, primary.end), NO_ENTITIES).marks
    if not marks and primary.expr_end > primary.expr_start:
        marks = _marks(None, primary.start, primary.end, (primary.expr_start, primary.expr_end))
    return TimelineRow(
        kind="event",
        group=sys.intern(str(entry.date.year)),  # thousands of rows share a few labels
        date_label=sys.intern(date_label(entry.date, entry.end_date)),
        status=entry.status,
        text=_flat(primary.text),
        expression=sys.intern(primary.expression),
        marks=marks,
        sources=tuple(
            Source(e.article, titles.get(e.article, e.article), e.start, e.end) for e in entry.events
        ),
        officials=tuple(dict.fromkeys(officials)),
        sectors=tuple(dict.fromkeys(sectors)),
    )


def unresolved_rows(
    analysis: ArticleAnalysis, title: str, body: str, article_date: PartialDate | None
) -> list[TimelineRow]:
    """One row per expression that could not be dated, with the sentence it sits in."""
    rows: list[TimelineRow] = []
    for expression in analysis.unresolved:
        start, end = sentence_at(body, expression.start)
        names, keys = _names_inside(analysis.entities, start, end)
        rows.append(
            TimelineRow(
                kind="unresolved",
                group=UNRESOLVED_HEADING,
                date_label=expression.text,
                status="unresolved",
                text=_flat(body[start:end]),
                expression=expression.text,
                marks=_marks(analysis.entities, start, end, (expression.start, expression.end)),
                sources=(Source(analysis.article_id, title, start, end, article_date is not None),),
                officials=tuple(dict.fromkeys(names)),
                sectors=tuple(dict.fromkeys(keys)),
            )
        )
    return rows


def with_headings(rows: Iterable[TimelineRow]) -> list[TimelineRow]:
    """Rows in order with a heading (and its count) before each year and the unresolved group."""
    grouped: dict[str, list[TimelineRow]] = {}
    for row in rows:
        if not row.is_heading:
            grouped.setdefault(row.group, []).append(row)
    result: list[TimelineRow] = []
    for group, members in grouped.items():
        result.append(TimelineRow(kind="year", group=group, count=len(members)))
        result.extend(members)
    return result


def build_timeline(
    metas: Sequence[ArticleMeta],
    analysis_of: Callable[[str], ArticleAnalysis | None],
    load_body: Callable[[str], str | None],
) -> list[TimelineRow]:
    """Every dated entry across the articles by date, grouped by year, then the unresolved ones.

    Analyses are asked for one at a time and dropped once read, so the whole corpus's entities
    are never in memory together. `load_body` is asked only for articles with unresolved
    expressions (to show their sentence).
    """
    from dipreader.model.chronology import merge_events

    titles = {meta.id: meta.title for meta in metas}
    events: list[Event] = []
    clauses: dict[EventKey, ClauseEntities] = {}
    unresolved: list[TimelineRow] = []
    for meta in metas:
        analysis = analysis_of(meta.id)
        if analysis is None:
            continue
        for event in analysis.events:
            events.append(event)
            found = clause_entities(event, analysis.entities)
            if found is not NO_ENTITIES:
                clauses[(event.article, event.start, event.end)] = found
        if analysis.unresolved:
            body = load_body(meta.id)
            if body is not None:
                unresolved.extend(unresolved_rows(analysis, meta.title, body, meta.date))
    rows = [entry_row(entry, titles, clauses) for entry in merge_events(events)]
    return with_headings([*rows, *unresolved])


@dataclass(frozen=True)
class TimelineFilter:
    """What a filter query asks for: words in the text, `@official` and `#sector` tokens."""

    words: tuple[str, ...] = ()
    officials: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.words or self.officials or self.sectors)

    def matches(self, row: TimelineRow) -> bool:
        if row.is_heading:
            return False
        haystack = " ".join((row.text, row.date_label, *(s.title for s in row.sources))).lower()
        names = [name.lower() for name in row.officials]
        return (
            all(word in haystack for word in self.words)
            and all(any(token in name for name in names) for token in self.officials)
            and all(any(key.startswith(token) for key in row.sectors) for token in self.sectors)
        )


def parse_filter(query: str) -> TimelineFilter:
    """`@name` matches an official (underscores for spaces), `#key` a sector, other words the text."""
    words: list[str] = []
    officials: list[str] = []
    sectors: list[str] = []
    for token in query.lower().split():
        if token.startswith("@") and len(token) > 1:
            officials.append(token[1:].replace("_", " "))
        elif token.startswith("#") and len(token) > 1:
            sectors.append(token[1:])
        elif token not in ("@", "#"):
            words.append(token)
    return TimelineFilter(tuple(words), tuple(officials), tuple(sectors))


def filter_rows(rows: Sequence[TimelineRow], wanted: TimelineFilter) -> list[TimelineRow]:
    """The rows that match, each group under its heading (groups left empty are dropped)."""
    if wanted.empty:
        return list(rows)
    return with_headings(row for row in rows if wanted.matches(row))


def date_width(rows: Iterable[TimelineRow]) -> int:
    """Width of the date column: the longest date label, within bounds."""
    widest = max((cell_len(row.date_label) for row in rows if row.kind == "event"), default=0)
    return max(MIN_DATE_WIDTH, min(MAX_DATE_WIDTH, widest))


def sources_label(row: TimelineRow) -> str:
    titles = list(dict.fromkeys(source.title for source in row.sources))
    label = " · ".join(titles)
    if len(titles) > 1:
        label = f"{len(titles)} sources: {label}"
    if row.kind == "unresolved" and row.sources and not row.sources[0].dated:
        label += " — article undated"
    return "↳ " + label


_LEAD_IN = re.compile(r"(?:on|in|since|as of)?\s*$", re.IGNORECASE)
_LEAD_OUT = re.compile(r"[\s,]+")


def list_text_start(row: TimelineRow) -> int:
    """Where the one-line text starts: past a leading "On November 26," the date column repeats."""
    for mark in row.marks:
        if mark.kind != "date" or not _LEAD_IN.fullmatch(row.text[: mark.start]):
            continue
        gap = _LEAD_OUT.match(row.text, mark.end)
        start = gap.end() if gap else mark.end
        # keep the text whole when the date is all there is, or the rest is a fragment
        if len(row.text) - start >= 20:
            return start
    return 0


def row_layout(row: TimelineRow, line: int, width: int, date_column: int) -> list[tuple[str, Role]]:
    """The pieces of one line (0 or 1) of a row; a `text` piece starts at `list_text_start(row)`."""
    if row.is_heading:
        if line == 0:
            return []
        noun = "entry" if row.count == 1 else "entries"
        count = f" {row.count} {noun} "
        heading = f" {row.group} "
        rule = "─" * max(0, width - cell_len(heading) - cell_len(count) - 1)
        return [(heading, "heading"), (rule, "rule"), (count, "count")]
    indent = " " * (date_column + 5)  # " " date " " mark "  "
    if line == 1:
        return [(indent, "dim"), (fit(sources_label(row), width - len(indent)), "source")]
    date_role: Role = "dim" if row.kind == "unresolved" else "date"
    date = fit(row.date_label, date_column).ljust(date_column)
    mark_role: Role
    if row.kind == "unresolved":
        mark, mark_role = "?", "dim"
    elif row.planned:
        mark, mark_role = PLANNED_MARK, "planned"
    else:
        mark, mark_role = PAST_MARK, "past"
    text = fit(row.text[list_text_start(row) :], width - len(indent))
    return [(" ", "dim"), (date, date_role), (" ", "dim"), (mark, mark_role), ("  ", "dim"), (text, "text")]


def year_rows(rows: Sequence[TimelineRow]) -> list[int]:
    """Indexes of the heading rows (what the year keys jump between)."""
    return [index for index, row in enumerate(rows) if row.is_heading]


def without_marks_outside(row: TimelineRow, length: int) -> tuple[Mark, ...]:
    """The row's marks clipped to the first `length` characters (a truncated line)."""
    return tuple(replace(mark, end=min(mark.end, length)) for mark in row.marks if mark.start < length)
