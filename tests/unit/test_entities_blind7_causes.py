"""Countries of officials in the shapes blind set 7 found wanting: a side of a meeting named with
its leader ("the Fijian delegation was led by ...", "Chile's side was headed by ..."), and a capital
after "with the" that is a place on a map rather than the other side."""

from __future__ import annotations

from dipreader.extract.entities import extract_entities
from dipreader.model.knowledge import Knowledge, bundled_knowledge

EMPTY = Knowledge(people=(), sectors=bundled_knowledge().sectors)


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
