"""The query language of every search and filter: parsed into a typed tree and written out again.

energy "gas pipeline" -russia         words, a phrase, a word left out
jaishankar energy OR gas              OR binds tighter than the implicit AND: jaishankar (energy OR gas)
(visit OR talks) -(sanctions tariffs) parentheses; in capitals, AND is a space and NOT is "-"
person:Cirielli person:"Park Jin" @cirielli
sector:energy country:Italy source:Xinhua tag:pipeline #pipeline (a tag or a sector)
from:2024-03 to:2024                  from the first day of the period, to its last day
is:unread is:read has:notes           read state, supplied by the caller
jaish*                                a word's beginning

query_match.py tests a tree against records in memory; query_fts.py says its words to SQLite FTS5.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, TypeAlias

from dipreader.model.article import PartialDate
from dipreader.model.text_fold import has_words

FieldName = Literal["person", "sector", "country", "source", "tag", "topic"]
FlagName = Literal["unread", "read", "notes"]
VALUE_FIELDS: dict[str, FieldName] = {
    "person": "person",
    "sector": "sector",
    "country": "country",
    "source": "source",
    "tag": "tag",
}
FLAG_VALUES: dict[str, dict[str, FlagName]] = {
    "is": {"unread": "unread", "read": "read"},
    "has": {"notes": "notes", "note": "notes"},
}
DATE_FIELDS = ("from", "to")
KNOWN_FIELDS = (*VALUE_FIELDS, *DATE_FIELDS, *FLAG_VALUES)
MAX_TERMS = 256
MAX_DEPTH = 32

_QUOTES = '"“”'
_TOKEN = re.compile(r"(\s+)|([()])|([\"“”])|([^\s()\"“”]+)")
_CLOSING_QUOTE = re.compile(r"[\"“”]")
_FIELD = re.compile(r"([A-Za-z]+):")
# Characters SQLite cannot take inside a string (NUL ends it) or Python cannot encode (lone surrogates).
UNSAFE_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_NEEDS_QUOTES = re.compile(r"[\s()]")
_OPERATORS: dict[str, Literal["or", "and", "not"]] = {"OR": "or", "AND": "and", "NOT": "not"}


@dataclass(frozen=True, slots=True)
class Words:
    """Words to find in the text: a bare word (`prefix` when it ended in `*`) or a quoted phrase."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    """`person:`, `sector:`, `country:`, `source:`, `tag:`, or `#value` (topic: a tag or a sector)."""

    name: FieldName
    value: str


@dataclass(frozen=True, slots=True)
class DateBound:
    """`from:` (on or after the first day of `date`) or `to:` (on or before its last day)."""

    name: Literal["from", "to"]
    date: PartialDate

    @property
    def first_day(self) -> _dt.date:
        return _dt.date(self.date.year, self.date.month or 1, self.date.day or 1)

    @property
    def last_day(self) -> _dt.date:
        month = self.date.month or 12
        day = self.date.day or calendar.monthrange(self.date.year, month)[1]
        return _dt.date(self.date.year, month, day)


@dataclass(frozen=True, slots=True)
class Flag:
    """`is:unread`, `is:read` or `has:notes`."""

    name: FlagName


@dataclass(frozen=True, slots=True)
class Not:
    term: Node


@dataclass(frozen=True, slots=True)
class And:
    terms: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    terms: tuple[Node, ...]


Leaf: TypeAlias = Words | Field | DateBound | Flag
Node: TypeAlias = Words | Field | DateBound | Flag | Not | And | Or


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query; an empty one (`root` None) matches everything."""

    root: Node | None

    @property
    def empty(self) -> bool:
        return self.root is None

    def leaves(self) -> Iterator[Leaf]:
        return iter_leaves(self.root) if self.root is not None else iter(())

    def uses_read_state(self) -> bool:
        return any(isinstance(leaf, Flag) and leaf.name != "notes" for leaf in self.leaves())

    def uses_notes(self) -> bool:
        return any(isinstance(leaf, Flag) and leaf.name == "notes" for leaf in self.leaves())

    def also(self, *nodes: Node) -> Query:
        """This query and every one of `nodes` (a saved search's unread count: `also(Flag("unread"))`)."""
        terms = (*((self.root,) if self.root is not None else ()), *nodes)
        return Query(_joined(And, terms)) if terms else self


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A query kept under a name; `query` is its text as the user wrote it."""

    name: str
    query: str


class QueryError(ValueError):
    """A query that cannot be parsed: what is wrong and where (0-based `position` in `query`)."""

    def __init__(self, message: str, position: int, query: str) -> None:
        self.message = message
        self.position = max(0, min(position, len(query)))
        self.query = query
        super().__init__(message, position, query)  # the arguments again: a pickled copy is the same

    def __str__(self) -> str:
        return f"{self.message} (at column {self.position + 1})"

    def caret(self, width: int = 60) -> str:
        """Two lines: the query around the problem, and a caret under it."""
        start = max(0, self.position - width // 2)
        end = min(len(self.query), start + width)
        shown = "".join(" " if not char.isprintable() else char for char in self.query[start:end])
        lead = "…" if start > 0 else ""
        tail = "…" if end < len(self.query) else ""
        before = lead + shown[: self.position - start]
        cells = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in before)
        return f"{lead}{shown}{tail}\n{' ' * cells}^"


def iter_leaves(node: Node) -> Iterator[Leaf]:
    """Every leaf under `node`, left to right (iterative: a tree is never deeper than MAX_DEPTH anyway)."""
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Not):
            stack.append(current.term)
        elif isinstance(current, And | Or):
            stack.extend(reversed(current.terms))
        else:
            yield current


@dataclass(frozen=True, slots=True)
class _Token:
    kind: Literal["term", "(", ")", "or", "and", "not"]
    position: int
    leaf: Leaf | None = None


def parse(text: str) -> Query:
    """Parse a query; raise QueryError pointing at the first problem. Linear in the length of `text`."""
    tokens = _Tokens(UNSAFE_CHARACTERS.sub(" ", text), text)
    return _Parser(tokens.scan(), text).parse()


class _Tokens:
    """The scanner: one pass, at most MAX_TERMS terms."""

    def __init__(self, text: str, original: str) -> None:
        self.text = text
        self.original = original
        self.tokens: list[_Token] = []
        self.terms = 0

    def error(self, message: str, position: int) -> QueryError:
        return QueryError(message, position, self.original)

    def scan(self) -> list[_Token]:
        position = 0
        text = self.text
        while position < len(text):
            match = _TOKEN.match(text, position)
            assert match is not None  # the four groups cover every character
            if match.group(2):
                self.tokens.append(_Token("(" if match.group(2) == "(" else ")", position))
                position = match.end()
            elif match.group(3):
                phrase, position = self.phrase(position)
                if has_words(phrase):
                    self.term(Words(phrase, phrase=True), match.start())
                else:
                    self.dropped()
            elif match.group(4):
                position = self.word(match.group(4), position)
            else:
                position = match.end()
        return self.tokens

    def phrase(self, position: int) -> tuple[str, int]:
        """The quoted text starting at `position` (a quote) and where scanning resumes."""
        closing = _CLOSING_QUOTE.search(self.text, position + 1)
        if closing is None:
            raise self.error("this quote is never closed", position)
        return " ".join(self.text[position + 1 : closing.start()].split()), closing.end()

    def term(self, leaf: Leaf, position: int) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise self.error(f"a query can hold at most {MAX_TERMS} terms", position)
        self.tokens.append(_Token("term", position, leaf))

    def dropped(self) -> None:
        """Punctuation alone is skipped, but not right after a negation (it would hit the next term)."""
        if not self.tokens or self.tokens[-1].kind != "not":
            return
        first = len(self.tokens) - 1
        while first > 0 and self.tokens[first - 1].kind == "not":
            first -= 1
        raise self.error(
            _negation_message(self.text, self.tokens[first].position), self.tokens[first].position
        )

    def quote_at(self, position: int) -> bool:
        return self.text[position : position + 1] in tuple(_QUOTES)

    def word(self, word: str, position: int) -> int:
        """Read one bare word (and the phrase that gives a field its value); return where to resume."""
        end = position + len(word)
        if word in _OPERATORS:
            self.tokens.append(_Token(_OPERATORS[word], position))
            return end
        stripped = word.lstrip("-")
        negations = len(word) - len(stripped)
        if not negations:
            return self.positive_word(word, position, end)
        for offset in range(negations):
            self.tokens.append(_Token("not", position + offset))
        if not stripped and (self.quote_at(end) or self.text[end : end + 1] == "("):
            return end
        before = self.terms
        resume = self.positive_word(stripped, position + negations, end) if stripped else end
        if self.terms == before:
            raise self.error(_DANGLING_MINUS, position)
        return resume

    def positive_word(self, word: str, position: int, end: int) -> int:
        field = _FIELD.match(word)
        if field is not None:
            name = field.group(1).lower()
            if name not in KNOWN_FIELDS:
                known = " ".join(f"{known}:" for known in KNOWN_FIELDS)
                raise self.error(
                    f'unknown field "{name}:" (known: {known}); put the word in quotes to search for it',
                    position,
                )
            value, end = self.value(word[field.end() :], name + ":", position, end)
            self.term(self.field(name, value, position, position + field.end()), position)
            return end
        if word[0] in "#@" and (len(word) > 1 or self.quote_at(end)):
            value, end = self.value(word[1:], word[0], position, end)
            if word[0] == "@":
                self.term(Field("person", value.replace("_", " ")), position)
            else:
                self.term(Field("topic", value), position)
            return end
        prefix = word.endswith("*")
        text = word.rstrip("*") if prefix else word
        if has_words(text):
            self.term(Words(text, prefix=prefix), position)
        else:
            self.dropped()
        return end

    def value(self, value: str, label: str, position: int, end: int) -> tuple[str, int]:
        """A field's value: the rest of the word, or the phrase right after `label`."""
        if not value and self.quote_at(end):
            value, end = self.phrase(end)
        if not has_words(value):
            raise self.error(
                f"{label} needs a value right after it, such as {_EXAMPLES.get(label, label + 'x')}", position
            )
        return value, end

    def field(self, name: str, value: str, position: int, value_position: int) -> Leaf:
        if name in VALUE_FIELDS:
            return Field(VALUE_FIELDS[name], value)
        if name in DATE_FIELDS:
            return DateBound("from" if name == "from" else "to", self.date(name, value, value_position))
        if name in FLAG_VALUES:
            choices = FLAG_VALUES[name]
            if value.lower() not in choices:
                known = " or ".join(f"{name}:{choice}" for choice in dict.fromkeys(choices.values()))
                raise self.error(f"{name}:{value} is not known; use {known}", position)
            return Flag(choices[value.lower()])
        raise AssertionError(f"{name}: is checked against KNOWN_FIELDS first")  # pragma: no cover

    def date(self, name: str, value: str, position: int) -> PartialDate:
        try:
            date = PartialDate.parse(value)
            if date.year < 1:
                raise ValueError(value)
        except ValueError:
            raise self.error(
                f'{name}: takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not "{value}"', position
            ) from None
        return date


