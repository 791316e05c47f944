"""The fast temporal extraction finds exactly what the slow one found (issue 7)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from dipreader.extract.dates import timepatterns
from dipreader.extract.dates.datewords import MONTH_RE, MONTHS, lowered_for_matching
from dipreader.extract.dates.tense import clause_status
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.events import find_events, find_unresolved
from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event
from dipreader.model.temporal import TemporalExpression

FIXTURE = Path(__file__).parents[1] / "fixtures" / "timeexpr_equivalence.json"
EXPECTED: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None else None


def _expression(found: TemporalExpression) -> dict[str, Any]:
    return {
        "text": found.text,
        "start": found.start,
        "end": found.end,
        "kind": found.kind,
        "value": _iso(found.value),
        "end_value": _iso(found.end_value),
        "modifier": found.modifier,
        "resolved": found.resolved,
        "datable": found.datable,
    }


def _event(found: Event) -> dict[str, Any]:
    return {
        "date": _iso(found.date),
        "precision": found.precision,
        "expression": found.expression,
        "start": found.start,
        "end": found.end,
        "expr_start": found.expr_start,
        "expr_end": found.expr_end,
        "status": found.status,
        "end_date": _iso(found.end_date),
    }


@pytest.mark.parametrize(
    "case", EXPECTED["cases"], ids=lambda case: f"article{case['article']}-{case['date']}"
)
def test_generated_articles_give_what_the_reference_code_gave(case: dict[str, Any]) -> None:
    text = EXPECTED["texts"][case["article"]]
    date = PartialDate(*(int(part) for part in case["date"].split("-"))) if case["date"] else None
    expressions = find_temporal_expressions(text, date)
    assert [_expression(found) for found in expressions] == case["expressions"]
    events = find_events(f"a{case['article']}", text, date, expressions)
    assert [_event(found) for found in events] == case["events"]
    unresolved = find_unresolved(f"a{case['article']}", text, date, expressions)
    assert [found.start for found in unresolved] == case["unresolved"]


_WORDS = (
    "on in On In since until by during Throughout before after as of starting from the The of "
    "from to and or between & , , . ; - – / January February March May June September December "
    "Jan Sept. Sept DEC MAY may Monday Friday 1 3 8 12 21 30 31 01 1st 22nd 8th 1850 1945 1990 "
    "2001 2019 2020 2024 2025 2030 2099 24 99 2024-05-17 12.05.2024 2020-2024 2019/20 2024–25 "
    "1990s 12020s 1980's year years month week days decade decades today Today yesterday "
    "tomorrow tonight ago anniversary 30th thirtieth quarter Q1 Q4 FY FY2024 Fiscal fiscal "
    "spring Spring autumn fall winter recent past last Last next this current coming previous "
    "following same that early mid mid- late end beginning start middle first second half a an "
    "two ten every each other annually biannually yearly once twice times per annum basis "
    "regular annual near future post-war period history those for over within more than about "
    "several few $ # tons percent will held met said was scheduled Agenda Vision marking Day "
    "Baton cooperation Minister Mr. \u0130 \u0131 \u017f \u017fpring \u212a \n \n\n"
)
_PHRASES = (
    "per annum",
    "three times a year",
    "on a regular basis",
    "every other Monday",
    "in the near future",
    "post-war period",
    "in recent history",
    "in those times",
    "for the past few years",
    "two years ago",
    "the day before yesterday",
    "a day earlier",
    "later in the day",
    "the first half of",
    "the end of the",
    "the month of",
    "the year",
    "Fiscal Year",
    "that same year",
    "as of",
    "starting from",
    "between 3 and 5 May",
)
_TOKENS = [*_WORDS.split(" "), *_PHRASES]


def _fuzz_text(seed: int) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    for _ in range(rng.randint(20, 160)):
        parts.append(rng.choice(_TOKENS))
        parts.append(rng.choice((" ", " ", " ", " ", " ", "", "  ", "\n", ", ", "-")))
    return "".join(parts)


def _all(found: Any) -> list[str]:
    return sorted(repr((order, match.span(), match.groupdict())) for order, match in found)


@pytest.mark.parametrize("seed", range(0, 120, 10))
def test_rules_tried_near_anchors_match_as_rules_tried_everywhere(seed: int) -> None:
    for text in (_fuzz_text(number) for number in range(seed, seed + 10)):
        assert _all(timepatterns._rule_matches(text)) == _all(timepatterns._rule_matches_everywhere(text)), (
            text
        )


def test_a_rule_without_its_anchor_would_be_missed() -> None:
    """The comparison above can fail: "per annum" has no anchor but "annum"."""
    text = "paid 5 million per annum"
    assert any(match.group() == "per annum" for _order, match in timepatterns._rule_matches_everywhere(text))
    starts = timepatterns._match_starts(text)
    assert text.index("per") in starts
    assert text.index("annum") in starts


def test_no_month_name_holds_another_where_a_name_could_end() -> None:
    """Anchors are found without overlaps, so no month name may end another one."""
    names = {name for word in MONTHS for name in (word.capitalize(), word.upper())}
    for name in names:
        for offset in range(1, len(name)):
            assert not re.fullmatch(MONTH_RE, name[offset:]), name


def test_lowered_text_is_used_only_where_it_keeps_positions() -> None:
    assert lowered_for_matching("Next YEAR") == "next year"
    assert lowered_for_matching("\u0130stanbul, next year") is None  # lowers to two characters
    assert lowered_for_matching("\u017fpring") is None  # long s matches "s" ignoring case


def test_clause_status_reads_lowered_and_odd_text_alike() -> None:
    assert clause_status("The forum WILL BE HELD next year", 20) == "planned"
    assert clause_status("The forum \u017fHALL be held", 10) == "planned"
    assert clause_status("The sides MET", 0) == "past"
