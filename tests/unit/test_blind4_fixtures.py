"""Blind set 4 is well formed and stays blind: no targets here, only the set's own consistency."""

from __future__ import annotations

from blind_sets import BLIND4_DATED, BLIND4_DIR, BLIND4_SET
from date_scoring import locate
from extraction_scoring import load_cases

from dipreader.model.knowledge import bundled_knowledge


def test_both_expectation_files_cover_every_article_of_the_folder() -> None:
    texts = sorted(path.name for path in BLIND4_DIR.glob("*.txt"))
    assert sorted(case.file for case in load_cases(*BLIND4_SET)) == texts
    assert sorted(article["file"] for article in BLIND4_DATED.articles()) == texts


def test_outlets_and_pairs_are_new() -> None:
    """No outlet and no pair of blind set 3 again: the set measures other house styles."""
    blind3 = [path.stem.split("_") for path in (BLIND4_DIR.parent / "blind3").glob("*.txt")]
    blind4 = [path.stem.split("_") for path in BLIND4_DIR.glob("*.txt")]
    assert len(blind4) >= 8
    assert not {outlet for outlet, *_ in blind4} & {outlet for outlet, *_ in blind3}
    assert not {frozenset(pair) for _, *pair in blind4} & {frozenset(pair) for _, *pair in blind3}


def test_every_expected_form_occurs_in_its_article() -> None:
    for case in load_cases(*BLIND4_SET):
        for person in case.expected["officials"]:
            for form in person["surface_forms"]:
                assert form in case.text, (case.file, form)
        for text in case.expected["not_officials"]:
            assert text in case.text, (case.file, text)


def test_every_dated_expression_and_trap_is_found_where_it_says() -> None:
    for article in BLIND4_DATED.articles():
        body = (BLIND4_DIR / article["file"]).read_text("utf-8")
        for item in article["expressions"]:
            locate(body, item["text"], item.get("occurrence", 1), item.get("context"))
        for trap in article["traps"]:
            assert str(trap) in body, (article["file"], trap)


def test_no_blind4_official_is_in_the_knowledge_base() -> None:
    knowledge = bundled_knowledge()
    for case in load_cases(*BLIND4_SET):
        for person in case.expected["officials"]:
            assert knowledge.person_named(person["name"]) is None, person["name"]
