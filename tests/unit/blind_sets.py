"""Blind evaluation sets scored with the existing scorers; run it to print the figures.

PYTHONPATH=src .venv/bin/python tests/unit/blind_sets.py [-v] [blind3|blind4|blind5|blind6|blind7]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from date_scoring import (
    FIXTURES,
    Score,
    _clause_right,
    _expected_spans,
    _matches,
    _overlaps,
    load_expectations,
    value_text,
)
from extraction_scoring import Scores, load_cases, score, without_people

from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.events import find_events
from dipreader.model.article import PartialDate
from dipreader.model.knowledge import bundled_knowledge


@dataclass(frozen=True)
class DatedSet:
    """A folder of articles and its date expectations (the shape of heldout_dates/expected.yaml)."""

    directory: Path
    expectations: str

    def articles(self) -> list[dict[str, Any]]:
        return load_expectations(self.expectations)


@dataclass(frozen=True)
class BlindSet:
    """One blind set: its folder, officials and sectors expectations, and date expectations."""

    name: str

    @property
    def directory(self) -> Path:
        return FIXTURES / self.name

    @property
    def entities(self) -> tuple[Path, Path]:
        """The arguments of `extraction_scoring.load_cases`."""
        return self.directory / "expectations.yaml", self.directory

    @property
    def dated(self) -> DatedSet:
        return DatedSet(self.directory, f"{self.name}/dates.yaml")


BLIND_SETS = {name: BlindSet(name) for name in ("blind3", "blind4", "blind5", "blind6", "blind7")}
BLIND3_DIR = BLIND_SETS["blind3"].directory
BLIND3_SET = BLIND_SETS["blind3"].entities
BLIND3_DATED = BLIND_SETS["blind3"].dated


def f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def score_dated_article(directory: Path, article: dict[str, Any], use_text_date: bool = False) -> Score:
    """`date_scoring.score_heldout_article` for an article in any folder: recall of the expected
    expressions, and precision of the events with the clause of each checked."""
    name = article["file"]
    body = (directory / name).read_text("utf-8")
    gold = article["publication_date"]["value"]
    date = infer_publication_date(body)[0] if use_text_date else PartialDate.parse(gold) if gold else None
    expected = _expected_spans(body, article)
    expressions = find_temporal_expressions(body, date)
    result = Score()
    for span, item in expected:
        if item.get("optional"):
            continue
        result.expected += 1
        # Undated from the body: a relative expression must then be reported unresolved.
        if any(_matches(e, span, item["value"]) for e in expressions) or (
            date is None and any(_matches(e, span, None) for e in expressions)
        ):
            result.found += 1
        else:
            result.misses.append(f"{name}: {item['text']!r} -> {item['value']}")
    for event in find_events(name, body, date, expressions):
        hits = [
            (span, item) for span, item in expected if _overlaps((event.expr_start, event.expr_end), span)
        ]
        if any(item.get("optional") for _, item in hits):
            continue
        result.events += 1
        right = any(
            value_text(event.date, event.end_date) == item["value"]
            and event.status == item.get("status", "past")
            and _clause_right(event, body, span, item, expected)
            for span, item in hits
        )
        if right:
            result.correct_events += 1
        else:
            result.wrong.append(
                f"{name}: {event.expression!r} {value_text(event.date, event.end_date)}"
                f" {event.status} | {event.text!r}"
            )
    return result


def score_dated_set(dated: DatedSet, use_text_date: bool = False) -> Score:
    total = Score()
    for article in dated.articles():
        total.add(score_dated_article(dated.directory, article, use_text_date))
    return total


def publication_dates(dated: DatedSet) -> tuple[int, int, list[str]]:
    """(right, total, wrong lines): the article date read from the body of each file."""
    right, wrong = 0, []
    articles = dated.articles()
    for article in articles:
        date, _ = infer_publication_date((dated.directory / article["file"]).read_text("utf-8"))
        gold = article["publication_date"]
        got = date.iso() if date else None
        if got == gold["from_text"] or (got is None and gold.get("accept_undated")):
            right += 1
        else:
            wrong.append(f"{article['file']}: {got} (want {gold['from_text']})")
    return right, len(articles), wrong


def officials_row(label: str, scores: Scores) -> str:
    matched = scores.matched_people
    return (
        f"| {label} | {scores.persons.precision:.3f}/{scores.persons.recall:.3f}/{scores.persons.f1:.3f}"
        f" | {scores.mentions.f1:.3f} | {scores.roles_right / matched if matched else 1.0:.3f}"
        f" ({scores.roles_right}/{matched}) | {scores.countries_right / matched if matched else 1.0:.3f}"
        f" ({scores.countries_right}/{matched}) | {scores.sectors.precision:.3f}/"
        f"{scores.sectors.recall:.3f}/{scores.sectors.f1:.3f} |"
    )


def chronology_row(label: str, result: Score) -> str:
    return (
        f"| {label} | {result.found}/{result.expected} = {result.recall:.3f}"
        f" | {result.correct_events}/{result.events} = {result.precision:.3f}"
        f" | {f1(result.precision, result.recall):.3f} |"
    )


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    name = next((arg for arg in argv if arg in BLIND_SETS), "blind3")
    blind = BLIND_SETS[name]
    dated = blind.dated
    cases = load_cases(*blind.entities)
    bundled = bundled_knowledge()
    print(f"| {name} | persons P/R/F1 | mentions F1 | role right | country right | sectors P/R/F1 |")
    print("| --- | --- | --- | --- | --- | --- |")
    details: list[str] = []
    for label, knowledge in (("bundled knowledge", bundled), ("no known people", without_people(bundled))):
        scores = score(cases, knowledge)
        print(officials_row(label, scores))
        details += [f"[{label}] {error}" for error in scores.errors]
    print()
    print(f"| {name} chronology | recall | precision | F1 |")
    print("| --- | --- | --- | --- |")
    for label, use_text_date in (("gold article date", False), ("article date from the text", True)):
        result = score_dated_set(dated, use_text_date)
        print(chronology_row(label, result))
        details += [f"[{label}] missed {line}" for line in result.misses]
        details += [f"[{label}] wrong {line}" for line in result.wrong]
    right, total, wrong = publication_dates(dated)
    print()
    print(f"Article dates from the text: {right}/{total} = {right / total:.3f}")
    details += [f"[article date] {line}" for line in wrong]
    if verbose:
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
