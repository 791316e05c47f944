"""Blind set 7's date causes, on sentences of their own: a lead's weekday after a capital "On", "the
will of" as a noun, "N years since" a founding date counted like an anniversary, a stamp line's
weekday as furniture, a "today" with the day after it or with a plan, a bare passive cut off its
modal, and "continue with" reporting what is still to come. Each failed before but two guards: the
anniversary day wants "exactly" or the lead's weekday, and a header that runs on into prose keeps
the lead's date as an event."""

from __future__ import annotations

from extraction_probes import events

from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.tense import clause_status
from dipreader.model.article import PartialDate

# Article dates.


def test_a_yearless_stamp_takes_the_year_of_a_weekday_after_a_capital_on() -> None:
    body = (
        "Ministers meet in Riga\n\n12 May 09:15\n\n"
        "RIGA (Agency) — On Tuesday, the foreign ministers held talks on transit and energy.\n\n"
        "Trade between the two countries reached 40 million euros in 2025."
    )
    assert infer_publication_date(body) == (PartialDate(2026, 5, 12), "dateline")


def test_the_will_of_is_a_noun_and_does_not_make_a_year_planned() -> None:
    sentence = 'He said the session, held for the first time since 2021, reflects "the will of both nations."'
    assert clause_status(sentence, sentence.index("since 2021")) == "past"
    body = (
        "Two ministers sign accords\n\n"
        "Lima, Oct. 14 (Agency) - The two ministers signed four accords on Tuesday in Lima.\n\n"
        f"{sentence}\n\nTrade stood at 90 million dollars in 2024."
    )
    assert infer_publication_date(body) == (PartialDate(2025, 10, 14), "dateline")


def test_the_political_will_to_act_is_a_noun_too() -> None:
    sentence = "They noted the political will to cooperate since 2019."
    assert clause_status(sentence, sentence.index("since 2019")) == "past"


def test_years_since_a_founding_day_date_the_anniversary_day() -> None:
    body = (
        "Two nations mark four decades of ties\n\n"
        "The two countries on Wednesday marked exactly 40 years since they established diplomatic "
        "relations on 12 March 1985, with a reception in the capital.\n\n"
        "The ministers also opened a new trade office."
    )
    assert infer_publication_date(body) == (PartialDate(2025, 3, 12), "inferred")


def test_years_since_a_founding_day_needs_the_weekday_or_exactly() -> None:
    body = (
        "Two nations mark four decades of ties\n\n"
        "The two countries on Thursday marked 40 years since they established diplomatic "
        "relations on 12 March 1985, with a reception in the capital."
    )
    assert infer_publication_date(body) == (None, None)


# Chronology.


def test_a_weekday_on_a_stamp_line_is_furniture() -> None:
    body = (
        "Ministers meet\n\nPublished:Monday | March 3, 2025 | 9:15 AM\n\n"
        "The ministers met yesterday in Kingston to discuss shipping."
    )
    assert infer_publication_date(body) == (PartialDate(2025, 3, 3), "text")
    assert events(body, PartialDate(2025, 3, 3)) == [("yesterday", "2025-03-02", "past")]


def test_a_header_running_on_into_prose_keeps_the_lead_date() -> None:
    body = "date 2025-11-26 AGENCY)On November 26, the minister met the speaker of the senate in Rome.\n"
    assert ("On November 26", "2025-11-26", "past") in events(body, PartialDate(2025, 11, 26))


def test_today_with_the_day_after_it_dates_an_event() -> None:
    body = "The envoy will tour the old city in Kandy today (14) before leaving the island.\n"
    assert [e[:2] for e in events(body, PartialDate(2025, 10, 14))] == [("today", "2025-10-14")]


def test_today_with_a_scheduled_visit_dates_an_event() -> None:
    body = "The envoy is scheduled to tour the harbour today before leaving the island.\n"
    assert [e[:2] for e in events(body, PartialDate(2025, 10, 14))] == [("today", "2025-10-14")]


def test_a_bare_passive_after_a_modal_and_another_date_is_planned() -> None:
    body = "The minister said work on the new bridge would start next year and be completed by 2028.\n"
    assert ("by 2028", "2028", "planned") in events(body, None)


def test_what_continues_with_a_weekday_is_still_to_come() -> None:
    body = (
        "The two ministers opened the festival on Thursday.\n\n"
        "The celebrations continue with a concert at the harbour on Saturday evening.\n"
    )
    assert ("on Saturday evening", "2025-11-08", "planned") in events(body, PartialDate(2025, 11, 6))
