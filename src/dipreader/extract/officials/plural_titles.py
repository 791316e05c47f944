"""One plural title before two names: "The foreign ministers of Bolivia and Peru, A and B"."""

from __future__ import annotations

import re
from itertools import pairwise

from dipreader.extract.officials.name_candidates import Candidate
from dipreader.extract.officials.title_reading import TitleReader
from dipreader.extract.officials.titles import HEADS
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
