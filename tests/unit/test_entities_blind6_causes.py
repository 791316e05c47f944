"""Officials, countries, roles and sectors in the shapes blind set 6 found wanting (issue 14):
currency prefixes, country names and capitals written with diacritics, a demonym shared by two
coordinated titles, portfolios with commas, places after "in" and "city of", a bare name that is a
hyphenated given name's last syllable, portfolio lists after a verb, a title that takes up the
person of the sentence before, and lists broken by an apposition."""

from __future__ import annotations

from extraction_probes import EMPTY, sector_keys

from dipreader.extract.entities import extract_entities
from dipreader.extract.officials.article_countries import dateline_country, main_countries
from dipreader.model.countries import country_of


def officials(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {o.name: (o.role, o.country) for o in extract_entities(text, EMPTY).officials}


def mentions_of(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for mention in extract_entities(text, EMPTY).officials:
        found.setdefault(mention.name, []).append(mention.surface)
    return found


# --- Country -------------------------------------------------------------------------------------


def test_a_currency_prefix_is_no_mention_of_its_country() -> None:
    text = (
        "Uganda and Rwanda agreed on new rail links. Exports reached US$410 million and S$ 3 million, "
        "paid in US dollars, while Uganda sold coffee to Rwanda."
    )
    assert main_countries(text) == ("Uganda", "Rwanda")


def test_a_country_word_before_a_currency_name_is_no_mention() -> None:
    assert main_countries("Kenya repaid 40 million Japanese yen and Chinese yuan loans to Kenya.") == (
        "Kenya",
    )


def test_country_names_and_capitals_with_diacritics_are_read() -> None:
    assert country_of("Việt Nam") == "Vietnam"
    assert country_of("Hà Nội") == "Vietnam"
    assert country_of("Bogotá") == "Colombia"
    assert country_of("Sofía") == "Bulgaria"
    assert country_of("Nam") is None


def test_a_capital_in_capitals_with_diacritics_is_a_dateline() -> None:
    assert dateline_country("HÀ NỘI — The Prime Minister received the envoy.") == "Vietnam"
    assert dateline_country("Hà Nội, June 3 (VNA) - Talks were held.") == "Vietnam"


def test_the_host_written_with_diacritics_is_one_side_of_the_pair() -> None:
    text = (
        "HÀ NỘI — Minister of Planning Đỗ Văn Hải received Cambodian Minister of Planning Chea Sokha "
        "in Hà Nội. Việt Nam and Cambodia agreed to raise trade. Trade reached US$1.2 billion."
    )
    found = officials(text)
    assert found["Đỗ Văn Hải"] == ("Minister of Planning", "Vietnam")
    assert found["Chea Sokha"] == ("Minister of Planning", "Cambodia")


def test_a_demonym_before_one_title_is_carried_to_the_next_coordinated_title() -> None:
    text = (
        "Wellington - Minister Jane Aldous met Samoan Prime Minister Tuala Ioane Leota and Health "
        "Minister Faleolo Mata Sapolu on Monday in Apia."
    )
    found = officials(text)
    assert found["Tuala Ioane Leota"][1] == "Samoa"
    assert found["Faleolo Mata Sapolu"] == ("Health Minister", "Samoa")


def test_a_second_leader_after_a_demonym_is_not_given_it() -> None:
    """ "Kenyan President A and President B": two presidents are of two countries."""
    text = (
        "NAIROBI, May 2 (KNA) - Kenyan President Daniel Mwangi Otieno and President Amadou Ba Keita "
        "of Mali met in Nairobi."
    )
    found = officials(text)
    assert found["Daniel Mwangi Otieno"][1] == "Kenya"
    assert found["Amadou Ba Keita"][1] == "Mali"


def test_an_ambassadors_neighbour_in_a_list_is_not_given_the_ambassadors_country() -> None:
    text = (
        "DHAKA, May 2 (BSS) - Bangladesh and Thailand agreed to expand trade. Thai Ambassador "
        "Somchai Wattana and Home Secretary Rafiqul Haque Mondal were also present."
    )
    assert officials(text)["Rafiqul Haque Mondal"] == ("Home Secretary", "Bangladesh")


def test_who_accompanies_an_official_is_of_their_side() -> None:
    text = (
        "NAIROBI, May 2 (KNA) - Kenya and Uganda agreed to expand trade. Ugandan Foreign Minister "
        "Grace Nakato met Cabinet Secretary Peter Kamau. She was accompanied by Minister of State "
        "for Fisheries Joseph Okello."
    )
    found = officials(text)
    assert found["Joseph Okello"] == ("Minister of State for Fisheries", "Uganda")
    assert found["Peter Kamau"][1] == "Kenya"


# --- Names ---------------------------------------------------------------------------------------


def test_an_unknown_portfolio_word_after_a_comma_stays_in_the_title() -> None:
    text = (
        "She was joined by Minister of Mines, Geological and Petroleum Resources J.K. Tennakoon Perera, "
        "who toured the port."
    )
    found = officials(text)
    assert found == {"J.K. Tennakoon Perera": ("Minister of Mines, Geological and Petroleum Resources", None)}


def test_a_place_after_in_or_city_of_is_no_person() -> None:
    text = (
        "Foreign Minister Ana Beltrán arrived in the coastal city of Puerto Madryn, attended by the "
        "press. The talks in Villa Gesell, attended by both delegations, ended on Friday."
    )
    assert list(officials(text)) == ["Ana Beltrán"]


def test_a_bare_name_goes_to_the_person_whose_name_word_it_is_not_a_hyphenated_given_name() -> None:
    text = (
        "Minister Lee Sang-hoa and his Vietnamese counterpart Nguyen Thi Thanh Hoa met in Seoul. Lee "
        "and Hoa agreed to expand trade. Hoa said Vietnam welcomed the plan."
    )
    found = mentions_of(text)
    assert found["Nguyen Thi Thanh Hoa"] == ["Nguyen Thi Thanh Hoa", "Hoa", "Hoa"]
    assert found["Lee Sang-hoa"] == ["Lee Sang-hoa", "Lee"]


# --- Roles ---------------------------------------------------------------------------------------


def test_a_list_of_portfolios_before_the_head_after_a_verb_is_kept_whole() -> None:
    text = "On Monday the envoy called on Agriculture, Forestry and Fisheries Minister Sato Hiroshi in Tokyo."
    assert officials(text)["Sato Hiroshi"][0] == "Agriculture, Forestry and Fisheries Minister"


def test_a_place_before_a_portfolio_list_is_not_a_portfolio() -> None:
    text = "The delegation met in Tokyo, Trade and Industry Minister Sato Hiroshi said."
    assert officials(text)["Sato Hiroshi"][0] == "Trade and Industry Minister"


def test_a_title_that_takes_up_the_person_of_the_sentence_before_is_their_role() -> None:
    text = (
        "KUALA LUMPUR: The two countries will open a new ferry route, says Datuk Ahmad Fauzi Rahman. "
        "The Transport Minister said the route would start in May."
    )
    assert officials(text)["Ahmad Fauzi Rahman"][0] == "Transport Minister"


def test_a_title_with_a_name_of_its_own_takes_up_nobody() -> None:
    text = (
        "The ferry route will open in May, says Ahmad Fauzi Rahman. The Transport Minister Lee Wei "
        "said the route would start in May."
    )
    found = officials(text)
    assert found["Lee Wei"][0] == "Transport Minister"
    assert found.get("Ahmad Fauzi Rahman", (None, None))[0] is None


# --- Sectors -------------------------------------------------------------------------------------


def test_a_list_goes_on_after_an_apposition_and_as_well_as() -> None:
    text = (
        "The ministers agreed to deepen cooperation in agriculture, through the Lake Chad Basin "
        "programme, as well as in health and tourism."
    )
    assert sector_keys(text) == {"agriculture", "health", "tourism"}


def test_fields_that_cooperation_goes_beyond_are_fields() -> None:
    text = "Relations must move beyond tourism and culture to renewable energy and food security."
    assert {"tourism", "culture"} <= sector_keys(text)


def test_two_terms_of_one_field_in_one_clause_name_that_field() -> None:
    text = "The two sides agreed to offer scholarships for Ghanaian students at Kenyan universities."
    assert sector_keys(text) == {"education"}


def test_one_loose_term_alone_still_names_no_field() -> None:
    assert sector_keys("Ghanaian students visited Kenyan universities last week.") == set()
