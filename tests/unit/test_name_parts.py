"""Names in their parts: one person however the name is ordered, initialled or accented (issue 14)."""

from __future__ import annotations

import pytest

from dipreader.model.article import ArticleMeta, Entities, OfficialMention
from dipreader.model.names import NameParts, name_parts, same_parts, same_person
from dipreader.model.people import build_people, who_records


@pytest.mark.parametrize(
    ("written", "given", "family", "family_first"),
    [
        ("Masaru Okada", ("Masaru",), ("Okada",), False),
        ("Okada Masaru", ("Masaru",), ("Okada",), True),
        ("SUZUKI Haruka", ("Haruka",), ("SUZUKI",), True),
        ("Haruka SUZUKI", ("Haruka",), ("SUZUKI",), False),
        ("Choi Min-ji", ("Min-ji",), ("Choi",), True),
        ("Zhang Wenhua", ("Wenhua",), ("Zhang",), True),
        ("Nguyễn Thị Mai", ("Thị", "Mai"), ("Nguyễn",), True),
        ("Lee Anderson", ("Lee",), ("Anderson",), False),  # an English given name, not a Korean family
        ("Dr. Amal Haddad", ("Amal",), ("Haddad",), False),
        ("Juan Carlos de la Vega", ("Juan", "Carlos"), ("Vega",), False),
    ],
)
def test_a_name_is_read_into_given_and_family_parts(
    written: str, given: tuple[str, ...], family: tuple[str, ...], family_first: bool
) -> None:
    parts = name_parts(written)
    assert (parts.given, parts.family, parts.family_first) == (given, family, family_first)


def test_particles_suffix_and_nickname_are_parts_of_their_own() -> None:
    assert name_parts("Juan Carlos de la Vega").particles == ("de", "la")
    parts = name_parts('Roberto "Bobby" Santos Jr.')
    assert (parts.given, parts.family, parts.suffix) == (("Roberto",), ("Santos",), "Jr.")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Okada Masaru", "Masaru Okada"),
        ("SUZUKI Haruka", "Haruka Suzuki"),
        ("Choi Min-ji", "Minji Choi"),
        ("Choi Min-ji", "Choi"),
        ("R. Subramanian", "Ravi Subramanian"),
        ("R Subramanian", "Subramanian"),
        ("P.K. Menon", "Menon"),
        ("Nguyễn Thị Mai", "Nguyen Thi Mai"),
        ("Đặng Văn Hùng", "Dang Van Hung"),
        ("Mai", "Nguyễn Thị Mai"),  # Vietnamese officials are called by the last given name
        ('Roberto "Bobby" Santos Jr.', "Roberto Santos"),
        ("Santos", 'Roberto "Bobby" Santos Jr.'),
        ("Łukasz Nowak", "Lukasz Nowak"),
    ],
)
def test_spellings_of_one_person_are_one_person(a: str, b: str) -> None:
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Choi Min-ji", "Choi Dong-hyun"),  # one family name, two people
        ("Zhang Wenhua", "Zhang Lei"),
        ("Okada Masaru", "Okada Yuki"),
        ("Nguyễn Thị Mai", "Nguyễn Văn Long"),
        ("Amal Haddad", "Omar Haddad"),
    ],
)
def test_two_people_who_share_a_family_name_stay_apart(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_parts_keep_what_capitals_said_after_the_shown_name_lost_them() -> None:
    """ "TAKEDA Ren" is shown as "Takeda Ren"; its parts still say the family name comes first."""
    marked = name_parts("TAKEDA Ren")
    assert marked.family_first and marked.family == ("TAKEDA",)
    assert same_parts(marked, name_parts("Ren Takeda"))


def _mention(name: str, parts: NameParts | None = None, country: str | None = None) -> OfficialMention:
    return OfficialMention(name, name, 0, len(name), "Ambassador", country, "title", parts)


def _meta(identifier: str) -> ArticleMeta:
    return ArticleMeta(identifier, f"{identifier}.md", identifier, None, None, None)


def test_the_whos_who_merges_orders_and_keeps_namesakes_apart() -> None:
    items = [
        (_meta("a"), Entities((_mention("Okada Masaru"),), ()), ""),
        (_meta("b"), Entities((_mention("Masaru Okada"),), ()), ""),
        (_meta("c"), Entities((_mention("Choi Min-ji"),), ()), ""),
        (_meta("d"), Entities((_mention("Choi Dong-hyun"),), ()), ""),
        (_meta("e"), Entities((_mention("Takeda Ren", name_parts("TAKEDA Ren")),), ()), ""),
        (_meta("f"), Entities((_mention("Ren Takeda"),), ()), ""),
    ]
    people = build_people(items)
    assert sorted(len(person.articles) for person in people) == [1, 1, 2, 2]
    assert {person.articles for person in people if len(person.articles) == 2} == {("a", "b"), ("e", "f")}


def test_who_records_show_the_name_parts_and_the_country_basis() -> None:
    items = [(_meta("a"), Entities((_mention("Okada Masaru", country="Japan"),), ()), "")]
    record = who_records(build_people(items))[0]
    assert record["country"] == "Japan" and record["country_basis"] == "title"
    assert record["name_parts"] == {
        "given": "Masaru",
        "family": "Okada",
        "particles": "",
        "suffix": "",
        "family_first": True,
    }
