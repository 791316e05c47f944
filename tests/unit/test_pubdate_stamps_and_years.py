"""Page stamps labelled "Publish Date", after a city and a slash or on the last line; year-less days
dated by "YEAR marks the Nth anniversary", by the lead's weekday, or in the lead with no dateline."""

from __future__ import annotations

from extraction_probes import page_dates

from dipreader.extract.dates.dateline import find_furniture
from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.tense import clause_status
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.model.article import PartialDate

LEAD = "The two ministers discussed trade and water management in the capital."


def test_a_publish_date_label_is_a_page_date() -> None:
    body = f"Ministers meet\n\nBy A Reporter\n\nPublish Date: Mar 13, 2025\n\n{LEAD}"
    assert page_dates(body) == [("page_date", 2025, 3, 13)]
    assert infer_publication_date(body) == (PartialDate(2025, 3, 13), "text")


def test_a_city_before_a_slash_does_not_stop_a_stamp_line() -> None:
    body = f"Ministers meet\n\nNairobi / Mon, May 5, 2025 / 10:40 am\n\n{LEAD}"
    assert page_dates(body) == [("page_date", 2025, 5, 5)]
    assert infer_publication_date(body) == (PartialDate(2025, 5, 5), "text")


def test_a_stamp_as_the_last_line_dates_the_page_and_is_no_event() -> None:
    body = (
        f"Ministers meet\n\nTunis - {LEAD}\n\n"
        + "The talks went on for hours. " * 30
        + "\n\nMonday 10 March 2025 - 11:02\n"
    )
    assert infer_publication_date(body) == (PartialDate(2025, 3, 10), "text")
    stamp = [t for t in find_temporal_expressions(body, None) if "10 March 2025" in t.text]
    assert stamp and not any(t.datable for t in stamp)


def test_a_dated_last_sentence_is_no_stamp() -> None:
    body = (
        f"Ministers meet\n\nTunis - {LEAD}\n\n"
        + "The talks went on for hours. " * 30
        + "\n\nThe treaty was signed on 10 March 2025.\n"
    )
    assert not find_furniture(body)


def test_a_date_after_a_talks_phrase_is_past_though_an_intent_verb_comes_before() -> None:
    clause = "The sides have agreed to open the bridge to trucks, following talks in the capital on Monday."
    assert clause_status(clause, clause.index("on Monday")) == "past"
    planned = "The sides have agreed to open the bridge to trucks and to meet again on Monday."
    assert clause_status(planned, planned.index("on Monday")) == "planned"


def test_year_marks_the_nth_anniversary_dates_a_yearless_dateline() -> None:
    body = (
        "Ministers meet\n\nRiga, March 3 (LETA) - The foreign ministers met in Riga on Monday.\n\n"
        "The minister noted that 2025 marks the 30th anniversary of their partnership, renewed in 2001."
    )
    assert infer_publication_date(body) == (PartialDate(2025, 3, 3), "dateline")


def test_the_leads_weekday_picks_the_one_year_the_other_dates_allow() -> None:
    body = (
        "Ministers meet\n\nQuito, March 4 (AGN).- The two ministers agreed on Tuesday to build a bridge.\n\n"
        "The country would invest 9 million dollars in 2025. The last survey dates from 2019."
    )
    # 4 March is a Tuesday in 2025 only between 2019 and 2025 (and a Wednesday in 2020).
    assert infer_publication_date(body) == (PartialDate(2025, 3, 4), "dateline")
    unbounded = body.replace(" in 2025", "")
    assert infer_publication_date(unbounded) == (None, None)


def test_a_yearless_day_in_the_lead_is_dated_by_an_anniversary() -> None:
    body = (
        "Ministers meet\n\nVilnius /ELTA/. The foreign minister received the visiting envoy on May 12.\n\n"
        "The two countries established diplomatic relations in 1991, and this year marks the 33rd "
        "anniversary of the relations."
    )
    assert infer_publication_date(body) == (PartialDate(2024, 5, 12), "inferred")


def test_a_clause_cut_off_at_a_coordinated_infinitive_keeps_its_intent() -> None:
    clause = "and to open a trade office in the port before the end of the year."
    assert clause_status(clause, clause.index("before")) == "planned"
    place = "and to Rabat, the delegation travelled before the end of the year."
    assert clause_status(place, place.index("before")) == "past"
