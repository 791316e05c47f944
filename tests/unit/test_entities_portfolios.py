"""Officials whose titles cover a region or a portfolio, posts under another office, ranks after an
office, organisations before a comma; sector terms of other outlets' lists (issue 14, blind set 4)."""

from __future__ import annotations

import pytest

from dipreader.extract.entities import extract_entities
from dipreader.extract.officials.titles import country_in_title
from dipreader.model.knowledge import Knowledge, bundled_knowledge

EMPTY = Knowledge(people=(), sectors=bundled_knowledge().sectors)


def officials(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {o.name: (o.role, o.country) for o in extract_entities(text, EMPTY).officials}


def sector_keys(text: str) -> set[str]:
    return {mention.sector for mention in extract_entities(text, EMPTY).sectors}


@pytest.mark.parametrize(
    ("title", "country"),
    [
        ("Minister for Latin America and the Caribbean", None),
        ("Deputy Foreign Minister for European Affairs", None),
        ("Special Envoy for Yemen and Oman", None),
        ("Minister of European Integration", None),
        ("Minister of Foreign Affairs and European Integration of Moldova", "Moldova"),
        ("US Special Envoy for Afghanistan", "United States"),
        ("European Commissioner for Trade", "European Union"),
        ("Ambassador of Guatemala to Mexico", "Guatemala"),
        ("Ambassador to the Netherlands", None),
        ("Counsellor at the Indian Embassy", "India"),
        ("Central American Integration System Secretary-General", None),
    ],
)
def test_a_region_or_portfolio_in_a_title_is_not_the_holders_country(title: str, country: str | None) -> None:
    assert country_in_title(title) == country


def test_an_official_whose_portfolio_names_a_region_takes_the_country_of_the_frame() -> None:
    text = (
        "LIMA, May 5 (Andina) - Peruvian Foreign Minister Rosa Quispe met Chilean Foreign Minister "
        "Tomás Errázuriz on Monday. The Vice Minister for Latin America and the Caribbean, Jorge "
        "Salinas, and the Chilean Ambassador, Paula Rivas, also attended."
    )
    found = officials(text)
    assert found["Jorge Salinas"] == ("Vice Minister for Latin America and the Caribbean", "Peru")
    assert found["Paula Rivas"][1] == "Chile"


def test_a_post_under_another_office_keeps_the_offices_country() -> None:
    text = (
        "Kuwait City, June 2 (KUNA) -- The Minister of Foreign Affairs received today the Egyptian "
        "President's special envoy, Dr. Karim Mansour, who conveyed a message."
    )
    role, country = officials(text)["Karim Mansour"]
    assert country == "Egypt"
    assert role is not None and role.endswith("President's special envoy")


def test_an_organisation_right_before_the_comma_ends_the_title() -> None:
    text = "The minister later met the chief executive of Sonatrach, Amel Haddad, in Algiers."
    assert officials(text)["Amel Haddad"][0] == "chief executive of Sonatrach"


def test_a_place_right_before_the_comma_ends_the_title() -> None:
    text = "The Ghanaian High Commissioner in Abuja, Kwesi Mensah Boateng, welcomed the visitors."
    assert officials(text)["Kwesi Mensah Boateng"] == ("High Commissioner in Abuja", "Ghana")


def test_a_list_of_people_after_a_comma_is_not_a_title() -> None:
    text = "Minister of Energy Pedro Alves, Joana Matos and others attended the forum."
    found = officials(text)
    assert found["Pedro Alves"][0] == "Minister of Energy"
    assert "Joana Matos" not in found or found["Joana Matos"][0] != "Minister of Energy Pedro Alves"


def test_a_rank_after_an_office_is_no_part_of_the_role() -> None:
    text = "The delegation visited the academy and met its commandant, Brigadier Olu Adeyemi."
    assert officials(text)["Olu Adeyemi"][0] == "commandant"


def test_a_ministrys_hall_is_no_person() -> None:
    text = "The minister received the envoy at the Ministry's General Diwan in Muscat on Sunday."
    assert officials(text) == {}


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("The two sides discussed trade, the new railway link and port fees.", {"trade", "transport"}),
        ("Investors are interested in logistics, agro-processing and solar power.", {"agriculture"}),
        ("The accord covers electricity transmission, biofuels and lithium.", {"energy", "mining"}),
        ("They agreed to cooperate in cyber defence and training.", {"security"}),
    ],
)
def test_sector_terms_of_other_house_styles(text: str, keys: set[str]) -> None:
    assert keys <= sector_keys(text)


def test_youth_development_is_youth_not_development_cooperation() -> None:
    keys = sector_keys("They signed a memorandum on youth development and sports.")
    assert "youth_sports" in keys and "development" not in keys
