"""Officials and sectors on sentences of the genre, with and without the knowledge base."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipreader.extract.entities import extract_entities
from dipreader.model.article import Entities
from dipreader.model.knowledge import Knowledge, bundled_knowledge
from dipreader.model.names import canonical_choice, same_person, weighted_canonical_choice

EMPTY = Knowledge(people=(), sectors=bundled_knowledge().sectors)

Row = tuple[str, str, str | None, str | None]


def officials(text: str, knowledge: Knowledge = EMPTY) -> list[Row]:
    return [(o.name, o.surface, o.role, o.country) for o in extract_entities(text, knowledge).officials]


def sectors(text: str) -> list[tuple[str, str]]:
    return [(s.sector, s.surface) for s in extract_entities(text, EMPTY).sectors]


SPELLINGS = st.sampled_from(
    ["Ignazio La Russa", "Ignacio La Russa", "Mr. Kövér", "László Kövér", "Laszlo Kover", " ", "Dr. Kövér"]
)


@given(st.dictionaries(SPELLINGS, st.integers(0, 6)))
def test_a_weighted_choice_is_the_choice_of_each_name_repeated_its_weight(weights: dict[str, int]) -> None:
    repeated = [name for name, weight in weights.items() for _ in range(weight)]
    if not any(name.strip() for name in repeated):
        with pytest.raises(ValueError):
            weighted_canonical_choice(weights)
        return
    assert weighted_canonical_choice(weights) == canonical_choice(repeated)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Deputy Foreign Minister Fariz Rzayev met the press.",
            [("Fariz Rzayev", "Fariz Rzayev", "Deputy Foreign Minister", None)],
        ),
        (
            "Minister of Foreign Affairs of the Republic of Azerbaijan Jeyhun Bayramov met with "
            "President of the Italian Senate Ignacio La Russa.",
            [
                ("Jeyhun Bayramov", "Jeyhun Bayramov", "Minister of Foreign Affairs", "Azerbaijan"),
                ("Ignacio La Russa", "Ignacio La Russa", "President of the Italian Senate", "Italy"),
            ],
        ),
        (
            "Sahib Mammadov, chairman of the Confederation of Trade Unions of Azerbaijan, said so.",
            [
                (
                    "Sahib Mammadov",
                    "Sahib Mammadov",
                    "chairman of the Confederation of Trade Unions",
                    "Azerbaijan",
                )
            ],
        ),
        (
            "Kazakh Foreign Minister Murat Nurtleu met his Uzbek counterpart Bakhtiyor Saidov.",
            [
                ("Murat Nurtleu", "Murat Nurtleu", "Foreign Minister", "Kazakhstan"),
                # issue 14: a counterpart holds the office of the one they are the counterpart of
                ("Bakhtiyor Saidov", "Bakhtiyor Saidov", "Foreign Minister", "Uzbekistan"),
            ],
        ),
        (
            "Spain's Secretary of State Susana Sumelzo and the Mexican ambassador in Spain, "
            "Quirino Ordaz Coppel, attended.",
            [
                ("Susana Sumelzo", "Susana Sumelzo", "Secretary of State", "Spain"),
                ("Quirino Ordaz Coppel", "Quirino Ordaz Coppel", "ambassador in Spain", "Mexico"),
            ],
        ),
    ],
)
def test_titles_appositions_and_counterparts_without_knowledge(text: str, expected: list[Row]) -> None:
    assert officials(text) == expected


def test_surname_only_mentions_carry_the_person_role_and_country() -> None:
    text = (
        "Turkish Foreign Minister Hakan Fidan received Italian Defense Minister Guido Crosetto. "
        "Fidan said the talks were useful. Mr. Crosetto agreed, and Fidan thanked him."
    )
    rows = officials(text)
    assert [row[1] for row in rows] == ["Hakan Fidan", "Guido Crosetto", "Fidan", "Crosetto", "Fidan"]
    assert {row[0]: (row[2], row[3]) for row in rows} == {
        "Hakan Fidan": ("Foreign Minister", "Türkiye"),
        "Guido Crosetto": ("Defense Minister", "Italy"),
    }


def test_names_inside_organisations_bylines_and_saints_are_not_officials() -> None:
    text = (
        "Sabina Mammadli\n\n"
        "The role of the Heydar Aliyev Foundation was stressed. Delegates visited the "
        "Leonardo da Vinci Italian Cultural Institute and the catacombs of St. Marcellinio and "
        "Pietro, then flew from Charles de Gaulle Airport.\n\nBy Burak Dag"
    )
    assert officials(text, bundled_knowledge()) == []


def test_the_knowledge_base_canonicalises_misspellings_and_adds_country() -> None:
    rows = officials(
        "Khalafov and his counterpart Edmondo Chirielli met. Chirielli spoke.", bundled_knowledge()
    )
    assert [(row[0], row[1]) for row in rows] == [
        ("Edmondo Cirielli", "Edmondo Chirielli"),
        ("Edmondo Cirielli", "Chirielli"),
    ]
    assert rows[0][3] == "Italy"


def test_people_sharing_a_surname_stay_apart() -> None:
    text = (
        "Azerbaijani President Ilham Aliyev recalled the visit of national leader Heydar Aliyev "
        "to Italy. First Vice-President Mehriban Aliyeva attended."
    )
    names = {row[0] for row in officials(text)}
    assert names == {"Ilham Aliyev", "Heydar Aliyev", "Mehriban Aliyeva"}


def test_honorifics_are_not_part_of_the_name_and_regnal_numbers_are() -> None:
    rows = officials("The head of state Mr. Ilham Aliyev met King Felipe VI in Madrid.")
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("Ilham Aliyev", "Ilham Aliyev", "head of state"),
        ("Felipe VI", "Felipe VI", "King"),
    ]


def test_spans_are_sorted_code_point_offsets_that_never_overlap() -> None:
    text = "Ünal — Président Jean-Noël Barrot and Minister Barrot, with energy, transport and culture ties."
    entities = extract_entities(text, EMPTY)
    for mentions in (entities.officials, entities.sectors):
        spans = [(m.start, m.end, m.surface) for m in mentions]
        starts = [start for start, _, _ in spans]
        assert starts == sorted(starts)
        assert all(a[1] <= b[0] for a, b in pairwise(spans))
        assert all(text[start:end] == surface for start, end, surface in spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "relations in politics, trade-economic, energy, defense and security spheres",
            [
                ("politics", "politics"),
                ("trade", "trade"),
                ("economy", "economic"),
                ("energy", "energy"),
                ("defense", "defense"),
                ("security", "security"),
            ],
        ),
        ("cooperation in the field of higher education", [("education", "higher education")]),
        ("They stressed energy cooperation.", [("energy", "energy cooperation")]),
        ("Another round of political consultations was held.", []),
        ("the political dialogue and peace and security in the region", []),
        ("the Ministry of Culture, Tourism and Sports hosted them", []),
        (
            "including energy, economy, trade, and defense",
            [("energy", "energy"), ("economy", "economy"), ("trade", "trade"), ("defense", "defense")],
        ),
    ],
)
def test_sectors_only_where_the_text_names_an_area_of_cooperation(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert sectors(text) == expected


def test_extraction_is_deterministic_and_handles_empty_text() -> None:
    assert extract_entities("") == Entities((), ())
    text = "Prime Minister of Georgia Irakli Kobakhidze met Mr. Larcher. Kobakhidze left."
    assert extract_entities(text) == extract_entities(text)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Edmondo Cirielli", "Edmondo Chirielli", True),
        ("Ignacio La Russa", "Ignazio La Russa", True),
        ("Aliyev", "Ilham Aliyev", True),
        ("Abdel Aty", "Badr Abdelatty", True),
        ("Lula da Silva", "Luiz Inácio Lula da Silva", True),
        ("Ilham Aliyev", "Heydar Aliyev", False),
        ("Ilham Aliyev", "Mehriban Aliyeva", False),
        ("Heydar Aliyev", "Mehriban Aliyeva", False),
        ("Mario Rossi", "Maria Rossi", False),
        ("Jeyhun Bayramov", "Fariz Rzayev", False),
    ],
)
def test_same_person_merges_spelling_variants_only(a: str, b: str, same: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(b, a) is same


def test_canonical_choice_is_most_frequent_then_fullest_and_order_free() -> None:
    names = ["Ignacio La Russa", "Ignazio La Russa", "Ignazio La Russa"]
    assert canonical_choice(names) == "Ignazio La Russa"
    assert canonical_choice(reversed(names)) == "Ignazio La Russa"
    assert canonical_choice(["Mr. Kövér", "László Kövér", "László Kövér"]) == "László Kövér"
    with pytest.raises(ValueError):
        canonical_choice([])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an institution's own name inside the title, then the person
            "Chairman of the Sejmik of the Republic of Poland Piotr Kowalczyk arrived.",
            [("Piotr Kowalczyk", "Piotr Kowalczyk", "Chairman of the Sejmik", "Poland")],
        ),
        (  # the title's last capitalised words are not the person's
            "Speaker of the Storting Masud Gharahkhani spoke.",
            [("Masud Gharahkhani", "Masud Gharahkhani", "Speaker of the Storting", "Norway")],
        ),
        (  # an organisation named right before the title noun
            "Later, Rosatom CEO Alexey Likhachev signed the deal.",
            [("Alexey Likhachev", "Alexey Likhachev", "Rosatom CEO", "Russia")],
        ),
        (  # the People's Republic, and a courtesy title loses to an office
            "H.E. Sheikh Tamim Al Thani, Emir of the State of Qatar, met Vice Chairman of the "
            "People's Republic of China Han Zheng.",
            [
                ("Tamim Al Thani", "Tamim Al Thani", "Emir", "Qatar"),
                ("Han Zheng", "Han Zheng", "Vice Chairman", "China"),
            ],
        ),
    ],
)
def test_titles_that_hold_institution_names(text: str, expected: list[Row]) -> None:
    assert officials(text) == expected


def test_what_a_title_governs_is_not_a_person() -> None:
    text = (
        "Minister for Digital Affairs of the Cabinet Hasan Ali met the chairman of the Karachi Chamber. "
        "The rector of the University of Lahore Abdul Qadir Khan signed nothing. "
        "The founder of Eni Enrico Mattei is remembered."
    )
    names = {row[0] for row in officials(text)}
    assert "Hasan Ali" in names
    assert not names & {
        "Karachi Chamber",
        "Chamber",
        "Abdul Qadir Khan",
        "Enrico Mattei",
        "Eni Enrico Mattei",
    }


def test_family_name_first_and_first_name_mentions_link_to_the_person() -> None:
    text = "Vice President Han Zheng met Prime Minister Imran Khan. Mr Han praised Imran for his support."
    rows = officials(text)
    assert [row[0] for row in rows] == ["Han Zheng", "Imran Khan", "Han Zheng", "Imran Khan"]


def test_arabic_names_with_articles_are_whole() -> None:
    rows = officials("Prime Minister Ahmed El-Sayed met President Ali al-Haddad in Cairo.")
    assert [row[1] for row in rows] == ["Ahmed El-Sayed", "Ali al-Haddad"]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("The two sides agreed to cooperate in energy, infrastructure, port logistics and tourism.",
         {"energy", "construction", "logistics", "tourism"}),
        ("They discussed cooperation in the fields of security, energy, customs and transportation.",
         {"security", "energy", "transport"}),
        ("They discussed cooperation in the fields of security, energy, water and transportation.",
         {"security", "energy", "water", "transport"}),
        ("The talks in such fields as railways, new energy and agricultural products went well.",
         {"transport", "energy", "agriculture"}),
        ("The visit gave renewed energy to talks, and a culture of dialogue prevailed at Baku Energy Week.",
         set()),
    ],
)  # fmt: skip
def test_sector_lists_go_on_past_unknown_fields_and_common_words_stay_words(
    text: str, keys: set[str]
) -> None:
    assert {key for key, _ in sectors(text)} == keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "BAKU, May 3. He received the Ambassador of Japan to the UAE Akio Isomata.",
            [("Akio Isomata", "Akio Isomata", "Ambassador of Japan to the UAE", "Japan")],
        ),
        (
            "BAKU, May 3. He received the Japanese Ambassador to the U.K. Akio Isomata.",
            [("Akio Isomata", "Akio Isomata", "Ambassador to the U.K.", "Japan")],
        ),
        (
            "ANKARA, May 3 (AA) -- U.S. President Joe Biden phoned ROK Foreign Minister Cho Tae-yul.",
            [
                ("Joe Biden", "Joe Biden", "President", "United States"),
                ("Cho Tae-yul", "Cho Tae-yul", "Foreign Minister", "South Korea"),
            ],
        ),
        (
            "ANKARA, May 3 (AA) -- President of the Kurdistan Region Nechirvan Barzani met EU High "
            "Representative Kaja Kallas and UN Secretary-General António Guterres.",
            [
                ("Nechirvan Barzani", "Nechirvan Barzani", "President of the Kurdistan Region", "Iraq"),
                ("Kaja Kallas", "Kaja Kallas", "High Representative", "European Union"),
                ("António Guterres", "António Guterres", "Secretary-General", "United Nations"),
            ],
        ),
        (
            "SEOUL, May 3 (Yonhap) -- Masdar CEO Mohamed Jameel Al Ramahi signed the deal.",
            [("Mohamed Jameel Al Ramahi", "Mohamed Jameel Al Ramahi", "Masdar CEO", "United Arab Emirates")],
        ),
        (
            "Turkish FM Hakan Fidan met the Emir of Qatar, Sheikh Tamim bin Hamad Al Thani.",
            [
                ("Hakan Fidan", "Hakan Fidan", "FM", "Türkiye"),
                ("Tamim bin Hamad Al Thani", "Tamim bin Hamad Al Thani", "Emir", "Qatar"),
            ],
        ),
    ],
)
def test_country_acronyms_regions_and_bodies_in_titles(text: str, expected: list[Row]) -> None:
    assert officials(text) == expected


def test_a_son_named_after_his_father_is_another_person() -> None:
    text = (
        "King Abdullah II received the guests. Crown Prince Al Hussein bin Abdullah II and "
        "Secretary-General Ahmed Aboul Gheit attended. Abdullah thanked them."
    )
    rows = officials(text)
    assert ("Abdullah II", "Abdullah II", "King", None) in rows
    assert ("Al Hussein bin Abdullah II", "Al Hussein bin Abdullah II", "Crown Prince", None) in rows
    assert ("Ahmed Aboul Gheit", "Ahmed Aboul Gheit", "Secretary-General", None) in rows
    assert not same_person("Abdullah II", "Al Hussein bin Abdullah II")


def test_lists_of_people_initials_and_headline_verbs_are_not_titles_or_names() -> None:
    text = (
        "Georgian PM Meets S. Korean Counterpart\n\n"
        "The meeting was attended by Saeed Al Hajeri, Assistant Minister for Economic Affairs, and "
        "Shihab Al Faheem, the UAE Ambassador to Japan. Qatar's Minister of State at the Ministry of "
        "Foreign Affairs Mohammed Al Khulaifi spoke."
    )
    assert [(name, role, country) for name, _, role, country in officials(text)] == [
        ("Saeed Al Hajeri", "Assistant Minister for Economic Affairs", None),
        ("Shihab Al Faheem", "Ambassador to Japan", "United Arab Emirates"),
        ("Mohammed Al Khulaifi", "Minister of State at the Ministry of Foreign Affairs", "Qatar"),
    ]