_DANGLING_MINUS = "'-' needs a word, a phrase, a field or '(' right after it"


def _negation_message(text: str, position: int) -> str:
    return _DANGLING_MINUS if text.startswith("-", position) else "NOT needs a term after it"


_EXAMPLES = {
    "person:": 'person:Cirielli or person:"Park Jin"',
    "sector:": "sector:energy",
    "country:": "country:Italy",
    "source:": "source:Xinhua",
    "tag:": "tag:pipeline",
    "from:": "from:2024-03",
    "to:": "to:2024-12-31",
    "is:": "is:unread",
    "has:": "has:notes",
    "#": "#pipeline",
    "@": "@cirielli",
}


class _Parser:
    """Recursive descent over the tokens: and := or+, or := unary (OR unary)*, unary := -* primary."""

    def __init__(self, tokens: list[_Token], text: str) -> None:
        self.tokens = tokens
        self.text = text
        self.index = 0

    def error(self, message: str, position: int) -> QueryError:
        return QueryError(message, position, self.text)

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def parse(self) -> Query:
        if not self.tokens:
            return Query(None)
        root = self.conjunction(0)
        token = self.peek()
        if token is not None:  # only a ")" stops a top-level conjunction early
            raise self.error("this ')' closes no '('", token.position)
        return Query(root)

    def conjunction(self, depth: int) -> Node:
        terms: list[Node] = []
        while (token := self.peek()) is not None and token.kind != ")":
            if token.kind == "and":
                self.index += 1
                following = self.peek()
                if not terms or following is None or following.kind in (")", "or", "and"):
                    raise self.error("AND needs a term on both sides", token.position)
                continue
            if token.kind == "or":
                raise self.error("OR needs a term on both sides", token.position)
            terms.append(self.disjunction(depth))
        if not terms:
            token = self.peek()
            if token is not None and depth == 0:
                raise self.error("this ')' closes no '('", token.position)
            raise self.error("nothing to search for here", token.position if token else len(self.text))
        return _joined(And, terms)

    def disjunction(self, depth: int) -> Node:
        terms = [self.unary(depth)]
        while (token := self.peek()) is not None and token.kind == "or":
            self.index += 1
            following = self.peek()
            if following is None or following.kind in (")", "or", "and"):
                raise self.error("OR needs a term on both sides", token.position)
            terms.append(self.unary(depth))
        return _joined(Or, terms)

    def unary(self, depth: int) -> Node:
        negations = 0
        while (token := self.peek()) is not None and token.kind == "not":
            negations += 1
            self.index += 1
            following = self.peek()
            if following is None or following.kind in (")", "or", "and"):
                raise self.error(_negation_message(self.text, token.position), token.position)
        node = self.primary(depth)
        return Not(node) if negations % 2 else node

    def primary(self, depth: int) -> Node:
        token = self.tokens[self.index]
        self.index += 1
        if token.kind == "term":
            assert token.leaf is not None
            return token.leaf
        if token.kind != "(":
            raise self.error(f"unexpected {token.kind.upper()}", token.position)
        if depth + 1 > MAX_DEPTH:
            raise self.error(f"parentheses nest more than {MAX_DEPTH} deep", token.position)
        following = self.peek()
        if following is not None and following.kind == ")":
            raise self.error("these parentheses hold nothing to search for", token.position)
        if following is None:
            raise self.error("this '(' is never closed", token.position)
        node = self.conjunction(depth + 1)
        closing = self.peek()
        if closing is None:
            raise self.error("this '(' is never closed", token.position)
        self.index += 1
        return node


