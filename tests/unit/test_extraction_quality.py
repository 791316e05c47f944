"""Extraction quality against written expectations: the seeds and our own genre articles."""

from __future__ import annotations

import pytest
from blind_sets import BLIND3_DATED, BLIND_SETS, f1, publication_dates, score_dated_set
from extraction_scoring import (
    GENRE_SET,
    HELDOUT2_SET,
    HELDOUT_SET,
    SEED_SET,
    Scores,
    load_cases,
    score,
    without_people,
)

from dipreader.model.knowledge import Knowledge, bundled_knowledge

OFFICIALS_F1 = 0.95
ROLE_AND_COUNTRY = 0.9
SECTORS_F1 = 0.9


def _assert_targets(scores: Scores) -> None:
    detail = "\n".join(scores.errors)
    assert scores.persons.f1 >= OFFICIALS_F1, detail
    assert scores.mentions.f1 >= OFFICIALS_F1, detail
    assert scores.role_country_accuracy >= ROLE_AND_COUNTRY, detail
    assert scores.sectors.f1 >= SECTORS_F1, detail


@pytest.mark.parametrize("dataset", [SEED_SET, GENRE_SET], ids=["seeds", "genre"])
def test_targets_with_the_bundled_knowledge(dataset: tuple) -> None:  # type: ignore[type-arg]
    _assert_targets(score(load_cases(*dataset), bundled_knowledge()))


def test_genre_targets_hold_without_any_known_person() -> None:
    """Discovery must not depend on the knowledge base: the genre articles name people it lacks."""
    _assert_targets(score(load_cases(*GENRE_SET), without_people(bundled_knowledge())))


@pytest.mark.parametrize("dataset", [HELDOUT_SET, HELDOUT2_SET], ids=["heldout", "heldout2"])
@pytest.mark.parametrize("with_known_people", [True, False], ids=["bundled", "no-known-people"])
def test_heldout_targets(dataset: tuple, with_known_people: bool) -> None:  # type: ignore[type-arg]
    """Articles imitating other outlets and pairs (tests/fixtures/heldout_entities, and
    heldout_entities2 for issue 3's gaps: country acronyms in titles, regions, company heads, courtesy
    titles); the knowledge base must not list their people for this to mean anything (next test)."""
    knowledge = bundled_knowledge() if with_known_people else without_people(bundled_knowledge())
    _assert_targets(score(load_cases(*dataset), knowledge))


def test_heldout_people_are_absent_from_the_knowledge_base_unless_they_were_there_before() -> None:
    """Guard against fitting the knowledge base to the held-out set: only people listed before the
    set was written may be known."""
    listed_before = {
        "Sahiba Gafarova", "Ilham Aliyev", "Kassym-Jomart Tokayev", "Shehbaz Sharif", "Xi Jinping",
        "Ishaq Dar", "Badr Abdelatty", "Narendra Modi", "Abdel Fattah el-Sisi", "Sergey Lavrov",
        "Vladimir Putin", "Wang Yi", "Hakan Fidan", "Recep Tayyip Erdoğan", "Nikol Pashinyan",
        "Antonio Tajani", "Sergio Mattarella", "Ali Asadov", "Jeyhun Bayramov", "Heydar Aliyev",
        "Bakhtiyor Saidov", "Shavkat Mirziyoyev",
    }  # fmt: skip
    knowledge = bundled_knowledge()
    for case in load_cases(*HELDOUT_SET) + load_cases(*HELDOUT2_SET):
        for person in case.expected["officials"]:
            if person["name"] not in listed_before:
                assert knowledge.person_named(person["name"]) is None, person["name"]


def test_seeds_without_known_people_still_find_nearly_everyone() -> None:
    scores = score(load_cases(*SEED_SET), without_people(bundled_knowledge()))
    # Mehriban Aliyeva is never named next to her title in seed 004: only the knowledge base finds her.
    assert scores.persons.f1 >= 0.95
    assert scores.mentions.f1 >= 0.9


def test_scoring_notices_a_blind_extractor() -> None:
    """The scorer itself can fail: with no sector terms at all, sector recall collapses."""
    scores = score(load_cases(*SEED_SET), Knowledge(people=(), sectors=()))
    assert scores.sectors.recall == 0.0
    assert scores.sectors.f1 < SECTORS_F1


