"""Pair detection: the country pair an article is about, from its title, officials and the countries it names."""

from __future__ import annotations

import pytest

from dipreader.extract.levels import highest, role_level, text_level, usual_level
from dipreader.extract.pairs import (
    countries_named,
    detect_pairs,
    make_pair,
    pair_label,
    parse_pair,
    title_countries,
)
from dipreader.model.article import OfficialMention


def official(name: str, country: str | None, role: str | None = None) -> OfficialMention:
    return OfficialMention(name, name, 0, len(name), role, country)


def test_a_title_naming_two_countries_gives_their_pair_in_alphabetical_order() -> None:
    found = detect_pairs(
        "Italy and Azerbaijan hold political consultations",
        [official("Fariz Rzayev", "Azerbaijan"), official("Edmondo Cirielli", "Italy")],
        {"Azerbaijan": 9, "Italy": 8},
    )
    assert found.kind == "bilateral"
    assert found.pairs == (("Azerbaijan", "Italy"),)
    assert found.basis == "title and officials"


def test_demonyms_and_capitals_in_the_title_name_countries() -> None:
    assert title_countries("Azerbaijani foreign minister meets President of the Italian Senate") == (
        "Azerbaijan",
        "Italy",
    )
    assert title_countries("Bayramov and Tajani discuss strategic partnership in Rome") == ("Italy",)
    assert title_countries("GEORGIA AND AZERBAIJAN SIGN TRANSIT ACCORD") == ("Georgia", "Azerbaijan")
    assert title_countries("EU and UN envoys meet") == ()
    assert title_countries("Santiago Peña receives a delegation") == ()
    assert title_countries("Talks held in Santiago") == ("Chile",)


def test_one_country_in_the_title_and_the_officials_of_another_make_a_pair() -> None:
    found = detect_pairs(
        "Bayramov and Tajani discuss strategic partnership in Rome",
        [official("Jeyhun Bayramov", "Azerbaijan"), official("Antonio Tajani", "Italy")],
        {"Azerbaijan": 14, "Italy": 10, "Armenia": 1},
    )
    assert found.pairs == (("Azerbaijan", "Italy"),)
    assert found.basis == "title and officials"


def test_an_article_about_one_country_says_so_instead_of_inventing_a_pair() -> None:
    found = detect_pairs(
        "Kazakhstan adopts a new budget",
        [official("Olzhas Bektenov", "Kazakhstan"), official("Madi Takiyev", "Kazakhstan")],
        {"Kazakhstan": 12, "Russia": 1},
    )
    assert found.kind == "one-country"
    assert found.pairs == ()
    assert found.countries == ("Kazakhstan",)


def test_a_summit_in_the_title_or_in_the_officials_is_multilateral() -> None:
    in_title = detect_pairs("Leaders of Azerbaijan, Türkiye and Kazakhstan meet in Astana", [], {})
    assert in_title.kind == "multilateral" and in_title.pairs == ()
    assert set(in_title.countries) == {"Azerbaijan", "Türkiye", "Kazakhstan"}
    summit = detect_pairs(
        "Organization of Turkic States summit opens in Astana",
        [
            official("Kassym-Jomart Tokayev", "Kazakhstan"),
            official("Ilham Aliyev", "Azerbaijan"),
            official("Recep Tayyip Erdogan", "Türkiye"),
            official("Shavkat Mirziyoyev", "Uzbekistan"),
            official("Sadyr Japarov", "Kyrgyzstan"),
        ],
        {"Kazakhstan": 6, "Azerbaijan": 3, "Türkiye": 3, "Uzbekistan": 3, "Kyrgyzstan": 3},
    )
    assert summit.kind == "multilateral" and summit.pairs == ()
    assert summit.basis == "officials of 5 countries"


def test_a_third_country_named_in_passing_does_not_break_the_pair() -> None:
    found = detect_pairs(
        "Ministers discuss energy transit",
        [
            official("Jeyhun Bayramov", "Azerbaijan"),
            official("Ilham Aliyev", "Azerbaijan"),
            official("Antonio Tajani", "Italy"),
            official("Giorgia Meloni", "Italy"),
            official("Nikol Pashinyan", "Armenia"),
        ],
        {"Azerbaijan": 10, "Italy": 8, "Armenia": 2},
    )
    assert found.pairs == (("Azerbaijan", "Italy"),)
    assert found.basis == "officials"


