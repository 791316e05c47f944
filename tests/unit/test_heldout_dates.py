"""Quality on the held-out agency articles: targets, and the clause rules they exposed."""

from __future__ import annotations

import pytest
from date_scoring import heldout_publication_dates, score_heldout

from dipreader.extract.dates.dateline import find_furniture
from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.events import find_events
from dipreader.model.article import PartialDate


@pytest.mark.parametrize("use_text_date", [False, True], ids=["gold-date", "text-date"])
def test_heldout_targets(use_text_date: bool) -> None:
    score = score_heldout(use_text_date)
    assert score.expected >= 90
    assert score.recall >= 0.95, score.misses
    assert score.precision >= 0.95, score.wrong


def test_heldout_publication_dates() -> None:
    right, total, wrong = heldout_publication_dates()
    assert total >= 13
    assert right / total >= 0.9, wrong


DAY = PartialDate(2025, 9, 23)


def _texts(body: str, date: PartialDate | None = DAY) -> list[tuple[str, str]]:
    return [(e.date.iso(), e.text) for e in find_events("a", body, date)]


def test_a_date_qualifying_a_noun_dates_the_noun_not_the_briefing() -> None:
    body = (
        "Minister Bayramov briefed his counterpart on the peace agenda, including the "
        "Washington Joint Declaration of August 8, 2025, and other steps."
    )
    assert _texts(body) == [("2025-08-08", "the Washington Joint Declaration of August 8, 2025")]


def test_several_dated_clauses_each_get_their_own_text() -> None:
    body = "In 2018 the minister visited Baku; in 2020 the sides signed a declaration."
    assert _texts(body) == [
        ("2018", "In 2018 the minister visited Baku"),
        ("2020", "in 2020 the sides signed a declaration."),
    ]


def test_a_relative_clause_keeps_its_head_and_its_own_date() -> None:
    body = (
        "Szijjarto, who last visited Ankara in November 2023, thanked Ankara and recalled "
        "the talks held on 4 June 2024."
    )
    texts = _texts(body)
    assert texts[0] == ("2023-11", "Szijjarto, who last visited Ankara in November 2023")
    assert "thanked" not in texts[0][1] and "November" not in texts[1][1]


def test_said_on_a_weekday_dates_the_saying() -> None:
    body = "Lavrov will hold talks in Moscow on April 5, the Russian Foreign Ministry said on Wednesday."
    events = find_events("a", body, PartialDate(2024, 4, 3))
    assert [(e.date.iso(), e.status) for e in events] == [("2024-04-05", "planned"), ("2024-04-03", "past")]
    assert events[1].text == "the Russian Foreign Ministry said on Wednesday."


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("Published: 14:32, 23 September 2025\n\nText.", "2025-09-23"),
        ("12.03.2024 | 14:32\n\nText.", "2024-03-12"),
        ("2024/03/12\n\nText.", "2024-03-12"),
        ("Burak Bir  |04.06.2024 - Update : 05.06.2024\n\nText.", "2024-06-04"),
        ("January 15, 2025 3:42 PM GMT+5 Updated January 16, 2025\n\nText.", "2025-01-15"),
        ("Wednesday, March 6th 2024 - 09:41 UTC\n\nText.", "2024-03-06"),
        ("3 APR 2024, 14:20\n\nText.", "2024-04-03"),
    ],
)
def test_stamp_lines_give_the_page_date_and_make_no_event(body: str, value: str) -> None:
    assert infer_publication_date(body) == (PartialDate.parse(value), "text")
    assert find_events("a", body, PartialDate.parse(value)) == []
    assert all(f.kind in ("page_date", "updated") for f in find_furniture(body))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They met in Tashkent the day before.", "2025-09-22"),
        ("The summit opened earlier in the day.", "2025-09-23"),
        ("Trade in FY2023-24 exceeded $2 billion.", "2023/2024"),
        ("The roadshow will take place in Q3.", "2025"),
        ("Euro 2024, which kicks off on October 14, was discussed.", "2025-10-14"),
        ("Milei, who took office on 10 December, was praised.", "2024-12-10"),
        ("He looks forward to meeting Aliyev in Baku in March.", "2026-03"),
    ],
)
def test_agency_forms_resolve(text: str, value: str) -> None:
    found = [e for e in find_temporal_expressions(text, DAY) if e.datable]
    assert len(found) == 1
    got = found[0].value.iso() if found[0].value else None
    end = found[0].end_value
    assert (f"{got}/{end.iso()}" if end else got) == value


@pytest.mark.parametrize(
    "text",
    [
        "Both will attend events marking March 8, International Women's Day.",
        "Kazakhstan's fiscal year runs from January to December.",
        "They support the 2030 Agenda and Vision 2030.",
        "China imported 2023 tonnes of sesame.",
        "They met on the sidelines of the 79th session of the UN General Assembly.",
    ],
)
def test_genre_traps_make_no_event(text: str) -> None:
    assert find_events("a", text, DAY) == []


def test_anniversary_this_year_fixes_the_dateline_year() -> None:
    body = (
        "BEIJING, Oct. 15 (Xinhua) -- This year marks the 50th anniversary of ties, "
        "established in 1974. Brazil will host COP30 in November 2025."
    )
    assert infer_publication_date(body) == (PartialDate(2024, 10, 15), "dateline")