def _joined(kind: type[And] | type[Or], terms: list[Node] | tuple[Node, ...]) -> Node:
    """One term as itself; several flattened into one And / Or."""
    flat: list[Node] = []
    for term in terms:
        flat.extend(term.terms if isinstance(term, kind) else (term,))
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def describe(query: Query) -> str:
    """The query written out again, in a canonical spelling: `parse(describe(q)) == q`."""
    return _described(query.root) if query.root is not None else ""


def _described(node: Node) -> str:
    if isinstance(node, And):
        return " ".join(_described(term) for term in node.terms)
    if isinstance(node, Or):
        return " OR ".join(f"({_described(t)})" if isinstance(t, And) else _described(t) for t in node.terms)
    if isinstance(node, Not):
        inner = node.term
        return "-" + (f"({_described(inner)})" if isinstance(inner, And | Or) else _described(inner))
    return _leaf_text(node)


def _leaf_text(leaf: Leaf) -> str:
    if isinstance(leaf, Words):
        if leaf.phrase:
            return f'"{leaf.text}"'
        return leaf.text + ("*" if leaf.prefix else "")
    if isinstance(leaf, Field):
        label = "#" if leaf.name == "topic" else f"{leaf.name}:"
        return label + (f'"{leaf.value}"' if _NEEDS_QUOTES.search(leaf.value) else leaf.value)
    if isinstance(leaf, DateBound):
        return f"{leaf.name}:{leaf.date.iso()}"
    return f"has:{leaf.name}" if leaf.name == "notes" else f"is:{leaf.name}"
