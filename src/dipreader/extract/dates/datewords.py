"""Calendar vocabulary shared by the date finders: month and weekday names, number words."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
}

# Capitalised month names only: "may" and "march" in lower case are ordinary words.
_MONTH_NAMES = sorted((name for name in MONTHS if len(name) > 3), key=len, reverse=True)
_MONTH_ABBREVIATIONS = sorted(
    (name for name in MONTHS if len(name) <= 4 and name != "may"), key=len, reverse=True
)
MONTH_RE = (
    "(?:"
    + "|".join(name.capitalize() for name in _MONTH_NAMES)
    + "|May|"
    + "|".join(name.capitalize() for name in _MONTH_ABBREVIATIONS)
    + "|"
    + "|".join(name.upper() for name in _MONTH_NAMES if name != "may")
    + "|MAY"
    + "|"
    + "|".join(name.upper() for name in _MONTH_ABBREVIATIONS)
    + r")(?:\.(?=\s*[0-9]))?(?![A-Za-z])"
)
WEEKDAY_RE = "(?:" + "|".join(name.capitalize() for name in WEEKDAYS) + r")(?![A-Za-z])"
DAY_RE = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
YEAR_RE = r"(?:1[89][0-9]{2}|20[0-9]{2})(?![0-9])"
NUMBER_WORD_RE = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"

_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)$")
# The characters other than ASCII letters that match an ASCII letter when case is ignored.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


def lowered_for_matching(text: str) -> str | None:
    """`text` lowered, so that a case-sensitive pattern of lower-case ASCII words finds what the
    same pattern with IGNORECASE finds in `text`; None when lowering cannot promise that.

    Lowering keeps every other character's position and class (letter, digit, space, word
    character); only these four characters match ASCII letters without being ASCII letters.
    """
    if any(char in text for char in _FOLDS_TO_ASCII):
        return None
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def month_number(word: str) -> int:
    """The month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.rstrip(".").lower()]


def day_number(word: str) -> int:
    """The day number of "8", "08" or "8th"."""
    return int(_ORDINAL_SUFFIX.sub("", word))


def count_number(word: str) -> int:
    """A small count written in digits or words ("3", "three", "a")."""
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z\-]*)[ \t\-]*$")
_PREPOSITIONS = frozenset(
    (
        "in",
        "since",
        "by",
        "from",
        "until",
        "till",
        "to",
        "during",
        "of",
        "before",
        "after",
        "between",
        "and",
        "or",
        "through",
        "throughout",
        "for",
        "on",
        "at",
        "around",
        "as",
        "year",
        "early",
        "mid",
        "late",
        "end",
        "the",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    )
)


# A year before these names a plan or a horizon ("the 2030 Agenda"), not the date of an event.
_HORIZON_NOUN = re.compile(
    r"[ \t]+(?:Agenda|Vision|Strategy|Plan|Programme|Program|Goals|Targets|Roadmap|Concept"
    r"|Framework|Development\s+Strategy)\b"
)


def is_named_number(text: str, start: int) -> bool:
    """True for a number that is part of a name ("Vision 2030", "COP-29", "Resolution 2334")."""
    if start > 0 and text[start - 1].isalpha():
        return True
    if _HORIZON_NOUN.match(text, start + 4):
        return True
    match = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if not match or not match.group(1)[0].isupper():
        return False
    word = match.group(1)
    return not (word.lower() in _PREPOSITIONS or word.rstrip(".").lower() in MONTHS)
