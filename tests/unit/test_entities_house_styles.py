"""Officials, countries and sectors in the house styles blind set 5 found wanting (issue 14): ranks
and brackets around titles, glued initials, plural titles over two names, sides named before their
officials, agency names inside bylines, the lead's first country, adverbs and headline verbs."""

from __future__ import annotations

from dipreader.extract.entities import extract_entities
from dipreader.extract.officials.article_countries import agency_country, dateline_country, lead_country
from dipreader.model.knowledge import Knowledge, bundled_knowledge

EMPTY = Knowledge(people=(), sectors=bundled_knowledge().sectors)


def officials(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {o.name: (o.role, o.country) for o in extract_entities(text, EMPTY).officials}


def sector_keys(text: str) -> set[str]:
    return {mention.sector for mention in extract_entities(text, EMPTY).sectors}


def test_abbreviated_ranks_and_retired_stand_between_title_and_name() -> None:
    found = officials("The talks were led by Interior Minister Maj. Gen. (retd) Somsak Charoen on Monday.")
    assert found == {"Somsak Charoen": ("Interior Minister", None)}


def test_professor_after_the_title_is_no_part_of_the_role() -> None:
    found = officials("The accord was signed by Health Minister Professor Amara Diallo in Conakry.")
    assert found["Amara Diallo"][0] == "Health Minister"


def test_a_bracketed_portfolio_of_several_words_stays_in_the_title() -> None:
    text = "Kenya's Cabinet Secretary for Trade (East African Community Affairs), Wanjiru Kamau, spoke."
    role, country = officials(text)["Wanjiru Kamau"]
    assert country == "Kenya"
    assert role is not None and role.endswith("(East African Community Affairs)")


def test_a_list_of_portfolios_before_the_head_from_the_start_of_the_sentence() -> None:
    text = "Mines, Energy, Water and Sanitation Minister Dr Kofi Asante opened the plant."
    assert officials(text)["Kofi Asante"][0] == "Mines, Energy, Water and Sanitation Minister"


def test_initials_written_onto_the_name_are_part_of_it() -> None:
    text = "Minister of Energy of Mongolia B.Enkhbold met the Ambassador of Japan, Sato Kenji, today."
    found = officials(text)
    assert found["B.Enkhbold"] == ("Minister of Energy", "Mongolia")
    assert "B" not in found


def test_a_six_letter_word_ending_in_tion_is_no_name() -> None:
    text = "The Minister for Climate Action Dr. Maria Santos visited the site."
    assert list(officials(text)) == ["Maria Santos"]


def test_a_plural_title_before_two_names_gives_each_their_own_country() -> None:
    text = "The prime ministers of Laos and Vietnam, Bounmy Phommavong and Tran Quoc Huy, met in Vientiane."
    found = officials(text)
    assert found["Bounmy Phommavong"] == ("prime minister", "Laos")
    assert found["Tran Quoc Huy"] == ("prime minister", "Vietnam")


def test_two_names_after_a_singular_title_are_not_both_its_holders() -> None:
    text = "The talks brought together Foreign Minister Ana Torres and Carlos Ruiz of the chamber."
    assert officials(text).get("Carlos Ruiz", (None, None))[0] != "Foreign Minister"


def test_a_side_named_before_its_officials_gives_them_its_country() -> None:
    text = (
        "Santiago, May 2 - The commission met today. It was attended, on the Chilean side, by the "
        "Director of Consular Affairs, Pablo Rojas, and, on the Argentine side, by the Secretary of "
        "Foreign Relations, Lucía Benítez. Peru was represented by Deputy Minister Jorge Quispe."
    )
    found = officials(text)
    assert found["Pablo Rojas"][1] == "Chile"
    assert found["Lucía Benítez"][1] == "Argentina"
    assert found["Jorge Quispe"][1] == "Peru"


def test_an_agency_name_inside_a_longer_name_is_not_the_agency() -> None:
    assert agency_country("Talks held\n\nPost Report\n\nThe two sides met.") is None
    assert agency_country("Talks held\n\nBaku, Jan 5 (Report) - The two sides met.") == "Azerbaijan"


def test_a_city_alone_or_before_a_dash_or_slash_is_a_dateline_but_a_country_is_not() -> None:
    assert dateline_country("Headline\n\nDoha\n\nThe minister met ...") == "Qatar"
    assert dateline_country("Headline\n\nAccra - Ghana and Togo signed ...") == "Ghana"
    assert dateline_country("Headline\n\nHanoi / Tue, May 6, 2025\n\nText") == "Vietnam"
    assert dateline_country("Uzbekistan - Kazakhstan: a new border deal\n\nText") is None


def test_the_lead_names_the_outlets_side_first() -> None:
    text = "Zim, Zambia talk\n\nZIMBABWE and Zambia yesterday agreed to reopen the Chirundu border post to trucks.\n"
    assert lead_country(text) == "Zimbabwe"


def test_bare_titles_with_no_dateline_take_the_side_the_lead_names_first() -> None:
    text = (
        "Ghana, Togo agree on power line\n\n"
        "Ghana and Togo on Monday agreed to build a second power line, said Energy Minister Kwame "
        "Boateng after talks with the Togolese Minister of Mines and Energy, Komi Agbeko.\n\n"
        "Roads Minister Efua Mensah also attended the talks.\n"
    )
    found = officials(text)
    assert found["Komi Agbeko"][1] == "Togo"
    assert found["Efua Mensah"][1] == "Ghana"


def test_sentence_adverbs_and_headline_verbs_are_no_people() -> None:
    text = (
        "Minister Sato, Kenyan Envoy Review Coffee Trade\n\n"
        "Additionally, Deputy Minister Grace Wanjiku met exporters. Reportedly, talks went well.\n"
    )
    assert set(officials(text)) <= {"Sato", "Grace Wanjiku"}
    assert "Grace Wanjiku" in officials(text)


def test_an_agreement_on_fields_anchors_a_list_whose_items_have_nouns_after_them() -> None:
    keys = sector_keys(
        "They signed agreements on agricultural research, mining equipment and tourism promotion."
    )
    assert {"agriculture", "mining", "tourism"} <= keys


def test_a_list_with_a_term_of_several_words_is_a_list_of_fields() -> None:
    assert "education" in sector_keys("The ministers also discussed climate change, education and Gaza.")


def test_a_title_case_headline_names_fields_not_institutions() -> None:
    assert "energy" in sector_keys("Ministers Discuss Nuclear Energy, Rail Links\n\nThe two met today.")
    assert "energy" not in sector_keys("The event was held at the Nuclear Energy Agency in Paris.")
