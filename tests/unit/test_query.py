"""The query language: parsing, errors that point at the problem, hostile input, FTS5 quoting."""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipreader.model.article import PartialDate
from dipreader.model.query import (
    MAX_DEPTH,
    MAX_TERMS,
    And,
    DateBound,
    Field,
    Flag,
    Node,
    Not,
    Or,
    Query,
    QueryError,
    Words,
    describe,
    iter_leaves,
    parse,
)
from dipreader.model.query_fts import fts_expression, plan_text

if TYPE_CHECKING:
    from _typeshed import TraceFunction


def w(text: str, phrase: bool = False, prefix: bool = False) -> Words:
    return Words(text, phrase, prefix)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("energy", w("energy")),
        ('"gas pipeline"', w("gas pipeline", phrase=True)),
        ("“gas   pipeline”", w("gas pipeline", phrase=True)),
        ("energy -russia", And((w("energy"), Not(w("russia"))))),
        ('-"gas pipeline"', Not(w("gas pipeline", phrase=True))),
        ("--energy", w("energy")),
        ("NOT NOT energy", w("energy")),
        ("a NOT b", And((w("a"), Not(w("b"))))),
        ("a AND b", And((w("a"), w("b")))),
        ("jaishankar energy OR gas", And((w("jaishankar"), Or((w("energy"), w("gas")))))),
        ("(a b) OR c", Or((And((w("a"), w("b"))), w("c")))),
        ("(a OR b) OR c", Or((w("a"), w("b"), w("c")))),
        ("((a))", w("a")),
        ("-(a OR b) c", And((Not(Or((w("a"), w("b")))), w("c")))),
        ("jaish*", w("jaish", prefix=True)),
        ("person:Cirielli", Field("person", "Cirielli")),
        ('person:"Park   Jin"', Field("person", "Park Jin")),
        ("Person:Cirielli", Field("person", "Cirielli")),
        ("@park_jin", Field("person", "park jin")),
        ("sector:energy country:Italy", And((Field("sector", "energy"), Field("country", "Italy")))),
        ("source:Xinhua tag:pipeline", And((Field("source", "Xinhua"), Field("tag", "pipeline")))),
        ("#pipeline", Field("topic", "pipeline")),
        ('#"green energy"', Field("topic", "green energy")),
        ("-person:Tajani", Not(Field("person", "Tajani"))),
        ("from:2024-03", DateBound("from", PartialDate(2024, 3))),
        ("to:2024-02-29", DateBound("to", PartialDate(2024, 2, 29))),
        ("is:unread is:read has:notes", And((Flag("unread"), Flag("read"), Flag("notes")))),
        ("12:30 U.S.", And((w("12:30"), w("U.S.")))),
        ("a & — b", And((w("a"), w("b")))),
        ("a -OR", And((w("a"), Not(w("OR"))))),
    ],
)
def test_parses_into_the_expected_tree(text: str, root: Node) -> None:
    assert parse(text).root == root


@pytest.mark.parametrize("text", ["", "   ", "& — ?", '""', "“ ”", "*"])
def test_nothing_to_search_for_is_the_empty_query(text: str) -> None:
    assert parse(text) == Query(None)
    assert parse(text).empty


