"""Events: the clause each expression dates, past or planned, merged across articles."""

from __future__ import annotations

import json

import pytest
from date_scoring import score_genre, score_seeds

from dipreader.extract.events import find_events, find_unresolved
from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event, chronology_records, merge_events

DAY = PartialDate(2025, 11, 27)


def test_seed_and_genre_figures_meet_the_targets() -> None:
    for score in (score_seeds(), score_genre(), score_genre("heldout.yaml")):
        assert score.recall >= 0.95, score.misses
        assert score.precision >= 0.95, score.wrong


def test_each_expression_dates_its_own_clause() -> None:
    body = (
        "Italy opened its first embassy in Azerbaijan in 1997 and the embassy of "
        "Azerbaijan in Italy has been functioning since 2003."
    )
    events = find_events("a", body, None)
    assert [(e.date.iso(), e.text) for e in events] == [
        ("1997", "Italy opened its first embassy in Azerbaijan in 1997"),
        ("2003", "the embassy of Azerbaijan in Italy has been functioning since 2003."),
    ]
    assert all(body[e.start : e.end] == e.text for e in events)
    assert all(body[e.expr_start : e.expr_end] == e.expression for e in events)


def test_a_list_shares_its_clause() -> None:
    events = find_events("a", "Aliyev visited Rome in 2020 and 2022.", None)
    assert [e.date.iso() for e in events] == ["2020", "2022"]
    assert events[0].text == events[1].text == "Aliyev visited Rome in 2020 and 2022."


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("COP29, which will be held in Azerbaijan in November 2026, was discussed.", "planned"),
        ("The forum is scheduled for March 2026.", "planned"),
        ("The sides agreed to hold consultations in 2026.", "planned"),
        ("The talks were held in Rome on November 20.", "past"),
        ("The Joint Declaration signed in 2020 was recalled.", "past"),
        ("The World Urban Forum will be held next year.", "planned"),
    ],
)
def test_past_and_planned(sentence: str, status: str) -> None:
    (event,) = find_events("a", sentence, DAY)
    assert event.status == status


def test_page_furniture_and_traps_make_no_events() -> None:
    body = (
        "BAKU, Azerbaijan, November 27. The commission meets every year. "
        "The 12th Summit and COP29 were recalled; 10 billion cubic meters, "
        "more than 100 firms. Relations grew in recent years."
    )
    assert find_events("a", body, DAY) == []


def test_undated_article_keeps_relatives_unresolved() -> None:
    body = "The ministers met on Tuesday. The forum will be held next year. Relations date to 1992."
    assert [e.date.iso() for e in find_events("a", body, None)] == ["1992"]
    assert [e.text for e in find_unresolved("a", body, None)] == ["on Tuesday", "next year"]
    assert find_unresolved("a", body, DAY) == []


def _event(article: str, text: str, date: PartialDate = DAY) -> Event:
    return Event(
        article=article,
        date=date,
        precision=date.precision,
        expression="x",
        text=text,
        start=0,
        end=len(text),
        expr_start=0,
        expr_end=1,
        status="past",
    )


def test_one_event_reported_by_two_articles_is_one_entry() -> None:
    first = find_events(
        "trend/1",
        "BAKU, November 27. On November 27, Bayramov met Italian Foreign Minister Antonio Tajani in Rome.",
        DAY,
    )
    second = find_events(
        "apa/2",
        "On November 27, Azerbaijani Foreign Minister Jeyhun "
        "Bayramov met with Antonio Tajani in Rome, APA reports.",
        DAY,
    )
    entries = merge_events(first + second)
    assert len(entries) == 1
    assert entries[0].articles == ("apa/2", "trend/1")
    assert entries[0].date == DAY and entries[0].precision == "day"


def test_different_events_on_one_date_stay_apart() -> None:
    entries = merge_events(
        [
            _event("a", "Bayramov met Tajani in Rome"),
            _event("b", "The parliament ratified the gas agreement with Hungary"),
            _event("a", "Bayramov met Tajani in Rome"),  # same article twice: not two sources
        ]
    )
    assert [len(entry.events) for entry in entries] == [1, 1, 1]


def test_entries_are_sorted_by_date() -> None:
    entries = merge_events(
        [
            _event("a", "later", PartialDate(2024, 5)),
            _event("a", "earliest", PartialDate(1992, 5, 8)),
            _event("a", "year", PartialDate(2024)),
        ]
    )
    assert [entry.text for entry in entries] == ["earliest", "year", "later"]


def test_records_have_the_design_shape() -> None:
    body = "The sides met from 30 September to 1 October 2024 in Baku."
    records = chronology_records(merge_events(find_events("x/y", body, None)))
    assert json.loads(json.dumps(records)) == [
        {
            "date": "2024-09-30",
            "precision": "day",
            "expression": "from 30 September to 1 October 2024",
            "text": body,
            "article": "x/y",
            "start": 0,
            "end": len(body),
            "status": "past",
            "end_date": "2024-10-01",
            "sources": [{"article": "x/y", "start": 0, "end": len(body), "text": body}],
        }
    ]
