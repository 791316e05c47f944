"""Titles shared by two names joined by "and": one plural title before both ("The foreign ministers of
Bolivia and Peru, A and B"), or the first title's country for the second ("Tongan Prime Minister A
and Foreign Minister B")."""

from __future__ import annotations

import re
from itertools import pairwise

from dipreader.extract.officials.name_candidates import Candidate
from dipreader.extract.officials.title_reading import TitleReader
from dipreader.extract.officials.titles import HEADS, country_in_title, leading_qualifier, role_from_title
from dipreader.model.countries import country_of

_PLACE = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
# "... of Bolivia and Peru", "... of the two countries": the holders' countries, in order.
_OF_TWO = re.compile(rf"\s+of\s+(?:the\s+)?(?P<a>{_PLACE})\s+and\s+(?:the\s+)?(?P<b>{_PLACE})\s*$")
_OF_BOTH = re.compile(r"\s+of\s+(?:the\s+|both\s+)?(?:two\s+)?(?:countries|sides|nations|states)\s*$")


def shared_titles(reader: TitleReader, candidates: list[Candidate]) -> dict[int, str]:
    """Candidate position -> the title each of two names joined by "and" holds, when a plural title
    stands before the first ("The foreign ministers of Bolivia and Peru, A and B" gives "foreign
    minister of Bolivia" to A and "foreign minister of Peru" to B)."""
    text = reader.text
    shared: dict[int, str] = {}
    for position, (first, second) in enumerate(pairwise(candidates)):
        if text[first.end : second.start] != " and ":
            continue
        span = reader.title_before(first.first)
        if span is None:
            continue
        title = text[span[0] : span[1]]
        match = _OF_TWO.search(title)
        both = _OF_BOTH.search(title)
        office = title[: match.start()] if match else title[: both.start()] if both else title
        words = office.split()
        plural = [i for i, word in enumerate(words) if word.endswith("s") and word[:-1].casefold() in HEADS]
        if not plural:
            continue
        words[plural[-1]] = words[plural[-1]][:-1]
        singular = " ".join(words)
        countries = [country_of(match.group(name)) for name in ("a", "b")] if match else [None, None]
        if match and None in countries:
            continue  # "the ministers of energy and mines": portfolios, not the two sides
        shared[position] = f"{singular} of {countries[0]}" if countries[0] else singular
        shared[position + 1] = f"{singular} of {countries[1]}" if countries[1] else singular
    return shared


# Offices a country has one holder of at a time: "Kenyan President A and President B" are of two
# countries, and so may be "Japanese Prime Minister A and President B".
_LEADERS = frozenset(
    {"president", "prime minister", "premier", "king", "queen", "emir", "amir", "sultan", "chancellor",
     "emperor", "monarch", "head of state", "head of government"}
)  # fmt: skip
# Posts held abroad: an ambassador's neighbour in a list is most often the host's ("Chinese
# Ambassador A and Chief of Army Staff B were also present").
_POSTED_ABROAD = frozenset(
    {"ambassador", "envoy", "consul", "consul-general", "commissioner", "chargé", "charge", "attaché",
     "attache", "diplomat"}
)  # fmt: skip
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")


def with_shared_qualifier(text: str, first_title: tuple[int, int], title: tuple[int, int]) -> str | None:
    """The second title with the first one's country words, when the names are joined by "and"
    right before the second title and the first title opens with them: "Tongan Prime Minister Dr A
    and Foreign Minister B" gives B "Tongan Foreign Minister". Not for a second leader or the same
    office, after a post held abroad, nor for two sides named "between" them."""
    second = text[title[0] : title[1]]
    if country_in_title(second) is not None:
        return None
    first = text[first_title[0] : first_title[1]]
    qualifier = leading_qualifier(first)
    if qualifier is None or _BETWEEN.search(text, max(0, first_title[0] - 16), first_title[0]):
        return None
    if any(word.casefold() in _POSTED_ABROAD for word in first.split()):
        return None
    role = role_from_title(second).casefold()
    if role in _LEADERS or role == role_from_title(first).casefold():
        return None
    return f"{qualifier} {second}"
