"""The linear replacements return exactly what the functions they replace return."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from dipreader.extract.text import clauses
from dipreader.extract.text.clauses_linear import trimmed
from dipreader.extract.text.sentence_bounds import MAX_SENTENCE_CHARS, bounded_spans
from dipreader.extract.text.sentences import sentence_spans

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WORDS = [
    "will",
    "was",
    "signed",
    "is scheduled to",
    "is being held",
    "currently",
    "plans to",
    "next week",
    "talked",
    "to be held",
    "met",
    "on",
    "5 May",
    "May 2024",
    "2024-05-01",
    "in 2019",
    "established",
    "anniversary",
    "this year marks the 30th anniversary",
    "founded in 1992",
    "the",
    "Minister",
    "WILL",
    "Signed",
    "\u0130stanbul",
    "\u212aelvin",
]
SEPARATORS = [" ", ", ", ". ", "; ", "\n", "\n\n", " and ", " - "]
PROSE = st.lists(st.sampled_from(WORDS) | st.sampled_from(SEPARATORS), max_size=60).map("".join)


def real_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.txt"))]


TRIM_TEXT = st.lists(
    st.sampled_from(
        [" ", ",", ";", ":", "—", "–", "-", "\n", "\u00a0", "x", "and ", "as well as ", "as  well as "]
    ),
    max_size=30,
).map("".join)


@given(TRIM_TEXT, st.integers(min_value=-2, max_value=40), st.integers(min_value=-2, max_value=40))
def test_trimmed_is_clauses_trimmed(text: str, start: int, end: int) -> None:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    assert trimmed(text, start, end) == clauses._trimmed(text, start, end)


@given(PROSE, st.integers(min_value=3, max_value=60))
def test_bounded_spans_cut_only_long_spans_and_keep_every_character(text: str, limit: int) -> None:
    spans = sentence_spans(text)
    bounded = bounded_spans(text, spans, limit)
    assert all(end - start <= limit for start, end in bounded)
    assert all(start < end for start, end in bounded)
    assert all(a_end <= b_start for (_a, a_end), (b_start, _b) in itertools.pairwise(bounded))
    for start, end in bounded:
        assert not text[start].isspace() and not text[end - 1].isspace()
    kept = {(start, end) for start, end in spans if end - start <= limit}
    assert kept <= set(bounded)

    def covered(pieces: list[tuple[int, int]]) -> set[int]:
        return {i for start, end in pieces for i in range(start, end) if not text[i].isspace()}

    assert covered(bounded) == covered(spans)


def test_no_real_sentence_is_long_enough_to_be_cut() -> None:
    for text in real_texts():
        spans = sentence_spans(text)
        assert bounded_spans(text, spans, MAX_SENTENCE_CHARS) == spans


def test_a_run_without_sentence_breaks_is_cut_at_commas() -> None:
    text = ", ".join(["talks on 5 May 2024"] * 200)
    bounded = bounded_spans(text, sentence_spans(text))
    assert len(bounded) > 1
    assert all(text[end - 1] == "," for _start, end in bounded[:-1])
