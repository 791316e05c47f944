"""The reader's corrections to what extraction found about people, and how they apply to an analysis.

A correction names a person as an analysis names them (`OfficialMention.name`), in one article or in
every article, and says one thing: not a person, the role, the country, the same person as another
(merge), or someone else than the others of that name (split). They are applied to the cached
analyses when they are read, so a correction never runs extraction again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import OfficialMention
from dipreader.model.countries import country_by_word
from dipreader.model.names import name_parts, name_tokens

NOT_PERSON = "not_person"
ROLE = "role"
COUNTRY = "country"
MERGE = "merge"
SPLIT = "split"
KINDS = (NOT_PERSON, ROLE, COUNTRY, MERGE, SPLIT)
IDENTITY_KINDS = (MERGE, SPLIT)
"""Applied first, in file order: the role, country and not-a-person corrections of the person a
name became apply to it."""
VALUE_KINDS = (ROLE, COUNTRY, MERGE, SPLIT)
CORRECTED_BASIS = "correction"
"""`OfficialMention.country_basis` of a country the reader set."""

_QUALIFIED = re.compile(r"^(?P<name>.*\S)\s*\((?P<qualifier>[^()]*\S[^()]*)\)$")


@dataclass(frozen=True)
class Correction:
    """One correction: `kind` (one of KINDS) of the person `name`, in `article` (None: every article).

    `value` is the role, the country, the person merged into, or the name the split person goes by.
    """

    kind: str
    name: str
    article: str | None = None
    value: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown correction {self.kind!r}")
        if not name_key(self.name):
            raise ValueError("a correction needs a name")
        if self.kind in VALUE_KINDS and not (self.value and self.value.strip()):
            raise ValueError(f"a {self.kind} correction needs a value")
        if self.kind == SPLIT and self.article is None:
            raise ValueError("a split names the article whose person is someone else")
        if self.kind in IDENTITY_KINDS and name_key(self.value or "") == name_key(self.name):
            raise ValueError(f"a {self.kind} needs another name than {self.name!r}")

    @property
    def key(self) -> str:
        return name_key(self.name)

    def replaces(self, other: Correction) -> bool:
        """Whether this one says again what `other` said (same kind, person and article)."""
        return (self.kind, self.key, self.article) == (other.kind, other.key, other.article)

    def applies_in(self, article_id: str) -> bool:
        return self.article is None or self.article == article_id

    def describe(self) -> str:
        """One line for the status line and the command line."""
        if self.kind == SPLIT:
            return f"{self.name} in {self.article} is someone else: {self.value}"
        where = f" in {self.article}" if self.article is not None else " in every article"
        what = {
            NOT_PERSON: f"{self.name} is not a person",
            ROLE: f"{self.name}'s role is {self.value}",
            COUNTRY: f"{self.name}'s country is {self.value}",
            MERGE: f"{self.name} is {self.value}",
        }[self.kind]
        return what + where


@dataclass(frozen=True)
class Corrections:
    """Every correction in force, in the order they were made (a later one wins)."""

    items: tuple[Correction, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)

    def __add__(self, other: Corrections) -> Corrections:
        return Corrections(self.items + other.items)

    def with_correction(self, correction: Correction) -> Corrections:
        """These corrections and a new one, which takes the place of one that said the same thing."""
        kept = tuple(item for item in self.items if not correction.replaces(item))
        return Corrections((*kept, correction))

    def digest(self) -> str:
        """A hash of the corrections ("" when there are none): part of the keys of what is derived
        from corrected analyses (search facts, story features)."""
        if not self.items:
            return ""
        digest = hashlib.sha256()
        for item in self.items:
            digest.update("\x1f".join((item.kind, item.name, item.article or "", item.value or "")).encode())
            digest.update(b"\x1e")
        return digest.hexdigest()

    @cached_property
    def _everywhere_keys(self) -> frozenset[str]:
        return frozenset(item.key for item in self.items if item.article is None)

    @cached_property
    def _articles(self) -> frozenset[str]:
        return frozenset(item.article for item in self.items if item.article is not None)

    def touch(self, article_id: str, names: Iterable[str]) -> bool:
        """Whether any correction may change an article naming these people."""
        if article_id in self._articles:
            return True
        keys = self._everywhere_keys
        return bool(keys) and any(name_key(name) in keys for name in names)

    def in_article(self, article_id: str) -> list[Correction]:
        """The corrections that apply in this article, identity ones first, each group in order."""
        applying = [item for item in self.items if item.applies_in(article_id)]
        return [item for item in applying if item.kind in IDENTITY_KINDS] + [
            item for item in applying if item.kind not in IDENTITY_KINDS
        ]


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """How corrections compare names: folded words, no honorific or punctuation ("Mr. Park Jin",
    "park jin" and "Park  Jin" are one key; "Ali (Pakistan)" keeps its qualifier)."""
    return " ".join(name_tokens(name))


def country_name(text: str) -> str:
    """The country as the analyses name it when `text` is one of its names ("Republic of Korea" ->
    "South Korea"); else the text as written."""
    written = " ".join(text.split())
    return country_by_word().get(written, written)


def qualified_name(name: str, qualifier: str) -> str:
    """ "Ahmed Ali" told apart as "Ahmed Ali (Pakistan)"."""
    return f"{' '.join(name.split())} ({' '.join(qualifier.split())})"


def name_qualifier(name: str) -> tuple[str, str | None]:
    """(the name, its qualifier) of "Ahmed Ali (Pakistan)"; (name, None) without one."""
    match = _QUALIFIED.match(name.strip())
    if match is None:
        return name, None
    return match.group("name"), " ".join(match.group("qualifier").split())


def correct_officials(
    article_id: str, officials: Sequence[OfficialMention], corrections: Corrections
) -> tuple[OfficialMention, ...]:
    """The officials of one article with every correction that applies to them."""
    mentions = list(officials)
    keys = {name_key(mention.name) for mention in mentions}
    for correction in corrections.in_article(article_id):
        if correction.key not in keys:
            continue
        kept: list[OfficialMention] = []
        for mention in mentions:
            corrected = (
                _corrected(mention, correction) if name_key(mention.name) == correction.key else mention
            )
            if corrected is not None:
                kept.append(corrected)
        mentions = kept
        keys = {name_key(mention.name) for mention in mentions}
    return tuple(mentions)


def _corrected(mention: OfficialMention, correction: Correction) -> OfficialMention | None:
    kind, value = correction.kind, correction.value
    if kind == NOT_PERSON:
        return None
    if kind == ROLE:
        return dataclasses.replace(mention, role=value)
    if kind == COUNTRY:
        return dataclasses.replace(mention, country=value, country_basis=CORRECTED_BASIS)
    assert value is not None  # checked when the correction was made
    return dataclasses.replace(mention, name=value, name_parts=name_parts(name_qualifier(value)[0]))


def correct_analysis(analysis: ArticleAnalysis, corrections: Corrections) -> ArticleAnalysis:
    """The analysis with the corrections applied; the same object when none touches it."""
    officials = analysis.entities.officials
    if not corrections or not corrections.touch(analysis.article_id, (m.name for m in officials)):
        return analysis
    corrected = correct_officials(analysis.article_id, officials, corrections)
    if corrected == officials:
        return analysis
    entities = dataclasses.replace(analysis.entities, officials=corrected)
    return dataclasses.replace(analysis, entities=entities)
