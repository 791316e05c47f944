"""Article dates from indirect clues (stamps with a byline, a bare date line, a weekday counted in
months from a day, an anniversary span), year-less seasons, tense kept inside its coordinated
clause, and relative words of the article's day ("today" in a quotation, "the coming days")."""

from __future__ import annotations

from extraction_probes import page_dates

from dipreader.extract.dates.dateline import find_furniture
from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.tense import clause_status
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.events import find_events
from dipreader.model.article import PartialDate
from dipreader.model.temporal import TemporalExpression

LEAD = "The two ministers discussed trade and water management in the capital."


def _expression(body: str, words: str, date: PartialDate | None) -> TemporalExpression:
    return next(t for t in find_temporal_expressions(body, date) if words in t.text)


def test_a_published_line_with_a_day_first_slashed_date_and_a_byline_is_the_page_date() -> None:
    body = f"Ministers meet\n\nPublished on 27/06/2025 - 18:45 By Ana Lima - Reporter - Agency - Capital\n\n{LEAD}"
    assert page_dates(body)[0] == ("page_date", 2025, 6, 27)
    assert infer_publication_date(body) == (PartialDate(2025, 6, 27), "text")


def test_a_stamp_line_with_a_byline_after_it_dates_the_page_and_is_no_event() -> None:
    body = f"Ministers meet\n\nPosted 14:05, 3 March 2025 by Ana Lima\n\n{LEAD} They met on Monday."
    assert infer_publication_date(body) == (PartialDate(2025, 3, 3), "text")
    assert [event.expression for event in find_events("a", body, PartialDate(2025, 3, 3))] == ["on Monday"]
    prose = f"Ministers meet\n\n{LEAD} The accord was signed on 3 March 2025 by Ana Lima and her guest."
    assert not find_furniture(prose)


def test_a_bare_date_line_without_a_year_is_page_furniture() -> None:
    body = (
        "Ministers meet\n\nThe Gazette\nJan 19\n\nThe ministers met on Sunday in the capital and will "
        "meet again in 2026. They last met in 2024."
    )
    assert page_dates(body) == [("page_date", None, 1, 19)]
    # 19 January is a Sunday in 2025 only, between 2024 and 2026.
    assert infer_publication_date(body) == (PartialDate(2025, 1, 19), "dateline")
    stamp = _expression(body, "Jan 19", PartialDate(2025, 1, 19))
    assert not stamp.datable
    for line in ("Jan 19 | 10:32", "Sunday, January 19, 2:05 pm"):
        assert page_dates(body.replace("Jan 19", line)) == [("page_date", None, 1, 19)], line
    sentence = "Ministers meet\n\nThe Gazette\nThe ministers met on Jan 19 in the capital.\n"
    assert not find_furniture(sentence)


def test_a_weekday_counted_in_months_from_a_day_dates_the_article() -> None:
    body = (
        "Ministers meet\n\nThe foreign ministers met in the capital on Tuesday, one month after "
        "9 February, when the talks began. The minister first visited in 2020. He will return in 2022."
    )
    # 9 March is a Tuesday in 2021 only, between 2020 and 2022.
    assert infer_publication_date(body) == (PartialDate(2021, 3, 9), "inferred")


def test_a_weekday_and_a_day_in_the_lead_are_dated_by_an_anniversary_span() -> None:
    body = (
        "Ministers meet\n\nThe foreign ministers met on Wednesday, Aug 24, to mark the 30th anniversary "
        "of diplomatic relations (1992–2022).\n\nThey agreed to meet again next month."
    )
    assert infer_publication_date(body) == (PartialDate(2022, 8, 24), "inferred")


def test_an_anniversary_span_is_no_event() -> None:
    body = (
        "Ministers meet\n\nSeoul, Aug 24, 2022 (Agency) - The ministers met on Wednesday to mark the 30th "
        "anniversary of diplomatic relations (1992–2022)."
    )
    events = find_events("a", body, PartialDate(2022, 8, 24))
    assert [event.expression for event in events] == ["on Wednesday"]
    plain = "Ministers meet\n\nThe programme ran in 1992–2022 and was renewed."
    assert [event.expression for event in find_events("a", plain, None)] == ["in 1992–2022"]


def test_a_season_without_a_year_resolves_like_a_yearless_month() -> None:
    body = "The two countries will hold the next round of consultations in the capital in the autumn."
    autumn = _expression(body, "autumn", PartialDate(2025, 3, 11))
    assert (autumn.value, autumn.datable) == (PartialDate(2025), True)
    past = "The ministers met in the capital in the spring."
    assert _expression(past, "spring", PartialDate(2025, 3, 11)).value == PartialDate(2024)
    for words in ("in the autumn of his career", "in the summer school", "in the Spring Festival"):
        text = f"The minister spoke {words} at length."
        assert not [t for t in find_temporal_expressions(text, PartialDate(2025, 3, 11)) if t.datable]


def test_tense_does_not_cross_into_the_next_coordinated_clause() -> None:
    body = (
        "The minister said attacks had declined since the deployment of the mission in 2021, and that "
        "the two countries would continue joint patrols."
    )
    # Undated, so only the clause's words can tell.
    assert [(e.expression, e.status) for e in find_events("a", body, None)] == [("in 2021", "past")]
    planned = "Trade had grown in 2024, and the two countries will open consulates."
    assert [(e.expression, e.status) for e in find_events("a", planned, None)] == [("in 2024", "past")]
    shared = "In 2026 the two sides will open a consulate, and trade will grow."
    assert clause_status(shared, shared.index("In 2026")) == "planned"


def test_today_in_a_quotation_is_the_day_the_words_were_said() -> None:
    date = PartialDate(2025, 3, 3)
    head = "Riga, 3 March 2025 (LETA) - The ministers met on Monday.\n\n"
    for quote in (
        '"Our relations are stronger today than ever," he added.',
        '"Today marks a new chapter. We have agreed to open embassies," the minister said.',
        "“Today, the two countries take a step forward,” the minister noted.",
    ):
        today = _expression(head + quote, "oday", date)
        assert (today.value, today.datable) == (date, True), quote
    prose = head + "In today's world, cooperation matters."
    assert not _expression(prose, "today", date).datable


def test_the_coming_days_and_an_expectation_are_planned() -> None:
    body = (
        "Riga, 3 March 2025 (LETA) - Talks will resume in the coming days. "
        "Deliveries are expected in the second half of the year."
    )
    events = {e.expression: e for e in find_events("a", body, PartialDate(2025, 3, 3))}
    assert (events["in the coming days"].date, events["in the coming days"].status) == (
        PartialDate(2025, 3),
        "planned",
    )
    assert events["in the second half of the year"].status == "planned"
    clause = "The first deliveries are expected in 2026."
    assert clause_status(clause, clause.index("in 2026")) == "planned"
