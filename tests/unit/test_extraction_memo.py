"""The memoised steps of extraction (titles, name links, countries per run) keep no state between
articles: any order, and emptied caches, give the same analyses."""

from __future__ import annotations

import json
from pathlib import Path

from dipreader.extract.entities import extract_entities
from dipreader.extract.officials import name_candidates, person_linking, titles
from dipreader.extract.pairs import _run_countries, countries_named
from dipreader.model.knowledge import bundled_knowledge

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.txt"))[:40]]
    equivalence = json.loads((FIXTURES / "timeexpr_equivalence.json").read_text(encoding="utf-8"))
    return texts + list(equivalence["texts"])[:40]


def _clear() -> None:
    for memo in (
        titles.role_from_title,
        titles.country_in_title,
        person_linking._same_person,
        person_linking._links,
        name_candidates._may_name,
        _run_countries,
    ):
        memo.cache_clear()


def _found(text: str) -> object:
    return extract_entities(text, bundled_knowledge()), countries_named(text)


def test_any_order_and_empty_caches_give_the_same_analyses() -> None:
    texts = _texts()
    assert len(texts) > 40
    _clear()
    forwards = [_found(text) for text in texts]
    backwards = [_found(text) for text in reversed(texts)][::-1]
    assert backwards == forwards
    alone = []
    for text in texts:
        _clear()
        alone.append(_found(text))
    assert alone == forwards
    assert titles.role_from_title.cache_info().hits > 0  # the titles were read from the memo