def test_dates_cover_their_whole_period() -> None:
    (since,) = parse("from:2024-02").leaves()
    (until,) = parse("to:2024-02").leaves()
    assert isinstance(since, DateBound) and isinstance(until, DateBound)
    assert (since.first_day.isoformat(), until.last_day.isoformat()) == ("2024-02-01", "2024-02-29")
    (year,) = parse("to:2023").leaves()
    assert isinstance(year, DateBound) and year.last_day.isoformat() == "2023-12-31"


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("energy titel:x", 7, 'unknown field "titel:"'),
        ("titel:", 0, 'unknown field "titel:"'),
        ("from:2024-13", 5, "YYYY-MM-DD"),
        ("to:2023-02-29", 3, "YYYY-MM-DD"),
        ("from:24-01", 5, "YYYY-MM-DD"),
        ("from:0000", 5, "YYYY-MM-DD"),
        ('energy "gas pipeline', 7, "quote is never closed"),
        ('person:"Park Jin', 7, "quote is never closed"),
        ("(energy gas", 0, "'(' is never closed"),
        ("a (b (c)", 2, "'(' is never closed"),
        ("energy gas)", 10, "')' closes no '('"),
        ("()", 0, "hold nothing"),
        ("(&)", 0, "hold nothing"),
        ("energy OR", 7, "OR needs a term on both sides"),
        ("OR energy", 0, "OR needs a term on both sides"),
        ("a OR OR b", 2, "OR needs a term on both sides"),
        ("(a OR) b", 3, "OR needs a term on both sides"),
        ("a AND", 2, "AND needs a term"),
        ("AND a", 0, "AND needs a term"),
        ("energy -", 7, "'-' needs a word"),
        ("energy - gas", 7, "'-' needs a word"),
        ("-&", 0, "'-' needs a word"),
        ("a NOT", 2, "NOT needs a term"),
        ("a NOT )", 2, "NOT needs a term"),
        ("a NOT & b", 2, "NOT needs a term"),
        ('-"" energy', 0, "'-' needs a word"),
        ('--"  " energy', 0, "'-' needs a word"),
        ("person:", 0, "person: needs a value"),
        ("person: Cirielli", 0, "person: needs a value"),
        ("#&", 0, "# needs a value"),
        ("is:new", 0, "use is:unread or is:read"),
        ("has:tags", 0, "use has:notes"),
    ],
)
def test_errors_point_at_the_problem(text: str, position: int, words: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse(text)
    error = raised.value
    assert words in error.message
    assert error.position == position
    assert f"column {position + 1}" in str(error)
    excerpt, caret = error.caret().split("\n")
    assert excerpt == text
    assert caret == " " * position + "^"


def test_a_query_error_survives_pickling() -> None:
    with pytest.raises(QueryError) as raised:
        parse("energy titel:x")
    copy = pickle.loads(pickle.dumps(raised.value))
    assert (copy.message, copy.position, copy.query, str(copy)) == (
        raised.value.message,
        7,
        "energy titel:x",
        str(raised.value),
    )


def test_the_caret_line_of_a_long_query_is_a_window_around_the_problem() -> None:
    text = "word " * 40 + "bad:field " + "word " * 40
    with pytest.raises(QueryError) as raised:
        parse(text)
    excerpt, caret = raised.value.caret(width=40).split("\n")
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert len(excerpt) <= 42
    assert excerpt[len(caret) - 1 :].startswith("bad:field")


def test_the_caret_counts_wide_characters_as_two_cells() -> None:
    with pytest.raises(QueryError) as raised:
        parse("外交部 bad:x")
    assert raised.value.caret().split("\n")[1] == " " * 7 + "^"


@pytest.mark.parametrize(
    "text",
    [
        "energy",
        'energy "gas pipeline" -russia',
        "jaishankar energy OR gas",
        "(a b) OR c -(d OR e) -f",
        'person:"Park Jin" @cirielli #"green energy" #pipeline tag:x source:a:b',
        "from:2024-03 to:2024 is:unread is:read has:notes jaish* 12:30 U.S.",
        'a OR -b OR "c d"',
        "a -OR",
    ],
)
def test_describe_writes_a_query_that_parses_back_the_same(text: str) -> None:
    query = parse(text)
    assert parse(describe(query)) == query


def test_describe_spells_the_canonical_form() -> None:
    assert describe(parse("NOT  a  AND (b OR c) @park_jin")) == '-a b OR c person:"park jin"'


# --- FTS5 ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    rows = [
        ("near and or not", "the words near and or not"),
        ("Energy talks", "gas pipeline meetings in Baku"),
        ("title", "title energy and body energy"),
        ("pipeline", "gas"),
    ]
    connection.executemany("INSERT INTO t VALUES (?, ?)", rows)
    yield connection
    connection.close()


def matching(connection: sqlite3.Connection, expression: str) -> list[int]:
    return [
        row[0]
        for row in connection.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", (expression,))
    ]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("NEAR", [1]),
        ("NEAR(near and)", [1]),
        ('"near and or not"', [1]),
        ("near AND or", [1]),
        ("^energy", [2, 3]),
        ("energy*", [2, 3]),
        ('"title: energy"', [3]),
        ('"body: energy"', [3]),
        ("{title}:energy", [3]),
        ("body:energy".replace(":", "\\:"), [3]),
        ("meeting", [2]),
        ("gas -pipeline", []),
        ('"gas pipeline"', [2]),
        ("pipeline OR near", [1, 2, 4]),
        ('energy "a\x00b"', []),
    ],
)
def test_user_text_is_only_words_to_fts5(fts: sqlite3.Connection, text: str, rows: list[int]) -> None:
    plan = plan_text(parse(text))
    assert plan.match is not None
    assert matching(fts, plan.match) == rows


def test_an_fts_column_filter_in_user_text_is_an_unknown_field() -> None:
    with pytest.raises(QueryError, match='unknown field "body:"'):
        parse("body:energy")


def test_the_plan_leaves_what_fts5_cannot_say_to_the_caller() -> None:
    plan = plan_text(parse("-energy person:x"))
    assert plan.match is None
    assert plan.rest == (Not(w("energy")), Field("person", "x"))
    assert plan.rank is None
    plan = plan_text(parse("energy -gas (a OR person:x) -from:2024"))
    assert plan.match == '(("energy") NOT ("gas"))'
    assert plan.rest == (Or((w("a"), Field("person", "x"))), Not(DateBound("from", PartialDate(2024))))
    assert plan.rank == '"energy" OR "a"'


def test_fts_expression_quotes_quotes_and_says_prefixes() -> None:
    assert fts_expression(w('say "no"')) == '"say ""no"""'
    assert fts_expression(w("jaish", prefix=True)) == '"jaish" *'
    assert fts_expression(Or((w("a"), Not(w("b"))))) is None
    assert fts_expression(And((Not(w("a")), Not(w("b"))))) is None


