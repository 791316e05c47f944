"""Countries and names of officials in the shapes blind set 7 found wanting: a side of a meeting
named with its leader ("the Fijian delegation was led by ...", "Chile's side was headed by ..."), a
capital after "with the" that is a place on a map rather than the other side, and later short forms
of a full name (a family name with its particle, initials of the given names), a look-alike place
taken for a person, a legislator's style left in the role, an air services agreement, and "the
development of" read as development cooperation."""

from __future__ import annotations

from extraction_probes import EMPTY, sector_keys

from dipreader.extract.entities import extract_entities


def countries(text: str) -> dict[str, str | None]:
    return {o.name: o.country for o in extract_entities(text, EMPTY).officials}


def test_each_delegation_named_by_its_demonym_gives_its_leader_a_country() -> None:
    text = (
        "Fiji and Norway held their second policy dialogue in Suva on Monday.\n\n"
        "The Fijian delegation was led by Permanent Secretary Losana Vakaruru and the Norwegian "
        "delegation by the Director General of the Department for Asia, Ingrid Solberg.\n\n"
        "Solberg said Norway would support ocean research in Fiji."
    )
    found = countries(text)
    assert found["Losana Vakaruru"] == "Fiji"
    assert found["Ingrid Solberg"] == "Norway"


def test_a_possessive_side_headed_by_an_official_is_that_country() -> None:
    text = (
        "OMAN: Oman and Chile held political consultations in Muscat on Tuesday.\n\n"
        "The Omani side was led by Undersecretary for Political Affairs Salim Al-Harthy, while "
        "Chile's delegation was headed by Director General Camila Rojas Vega, the ministry said.\n\n"
        "Rojas Vega said Chile hoped to export more fruit to Oman."
    )
    found = countries(text)
    assert found["Salim Al-Harthy"] == "Oman"
    assert found["Camila Rojas Vega"] == "Chile"


def test_a_capital_after_with_the_is_a_place_not_the_other_side() -> None:
    text = (
        "Tonga and Japan marked 55 years of ties in Nuku'alofa on Friday.\n\n"
        "The Japanese Ambassador to Tonga, Kenji Morita, said Japan valued the friendship.\n\n"
        "The Minister of Infrastructure, Sione Taufa, said a new road linking the airport with the "
        "Nuku'alofa wharf would open next year."
    )
    assert countries(text)["Sione Taufa"] == "Tonga"


def test_a_country_after_with_still_names_the_other_side() -> None:
    text = (
        "Tonga and Japan marked 55 years of ties in Nuku'alofa on Friday.\n\n"
        "The Japanese Ambassador to Tonga, Kenji Morita, spoke first.\n\n"
        "The Minister of Fisheries, Sione Taufa, called for closer cooperation with Japan."
    )
    assert countries(text)["Sione Taufa"] == "Tonga"


def names(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for mention in extract_entities(text, EMPTY).officials:
        found.setdefault(mention.name, []).append(mention.surface)
    return found


def test_a_family_name_with_its_particle_is_a_later_mention_of_the_full_name() -> None:
    text = (
        "Minister of Trade Karim Ben Salah Ouali met the Malian delegation in Tunis.\n\n"
        "Ben Salah Ouali said exports to Mali had doubled."
    )
    assert names(text) == {"Karim Ben Salah Ouali": ["Karim Ben Salah Ouali", "Ben Salah Ouali"]}


def test_the_name_after_bin_is_still_not_the_son() -> None:
    text = (
        "King Tariq bin Faisal Al Noor received the envoy.\n\n"
        "King Faisal Al Noor, his father, had ruled before him, said Minister of Culture Omar Haddad."
    )
    assert names(text)["Faisal Al Noor"] == ["Faisal Al Noor"]


def test_initials_of_the_given_names_before_the_family_name_are_the_same_person() -> None:
    text = (
        "Deputy Minister of Energy Mahmud Shakir Rahimov led the talks in Dushanbe.\n\n"
        "Speaking to reporters, M.Sh. Rahimov said the power line would be finished soon."
    )
    assert names(text) == {"Mahmud Shakir Rahimov": ["Mahmud Shakir Rahimov", "M.Sh. Rahimov"]}


def test_a_look_alike_place_is_no_mention_of_a_titled_person() -> None:
    text = (
        "The Minister of Agriculture, Tavita Lemalu, said a new market near the Lemaru bus station "
        "would open in May."
    )
    assert names(text) == {"Tavita Lemalu": ["Tavita Lemalu"]}


def roles(text: str) -> dict[str, str | None]:
    return {o.name: o.role for o in extract_entities(text, EMPTY).officials}


def test_a_legislators_style_between_the_office_and_the_name_is_no_part_of_the_role() -> None:
    text = (
        "The accord was signed by Minister of Tourism and Culture Senator Dr Joan Whyte-Palmer and "
        "Minister of Health, Hon. Peter Mbeki Osei."
    )
    assert roles(text) == {
        "Joan Whyte-Palmer": "Minister of Tourism and Culture",
        "Peter Mbeki Osei": "Minister of Health",
    }


def test_senator_alone_is_still_the_role() -> None:
    assert roles("Senator Joan Whyte-Palmer opened the debate.") == {"Joan Whyte-Palmer": "Senator"}


def test_an_air_services_agreement_is_transport() -> None:
    text = "Fiji and Chile signed agreements on air services, culture and visa waivers."
    assert "transport" in sector_keys(text)


def test_the_development_of_something_is_no_development_cooperation() -> None:
    text = (
        "The sides discussed the new gas power plant, due to begin commercial operation in May, and "
        "the development of railway lines linking the two capitals."
    )
    found = sector_keys(text)
    assert "development" not in found
    assert "transport" in found


def test_development_in_a_list_of_fields_still_counts() -> None:
    text = "They agreed to cooperate in health, education and development."
    assert "development" in sector_keys(text)
