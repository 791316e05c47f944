"""Score officials and sectors extraction against written expectations; run it to print the figures.

.venv/bin/python tests/unit/extraction_scoring.py
"""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dipreader.extract.entities import extract_entities
from dipreader.model.article import Entities
from dipreader.model.countries import country_names_longest_first
from dipreader.model.knowledge import Knowledge, bundled_knowledge
from dipreader.model.names import same_person

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED_SET = (FIXTURES / "seeds_entities.yaml", FIXTURES / "seeds")
GENRE_SET = (FIXTURES / "genre" / "expectations.yaml", FIXTURES / "genre")
HELDOUT_SET = (FIXTURES / "heldout_entities" / "expectations.yaml", FIXTURES / "heldout_entities")
HELDOUT2_SET = (FIXTURES / "heldout_entities2" / "expectations.yaml", FIXTURES / "heldout_entities2")


@dataclass(frozen=True)
class Case:
    file: str
    text: str
    expected: dict[str, Any]


@dataclass
class Counts:
    true_positive: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Scores:
    persons: Counts = dataclasses.field(default_factory=Counts)
    mentions: Counts = dataclasses.field(default_factory=Counts)
    sectors: Counts = dataclasses.field(default_factory=Counts)
    roles_right: int = 0
    countries_right: int = 0
    roles_and_countries_right: int = 0
    matched_people: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def role_country_accuracy(self) -> float:
        return self.roles_and_countries_right / self.matched_people if self.matched_people else 1.0


def load_cases(expectations: Path, texts: Path) -> list[Case]:
    document = yaml.safe_load(expectations.read_text(encoding="utf-8"))
    return [
        Case(entry["file"], (texts / entry["file"]).read_text(encoding="utf-8"), entry)
        for entry in document["articles"]
    ]


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(match.start(), match.end()) for match in pattern.finditer(text)]


def gold_mentions(case: Case) -> list[tuple[int, int, str]]:
    """Every occurrence of every expected surface form, longest forms first, outside non-officials."""
    blocked = [
        span for text in case.expected.get("not_officials", []) for span in _occurrences(case.text, text)
    ]
    forms = sorted(
        ((form, person["name"]) for person in case.expected["officials"] for form in person["surface_forms"]),
        key=lambda pair: -len(pair[0]),
    )
    taken: list[tuple[int, int, str]] = []
    for form, name in forms:
        for start, end in _occurrences(case.text, form):
            overlaps = any(start < b_end and b_start < end for b_start, b_end in blocked)
            overlaps = overlaps or any(start < t_end and t_start < end for t_start, t_end, _ in taken)
            if not overlaps:
                taken.append((start, end, name))
    return sorted(taken)


def names_match(predicted: str, expected: str) -> bool:
    return predicted == expected or same_person(predicted, expected)


_COUNTRY_WORDS = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(name.casefold()) for name in country_names_longest_first())
    + r")(?:['’]s)?(?![\w-])"
)
_TRAILING = {"of", "the", "republic", "to", "in", "for", "kingdom"}
_LEADING = {"the", "his", "her", "its", "our", "their", "a", "an"}


def normal_role(role: str) -> str:
    """A role without determiners, country names, demonyms or punctuation, for comparing."""
    lowered = _COUNTRY_WORDS.sub(" ", role.casefold())
    words = re.sub(r"[,–—:;()]|\s-\s", " ", lowered).split()
    while words and words[0] in _LEADING:
        words.pop(0)
    while words and words[-1] in _TRAILING:
        words.pop()
    return " ".join(words)


def score(cases: list[Case], knowledge: Knowledge) -> Scores:
    scores = Scores()
    for case in cases:
        _score_case(case, extract_entities(case.text, knowledge), scores)
    return scores