# --- hostile input ---------------------------------------------------------------------------


def test_a_100_kb_phrase_parses_and_runs(fts: sqlite3.Connection) -> None:
    text = '"' + "energy gas " * 10_000 + '"'
    assert len(text) > 100_000
    plan = plan_text(parse(text))
    assert plan.match is not None
    assert matching(fts, plan.match) == []


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("energy " * 20_000, 7 * MAX_TERMS),
        ('"' + "x" * 100_000, 0),
        ("(" * 100_000 + "a" + ")" * 100_000, MAX_DEPTH),
        (")" * 100_000, 0),
        ("-" * 100_000, 0),
        ("OR " * 40_000, 0),
        ("a " + "OR " * 40_000 + "b", 2),
    ],
    ids=["words", "unclosed-quote", "parentheses", "closing", "minus", "or", "or-chain"],
)
def test_100_kb_queries_fail_cleanly(text: str, position: int) -> None:
    assert len(text) >= 100_000
    with pytest.raises(QueryError) as raised:
        parse(text)
    assert raised.value.position == position
    assert len(raised.value.caret()) < 200


def test_100_kb_of_whitespace_and_punctuation_is_empty() -> None:
    assert parse(" \t\n" * 40_000).empty
    assert parse("& " * 60_000).empty


def test_terms_are_bounded() -> None:
    assert len(list(parse("x " * MAX_TERMS).leaves())) == MAX_TERMS
    with pytest.raises(QueryError, match=f"at most {MAX_TERMS} terms"):
        parse("x " * (MAX_TERMS + 1))


def test_nesting_is_bounded() -> None:
    deepest = "(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH
    assert parse(deepest).root == w("a")
    with pytest.raises(QueryError, match=f"more than {MAX_DEPTH} deep"):
        parse("(" + deepest + ")")
    with pytest.raises(QueryError, match="deep"):
        parse("(-" * 5_000 + "a" + ")" * 5_000)


def parse_steps(text: str) -> int:
    """Python lines run and functions called by one parse: a count, unlike a time, that a shared
    machine cannot change. (The scanning inside C is a regular expression matched at a position,
    linear by construction.)"""
    steps = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> TraceFunction:
        nonlocal steps
        steps += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        with contextlib.suppress(QueryError):
            parse(text)
    finally:
        sys.settrace(previous)
    return steps


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: '"' + "energy gas " * (n // 11) + '"',
        lambda n: "& " * (n // 2),
        lambda n: "-" * n + "x",
        lambda n: "x" * n,
        lambda n: '""' * (n // 2),
        lambda n: "a " * 100 + '"' + "b " * (n // 2),
        lambda n: "a" + " " * n + "b",
        lambda n: "person:" + "x" * n,
    ],
    ids=["phrase", "punctuation", "minus", "word", "empty-phrases", "unclosed-quote", "spaces", "field"],
)
def test_parsing_steps_grow_linearly(shape: Callable[[int], str]) -> None:
    """Four times the text takes at most about four times the steps (a quadratic parser: sixteen)."""
    small, large = parse_steps(shape(5_000)), parse_steps(shape(20_000))
    assert large <= 5 * small, (small, large)


# --- properties ------------------------------------------------------------------------------

PIECES = [
    "a",
    "energy",
    "Çavuşoğlu",
    " ",
    "  ",
    '"',
    "“",
    "”",
    "(",
    ")",
    "-",
    "*",
    "^",
    ":",
    "#",
    "@",
    "_",
    "{",
    "}",
    "+",
    "\x00",
    "\ud800",
    "OR",
    " OR ",
    " AND ",
    " NOT ",
    "NEAR",
    "NEAR(",
    "person:",
    "sector:",
    "tag:",
    "from:",
    "to:",
    "2024",
    "-03",
    "is:",
    "unread",
    "has:",
    "notes",
    "title:",
    "body:",
    "外交",
]
QUERIES = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(PIECES), max_size=40).map("".join))


def all_nodes(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Not):
        yield from all_nodes(node.term)
    elif isinstance(node, And | Or):
        for term in node.terms:
            yield from all_nodes(term)


@settings(deadline=None)
@given(QUERIES)
def test_parsing_raises_nothing_but_query_error_and_fts5_takes_every_expression(text: str) -> None:
    try:
        query = parse(text)
    except QueryError as error:
        assert 0 <= error.position <= len(text)
        return
    assert parse(describe(query)) == query
    if query.root is None:
        return
    assert len(list(iter_leaves(query.root))) <= MAX_TERMS
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    connection.execute("INSERT INTO t VALUES ('energy talks', 'a gas pipeline')")
    plan = plan_text(query)
    expressions = [plan.match, plan.rank, *(fts_expression(node) for node in all_nodes(query.root))]
    for expression in expressions:
        if expression is not None:
            connection.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()
    connection.close()
