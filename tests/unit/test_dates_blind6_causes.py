"""Blind set 6's date causes, on sentences of their own: stamp shapes (an hour written "14h05", a
time zone, a dash after the label, a section or city after the stamp, several stamp lines), years of
year-less datelines from the body (the lead's weekday after the latest past year, an anniversary
whose founding date is in the next sentence), the day of an anniversary ("to the day", the lead's
weekday), and tense scoped to its clause (intent before "by", modals, a coordinated predicate)."""

from __future__ import annotations

from extraction_probes import events, page_dates

from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.tense import clause_status
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.model.article import PartialDate

LEAD = "The two foreign ministers discussed fisheries and port investment in the capital."


# Stamp shapes.


def test_an_hour_written_with_h_and_a_section_after_a_dash_make_a_stamp() -> None:
    body = f"Ministers meet in Maputo\n\n4 February 2025 | 14h05 - Economy\n\n{LEAD}"
    assert page_dates(body, datelines=False) == [("page_date", 2025, 2, 4)]
    assert infer_publication_date(body) == (PartialDate(2025, 2, 4), "text")
    stamp = [t for t in find_temporal_expressions(body, None) if "4 February 2025" in t.text]
    assert stamp and not any(t.datable for t in stamp)


def test_a_label_with_a_dash_a_time_zone_and_a_city_after_the_stamp() -> None:
    body = (
        "Ministers meet\n\nBy A Reporter\n\nUpdated - June 3, 2025 11:20 am PKT\n\n"
        f"Published - June 2, 2025 10:05 pm PKT - KARACHI\n\n{LEAD}"
    )
    assert page_dates(body, datelines=False) == [("updated", 2025, 6, 3), ("page_date", 2025, 6, 2)]
    assert infer_publication_date(body) == (PartialDate(2025, 6, 2), "text")
    assert events(body, PartialDate(2025, 6, 2)) == []


def test_an_updated_line_under_a_published_line_is_furniture_too() -> None:
    body = f"Ministers meet\n\nPublished May 6, 2025, 07:00 AM\n\nUpdated May 7, 2025, 10:12 AM\n\n{LEAD}"
    assert page_dates(body, datelines=False) == [("page_date", 2025, 5, 6), ("updated", 2025, 5, 7)]
    assert events(body, PartialDate(2025, 5, 6)) == []


def test_a_stamp_line_stops_at_the_first_line_of_prose() -> None:
    body = "Ministers meet\n\nPublished May 6, 2025\n\nThe ministers recalled the treaty of May 7, 2019.\n"
    assert page_dates(body, datelines=False) == [("page_date", 2025, 5, 6)]


def test_a_three_letter_time_zone_after_a_yearless_stamp() -> None:
    body = (
        "Ministers meet\n\nMar 6 18:40 KST\n\nThe foreign minister held talks with her counterpart.\n\n"
        "The meeting on Thursday was their first since 2023. They plan to meet again in 2026."
    )
    assert page_dates(body, datelines=False) == [("page_date", None, 3, 6)]
    # 6 March is a Thursday in 2025 only, between 2023 and 2026.
    assert infer_publication_date(body) == (PartialDate(2025, 3, 6), "dateline")
    assert [e for e in events(body, PartialDate(2025, 3, 6)) if e[0].startswith("Mar 6")] == []


# Years of year-less datelines from the body.


def test_the_leads_weekday_dates_a_dateline_within_two_years_of_the_latest_past_year() -> None:
    body = (
        "Ministers meet\n\nBratislava, Sept 11 (TASR) - The two foreign ministers met on Thursday.\n\n"
        "Trade grew last year. The two countries opened a joint chamber in 2023."
    )
    # 11 September is a Thursday in 2025 (and in 2031, beyond what a news story's past dates reach).
    assert infer_publication_date(body) == (PartialDate(2025, 9, 11), "dateline")
    older = body.replace("in 2023", "in 2019")
    assert infer_publication_date(older) == (None, None)


