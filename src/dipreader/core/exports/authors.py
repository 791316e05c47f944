"""Bylines as citation names: `By John Smith and Jane Doe` -> family/given, agencies kept whole."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&)\s+|\s*;\s*", re.IGNORECASE)
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "el", "ibn", "la", "le", "van", "von"}
)
# Words that make a byline a desk or an agency rather than a person.
_NOT_A_PERSON = frozenset(
    {"agency", "bureau", "correspondent", "desk", "editor", "editorial", "news", "press", "reporter",
     "service", "staff", "team", "writer"}
)  # fmt: skip


@dataclass(frozen=True)
class Name:
    """A person's family and given names, or a literal name (an agency, a desk, one word)."""

    family: str = ""
    given: str = ""
    literal: str = ""


def _one_name(text: str) -> Name | None:
    words = text.split()
    if not words:
        return None
    lowered = [word.casefold().strip(".,") for word in words]
    if (
        len(words) == 1
        or any(char.isdigit() for char in text)
        or any(word in _NOT_A_PERSON for word in lowered)
        or any(word[:1].islower() and low not in _PARTICLES for word, low in zip(words, lowered, strict=True))
    ):
        return Name(literal=" ".join(words))
    split = len(words) - 1
    while split > 1 and lowered[split - 1] in _PARTICLES:
        split -= 1
    return Name(family=" ".join(words[split:]), given=" ".join(words[:split]))


def split_authors(byline: str | None) -> list[Name]:
    """The names in a byline: split on `and`, `&`, `;` or commas; `Smith, John` read as family, given."""
    if not byline or not byline.strip():
        return []
    names: list[Name] = []
    for part in _AND.split(_BY.sub("", byline.strip())):
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        if len(pieces) == 2 and len(pieces[0].split()) == 1 and len(pieces[1].split()) <= 3:
            names.append(Name(family=pieces[0], given=pieces[1]))
            continue
        names += [name for name in map(_one_name, pieces) if name is not None]
    return names
