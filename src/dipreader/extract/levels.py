"""The level of a contact: heads of state or government, ministers, deputies, parliament, other."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Literal

from dipreader.model.countries import INTERNATIONAL_BODIES, country_of

Level = Literal["heads", "ministers", "deputies", "parliament", "other"]
LEVELS: tuple[Level, ...] = ("heads", "ministers", "deputies", "parliament", "other")
"""Highest first: a contact takes the level of its highest-ranking official."""
LEVEL_LABELS: dict[Level, str] = {
    "heads": "Heads of state/government",
    "ministers": "Ministers",
    "deputies": "Deputies",
    "parliament": "Parliament",
    "other": "Other",
}

_PARLIAMENT = re.compile(
    r"\b(?:parliament\w*|senat\w*|speaker|mps?|lawmakers?|legislat\w+|congress\w*|majlis|mejlis|"
    r"duma|sejm|knesset|bundestag|rada|national\s+assembly|assembly|chamber\s+of\s+deputies)\b",
    re.IGNORECASE,
)
_DEPUTY_HEAD = re.compile(r"\b(?:deputy|vice)[- ](?:prime\s+minister|premier|chancellor)\b", re.IGNORECASE)
_DEPUTY = re.compile(
    r"\b(?:deputy|vice|under[- ]?secretary|state\s+secretary|secretary\s+of\s+state\s+for|assistant)\b",
    re.IGNORECASE,
)
_HEAD = re.compile(
    r"\b(?:prime\s+minister|premier|chancellor|head\s+of\s+(?:state|government)|heads\s+of\s+state|"
    r"king|queen|emir|amir|sultan|monarch|crown\s+prince|leaders?|taoiseach)\b",
    re.IGNORECASE,
)
_PRESIDENT = re.compile(
    r"\bpresident(?:-elect)?\b(?:\s+of\s+(?:the\s+)?(?P<of>[\w'’-]+(?:\s+[\w'’-]+){0,3}))?", re.IGNORECASE
)
_HEAD_BODIES = re.compile(r"^(?:republic|council\s+of\s+ministers|government|state)\b", re.IGNORECASE)
# What a president may preside over that is not a country: "President of the Chamber of Commerce".
_OTHER_BODIES = re.compile(
    r"\b(?:bank|chamber|commission|committee|company|corporation|university|academy|federation|"
    r"association|union|confederation|fund|court|institute|council|foundation|club|board|agency|"
    r"organi[sz]ation|society|group|party)\b",
    re.IGNORECASE,
)
_MINISTER = re.compile(
    r"\b(?:ministers?|secretary\s+of\s+(?:state|defen[cs]e|the\s+treasury)|foreign\s+secretary|"
    r"(?:home|defen[cs]e)\s+secretary)\b",
    re.IGNORECASE,
)
# Person titles as a clause may name them without a name ("the visit of the President of Italy",
# "contacts between the leaders"), with what follows them that can change their level.
_TITLE_IN_TEXT = re.compile(
    r"\b(?:(?:first\s+)?(?:deputy|vice)[- ])?(?:prime\s+minister|president|premier|chancellor|"
    r"ministers?|speaker|king|emir)\b(?:\s+of\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3})?"
    r"|\b(?:leaders|heads\s+of\s+state|parliament\w*|parliamentarians|lawmakers|senators?|MPs)\b",
    re.IGNORECASE,
)
RANK: dict[Level, int] = {level: rank for rank, level in enumerate(LEVELS)}


@lru_cache(maxsize=4096)
def role_level(title: str) -> Level:
    """The level of an official's title ("Deputy Foreign Minister" -> deputies)."""
    if _PARLIAMENT.search(title):
        return "parliament"
    if _DEPUTY_HEAD.search(title):
        return "ministers"  # deputy prime ministers sit in the cabinet
    if _DEPUTY.search(title):
        return "deputies"
    if _HEAD.search(title):
        return "heads"
    president = _PRESIDENT.search(title)
    if president is not None:
        return "heads" if _presides_over_country(president.group("of")) else "other"
    if _MINISTER.search(title):
        return "ministers"
    return "other"


def _presides_over_country(of: str | None) -> bool:
    """ "President" alone, "of the Republic", "of Azerbaijan", "of the Italian Council of Ministers"."""
    if of is None or _HEAD_BODIES.match(of):
        return True
    first, _, rest = of.partition(" ")
    country = country_of(first)
    if country is None or country in INTERNATIONAL_BODIES:
        return False
    return not _OTHER_BODIES.search(rest) or bool(_HEAD_BODIES.match(rest))


def highest(levels: Iterable[Level]) -> Level:
    """The highest of the levels; `other` when there are none."""
    return min(levels, key=RANK.__getitem__, default="other")


def text_level(text: str) -> Level | None:
    """The highest level of the person titles a text names without a name, None when it names none."""
    found = [role_level(match.group()) for match in _TITLE_IN_TEXT.finditer(text)]
    found = [level for level in found if level != "other"]
    return highest(found) if found else None


def usual_level(roles: Mapping[str, str]) -> Level | None:
    """The level most of an article's officials hold (by name -> role; ties to the higher)."""
    counts = Counter(role_level(role) for role in roles.values())
    counts.pop("other", None)
    if not counts:
        return None
    return min(counts, key=lambda level: (-counts[level], RANK[level]))
