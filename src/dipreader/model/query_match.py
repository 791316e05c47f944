"""A parsed query tested against records in memory: the same rules the full-text index applies in SQL."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Generic, Protocol, TypeVar

from dipreader.model.article import PartialDate
from dipreader.model.names import name_tokens
from dipreader.model.query import And, DateBound, Field, FieldName, Flag, Node, Not, Or, Query, Words
from dipreader.model.text_fold import stem, words_of

FactKind = FieldName  # "topic" is never stored: it asks for a tag or a sector
# Texts longer than this are folded again on every test rather than kept (article bodies would fill memory).
_CACHED_TEXT_CHARS = 4096


class Searchable(Protocol):
    """What a query can be tested against: one article, note, event or person row."""

    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def persons(self) -> Collection[str]: ...  # canonical names
    @property
    def sectors(self) -> Collection[str]: ...
    @property
    def countries(self) -> Collection[str]: ...
    @property
    def source(self) -> str | None: ...
    @property
    def tags(self) -> Collection[str]: ...
    @property
    def date(self) -> PartialDate | None: ...
    @property
    def read(self) -> bool: ...
    @property
    def has_notes(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Record:
    """A ready-made Searchable, for callers whose rows have another shape."""

    title: str = ""
    text: str = ""
    persons: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    source: str | None = None
    tags: tuple[str, ...] = ()
    date: PartialDate | None = None
    read: bool = False
    has_notes: bool = False


def same_name(value: str) -> str:
    return value


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """How the caller names things: the canonical person, country and sector for a value as typed."""

    person: Callable[[str], str] = same_name
    country: Callable[[str], str] = same_name
    sector: Callable[[str], str] = same_name


AS_TYPED = Vocabulary()


def fact_key(kind: FactKind, value: str) -> str:
    """A stored fact as the tests compare it: folded words joined by one space (names without honorifics)."""
    return " ".join(name_tokens(value) if kind == "person" else words_of(value))


@dataclass(frozen=True, slots=True)
class ValueTest:
    """Whether a stored fact key (see `fact_key`) is what a field asks for.

    Persons and sources match on their parts ("cirielli" is a part of "edmondo cirielli"), sectors,
    countries and tags on the whole value.
    """

    kind: FactKind
    wanted: tuple[tuple[str, ...], ...]
    whole: bool

    def __call__(self, key: str) -> bool:
        parts = tuple(key.split())
        if self.whole:
            return parts in self.wanted
        present = set(parts)
        return any(present.issuperset(words) for words in self.wanted)


def value_tests(leaf: Field, vocabulary: Vocabulary = AS_TYPED) -> list[ValueTest]:
    """The tests a field stands for: one, or two for `#value` (a tag or a sector)."""
    if leaf.name == "topic":
        return [
            *value_tests(Field("tag", leaf.value), vocabulary),
            *value_tests(Field("sector", leaf.value), vocabulary),
        ]
    kind: FactKind = leaf.name
    canonical = {"person": vocabulary.person, "country": vocabulary.country, "sector": vocabulary.sector}.get(
        kind
    )
    spellings = [leaf.value] if canonical is None else [leaf.value, canonical(leaf.value)]
    wanted = tuple(dict.fromkeys(tuple(fact_key(kind, spelling).split()) for spelling in spellings))
    return [
        ValueTest(kind, tuple(words for words in wanted if words), whole=kind not in ("person", "source"))
    ]


def overlaps(date: PartialDate | None, bound: DateBound) -> bool:
    """Whether a date known to the year, month or day can fall on the bound's side."""
    if date is None:
        return False
    span = DateBound("from", date)
    if bound.name == "from":
        return span.last_day >= bound.first_day
    return span.first_day <= bound.last_day


@dataclass(frozen=True, slots=True)
class _Haystack:
    raw: str  # " word word " of the folded words
    stems: str  # the same, stemmed


_stem = lru_cache(maxsize=65536)(stem)  # a library's vocabulary is small; its texts are not


@lru_cache(maxsize=4096)
def _part(text: str) -> tuple[str, str]:
    """(" word word ", " stem stem ") of one text."""
    words = words_of(text)
    return " " + " ".join(words) + " ", " " + " ".join(map(_stem, words)) + " "


def _haystack_of(title: str, text: str) -> _Haystack:
    """Title and text apart (a phrase does not run from one into the other, as in the index); titles
    repeat across a view's rows, so theirs are kept."""
    title_raw, title_stems = _part(title) if len(title) <= _CACHED_TEXT_CHARS else _part.__wrapped__(title)
    words = words_of(text)
    raw = " " + " ".join(words) + " "
    stems = " " + " ".join(map(_stem, words)) + " "
    return _Haystack(title_raw + "|" + raw, title_stems + "|" + stems)


_cached_haystack = lru_cache(maxsize=4096)(_haystack_of)


def _haystack(record: Searchable) -> _Haystack:
    title, text = record.title, record.text
    if len(title) + len(text) <= _CACHED_TEXT_CHARS:
        return _cached_haystack(title, text)
    return _haystack_of(title, text)


