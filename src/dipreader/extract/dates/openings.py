"""The characters a regex's match can begin with, read from the pattern's parsed form."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

try:  # the parser behind `re`, as Python 3.11 names it; without it every character may begin a match
    _PARSER: Any = importlib.import_module("re._parser")
    _OPS: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - another Python
    _PARSER = _OPS = None


@dataclass(frozen=True)
class Opening:
    """What can begin a match: one of `characters`, or (when `folded`, the pattern ignoring case
    somewhere there) any character past ASCII, as "ſ" matches "s" and "K" (Kelvin) matches "k"."""

    characters: frozenset[str]
    folded: bool = False

    def allows(self, character: str) -> bool:
        return character in self.characters or (self.folded and character > "\x7f")


class _AnyStart(Exception):
    """The pattern may begin with (almost) any character, or with a construct not read here."""


def opening_of(pattern: re.Pattern[str]) -> Opening | None:
    """The characters a match of `pattern` can begin with (a superset); None when it may begin
    with any character, may be empty, or its parsed form cannot be read."""
    if _PARSER is None:
        return None
    try:
        parsed = _PARSER.parse(pattern.pattern, pattern.flags)
        found = _Found()
        if _sequence(parsed.data, pattern.flags | parsed.state.flags, found):
            return None  # may match the empty string: any position
    except (_AnyStart, re.error, AttributeError, TypeError, ValueError):
        return None
    return Opening(frozenset(found.characters), found.folded)


class _Found:
    def __init__(self) -> None:
        self.characters: set[str] = set()
        self.folded = False

    def add(self, code: int, flags: int) -> None:
        character = chr(code)
        self.characters.add(character)
        if flags & re.IGNORECASE:
            self.characters.update((character.lower(), character.upper(), character.casefold()))
            self.folded = self.folded or character.isalpha() or character > "\x7f"
        elif character > "\x7f":
            self.folded = True  # keeps `allows` a superset for a literal past ASCII


def _sequence(items: Iterable[tuple[Any, Any]], flags: int, found: _Found) -> bool:
    """Add what the items in a row can begin with; whether they can all match the empty string."""
    return all(_item(op, argument, flags, found) for op, argument in items)


def _item(op: Any, argument: Any, flags: int, found: _Found) -> bool:
    """Add what one item can begin with; whether it can match the empty string."""
    if op is _OPS.LITERAL:
        found.add(argument, flags)
        return False
    if op is _OPS.IN:
        _charset(argument, flags, found)
        return False
    if op is _OPS.BRANCH:
        empty = False
        for alternative in argument[1]:
            empty = _sequence(alternative.data, flags, found) or empty
        return empty
    if op is _OPS.SUBPATTERN:
        _group, add_flags, del_flags, inner = argument
        return _sequence(inner.data, (flags | add_flags) & ~del_flags, found)
    if op is _OPS.ATOMIC_GROUP:
        return _sequence(argument.data, flags, found)
    if op in (_OPS.MAX_REPEAT, _OPS.MIN_REPEAT, _OPS.POSSESSIVE_REPEAT):
        low, _high, inner = argument
        return _sequence(inner.data, flags, found) or low == 0
    if op in (_OPS.AT, _OPS.ASSERT, _OPS.ASSERT_NOT):
        return True  # takes no character (ignoring what it asks of the next is a superset)
    raise _AnyStart(op)


def _charset(items: Iterable[tuple[Any, Any]], flags: int, found: _Found) -> None:
    for op, argument in items:
        if op is _OPS.LITERAL:
            found.add(argument, flags)
        elif op is _OPS.RANGE and argument[1] - argument[0] < 256:
            for code in range(argument[0], argument[1] + 1):
                found.add(code, flags)
        else:  # a negated set, a category (\s, \w), a wide range
            raise _AnyStart(op)


def opened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a look-ahead for its opening: the same matches, groups and spans, but a
    scan of a long text skips at once the characters no match begins with (the regex engine
    would try every alternative there). `pattern` itself when its opening is not known."""
    opening = opening_of(pattern)
    if opening is None:
        return pattern
    characters = "".join(re.escape(character) for character in sorted(opening.characters))
    if opening.folded:
        characters += "\\x80-\\U0010ffff"
    try:
        return re.compile(f"(?=[{characters}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # global flags at the pattern's start cannot go behind the look-ahead
        return pattern


def longest_first(words: Iterable[str]) -> str:
    """A regex for any of `words` that tries them longest first, as the alternation of the words
    sorted by length (longest first) does, with the same matches: written as a tree of shared
    beginnings, so the engine reads each character once instead of trying every word."""
    tree: dict[str, Any] = {}
    for word in set(words):
        node = tree
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    ends = "" in node
    children = [
        re.escape(character) + _branches(child) for character, child in sorted(node.items()) if character
    ]
    if not children:
        return ""
    inner = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
    # Longer words first: the branches, then (when a word ends here) nothing more.
    return f"(?:{inner})?" if ends else inner