def _score_case(case: Case, entities: Entities, scores: Scores) -> None:
    expected_people = case.expected["officials"]
    predicted_people: dict[str, tuple[str | None, str | None]] = {}
    for mention in entities.officials:
        predicted_people.setdefault(mention.name, (mention.role, mention.country))
    unmatched = dict(predicted_people)
    scores.persons.expected += len(expected_people)
    scores.persons.predicted += len(predicted_people)
    for person in expected_people:
        match = next((name for name in unmatched if name == person["name"]), None)
        match = match or next((name for name in unmatched if names_match(name, person["name"])), None)
        if match is None:
            scores.errors.append(f"{case.file}: missed person {person['name']}")
            continue
        role, country = unmatched.pop(match)
        scores.persons.true_positive += 1
        scores.matched_people += 1
        role_right = role is not None and normal_role(role) in {normal_role(r) for r in person["roles"]}
        country_right = country == person["country"]
        scores.roles_right += role_right
        scores.countries_right += country_right
        scores.roles_and_countries_right += role_right and country_right
        if not (role_right and country_right):
            scores.errors.append(f"{case.file}: {match}: role {role!r}, country {country!r}")
    scores.errors.extend(f"{case.file}: extra person {name}" for name in unmatched)

    gold = gold_mentions(case)
    used: set[int] = set()
    scores.mentions.expected += len(gold)
    scores.mentions.predicted += len(entities.officials)
    for mention in entities.officials:
        hit = next(
            (
                i
                for i, (start, end, name) in enumerate(gold)
                if i not in used
                and mention.start < end
                and start < mention.end
                and names_match(mention.name, name)
            ),
            None,
        )
        if hit is None:
            scores.errors.append(
                f"{case.file}: extra mention {mention.surface!r} at {mention.start} ({mention.name})"
            )
        else:
            used.add(hit)
            scores.mentions.true_positive += 1
    scores.errors.extend(
        f"{case.file}: missed mention {case.text[start:end]!r} at {start}"
        for i, (start, end, _) in enumerate(gold)
        if i not in used
    )

    listed = set(case.expected["sectors"]["list"])
    topical = set(case.expected["sectors"].get("topical", []))
    predicted = {mention.sector for mention in entities.sectors}
    scores.sectors.expected += len(listed)
    scores.sectors.true_positive += len(predicted & listed)
    scores.sectors.predicted += len(predicted & listed) + len(predicted - listed - topical)
    scores.errors.extend(f"{case.file}: missed sector {key}" for key in sorted(listed - predicted))
    scores.errors.extend(f"{case.file}: extra sector {key}" for key in sorted(predicted - listed - topical))


def without_people(knowledge: Knowledge) -> Knowledge:
    """The same sector taxonomy with no known people: discovery from the text alone."""
    return Knowledge(people=(), sectors=knowledge.sectors)


def report(name: str, scores: Scores) -> str:
    return (
        f"{name:<28} persons P/R/F1 {scores.persons.precision:.3f}/{scores.persons.recall:.3f}/"
        f"{scores.persons.f1:.3f}  mentions P/R/F1 {scores.mentions.precision:.3f}/"
        f"{scores.mentions.recall:.3f}/{scores.mentions.f1:.3f}  role+country "
        f"{scores.role_country_accuracy:.3f} ({scores.roles_and_countries_right}/{scores.matched_people})"
        f"  sectors P/R/F1 {scores.sectors.precision:.3f}/{scores.sectors.recall:.3f}/{scores.sectors.f1:.3f}"
    )


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    bundled = bundled_knowledge()
    for label, (expectations, texts) in (
        ("seeds", SEED_SET),
        ("genre", GENRE_SET),
        ("heldout", HELDOUT_SET),
        ("heldout2", HELDOUT2_SET),
    ):
        cases = load_cases(expectations, texts)
        for variant, knowledge in (
            ("bundled knowledge", bundled),
            ("no known people", without_people(bundled)),
        ):
            scores = score(cases, knowledge)
            print(report(f"{label} ({variant})", scores))
            if verbose:
                print("\n".join(f"    {error}" for error in scores.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
