"""Knowledge base: bundled YAML, user file that extends and overrides it, malformed files reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.model.knowledge import bundled_knowledge, load_knowledge
from dipreader.model.sector_registry import sector_registry


def test_bundled_knowledge_has_every_registered_sector_in_order_and_known_people() -> None:
    knowledge = bundled_knowledge()
    assert tuple(sector.key for sector in knowledge.sectors) == sector_registry().keys()
    for registered in sector_registry():
        sector = knowledge.sector(registered.key)
        assert sector is not None and sector.terms and sector.label == registered.label
    assert knowledge.problems == ()


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Edmondo Chirielli", "Edmondo Cirielli"),
        ("Ignacio La Russa", "Ignazio La Russa"),
        ("Mr. Ilham Aliyev", "Ilham Aliyev"),
        ("recep tayyip erdogan", "Recep Tayyip Erdoğan"),
    ],
)
def test_aliases_and_misspellings_resolve_to_the_canonical_person(spelling: str, canonical: str) -> None:
    person = bundled_knowledge().person_named(spelling)
    assert person is not None and person.name == canonical


def test_surname_lookup_refuses_ambiguous_surnames() -> None:
    knowledge = bundled_knowledge()
    assert knowledge.person_with_surname("Mattarella") is not None
    assert knowledge.person_with_surname("Aliyev") is None  # Ilham and Heydar


def test_latest_role_prefers_the_open_ended_one() -> None:
    person = bundled_knowledge().person_named("Mehriban Aliyeva")
    assert person is not None and person.latest_role() == "First Vice-President"


def test_missing_user_file_gives_the_bundled_knowledge() -> None:
    assert load_knowledge(Path("/nonexistent/knowledge.yaml")) is bundled_knowledge()
    assert load_knowledge(None) is bundled_knowledge()


def test_user_file_adds_people_overrides_them_and_extends_sectors(tmp_path: Path) -> None:
    user_file = tmp_path / "knowledge.yaml"
    user_file.write_text(
        "people:\n"
        "  - name: Aigul Example\n"
        "    country: Kazakhstan\n"
        "    aliases: [Aigul Exampel]\n"
        "    roles: [{title: Ambassador, from: 2024-01-01}]\n"
        "  - name: Sergio Mattarella\n"
        "    country: Italy\n"
        "    roles: [Head of State]\n"
        "sectors:\n"
        "  energy:\n"
        "    terms: [hydrogen]\n"
        "  space:\n"
        "    label: Space\n"
        "    terms: [space exploration]\n",
        encoding="utf-8",
    )
    knowledge = load_knowledge(user_file)
    assert knowledge.problems == ()
    added = knowledge.person_named("Aigul Exampel")
    assert added is not None and added.name == "Aigul Example" and added.country == "Kazakhstan"
    overridden = knowledge.person_named("Sergio Mattarella")
    assert overridden is not None and overridden.latest_role() == "Head of State"
    assert sum(person.name == "Sergio Mattarella" for person in knowledge.people) == 1
    energy = knowledge.sector("energy")
    assert energy is not None and "hydrogen" in energy.terms and "energy" in energy.terms
    assert knowledge.sector("space") is not None


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("people:\n  - name: A B\n    aliases: [unclosed\n", 4),
        ("people:\n  - name: A B\n  - country: Italy\n", 3),
        ("people:\n  - name: A B\n    roles: not-a-list-but-a-mapping: x\n", 3),
        ("people:\n  - name: A B\ncolours: [red]\n", 1),
        ("sectors:\n  energy: [just, a, list]\n", 2),
    ],
)
def test_malformed_user_file_is_reported_with_its_line_and_ignored(
    tmp_path: Path, content: str, line: int
) -> None:
    user_file = tmp_path / "knowledge.yaml"
    user_file.write_text(content, encoding="utf-8")
    knowledge = load_knowledge(user_file)
    assert len(knowledge.problems) == 1
    assert str(user_file) in knowledge.problems[0]
    assert f"line {line}:" in knowledge.problems[0]
    assert knowledge.people == bundled_knowledge().people
    assert knowledge.sectors == bundled_knowledge().sectors


def test_undecodable_user_file_is_reported(tmp_path: Path) -> None:
    user_file = tmp_path / "knowledge.yaml"
    user_file.write_bytes(b"\xff\xfe\x00bad")
    knowledge = load_knowledge(user_file)
    assert knowledge.problems and str(user_file) in knowledge.problems[0]