def test_officials_of_another_pair_than_the_title_add_that_pair() -> None:
    found = detect_pairs(
        "Italy and Azerbaijan gas route discussed",
        [official("Jeyhun Bayramov", "Azerbaijan"), official("Hakan Fidan", "Türkiye")],
        {"Azerbaijan": 6, "Türkiye": 5, "Italy": 2},
    )
    assert found.kind == "several"
    assert found.pairs == (("Azerbaijan", "Italy"), ("Azerbaijan", "Türkiye"))
    assert "the officials are of Azerbaijan–Türkiye" in found.basis


def test_officials_agreeing_with_the_title_leave_one_pair() -> None:
    found = detect_pairs(
        "Italy and Azerbaijan gas route discussed",
        [official("Jeyhun Bayramov", "Azerbaijan"), official("Antonio Tajani", "Italy")],
        {"Azerbaijan": 6, "Italy": 5},
    )
    assert found.kind == "bilateral" and found.pairs == (("Azerbaijan", "Italy"),)


def test_without_officials_the_countries_the_body_names_decide() -> None:
    found = detect_pairs("Trade grew last year", [], {"India": 7, "Japan": 5, "China": 1})
    assert found.pairs == (("India", "Japan"),)
    assert found.basis == "named countries"
    assert detect_pairs("Trade grew", [], {"India": 7, "Japan": 1}).kind == "one-country"
    assert detect_pairs("Weather", [], {}).kind == "none"


def test_the_body_fills_in_the_second_side_for_a_title_with_one_country() -> None:
    found = detect_pairs("Japan opens a trade office", [], {"Japan": 4, "Vietnam": 3})
    assert found.pairs == (("Japan", "Vietnam"),)
    assert found.basis == "title and named countries"


def test_countries_named_counts_names_demonyms_and_capitals() -> None:
    text = (
        "BAKU, Azerbaijan, April 9. The Azerbaijani minister met his Italian counterpart in Rome. "
        "The Republic of Azerbaijan and the U.S. discussed the EU."
    )
    assert dict(countries_named(text)) == {"Azerbaijan": 4, "Italy": 2, "United States": 1}
    assert countries_named(text)[0] == ("Azerbaijan", 4)


def test_pairs_are_alphabetical_ignoring_accents() -> None:
    assert make_pair("Turkmenistan", "Türkiye") == ("Türkiye", "Turkmenistan")
    assert pair_label(make_pair("Italy", "Azerbaijan")) == "Azerbaijan–Italy"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Azerbaijan-Italy", ("Azerbaijan", "Italy")),
        ("italy–azerbaijan", ("Azerbaijan", "Italy")),
        ("ITALY/AZERBAIJAN", ("Azerbaijan", "Italy")),
        ("Guinea-Bissau-Italy", ("Guinea-Bissau", "Italy")),
        ("turkey, greece", ("Greece", "Türkiye")),
        ("US and UK", ("United Kingdom", "United States")),
        ("Italy", None),
        ("Italy-Italy", None),
        ("Italy-Atlantis", None),
    ],
)
def test_parse_pair_reads_either_order_and_any_case(text: str, pair: tuple[str, str] | None) -> None:
    assert parse_pair(text) == pair


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("President", "heads"),
        ("President of the Italian Council of Ministers", "heads"),
        ("Prime Minister", "heads"),
        ("head of state", "heads"),
        ("Minister of Foreign Affairs", "ministers"),
        ("Deputy Prime Minister, Minister of Foreign Affairs and International Cooperation", "ministers"),
        ("Secretary of State", "ministers"),
        ("Deputy Foreign Minister", "deputies"),
        ("First Vice-President", "deputies"),
        ("State Secretary", "deputies"),
        ("President of the Italian Senate", "parliament"),
        ("Speaker of Parliament", "parliament"),
        ("Chairman of the Milli Majlis", "parliament"),
        ("President of the European Central Bank", "other"),
        ("President of the Italian Chamber of Commerce", "other"),
        ("Ambassador", "other"),
        ("counterpart", "other"),
    ],
)
def test_role_levels(title: str, level: str) -> None:
    assert role_level(title) == level


def test_levels_of_clauses_and_articles() -> None:
    assert text_level("the participation of the President of Italy in the opening ceremony") == "heads"
    assert text_level("contacts between the leaders of the two countries") == "heads"
    assert text_level("the embassy has been functioning since 2003") is None
    assert highest(["deputies", "parliament", "ministers"]) == "ministers"
    assert highest([]) == "other"
    roles = {
        "Fariz Rzayev": "Deputy Foreign Minister",
        "Edmondo Cirielli": "Deputy Minister",
        "X": "President",
    }
    assert usual_level(roles) == "deputies"
    assert usual_level({"Y": "Ambassador"}) is None
