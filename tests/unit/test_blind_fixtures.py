"""The blind sets are well formed and stay blind: no targets here, only each set's own consistency."""

from __future__ import annotations

import pytest
from blind_sets import BLIND_SETS, BlindSet
from date_scoring import locate
from extraction_scoring import load_cases

from dipreader.model.knowledge import bundled_knowledge

ALL_SETS = list(BLIND_SETS.values())
IDS = list(BLIND_SETS)


def _outlets_and_pairs(blind: BlindSet) -> tuple[set[str], set[frozenset[str]]]:
    names = [path.stem.split("_") for path in blind.directory.glob("*.txt")]
    return {outlet for outlet, *_ in names}, {frozenset(pair) for _, *pair in names}


@pytest.mark.parametrize("blind", ALL_SETS, ids=IDS)
def test_both_expectation_files_cover_every_article_of_the_folder(blind: BlindSet) -> None:
    texts = sorted(path.name for path in blind.directory.glob("*.txt"))
    assert sorted(case.file for case in load_cases(*blind.entities)) == texts
    assert sorted(article["file"] for article in blind.dated.articles()) == texts


def test_the_first_set_spans_at_least_24_articles_15_outlets_and_12_pairs() -> None:
    blind3 = BLIND_SETS["blind3"]
    names = [path.stem.split("_") for path in blind3.directory.glob("*.txt")]
    outlets, pairs = _outlets_and_pairs(blind3)
    assert len(names) >= 24 and len(outlets) >= 15 and len(pairs) >= 12
    assert not any("az" in pair for _, *pair in names)


@pytest.mark.parametrize(
    ("blind", "size"), [(BLIND_SETS["blind4"], 8), (BLIND_SETS["blind5"], 10), (BLIND_SETS["blind6"], 14)]
)
def test_later_sets_use_new_outlets_and_pairs(blind: BlindSet, size: int) -> None:
    """No outlet and no pair of an earlier set again: each set measures other house styles."""
    outlets, pairs = _outlets_and_pairs(blind)
    assert len(list(blind.directory.glob("*.txt"))) >= size
    for earlier in ALL_SETS[: ALL_SETS.index(blind)]:
        earlier_outlets, earlier_pairs = _outlets_and_pairs(earlier)
        assert not outlets & earlier_outlets, earlier.name
        assert not pairs & earlier_pairs, earlier.name


@pytest.mark.parametrize("blind", ALL_SETS, ids=IDS)
def test_every_expected_form_occurs_in_its_article(blind: BlindSet) -> None:
    for case in load_cases(*blind.entities):
        for person in case.expected["officials"]:
            for form in person["surface_forms"]:
                assert form in case.text, (case.file, form)
        for text in case.expected["not_officials"]:
            assert text in case.text, (case.file, text)


@pytest.mark.parametrize("blind", ALL_SETS, ids=IDS)
def test_every_dated_expression_and_trap_is_found_where_it_says(blind: BlindSet) -> None:
    for article in blind.dated.articles():
        body = (blind.directory / article["file"]).read_text("utf-8")
        for item in article["expressions"]:
            locate(body, item["text"], item.get("occurrence", 1), item.get("context"))
        for trap in article["traps"]:
            assert str(trap) in body, (article["file"], trap)


@pytest.mark.parametrize("blind", ALL_SETS, ids=IDS)
def test_no_blind_official_is_in_the_knowledge_base(blind: BlindSet) -> None:
    """The sets measure discovery from the text; listing their people would fit the sets."""
    knowledge = bundled_knowledge()
    for case in load_cases(*blind.entities):
        for person in case.expected["officials"]:
            assert knowledge.person_named(person["name"]) is None, person["name"]