def test_every_expected_surface_form_occurs_in_its_article() -> None:
    for dataset in (SEED_SET, GENRE_SET, HELDOUT_SET, HELDOUT2_SET):
        for case in load_cases(*dataset):
            for person in case.expected["officials"]:
                for form in person["surface_forms"]:
                    assert form in case.text, (case.file, form)
            for text in case.expected.get("not_officials", []):
                assert text in case.text, (case.file, text)


# Blind set 3 (issue 14) at the levels the rules reached (docs/extraction.md), so that a regression
# fails: one person, role or country more wrong than today still passes, two do not.
BLIND3_LEVEL = 0.99
# Blind sets 4 and 5, after the fixes their once-scores asked for (docs/extraction.md): officials,
# roles, countries and sectors at levels that let one error pass (28 and 49 people). Their dates
# are held below, after the date rules were changed for them.
# Blind set 6 after the fixes its once-score asked for (72 people, every figure 1.000): one role or
# country wrong passes, two do not.
# Blind set 7 after the entity fixes its once-score asked for (52 people; role 0.981, the rest
# 1.000): one more wrong role passes, two do not.
ENTITY_LEVELS = {"blind3": BLIND3_LEVEL, "blind4": 0.96, "blind5": 0.97, "blind6": 0.98, "blind7": 0.96}


@pytest.mark.parametrize("name", list(ENTITY_LEVELS))
@pytest.mark.parametrize("with_known_people", [True, False], ids=["bundled", "no-known-people"])
def test_blind_officials_roles_countries_and_sectors(name: str, with_known_people: bool) -> None:
    knowledge = bundled_knowledge() if with_known_people else without_people(bundled_knowledge())
    scores = score(load_cases(*BLIND_SETS[name].entities), knowledge)
    level = ENTITY_LEVELS[name]
    detail = "\n".join(scores.errors)
    assert scores.persons.f1 >= level, detail
    assert scores.mentions.f1 >= level, detail
    assert scores.roles_right / scores.matched_people >= level, detail
    assert scores.countries_right / scores.matched_people >= level, detail
    assert scores.sectors.f1 >= level, detail


@pytest.mark.parametrize("use_text_date", [False, True], ids=["gold-date", "text-date"])
def test_blind3_chronology(use_text_date: bool) -> None:
    result = score_dated_set(BLIND3_DATED, use_text_date)
    assert f1(result.precision, result.recall) >= BLIND3_LEVEL, "\n".join(result.misses + result.wrong)


def test_blind3_article_dates() -> None:
    """25 of 26: the Nepal story's year needs the founding year of the People's Republic (1949)."""
    right, total, wrong = publication_dates(BLIND3_DATED)
    assert right >= 25 and total == 26, wrong


# Blind sets 4 and 5 after their date fixes: chronology 1.000 with either article date; one wrong
# event (of 21 to 26 in blind set 4) or two (of 49 in blind set 5) still pass, one more does not,
# and every article date is read. Blind set 6 after its date fixes: chronology 1.000 with either
# article date (92 events); up to three wrong or missed pass, and one article date of 17. Blind set
# 7 after its date fixes: chronology 1.000 with either article date (82 events); one wrong event or
# three missed pass, two wrong do not; one article date of 12 may be missed (the target 0.9).
CHRONOLOGY_LEVELS = {"blind4": 0.97, "blind5": 0.97, "blind6": 0.98, "blind7": 0.98}
# (article dates right at least, articles)
ARTICLE_DATES = {"blind4": (8, 8), "blind5": (13, 13), "blind6": (16, 17), "blind7": (11, 12)}


@pytest.mark.parametrize("name", list(CHRONOLOGY_LEVELS))
@pytest.mark.parametrize("use_text_date", [False, True], ids=["gold-date", "text-date"])
def test_blind_chronology(name: str, use_text_date: bool) -> None:
    result = score_dated_set(BLIND_SETS[name].dated, use_text_date)
    assert f1(result.precision, result.recall) >= CHRONOLOGY_LEVELS[name], "\n".join(
        result.misses + result.wrong
    )


@pytest.mark.parametrize("name", list(ARTICLE_DATES))
def test_blind_article_dates(name: str) -> None:
    right, total, wrong = publication_dates(BLIND_SETS[name].dated)
    least, articles = ARTICLE_DATES[name]
    assert right >= least and total == articles, wrong
