"""Events of one article: the clause each dated temporal expression governs, with its tense."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dipreader.extract.dates.tense import clause_status
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.dates.timepatterns import ANNIVERSARY_YEAR
from dipreader.extract.text.clauses import clause_spans
from dipreader.extract.text.sentences import group_by_sentence, sentence_spans
from dipreader.model.article import PartialDate
from dipreader.model.calendar_math import as_date, last_day
from dipreader.model.chronology import Event
from dipreader.model.temporal import TemporalExpression


def _status(
    expression: TemporalExpression, clause: str, offset: int, article_date: PartialDate | None
) -> str:
    status = clause_status(clause, offset)
    if article_date is not None and expression.value is not None:
        # "who is in China from Oct. 13 to 18" in an article of 15 October.
        if (
            expression.end_value is not None
            and expression.value.day is not None
            and (as_date(expression.value) < as_date(article_date) <= last_day(expression.end_value))
        ):
            return "ongoing"
        if as_date(expression.value) > last_day(article_date):
            return "planned"
        if status == "planned" and last_day(expression.value) < as_date(article_date):
            return "past"
    return status


def _dated(expressions: Iterable[TemporalExpression]) -> list[TemporalExpression]:
    return [e for e in expressions if e.datable and e.value is not None]


def find_events(
    article_id: str,
    body: str,
    article_date: PartialDate | None,
    expressions: Sequence[TemporalExpression] | None = None,
) -> list[Event]:
    """Every dated clause of one article, in text order (page furniture excluded).

    `expressions` saves finding the temporal expressions again when the caller has them.
    """
    if expressions is None:
        expressions = find_temporal_expressions(body, article_date)
    # Unresolved expressions still end their clauses, though they make no event; so does the year
    # of an anniversary ("this year marks the 50th anniversary of ties, which ... in 1974").
    datable = [e for e in expressions if e.datable or e.kind == ANNIVERSARY_YEAR]
    events: list[Event] = []
    sentences = sentence_spans(body)
    groups = group_by_sentence([e.start for e in datable], sentences)
    for sentence, members in zip(sentences, groups, strict=True):
        if not members:
            continue
        inside = [datable[member] for member in members]
        places = [(e.start, e.end) for e in inside]
        spans = clause_spans(body, sentence, places)
        tensed = clause_spans(body, sentence, places, nouns=False)
        for expression, (start, end), (t_start, t_end) in zip(inside, spans, tensed, strict=True):
            if expression.value is None:
                continue
            clause = body[start:end]
            events.append(
                Event(
                    article=article_id,
                    date=expression.value,
                    precision=expression.value.precision,
                    expression=expression.text,
                    text=clause,
                    start=start,
                    end=end,
                    expr_start=expression.start,
                    expr_end=expression.end,
                    status=_status(expression, body[t_start:t_end], expression.start - t_start, article_date),
                    end_date=expression.end_value,
                )
            )
    return events


def find_unresolved(
    article_id: str,
    body: str,
    article_date: PartialDate | None,
    expressions: Sequence[TemporalExpression] | None = None,
) -> list[TemporalExpression]:
    """Expressions that would date an event but cannot be resolved (e.g. no article date)."""
    del article_id  # kept for symmetry with find_events; the text alone decides
    if expressions is None:
        expressions = find_temporal_expressions(body, article_date)
    return [e for e in expressions if e.datable and e.value is None]
