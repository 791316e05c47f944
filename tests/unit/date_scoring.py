"""Score temporal expressions and chronology events against the hand-written expectations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.events import find_events
from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event
from dipreader.model.temporal import TemporalExpression

FIXTURES = Path(__file__).parents[1] / "fixtures"


def load_expectations(name: str) -> list[dict[str, Any]]:
    """`seeds_dates.yaml` or `genre_dates/expected.yaml`, as a list of per-article dicts."""
    loaded: list[dict[str, Any]] = yaml.safe_load((FIXTURES / name).read_text("utf-8"))
    return loaded


def locate(body: str, text: str, occurrence: int = 1, context: str | None = None) -> tuple[int, int]:
    """The span of the `occurrence`-th `text` (inside `context` when given)."""
    base = 0
    if context is not None:
        base = body.index(context)
        return base + body[base:].index(text), base + body[base:].index(text) + len(text)
    position = -1
    for _ in range(occurrence):
        position = body.index(text, position + 1)
    return position, position + len(text)


def value_text(value: PartialDate | None, end: PartialDate | None) -> str | None:
    if value is None:
        return None
    return f"{value.iso()}/{end.iso()}" if end is not None else value.iso()


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Score:
    """Recall of expected expressions and precision of produced events, with the misses."""

    expected: int = 0
    found: int = 0
    events: int = 0
    correct_events: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.events += other.events
        self.correct_events += other.correct_events
        self.misses += other.misses
        self.wrong += other.wrong

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct_events / self.events if self.events else 1.0


def _expected_spans(body: str, article: dict[str, Any]) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    return [
        (locate(body, item["text"], item.get("occurrence", 1), item.get("context")), item)
        for item in article["expressions"]
    ]


def _matches(expression: TemporalExpression, span: tuple[int, int], wanted: str | None) -> bool:
    return (
        expression.datable
        and _overlaps((expression.start, expression.end), span)
        and value_text(expression.value, expression.end_value) == wanted
    )


def score_article(
    article_id: str, body: str, article_date: PartialDate | None, article: dict[str, Any]
) -> Score:
    score = Score()
    expected = _expected_spans(body, article)
    expressions = find_temporal_expressions(body, article_date)
    for span, item in expected:
        if item.get("chronology", True) is False:
            continue
        score.expected += 1
        if any(_matches(e, span, item["value"]) for e in expressions):
            score.found += 1
        else:
            score.misses.append(f"{article_id}: {item['text']!r} -> {item['value']}")
    events: list[Event] = find_events(article_id, body, article_date)
    for event in events:
        score.events += 1
        right = any(
            item["value"] is not None
            and item.get("chronology", True)
            and _overlaps((event.expr_start, event.expr_end), span)
            and value_text(event.date, event.end_date) == item["value"]
            and event.status == item.get("status", "past")
            for span, item in expected
        )
        if right:
            score.correct_events += 1
        else:
            score.wrong.append(f"{article_id}: {event.expression!r} {event.date.iso()} {event.status}")
    return score


def seed_article_date(article: dict[str, Any]) -> PartialDate | None:
    value = article["publication_date"]["value"]
    return PartialDate.parse(value) if value else None


def score_seeds(article_date: str = "gold") -> Score:
    """The sample articles, dated by the gold reading or (`"inferred"`) by the text alone."""
    total = Score()
    for article in load_expectations("seeds_dates.yaml"):
        body = (FIXTURES / "seeds" / article["file"]).read_text("utf-8")
        date = seed_article_date(article) if article_date == "gold" else infer_publication_date(body)[0]
        total.add(score_article(article["file"][:3], body, date, article))
    return total


def score_genre(name: str = "expected.yaml") -> Score:
    """The genre articles (`expected.yaml`) or the held-out ones (`heldout.yaml`)."""
    total = Score()
    for article in load_expectations(f"genre_dates/{name}"):
        body = (FIXTURES / "genre_dates" / article["file"]).read_text("utf-8")
        date = article["publication_date"]["value"]
        total.add(score_article(article["file"], body, PartialDate.parse(date) if date else None, article))
    return total


HELDOUT = FIXTURES / "heldout_dates"


def _clause_right(
    event: Event,
    body: str,
    span: tuple[int, int],
    item: dict[str, Any],
    expected: list[tuple[tuple[int, int], dict[str, Any]]],
) -> bool:
    """The event text holds the item's dating clause and no other dated clause."""
    clause = item.get("clause")
    outside = item.get("outside")
    if outside is not None and outside in event.text:
        return False
    if clause is None:
        return True
    if clause not in event.text:
        return False
    clause_start = body.rfind(clause, 0, span[1])
    clause_span = (clause_start, clause_start + len(clause))
    for other_span, other in expected:
        if other is item or other_span == span:
            continue
        inside_event = event.start <= other_span[0] and other_span[1] <= event.end
        if inside_event and not (clause_span[0] <= other_span[0] and other_span[1] <= clause_span[1]):
            return False
    return True


def score_heldout_article(article: dict[str, Any], use_text_date: bool = False) -> Score:
    """One held-out article: recall, and precision with the clause of each event checked."""
    name = article["file"]
    body = (HELDOUT / name).read_text("utf-8")
    gold = article["publication_date"]["value"]
    date = infer_publication_date(body)[0] if use_text_date else PartialDate.parse(gold) if gold else None
    expected = _expected_spans(body, article)
    expressions = find_temporal_expressions(body, date)
    score = Score()
    for span, item in expected:
        if item.get("optional"):
            continue
        wanted = item["value"] if date is not None or use_text_date is False else None
        score.expected += 1
        # Undated from the body: a relative expression must then be reported unresolved.
        if any(_matches(e, span, item["value"]) for e in expressions) or (
            date is None and any(_matches(e, span, None) for e in expressions)
        ):
            score.found += 1
        else:
            score.misses.append(f"{name}: {item['text']!r} -> {wanted}")
    for event in find_events(name, body, date, expressions):
        hits = [
            (span, item) for span, item in expected if _overlaps((event.expr_start, event.expr_end), span)
        ]
        if any(item.get("optional") for _, item in hits):
            continue
        score.events += 1
        right = any(
            value_text(event.date, event.end_date) == item["value"]
            and event.status == item.get("status", "past")
            and _clause_right(event, body, span, item, expected)
            for span, item in hits
        )
        if right:
            score.correct_events += 1
        else:
            score.wrong.append(
                f"{name}: {event.expression!r} {value_text(event.date, event.end_date)}"
                f" {event.status} | {event.text!r}"
            )
    return score


def score_heldout(use_text_date: bool = False) -> Score:
    """The held-out real-agency set, dated by the gold date or by the body alone."""
    total = Score()
    for article in load_expectations("heldout_dates/expected.yaml"):
        total.add(score_heldout_article(article, use_text_date))
    return total


def heldout_publication_dates() -> tuple[int, int, list[str]]:
    """(right, total, wrong lines): the article date read from the body of each held-out file."""
    right, wrong = 0, []
    articles = load_expectations("heldout_dates/expected.yaml")
    for article in articles:
        date, _ = infer_publication_date((HELDOUT / article["file"]).read_text("utf-8"))
        gold = article["publication_date"]
        got = date.iso() if date else None
        if got == gold["from_text"] or (got is None and gold.get("accept_undated")):
            right += 1
        else:
            wrong.append(f"{article['file']}: {got} (want {gold['from_text']})")
    return right, len(articles), wrong
