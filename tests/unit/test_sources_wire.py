"""sources.wire: outlets from agency credits, datelines off titles, wire stories dated from their body."""

from __future__ import annotations

import pytest
from sources_pages import AP_STORY

from dipreader.model.article import PartialDate
from dipreader.sources.wire import find_wire_dateline, outlet_from_text, strip_title_dateline, wire_date


@pytest.mark.parametrize(
    ("text", "outlet", "basis"),
    [
        ("BERLIN (AP) — Ministers met.", "Associated Press", "dateline credit (AP)"),
        ("MOSCOW, Sept 13 (Reuters) - Russia said.", "Reuters", "dateline credit (Reuters)"),
        ("PARIS (AFP) - France recalled its envoy.", "Agence France-Presse", "dateline credit (AFP)"),
        ("BEIJING, Sept. 13 (Xinhua) -- China and Russia held talks.", "Xinhua", "dateline credit (Xinhua)"),
        ("ANKARA (dpa) - Turkish officials said.", "dpa", "dateline credit (dpa)"),
        ("MOSCOW, June 5. /TASS/. Russian Foreign Minister said.", "TASS", "dateline credit /TASS/"),
        ("WASHINGTON, D.C. (UPI) -- Officials said.", "United Press International", "dateline credit (UPI)"),
        ("(Reuters) - Oil prices rose on Monday.", "Reuters", "credit (Reuters)"),
        (
            " date 2025-11-26 MENAFN - Trend News Agency)On November 26, the minister met.",
            "Trend News Agency (via MENAFN)",
            "aggregator credit 'MENAFN - Trend News Agency)'",
        ),
        (
            "BAKU, Azerbaijan, April 9. Consultations were held in Rome, Trend reports, referring to the ministry.",
            "Trend",
            "credit 'Trend reports'",
        ),
        ("Talks were held on Monday, Report.az informs.\n\nMore.", "Report.az", "credit 'Report.az informs'"),
        ("Talks were held, APA reports with reference to the ministry.", "APA", "credit 'APA reports'"),
        (
            "China and Russia held talks on Monday.\n\nThey discussed trade.\n\n— Xinhua",
            "Xinhua",
            "closing credit '— Xinhua'",
        ),
        ("Ministers met.\n\nSource: Anadolu", "Anadolu", "closing credit 'Source: Anadolu'"),
    ],
)
def test_agency_credits_name_the_outlet(text: str, outlet: str, basis: str) -> None:
    found = outlet_from_text(text)
    assert found is not None
    assert (found.name, found.basis) == (outlet, basis)


@pytest.mark.parametrize(
    "text",
    [
        "Ministers of Azerbaijan and Italy met in Rome on Monday.\n\nThey discussed energy.",
        "The talks went on, he reports, for several hours.",
        "Italy reports a rise in exports to Azerbaijan\n\nExports grew by a tenth.",
        "Exports grew, and Italy reports higher gas imports.",
        "On Monday, the Ministry reports, trade rose.",
        "Ministers met in Rome.\n\nThe meeting was first reported by Reuters on Friday. Reuters reported that the "
        "deal was close.",
        "NATO (the alliance) said on Monday it would meet.",
    ],
)
def test_text_without_a_credit_names_no_outlet(text: str) -> None:
    assert outlet_from_text(text) is None


@pytest.mark.parametrize(
    ("title", "clean", "removed"),
    [
        (
            "BERLIN (AP) — Germany and Poland discuss borders",
            "Germany and Poland discuss borders",
            "BERLIN (AP) —",
        ),
        (
            "MOSCOW, Sept 13 (Reuters) - Russia summons envoy",
            "Russia summons envoy",
            "MOSCOW, Sept 13 (Reuters) -",
        ),
        (
            "BAKU, Azerbaijan, April 9. Another round of talks",
            "Another round of talks",
            "BAKU, Azerbaijan, April 9.",
        ),
        ("BERLIN — Germany and France sign a deal", "Germany and France sign a deal", "BERLIN —"),
        ("MOSCOW, June 5. /TASS/. Lavrov to hold talks", "Lavrov to hold talks", "MOSCOW, June 5. /TASS/."),
        (
            "date 2025-11-26 MENAFN - Trend News Agency)on November 26, ministers met",
            "On November 26, ministers met",
            "date 2025-11-26 MENAFN - Trend News Agency)",
        ),
    ],
)
def test_a_dateline_leaves_the_title(title: str, clean: str, removed: str) -> None:
    stripped = strip_title_dateline(title)
    assert (stripped.title, stripped.removed) == (clean, removed)


@pytest.mark.parametrize(
    "title",
    [
        "UN: Talks fail in Geneva",
        "NATO, EU agree on a plan",
        "Azerbaijan, Italy sign energy deal",
        "Italy - Albania accord signed",
        "BERLIN (AP) —",
    ],
)
def test_a_headline_without_a_dateline_is_kept(title: str) -> None:
    assert strip_title_dateline(title).title == title
    assert strip_title_dateline(title).removed is None


def test_an_undated_wire_dateline_takes_the_date_the_body_reports() -> None:
    found = wire_date(AP_STORY)
    assert found is not None
    # The planned meeting of October 30 is later but not yet held: September 13 is the story's day.
    assert found.date == PartialDate(2024, 9, 13)
    assert found.basis == "inferred"
    assert "September 13, 2024" in found.evidence


def test_a_day_and_month_dateline_takes_its_year_from_the_body() -> None:
    story = (
        "MOSCOW, Jan 3 (Reuters) - Russia said on Friday it had summoned the envoy over the incident of "
        "December 28, 2024, the ministry said.\n"
    )
    found = wire_date(story)
    assert found is not None
    assert (found.date, found.basis) == (PartialDate(2025, 1, 3), "dateline")


def test_a_dateline_with_its_year_is_the_date() -> None:
    found = wire_date("ROME, Nov 6, 2024 (Reuters) - Italy and Albania signed an accord.")
    assert found is not None
    assert (found.date, found.basis) == (PartialDate(2024, 11, 6), "text")


def test_history_and_plans_do_not_date_a_wire_story() -> None:
    story = (
        "BERLIN (AP) — Germany and Poland, which established diplomatic relations on June 17, 1991, "
        "will hold talks on October 30, 2024, officials said.\n"
    )
    assert wire_date(story) is None


def test_a_day_and_month_far_from_every_body_date_stays_undated() -> None:
    story = "MOSCOW, Jan 3 (Reuters) - Russia recalled the talks of March 5, 2020.\n"
    assert wire_date(story) is None


def test_text_without_a_wire_dateline_is_not_dated_here() -> None:
    assert find_wire_dateline("Ministers met on September 13, 2024 in Berlin.") is None
    assert wire_date("Ministers met on September 13, 2024 in Berlin.") is None
