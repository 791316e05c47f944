"""Shapes of news from any outlet (issue 14): sector lists, names, roles, countries and dates."""

from __future__ import annotations

import pytest
from extraction_scoring import without_people

from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.entities import extract_entities
from dipreader.extract.events import find_events
from dipreader.model.article import PartialDate
from dipreader.model.knowledge import Knowledge, bundled_knowledge


def _unknown_people() -> Knowledge:
    return without_people(bundled_knowledge())


def _sectors(text: str) -> set[str]:
    return {mention.sector for mention in extract_entities(text, _unknown_people()).sectors}


def _people(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Name -> (role, country, basis) of each official found."""
    found: dict[str, tuple[str | None, str | None, str | None]] = {}
    for mention in extract_entities(text, _unknown_people()).officials:
        found.setdefault(mention.name, (mention.role, mention.country, mention.country_basis))
    return found


# --- sectors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("The commission worked in three sub-committees: trade and customs; energy and mining; and "
         "culture, youth and sport.", {"trade", "energy", "mining", "culture", "youth_sports"}),
        ("They set up working groups on tourism; health; and science.", {"tourism", "health", "science"}),
        ("A programme encompassing fisheries, water supply and vocational training was signed.",
         {"agriculture", "water", "education"}),
        ("The sides pledged to cooperate at the parliamentary level, in defence and in health.",
         {"parliamentary", "defense", "health"}),
        ("Ties should grow not only in trade but also in tourism and banking.", {"trade", "tourism", "finance"}),
        ("The memoranda were signed in support of food security, digital services and judicial reform.",
         {"agriculture", "digital", "justice"}),
        ('"We will work together in maritime security, media and labour mobility," the envoy said.',
         {"maritime", "security", "media", "labour"}),
        ("Both countries are investing in mining, port infrastructure and desalination.",
         {"mining", "transport", "water"}),
        ("Cooperation between our universities will deepen.", {"education"}),
    ],
)  # fmt: skip
def test_sectors_in_every_list_shape(text: str, keys: set[str]) -> None:
    assert _sectors(text) == keys


def test_new_fields_have_their_own_keys_and_labels() -> None:
    labels = {sector.key: sector.label for sector in bundled_knowledge().sectors}
    for key in (
        "development",
        "labour",
        "media",
        "finance",
        "digital",
        "justice",
        "maritime",
        "water",
        "mining",
    ):
        assert labels[key] and labels[key] != key


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("LAGOS, March 3 - Trade Minister Dr. Femi Adebayo met the press.", "Femi Adebayo", "Trade Minister"),
        ("The talks were led by Energy Minister Datuk Seri Dr Rosli Hamzah.", "Rosli Hamzah", "Energy Minister"),
        ("Home Affairs Minister R Krishnan said the bill was ready.", "R Krishnan", "Home Affairs Minister"),
        ("Foreign Secretary Md. Anwar Hossain Talukder led the side.", "Md. Anwar Hossain Talukder",
         "Foreign Secretary"),
        ("Present was the chairman of the Democratic Union (DU), Mr. Tomas Berg.", "Tomas Berg",
         "chairman of the Democratic Union"),
        ("The Vice Minister TANAKA Sho attended. Vice Minister TANAKA spoke first.", "Tanaka Sho",
         "Vice Minister"),
        ('Labor Secretary Roberto "Bobby" Santos Jr. said jobs would grow.', "Roberto Santos Jr.",
         "Labor Secretary"),
        ("Ambassador Choi Min-ji arrived. Choi said talks went well.", "Choi Min-ji", "Ambassador"),
        ("Talks were held with Health Minister Dr. Mohammed Saleh on Monday.", "Mohammed Saleh",
         "Health Minister"),
    ],
)  # fmt: skip
def test_names_behind_honorifics_initials_organisations_and_family_first(
    text: str, name: str, role: str
) -> None:
    people = _people(text)
    assert name in people, people
    assert people[name][0] == role


def test_a_speaker_introduced_only_by_said_is_found() -> None:
    text = '"The port will open next year," said Grace Wanjiru Mbugua. Mbugua heads the port authority.'
    assert "Grace Wanjiru Mbugua" in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "Minister Hana Novak met envoys at the UN in New York on Monday.",
        "Minister Hana Novak invited them to the Ocean Leaders' Summit.",
        "The delegation included Minister Hana Novak and the Trade Attaché, Carlos",
    ],
)
def test_capitalised_words_that_are_no_person(text: str) -> None:
    assert set(_people(text)) == {"Hana Novak"}


def test_roles_keep_no_name_fragments_brackets_or_relations() -> None:
    people = _people(
        "Foreign Minister Ana Ruiz and her Peruvian counterpart Sheikh Omar Haddad met. "
        "HE Director General of the National Trade Agency (NTA) Lina Morel also attended."
    )
    assert people["Omar Haddad"][0] == "Foreign Minister"
    assert people["Lina Morel"][0] == "Director General of the National Trade Agency"


# --- countries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "basis"),
    [
        ("Kenyan Deputy Minister Ruth Achieng met Peruvian officials.", "Ruth Achieng", "Kenya", "title"),
        ("Foreign Minister Ana Ruiz and her Kenyan counterpart Paul Otieno met in Lima. Peru and Kenya "
         "signed a deal.", "Ana Ruiz", "Peru", "counterpart"),
        ("Kenyan Trade Minister Paul Otieno paid a courtesy call on Prime Minister Ana Ruiz. Peru and "
         "Kenya signed a deal.", "Ana Ruiz", "Peru", "host"),
        ("Minister of Mines Ana Ruiz received the Kenyan Trade Minister Paul Otieno. Peru and Kenya "
         "signed a deal. Deputy Minister Luis Soto attended.", "Luis Soto", "Peru", "elimination"),
        ("LIMA, May 4 (Andina) - Deputy Minister Luis Soto spoke on Peru and Kenya.", "Luis Soto", "Peru",
         "dateline"),
    ],
)  # fmt: skip
def test_every_official_gets_a_country_with_its_basis(text: str, name: str, country: str, basis: str) -> None:
    people = _people(text)
    assert people[name][1:] == (country, basis), people


def test_a_title_qualifier_wins_over_a_country_the_sentence_names() -> None:
    people = _people("In Nairobi, the visiting Peruvian Minister of Mines Ana Ruiz met Kenyan officials.")
    assert people["Ana Ruiz"][1:] == ("Peru", "title")


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Lima, May 4 (Andina). The ministers marked the 30th anniversary of relations, established on "
         "June 2, 1994.", "2024-05-04"),
        ("Nairobi, May 4 (KNA) - The 20th anniversary of the treaty (2003-2023) was celebrated.", "2023-05-04"),
        ("Published 4 May 2024\n\nThe ministers met.", "2024-05-04"),
        ("04/05/2024 10:15 AM\n\nNAIROBI, May 4 (KNA) - The ministers met.", "2024-05-04"),
        ("Addis Ababa, May 4/2024 (ENA) - The ministers met.", "2024-05-04"),
        ("Nairobi (KNA) - The ministers met on Saturday, two weeks after the summit held on 20 April. "
         "Trade grew in 2023 and should double by 2026.", "2024-05-04"),
    ],
)  # fmt: skip
def test_article_dates_from_indirect_clues(body: str, expected: str) -> None:
    assert infer_publication_date(body)[0] == PartialDate.parse(expected)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "status"),
    [
        ("The delegations will attend a dinner tonight.", "tonight", "2024-05-04", "planned"),
        ("The ministers met this morning.", "this morning", "2024-05-04", "past"),
        ("A deal will be signed before year-end.", "before year-end", "2024", "planned"),
        ("Earlier this month, the envoys met.", "Earlier this month", "2024-05", "past"),
        ("Talks will resume in the coming weeks.", "in the coming weeks", "2024-05", "planned"),
        ('"Today we open a new chapter," the minister said.', "Today", "2024-05-04", "past"),
        ("The sides on Friday agreed to expand trade.", "on Friday", "2024-05-03", "past"),
        ("The forum scheduled in July was discussed.", "in July", "2024-07", "planned"),
    ],
)
def test_relative_words_and_their_tense(sentence: str, text: str, value: str, status: str) -> None:
    article = PartialDate(2024, 5, 4)
    events = [event for event in find_events("a", sentence, article) if event.expression == text]
    assert [(event.date.iso(), event.status) for event in events] == [(value, status)]


@pytest.mark.parametrize(
    "body",
    [
        "Ministers meet on water\n\n2024-05-04.png\n\nThe ministers met.",
        "Updated: 2024-05-04 12:00\n\nThe ministers met.",
        "Published : 2024-05-04 09:10 Updated : 2024-05-04 11:40\n\nThe ministers met.",
    ],
)
def test_page_furniture_makes_no_event(body: str) -> None:
    expressions = find_temporal_expressions(body, PartialDate(2024, 5, 4))
    assert not [e for e in expressions if e.datable], expressions