def words_needle(leaf: Words) -> tuple[str, bool]:
    """What to look for in a haystack, and whether in the stemmed one: whole words in order, the
    last one only begun when the word ended in `*`."""
    words = words_of(leaf.text)
    if leaf.prefix:
        return " " + " ".join(words), False
    return " " + " ".join(stem(word) for word in words) + " ", True


Test = Callable[[Searchable], bool]
Haystacks = Callable[[Searchable], _Haystack]
R = TypeVar("R", bound=Searchable)


def compile_matcher(query: Query, vocabulary: Vocabulary = AS_TYPED) -> Test:
    """A function telling whether a record matches `query`; the empty query matches everything."""
    return _compiled_query(query, vocabulary, _haystack)


def _compiled_query(query: Query, vocabulary: Vocabulary, haystack: Haystacks) -> Test:
    if query.root is None:
        return lambda record: True
    return _compiled(query.root, vocabulary, haystack)


class PreparedRecords(Generic[R]):
    """A list filtered again and again (a view's rows as the user types): each record's words are
    folded and stemmed once, on first use, and kept as long as this object."""

    def __init__(self, records: Sequence[R]) -> None:
        self.records = records
        self._haystacks: dict[int, _Haystack] = {}

    def _haystack(self, record: Searchable) -> _Haystack:
        found = self._haystacks.get(id(record))
        if found is None:
            found = self._haystacks[id(record)] = _haystack_of(record.title, record.text)
        return found

    def filter(self, query: Query, vocabulary: Vocabulary = AS_TYPED) -> list[R]:
        """The records that match, in their order."""
        test = _compiled_query(query, vocabulary, self._haystack)
        return [record for record in self.records if test(record)]


def matches(query: Query, record: Searchable, vocabulary: Vocabulary = AS_TYPED) -> bool:
    return compile_matcher(query, vocabulary)(record)


def _compiled(node: Node, vocabulary: Vocabulary, haystack: Haystacks) -> Test:
    if isinstance(node, And | Or):
        parts = [_compiled(term, vocabulary, haystack) for term in node.terms]
        return _all_of(parts) if isinstance(node, And) else _any_of(parts)
    if isinstance(node, Not):
        inner = _compiled(node.term, vocabulary, haystack)
        return lambda record: not inner(record)
    if isinstance(node, Words):
        needle, stemmed = words_needle(node)
        if stemmed:
            return lambda record: needle in haystack(record).stems
        return lambda record: needle in haystack(record).raw
    if isinstance(node, Field):
        return _field_test(value_tests(node, vocabulary))
    if isinstance(node, DateBound):
        return _date_test(node)
    return _flag_test(node)


# Loops rather than all() / any(): no generator per record, twice as fast over a view's 50,000 rows.
def _all_of(parts: list[Test]) -> Test:
    def test(record: Searchable) -> bool:
        for part in parts:  # noqa: SIM110
            if not part(record):
                return False
        return True

    return test


def _any_of(parts: list[Test]) -> Test:
    def test(record: Searchable) -> bool:
        for part in parts:  # noqa: SIM110
            if part(record):
                return True
        return False

    return test


def _field_test(tests: list[ValueTest]) -> Test:
    """Each distinct value is tested once per query (a list repeats its few persons and sectors)."""
    memos: list[tuple[ValueTest, Callable[[Searchable], Iterable[str]], dict[str, bool]]] = [
        (value_test, _FACTS[value_test.kind], {}) for value_test in tests
    ]

    def test(record: Searchable) -> bool:
        for value_test, facts_of, memo in memos:
            for value in facts_of(record):
                found = memo.get(value)
                if found is None:
                    found = memo[value] = value_test(fact_key(value_test.kind, value))
                if found:
                    return True
        return False

    return test


def _date_test(bound: DateBound) -> Test:
    memo: dict[PartialDate | None, bool] = {}

    def test(record: Searchable) -> bool:
        found = memo.get(record.date)
        if found is None:
            found = memo[record.date] = overlaps(record.date, bound)
        return found

    return test


def _source_of(record: Searchable) -> Iterable[str]:
    return (record.source,) if record.source else ()


_FACTS: dict[FactKind, Callable[[Searchable], Iterable[str]]] = {
    "person": attrgetter("persons"),
    "sector": attrgetter("sectors"),
    "country": attrgetter("countries"),
    "tag": attrgetter("tags"),
    "source": _source_of,
}


def _flag_test(flag: Flag) -> Test:
    if flag.name == "read":
        return lambda record: record.read
    if flag.name == "unread":
        return lambda record: not record.read
    return lambda record: record.has_notes


def plain_words(query: Query) -> bool:
    """Whether the query is only bare words (no phrase, field, OR or NOT): a filter may then match
    them as parts of words, as the user types a name."""
    root = query.root
    terms = root.terms if isinstance(root, And) else (root,) if root is not None else ()
    return all(isinstance(term, Words) and not term.phrase for term in terms)


def filter_records(query: Query, records: Iterable[R], vocabulary: Vocabulary = AS_TYPED) -> list[R]:
    """The records that match, in their order."""
    test = compile_matcher(query, vocabulary)
    return [record for record in records if test(record)]
