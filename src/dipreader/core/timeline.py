"""The timeline of a library: year headings, merged dated entries, unresolved dates, and its filter."""

from __future__ import annotations

import bisect
import itertools
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Literal, Protocol, TypeVar

from dipreader.extract.text.sentences import sentence_at, sentence_spans
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta, Entities, OfficialMention, PartialDate, SectorMention

if TYPE_CHECKING:  # the chronology model loads heavy pattern tables: import it when building
    from dipreader.model.chronology import ChronologyEntry, Event

RowKind = Literal["year", "event", "unresolved"]
MarkKind = Literal["official", "sector", "date"]

UNRESOLVED_HEADING = "Undated / unresolved"
PLANNED_MARK = "◇"
PAST_MARK = "•"

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


def span_label(start: PartialDate, end: PartialDate | None = None) -> str:
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


class _Placed(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


PlacedT = TypeVar("PlacedT", bound=_Placed)


class _Inside(Generic[PlacedT]):
    """The mentions of one kind wholly inside a span, found by bisection on their starts (an
    article's mentions are sorted by start; any other order is scanned whole, in its order)."""

    def __init__(self, mentions: Sequence[PlacedT]) -> None:
        self.mentions = mentions
        self.starts = [mention.start for mention in mentions]
        self.ordered = all(before <= after for before, after in itertools.pairwise(self.starts))

    def __call__(self, start: int, end: int) -> list[PlacedT]:
        if not self.ordered:
            return [m for m in self.mentions if m.start >= start and m.end <= end]
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.starts, end, lo=first)
        return [m for m in self.mentions[first:last] if m.end <= end]


@dataclass(frozen=True, slots=True)
class _EntitiesInside:
    entities: Entities
    officials: _Inside[OfficialMention]
    sectors: _Inside[SectorMention]


_LAST_INSIDE: list[_EntitiesInside] = []
"""The last article's entities prepared for bisection: its events and sentences ask one by one."""


def _inside(entities: Entities) -> _EntitiesInside:
    last = _LAST_INSIDE[-1] if _LAST_INSIDE else None
    if last is not None and last.entities is entities:
        return last
    prepared = _EntitiesInside(entities, _Inside(entities.officials), _Inside(entities.sectors))
    _LAST_INSIDE[:] = [prepared]
    return prepared


def _officials_inside(entities: Entities, start: int, end: int) -> list[OfficialMention]:
    return _inside(entities).officials(start, end)


def _sectors_inside(entities: Entities, start: int, end: int) -> list[SectorMention]:
    return _inside(entities).sectors(start, end)


def _marks(
    entities: Entities | None, start: int, end: int, expression: tuple[int, int] | None
) -> tuple[Mark, ...]:
    marks: list[Mark] = []
    if expression is not None and expression[0] >= start and expression[1] <= end:
        marks.append(Mark(expression[0] - start, expression[1] - start, "date"))
    if entities is not None:
        marks.extend(
            Mark(m.start - start, m.end - start, "official") for m in _officials_inside(entities, start, end)
        )
        marks.extend(
            Mark(m.start - start, m.end - start, "sector", m.sector)
            for m in _sectors_inside(entities, start, end)
        )
    return tuple(sorted(marks, key=lambda mark: (mark.start, mark.end)))


def _names_inside(entities: Entities | None, start: int, end: int) -> tuple[list[str], list[str]]:
    if entities is None:
        return [], []
    officials = [name for m in _officials_inside(entities, start, end) for name in (m.name, m.surface)]
    sectors = [m.sector for m in _sectors_inside(entities, start, end)]
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


EventKey = tuple[str, int, int, int, int]


def event_key(event: Event) -> EventKey:
    """An event by article, clause and expression: two dates in one clause are two events, each
    with its own date mark."""
    return (event.article, event.start, event.end, event.expr_start, event.expr_end)


def entry_row(
    entry: ChronologyEntry, titles: Mapping[str, str], clauses: Mapping[EventKey, ClauseEntities]
) -> TimelineRow:
    """The row of one (possibly merged) chronology entry; `clauses` by `event_key`."""
    primary: Event = entry.primary
    officials: list[str] = []
    sectors: list[str] = []
    for event in entry.events:
        found = clauses.get(event_key(event), NO_ENTITIES)
        officials.extend(found.officials)
        sectors.extend(found.sectors)
    marks = clauses.get(event_key(primary), NO_ENTITIES).marks
    if not marks and primary.expr_end > primary.expr_start:
        marks = _marks(None, primary.start, primary.end, (primary.expr_start, primary.expr_end))
    return TimelineRow(
        kind="event",
        group=sys.intern(str(entry.date.year)),  # thousands of rows share a few labels
        date_label=sys.intern(span_label(entry.date, entry.end_date)),
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


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What every unresolved row of one sentence shares: its text, names and entity marks."""

    text: str
    officials: tuple[str, ...]
    sectors: tuple[str, ...]
    marks: tuple[Mark, ...]
    mark_keys: tuple[tuple[int, int], ...]


def _sentence(entities: Entities, body: str, start: int, end: int) -> _Sentence:
    names, keys = _names_inside(entities, start, end)
    marks = _marks(entities, start, end, None)
    return _Sentence(
        _flat(body[start:end]),
        tuple(dict.fromkeys(names)),
        tuple(dict.fromkeys(keys)),
        marks,
        tuple((mark.start, mark.end) for mark in marks),
    )


def _with_date_mark(
    sentence: _Sentence, start: int, end: int, expression: tuple[int, int]
) -> tuple[Mark, ...]:
    """`_marks` of the sentence with the expression's date mark: first among marks of its span,
    as the stable sort there puts it."""
    if not (expression[0] >= start and expression[1] <= end):
        return sentence.marks
    date = Mark(expression[0] - start, expression[1] - start, "date")
    place = bisect.bisect_left(sentence.mark_keys, (date.start, date.end))
    return (*sentence.marks[:place], date, *sentence.marks[place:])


def unresolved_rows(
    analysis: ArticleAnalysis, title: str, body: str, article_date: PartialDate | None
) -> list[TimelineRow]:
    """One row per expression that could not be dated, with the sentence it sits in (what the
    rows of one sentence share is read once)."""
    rows: list[TimelineRow] = []
    spans = sentence_spans(body) if analysis.unresolved else []
    sentences: dict[tuple[int, int], _Sentence] = {}
    dated = article_date is not None
    for expression in analysis.unresolved:
        start, end = span = sentence_at(body, expression.start, spans)
        sentence = sentences.get(span)
        if sentence is None:
            sentence = sentences[span] = _sentence(analysis.entities, body, start, end)
        rows.append(
            TimelineRow(
                kind="unresolved",
                group=UNRESOLVED_HEADING,
                date_label=expression.text,
                status="unresolved",
                text=sentence.text,
                expression=expression.text,
                marks=_with_date_mark(sentence, start, end, (expression.start, expression.end)),
                sources=(Source(analysis.article_id, title, start, end, dated),),
                officials=sentence.officials,
                sectors=sentence.sectors,
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
                clauses[event_key(event)] = found
        if analysis.unresolved:
            body = load_body(meta.id)
            if body is not None:
                unresolved.extend(unresolved_rows(analysis, meta.title, body, meta.date))
    rows = [entry_row(entry, titles, clauses) for entry in merge_events(events)]
    return with_headings([*rows, *unresolved])
