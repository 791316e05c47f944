"""The in-memory matcher: words folded and stemmed, fields on canonical facts, dates by overlap, flags."""

from __future__ import annotations

import pytest

from dipreader.model.article import PartialDate
from dipreader.model.query import parse
from dipreader.model.query_match import PreparedRecords, Record, Vocabulary, fact_key, filter_records, matches
from dipreader.model.text_fold import fold, stem, words_of

VISIT = Record(
    title="Italy and Azerbaijan discuss energy",
    text="Deputy Minister Edmondo Chirielli met Çavuşoğlu in Baku. Talks on green energy pipelines followed.",
    persons=("Edmondo Cirielli",),
    sectors=("energy", "green energy"),
    countries=("Italy", "Azerbaijan"),
    source="Xinhua News Agency",
    tags=("Pipeline",),
    date=PartialDate(2024, 3),
)


def canonical_person(name: str) -> str:
    return "Edmondo Cirielli" if fold(name) in ("chirielli", "cirielli", "e. chirielli") else name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("energy", True),
        ("ENERGY", True),
        ("cavusoglu", True),
        ("ÇAVUŞOĞLU", True),
        ("talk", True),
        ("pipeline", True),
        ("meeting", False),
        ("catacombs", False),
        ('"green energy pipelines"', True),
        ('"energy green"', False),
        ('"discuss energy deputy"', False),  # a phrase does not run from the title into the text
        ("pipel*", True),
        ("cav*", True),
        ("energy -catacombs", True),
        ("energy -baku", False),
        ("catacombs OR baku", True),
        ("-(catacombs OR tunnels)", True),
        ("(catacombs OR baku) -energy", False),
    ],
)
def test_words(text: str, expected: bool) -> None:
    assert matches(parse(text), VISIT) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("person:Cirielli", True),
        ("person:cirielli", True),
        ("person:Edmondo", True),
        ('person:"Edmondo Cirielli"', True),
        ('person:"Cirielli Edmondo"', True),
        ('person:"Mr. Cirielli"', True),
        ("person:Chirielli", True),
        ("@chirielli", True),
        ('person:"Antonio Cirielli"', False),
        ("person:Tajani", False),
        ("person:Ciri", False),
        ("sector:energy", True),
        ('sector:"green energy"', True),
        ("sector:green", False),
        ("country:italy", True),
        ("country:ITALY", True),
        ("country:Turkey", False),
        ("source:xinhua", True),
        ('source:"news agency"', True),
        ("source:ANSA", False),
        ("tag:pipeline", True),
        ("tag:#pipeline", True),
        ("tag:pipe", False),
        ("#pipeline", True),
        ("#energy", True),
        ("#trade", False),
    ],
)
def test_fields(text: str, expected: bool) -> None:
    assert matches(parse(text), VISIT, Vocabulary(person=canonical_person)) is expected


def test_person_spellings_go_through_the_callers_canonical_names() -> None:
    assert not matches(parse("person:Chirielli"), VISIT)
    assert matches(parse("person:Chirielli"), VISIT, Vocabulary(person=canonical_person))


def test_countries_and_sectors_go_through_the_callers_names_too() -> None:
    turkish = Record(countries=("Türkiye",), sectors=("defense",))
    vocabulary = Vocabulary(
        country=lambda name: "Türkiye" if fold(name) == "turkey" else name,
        sector=lambda name: "defense" if fold(name) == "defence" else name,
    )
    assert matches(parse("country:Turkey sector:defence"), turkish, vocabulary)
    assert matches(parse("country:turkiye"), turkish)
    assert not matches(parse("country:Turkey"), turkish)


@pytest.mark.parametrize(
    ("date", "text", "expected"),
    [
        (PartialDate(2024, 3, 5), "from:2024-03-05", True),
        (PartialDate(2024, 3, 5), "from:2024-03-06", False),
        (PartialDate(2024, 3, 5), "to:2024-03-05", True),
        (PartialDate(2024, 3, 5), "to:2024-03-04", False),
        (PartialDate(2024, 3, 5), "from:2024-03 to:2024-03", True),
        (PartialDate(2024, 3, 5), "from:2024 to:2024", True),
        (PartialDate(2024, 3), "from:2024-03-31", True),
        (PartialDate(2024, 3), "from:2024-04", False),
        (PartialDate(2024, 3), "to:2024-03-01", True),
        (PartialDate(2024), "from:2024-12-31", True),
        (PartialDate(2024), "to:2023-12-31", False),
        (None, "from:1900", False),
        (None, "-from:1900", True),
        (None, "to:2999", False),
    ],
)
def test_dates_match_when_the_known_period_overlaps(
    date: PartialDate | None, text: str, expected: bool
) -> None:
    assert matches(parse(text), Record(date=date)) is expected


def test_flags_read_the_record() -> None:
    read_with_notes = Record(read=True, has_notes=True)
    unread = Record()
    assert matches(parse("is:read has:notes"), read_with_notes)
    assert not matches(parse("is:unread"), read_with_notes)
    assert matches(parse("is:unread -has:notes"), unread)


def test_the_empty_query_matches_everything() -> None:
    assert matches(parse(""), Record())


def test_filter_records_keeps_order() -> None:
    rows = [Record(title=f"row {index}", text="energy" if index % 2 else "gas") for index in range(6)]
    assert [row.title for row in filter_records(parse("energy"), rows)] == ["row 1", "row 3", "row 5"]


def test_prepared_records_filter_again_and_again_like_filter_records() -> None:
    rows = [
        VISIT,
        Record(title="Gas talks", text="Pipelines to Europe", tags=("pipeline",)),
        Record(text="tunnels"),
    ]
    prepared = PreparedRecords(rows)
    for text in ("pipeline", "#pipeline -energy", "tunnels OR gas", "pipel*", "", "-tunnels"):
        query = parse(text)
        assert prepared.filter(query) == filter_records(query, rows), text
    assert prepared.filter(parse("person:Chirielli"), Vocabulary(person=canonical_person)) == [VISIT]


def test_long_texts_are_matched_without_being_kept() -> None:
    long = Record(text="word " * 5_000 + "catacombs")
    assert matches(parse("catacombs"), long)
    assert not matches(parse("tunnels"), long)


def test_folding_and_stemming() -> None:
    assert fold("Erdoğan ÇAVUŞOĞLU") == "erdogan cavusoglu"
    assert words_of("U.S.-Azerbaijan trade_economic, 2024-03") == [
        "u",
        "s",
        "azerbaijan",
        "trade",
        "economic",
        "2024",
        "03",
    ]
    assert [
        stem(word) for word in ("meetings", "agreed", "hopping", "ponies", "energy", "caress", "sing")
    ] == [
        "meet",
        "agree",
        "hop",
        "poni",
        "energi",
        "caress",
        "sing",
    ]


def test_fact_keys_fold_and_drop_honorifics() -> None:
    assert fact_key("person", "H.E. Mr. Edmondo Cirielli") == "edmondo cirielli"
    assert fact_key("sector", "Trade-Economic") == "trade economic"
    assert fact_key("tag", "#Pipeline") == "pipeline"
