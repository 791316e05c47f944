"""Each temporal rule is tried only on characters its match can begin with (issue 17): the
characters read from a pattern are a superset of where it matches, and the rules so tried find
what every rule tried everywhere finds."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from dipreader.extract.dates import tense, timepatterns
from dipreader.extract.dates.openings import longest_first, opened, opening_of


def _opening_text(pattern: str, flags: int = 0) -> str | None:
    opening = opening_of(re.compile(pattern, flags))
    return None if opening is None else "".join(sorted(opening.characters))


def test_literals_sets_and_alternatives_give_their_first_characters() -> None:
    assert _opening_text(r"on|in|[Ss]ince") == "Sios"
    assert _opening_text(r"[0-3]?[a-c]x") == "0123abc"
    assert _opening_text(r"(?:the\s+)?(?P<y>19[0-9]{2})") == "1t"


def test_what_takes_no_character_is_looked_past() -> None:
    assert _opening_text(r"(?<![0-9])\b(?=x)yz") == "y"


def test_ignoring_case_adds_both_cases_and_the_characters_folded_to_them() -> None:
    opening = opening_of(re.compile(r"ab", re.IGNORECASE))
    assert opening is not None and opening.characters == {"a", "A"} and opening.folded
    scoped = opening_of(re.compile(r"(?i:s)x|y"))
    assert scoped is not None and scoped.allows("\u017f") and scoped.allows("Y") is False
    assert re.compile(r"(?i:s)x").match("\u017fx")  # why a folded opening allows any non-ASCII


def test_an_opening_is_unknown_when_any_character_or_nothing_may_begin_a_match() -> None:
    assert opening_of(re.compile(r"[^a]b")) is None
    assert opening_of(re.compile(r"\w+")) is None
    assert opening_of(re.compile(r".x")) is None
    assert opening_of(re.compile(r"a?")) is None  # may match the empty string anywhere
    assert opening_of(re.compile(r"(a)\1")) == opening_of(re.compile(r"a"))


def test_every_rule_has_an_opening_narrower_than_any_character() -> None:
    """The dispatch is not vacuous: each anchored rule skips some characters."""
    for order, (_pattern, _build, where) in enumerate(timepatterns.RULES):
        opening = timepatterns._OPENINGS[order]
        if not isinstance(where, re.Pattern):
            assert opening is not None and not opening.allows(" "), order


_WORDS = (
    "on in since by the of from to and or between last next this early mid late end Q1 FY fiscal "
    "year years month week day days ago today yesterday tonight spring summer Fall winter every each "
    "annually per annum times twice 30th anniversary 2024 1992 2024-05-01 03.05.2024 5 12th 2020s "
    "May June Sept. Monday Tuesday January December over nearly recent future history those"
)
_TOKENS = _WORDS.split(" ")


def _all(found: Iterable[tuple[int, re.Match[str]]]) -> list[str]:
    return sorted(repr((order, match.span(), match.groupdict())) for order, match in found)


def _rule_texts() -> st.SearchStrategy[str]:
    separators = st.sampled_from((" ", " ", " ", "", "  ", "\n", ", ", "-", ".", "(", "'", "\u017f"))
    dated = st.tuples(
        st.sampled_from(("", "on ", "On ", "in ", "since ", "by the ", "from ", "the end of ", "early ")),
        st.sampled_from(("", "5 ", "12th ", "Monday, ", "the ")),
        st.sampled_from(("May", "June", "Sept.", "December", "2024", "spring", "week", "Q1")),
        st.sampled_from(("", " 2024", ", 1992", " of this year", " 8", "–June", " to 9 May")),
    ).map("".join)
    odd = st.text(alphabet="0123456789aSsKk\u212a\u0130\u017f", max_size=4)
    token = st.one_of(st.sampled_from(_TOKENS), dated, odd)
    return st.lists(st.tuples(token, separators), max_size=60).map(
        lambda pairs: "".join(word + gap for word, gap in pairs)
    )


@settings(deadline=None)
@given(_rule_texts())
def test_every_match_begins_on_a_character_its_rule_allows(text: str) -> None:
    for order, match in timepatterns._rule_matches_everywhere(text):
        opening = timepatterns._OPENINGS[order]
        if match.end() > match.start() and opening is not None:
            assert opening.allows(text[match.start()]), (order, match)


@settings(deadline=None)
@given(_rule_texts())
def test_rules_tried_on_their_openings_find_what_rules_tried_everywhere_find(text: str) -> None:
    assert _all(timepatterns._rule_matches(text)) == _all(timepatterns._rule_matches_everywhere(text))


_SCANNED = [pattern for pattern, _build, _where in timepatterns.RULES] + list(tense._RAW_MARKERS)


def test_a_pattern_behind_its_opening_is_compiled_anew_unless_its_opening_is_unknown() -> None:
    assert opened(re.compile(r"\w+")).pattern == r"\w+"
    assert opened(re.compile(r"(?i)ab")).pattern == "(?i)ab"  # global flags stay first: left as it is
    wrapped = opened(re.compile(r"(?P<y>19[0-9]{2})|May"))
    assert wrapped.pattern.startswith("(?=[1M])") and wrapped.groupindex == {"y": 1}


@settings(deadline=None)
@given(_rule_texts())
def test_a_pattern_behind_its_opening_finds_the_same_matches(text: str) -> None:
    for pattern in _SCANNED:
        faster = opened(pattern)
        assert [(m.span(), m.groupdict(), m.lastgroup) for m in faster.finditer(text)] == [
            (m.span(), m.groupdict(), m.lastgroup) for m in pattern.finditer(text)
        ], pattern.pattern


_LETTERS = st.text(alphabet="abn-", min_size=1, max_size=4)


@settings(deadline=None)
@given(st.lists(_LETTERS, min_size=1, max_size=8), st.text(alphabet="abn- x", max_size=24))
def test_a_tree_of_words_matches_as_their_alternation_longest_first(words: list[str], text: str) -> None:
    alternation = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    tree = longest_first(words)
    # After the words, what follows decides through backtracking which of them is taken.
    for shape in ("(?:{})", "(?:{})x", "(?:(?:{})[ -]*)+$", "(?:{})(?![ab])", "(?i:{})(?:{})?b"):
        slow, fast = re.compile(shape.format(alternation, alternation)), re.compile(shape.format(tree, tree))
        for start in range(len(text) + 1):
            expected, found = slow.match(text, start), fast.match(text, start)
            assert (expected and expected.span()) == (found and found.span()), (shape, words, text, start)


def test_a_tree_of_words_shares_their_beginnings() -> None:
    assert longest_first(["on", "one", "once", "of", "a", "an"]) == "(?:a(?:n)?|o(?:f|n(?:(?:ce|e))?))"
    assert re.fullmatch(longest_first(["mid-", "mid"]), "mid-")
