"""Front matter within bounds: dates, numbers, nesting, alias bombs, and only FrontMatterError."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipreader.sources.safe_yaml import (
    MAX_DEPTH,
    MAX_FRONT_MATTER_CHARS,
    FrontMatterError,
    date_problem,
    load_front_matter,
)

BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "title: *i",
        "tags: *i",
    ]
)


def refusal(yaml_text: str, first_line: int = 2) -> str:
    with pytest.raises(FrontMatterError) as caught:
        load_front_matter(yaml_text, first_line)
    reason = str(caught.value)
    assert "\n" not in reason
    return reason


def test_ordinary_front_matter_keeps_its_types() -> None:
    loaded = load_front_matter(
        "title: Talks in Astana\ndate: 2024-03-05\nupdated: 2024-03-05T10:30:00Z\n"
        "tags: [visit, energy, 2024-01-02]\nyear: 2024\npages: 3\nflag: true\nnote:\n"
    )
    assert loaded["title"] == "Talks in Astana"
    assert loaded["date"] == dt.date(2024, 3, 5)
    assert loaded["updated"] == dt.datetime(2024, 3, 5, 10, 30, tzinfo=dt.UTC)
    assert loaded["tags"] == ["visit", "energy", "2024-01-02"]
    assert (loaded["year"], loaded["pages"], loaded["flag"], loaded["note"]) == (2024, 3, True, None)


def test_empty_front_matter_is_an_empty_mapping() -> None:
    assert load_front_matter("") == {}
    assert load_front_matter("  \n# only a comment\n") == {}


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2024-13-45", "no month 13"),
        ("2024-02-30", "no day 30"),
        ("0000-01-01", "year 0 is outside"),
        ("0001-06-01", "year 1 is outside"),
        ("9999-12-31", "year 9999 is outside"),
        ("2024-01-01T25:00:00", "no hour 25"),
        ("2024-01-01 10:61:00", "no minute 61"),
        ("2024-01-01 10:00:00 +25:00", "time zone"),
        ("'2024-13'", "no month 13"),
        ("'2024-02-30'", "no day 30"),
        ("T25:00:00", "no hour 25"),
    ],
)
@pytest.mark.parametrize("key", ["date", "title", "published_at"])
def test_an_impossible_date_under_any_key_names_the_key_and_the_value(key: str, value: str, why: str) -> None:
    reason = refusal(f"source: Agency\n{key}: {value}\n")
    assert f"{key}: " in reason
    assert value.strip("'") in reason
    assert why in reason


def test_an_impossible_date_in_a_list_is_refused() -> None:
    assert "2024-02-30" in refusal("tags: [visit, 2024-02-30]\n")


def test_a_bare_year_under_a_date_key_must_be_in_range() -> None:
    assert "year 9999" in refusal("date: 9999\n")
    assert "year 999" in refusal("year: '0999'\n")
    assert load_front_matter("date: 1998\n") == {"date": 1998}
    assert load_front_matter("pages: 9999\n") == {"pages": 9999}


def test_the_line_number_counts_from_the_opening_dashes() -> None:
    assert "at line 4" in refusal("title: x\nsource: y\ndate: 2024-13-45\n", first_line=2)
    assert "at line 3" in refusal("title: x\ntags: [a, b\n", first_line=1)


def test_huge_integers_are_refused() -> None:
    assert "number too large" in refusal("count: " + "9" * 5000 + "\n")
    assert "number too large" in refusal("count: 0x" + "f" * 40 + "\n")
    assert "number too large" in refusal("count: 9223372036854775808\n")
    assert load_front_matter("count: 9223372036854775807\n") == {"count": 2**63 - 1}


@pytest.mark.parametrize(("head", "opener"), [("key: ", "["), ("key: ", "{"), ("key: ", "{a: "), ("", "- ")])
def test_deep_nesting_is_refused_without_recursion_error(head: str, opener: str) -> None:
    text = head + opener * (MAX_FRONT_MATTER_CHARS // (len(opener) + 1))
    assert f"more than {MAX_DEPTH} levels" in refusal(text)


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    assert "expands to more than" in refusal(BOMB)


def test_many_aliases_of_one_long_string_are_refused() -> None:
    text = "a: &a " + "x" * 60_000 + "\ntags: [" + ", ".join(["*a"] * 20) + "]\n"
    assert "expands to more than" in refusal(text)


def test_a_recursive_alias_is_refused() -> None:
    assert "recursive alias" in refusal("a: &a [*a]\n")


def test_too_long_front_matter_is_refused_before_parsing() -> None:
    assert "too long" in refusal("title: " + "x" * MAX_FRONT_MATTER_CHARS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "expected 'key: value' lines"),
        ("just text", "expected 'key: value' lines"),
        ("a: !!int abc\n", "int value that cannot be read"),
        ("a: !!bool maybe\n", "bool value that cannot be read"),
        ("a: !!float nan-ish\n", "float value that cannot be read"),
        ("a: !!python/object/apply:os.system ['true']\n", "could not determine a constructor"),
        ("a: !!binary aGVsbG8=\n", "binary values are not supported"),
        ("a: !!set {x, y}\n", "sets are not supported"),
        ("author: {name: X}\n", "mappings are not supported"),
        ("tags: [[a, b]]\n", "lists inside a list are not supported"),
        ("a: *missing\n", "undefined alias"),
        ("? [a]\n: x\n", "unhashable key"),
        ("a: b\x00c\n", "unacceptable character #x0000 at line 2"),
        ("a: 1\n--- \nb: 2\n", "but found another document at line 3"),
    ],
)
def test_malformed_front_matter_has_a_one_line_reason(text: str, expected: str) -> None:
    assert expected in refusal(text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2024-05-01", None),
        ("2024-5-1 9:05:00", None),
        ("2024-05", None),
        ("1000-01-01", None),
        ("2999-12-31", None),
        ("1999-12-31T23:59:59.5+05:30", None),
        ("T09:30", None),
        ("not a date", None),
        ("2024-05-01 and more", None),
        ("2024-00", "there is no month 0"),
        ("2023-02-29", "there is no day 29 in 2023-02"),
        ("3000-01-01", "year 3000 is outside 1000–2999"),
        ("T24:00", "there is no hour 24"),
    ],
)
def test_date_problem(text: str, problem: str | None) -> None:
    assert date_problem(text) == problem


YAMLISH = st.sampled_from(list("[]{}:,-&*!?|>'\"#%@`~ \n\t0123456789abTZ.+_<=\\")) | st.characters()
YAML_FRAGMENTS = st.sampled_from(
    ["&a ", "*a", "!!int ", "!!timestamp ", "!!binary ", "<<: ", "2024-13-45", "0x", "---\n", "? ", ": "]
)


@given(st.lists(YAMLISH | YAML_FRAGMENTS, max_size=60).map("".join))
def test_arbitrary_text_gives_a_mapping_or_front_matter_error(text: str) -> None:
    try:
        loaded = load_front_matter(text)
    except FrontMatterError as error:
        assert "\n" not in str(error)
        return
    assert all(isinstance(key, str) for key in loaded)
    for value in loaded.values():
        if isinstance(value, list):
            assert all(isinstance(item, str) for item in value)
        else:
            assert value is None or isinstance(value, (str, int, float, bool, dt.date))
        if isinstance(value, dt.date):
            assert 1000 <= value.year <= 2999


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)),
    st.sampled_from(["date", "title", "when"]),
)
def test_every_real_date_in_range_is_accepted(day: dt.date, key: str) -> None:
    assert load_front_matter(f"{key}: {day.isoformat()}\n") == {key: day}
