"""Merging events whose dates are shared first by one article, then by another (words read late)."""

from __future__ import annotations

from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event, merge_events

DAY = PartialDate(2024, 4, 8)


def event(article: str, start: int, text: str, date: PartialDate = DAY) -> Event:
    return Event(
        article, date, date.precision, "April 8", text, start, start + len(text), start, start + 7, "past"
    )


def test_an_article_reporting_what_another_reported_joins_the_right_group() -> None:
    events = [
        event("a", 0, "The embassy opened its new building in the capital"),
        event("a", 100, "Deputy ministers held political consultations in Rome"),
        event("a", 200, "Deputy ministers held political consultations again"),  # same article: never merged
        event("b", 0, "Political consultations of the deputy ministers were held in Rome"),
        event("c", 0, "Consultations of deputy ministers held in Rome"),
        event("b", 50, "A trade fair closed", PartialDate(2024, 4, 9)),
    ]
    entries = merge_events(events)
    groups = [[(e.article, e.start) for e in entry.events] for entry in entries]
    # c joins the first group it is similar to that has none of its events
    assert groups == [[("a", 0)], [("a", 100), ("b", 0), ("c", 0)], [("a", 200)], [("b", 50)]]


def test_events_of_one_article_alone_on_their_dates_stay_apart() -> None:
    events = [event("a", index * 10, "Ministers met in Baku") for index in range(3)]
    assert [len(entry.events) for entry in merge_events(events)] == [1, 1, 1]
