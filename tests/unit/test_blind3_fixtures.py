"""Blind set 3 is well formed and stays blind: no targets here, only the set's own consistency."""

from __future__ import annotations

from blind_sets import BLIND3_DATED, BLIND3_DIR, BLIND3_SET
from date_scoring import locate
from extraction_scoring import load_cases

from dipreader.model.knowledge import bundled_knowledge


def test_both_expectation_files_cover_every_article_of_the_folder() -> None:
    texts = sorted(path.name for path in BLIND3_DIR.glob("*.txt"))
    assert sorted(case.file for case in load_cases(*BLIND3_SET)) == texts
    assert sorted(article["file"] for article in BLIND3_DATED.articles()) == texts


def test_the_set_spans_at_least_24_articles_15_outlets_and_12_pairs() -> None:
    names = [path.stem.split("_") for path in BLIND3_DIR.glob("*.txt")]
    assert len(names) >= 24
    assert len({outlet for outlet, *_ in names}) >= 15
    assert len({frozenset(pair) for _, *pair in names}) >= 12
    assert not any("az" in pair for _, *pair in names)


def test_every_expected_form_occurs_in_its_article() -> None:
    for case in load_cases(*BLIND3_SET):
        for person in case.expected["officials"]:
            for form in person["surface_forms"]:
                assert form in case.text, (case.file, form)
        for text in case.expected["not_officials"]:
            assert text in case.text, (case.file, text)


def test_every_dated_expression_and_trap_is_found_where_it_says() -> None:
    for article in BLIND3_DATED.articles():
        body = (BLIND3_DIR / article["file"]).read_text("utf-8")
        for item in article["expressions"]:
            locate(body, item["text"], item.get("occurrence", 1), item.get("context"))
        for trap in article["traps"]:
            assert str(trap) in body, (article["file"], trap)


def test_no_blind3_official_is_in_the_knowledge_base() -> None:
    """The set measures discovery from the text; listing its people would fit the set."""
    knowledge = bundled_knowledge()
    for case in load_cases(*BLIND3_SET):
        for person in case.expected["officials"]:
            assert knowledge.person_named(person["name"]) is None, person["name"]