def test_an_anniversary_in_the_sentence_after_the_founding_date_dates_a_dateline() -> None:
    body = (
        "Ministers meet\n\nAstana, March 12 /Kazinform/. The foreign ministers held talks.\n\n"
        "The two countries established diplomatic relations on May 5, 1993. "
        "This year marks the 32nd anniversary of diplomatic relations."
    )
    assert infer_publication_date(body) == (PartialDate(2025, 3, 12), "dateline")
    unrelated = body.replace(
        "the 32nd anniversary of diplomatic relations", "the 32nd anniversary of the fair"
    )
    assert infer_publication_date(unrelated) == (None, None)


# The day of an anniversary, with no dateline.


def test_to_the_day_gives_the_anniversary_day() -> None:
    body = (
        "Two neighbours renew their border pact, thirty years to the day after the first\n\n"
        "The foreign ministers renewed the border pact in the capital, marking the 30th anniversary of "
        "the accord, which was signed in Geneva on March 17, 1995.\n\nThe ministers met in 2024 too."
    )
    assert infer_publication_date(body) == (PartialDate(2025, 3, 17), "inferred")


def test_the_leads_weekday_on_the_anniversary_day_gives_the_day() -> None:
    body = (
        "Ministers meet on the anniversary\n\nThe two foreign ministers met in the capital on Tuesday, "
        "on the occasion of the 25th anniversary of diplomatic relations (June 10, 2000 – 2025).\n\n"
        "They discussed trade."
    )
    # 10 June 2025 is a Tuesday.
    assert infer_publication_date(body) == (PartialDate(2025, 6, 10), "inferred")
    other_day = body.replace("on Tuesday", "on Friday")
    assert infer_publication_date(other_day) == (None, None)


# Tense scoped to its clause.


def test_a_date_after_by_in_a_clause_of_intent_is_planned() -> None:
    clause = "said the country was eager to finish the survey and to start building the port by October"
    assert clause_status(clause, clause.index("by October")) == "planned"
    assert events(f"The minister {clause}.", PartialDate(2025, 5, 2)) == [
        ("by October", "2025-10", "planned")
    ]


def test_a_modal_of_possibility_before_by_is_planned() -> None:
    clause = "adding that the new terminal could be ready by 2029"
    assert clause_status(clause, clause.index("by 2029")) == "planned"


def test_a_coordinated_infinitive_keeps_the_intent_across_a_later_and() -> None:
    body = (
        "The ministers agreed to prepare the 12th session of the commission, to be held in the capital "
        "early next year, and to finish the survey and mapping of the river by the end of this year."
    )
    found = events(body, PartialDate(2025, 4, 8))
    assert ("by the end of this year", "2025", "planned") in found


def test_a_modal_of_the_next_predicate_does_not_make_a_past_date_planned() -> None:
    body = (
        "The spokesman said the ministry had lifted the ban on imports last week and would "
        "review the quota system."
    )
    assert events(body, PartialDate(2025, 2, 12)) == [("last week", "2025-02", "past")]
    planned = "The spokesman said the ministry had lifted the ban and would review the quotas next week."
    assert events(planned, PartialDate(2025, 2, 12)) == [("next week", "2025-02", "planned")]


def test_it_should_be_noted_plans_nothing() -> None:
    clause = "It should be noted that talks on the accord go back to 2001"
    assert clause_status(clause, clause.index("2001")) == "past"
    assert clause_status("The new terminal should be ready in 2029", 35) == "planned"


def test_a_byline_between_two_stamp_lines_does_not_end_the_stamps() -> None:
    body = f"Ministers meet\n\nPublished: 12 May 2025, 08:10\n\nBy A. Writer\n\nUpdated: 13 May 2025, 09:00\n\n{LEAD}"
    assert page_dates(body, datelines=False) == [("page_date", 2025, 5, 12), ("updated", 2025, 5, 13)]


def test_the_recent_year_rule_dates_datelines_only_not_a_leads_day() -> None:
    body = (
        "Ministers meet\n\nThe two foreign ministers met in Bratislava on Thursday, Sept 11.\n\n"
        "Trade grew last year. The two countries opened a joint chamber in 2023."
    )
    assert infer_publication_date(body) == (None, None)
