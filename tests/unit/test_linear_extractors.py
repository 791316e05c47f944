"""The linear steps of date extraction return exactly what the scans they replaced returned."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipreader.extract.dates import tense
from dipreader.extract.dates.datewords import lowered_for_matching
from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.events import find_events
from dipreader.extract.text import clauses
from dipreader.extract.text.sentence_bounds import MAX_SENTENCE_CHARS, bounded_spans
from dipreader.extract.text.sentences import sentence_at, sentence_spans
from dipreader.model.article import PartialDate

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
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.md"))]
    equivalence = json.loads((FIXTURES / "timeexpr_equivalence.json").read_text(encoding="utf-8"))
    return texts + list(equivalence["texts"])


_TRIM_LEAD = re.compile(r"^[\s,;:—–\-]*(?:(?:and|but|while|whereas|as\s+well\s+as)\s+)?")
_TRIM_TAIL = re.compile(r"[\s,;:—–\-]+$")


def trimmed_by_slicing(text: str, start: int, end: int) -> tuple[int, int]:
    """clauses._trimmed as it was: the clause sliced and searched whole for its tail."""
    piece = text[start:end]
    lead = _TRIM_LEAD.match(piece)
    offset = lead.end() if lead else 0
    tail = _TRIM_TAIL.search(piece)
    stop = tail.start() if tail and tail.start() > offset else len(piece)
    return start + offset, start + stop


def nearest_by_scanning(
    pattern: re.Pattern[str],
    text: str,
    position: int,
    before: bool = False,
    within: tuple[int, int] | None = None,
) -> int | None:
    """tense's nearest marker as it was found: every match of the clause scanned in order (only
    those starting `within` a stretch, when given)."""
    nearest: int | None = None
    for match in pattern.finditer(text):
        if before and match.end() > position:
            break
        if match.lastgroup == "ed" and not tense._reports_past(text, match):
            continue
        if within is not None and not within[0] <= match.start() < within[1]:
            continue
        start = match.start()
        if nearest is not None and start - position >= nearest:
            break
        distance = min(abs(start - position), abs(match.end() - position))
        if nearest is None or distance < nearest:
            nearest = distance
    return nearest


def status_by_scanning(clause: str, position: int, default: str) -> str:
    """tense.clause_status as it was, one scan of the clause per question."""
    lowered = lowered_for_matching(clause)
    markers, subject = (tense._LOWERED_MARKERS, lowered) if lowered is not None else (tense._MARKERS, clause)
    # The coordinated predicate that holds the position ("... last week and would review ..."),
    # when its own words mark a tense.
    breaks = [match.start() for match in tense._NEXT_PREDICATE.finditer(clause)]
    low = max((b for b in breaks if b <= position), default=0)
    high = min((b for b in breaks if b > position), default=len(clause))
    inside = [nearest_by_scanning(pattern, subject, position, within=(low, high)) for pattern in markers[:3]]
    if breaks and any(distance is not None for distance in inside):
        planned, ongoing, past = inside
    else:
        planned, ongoing, past = (nearest_by_scanning(pattern, subject, position) for pattern in markers[:3])
    intent = nearest_by_scanning(markers[3], subject, position, before=True)
    if intent is not None and (planned is None or intent < planned):
        planned = intent
    speech = tense._speech_distance(subject, position)
    if speech is not None and (past is None or speech < past):
        past = speech
    return tense.status_from_distances((planned, ongoing, past), default)


TRIM_TEXT = st.lists(
    st.sampled_from(
        [" ", ",", ";", ":", "—", "–", "-", "\n", "\u00a0", "x", "and ", "as well as ", "as  well as "]
    ),
    max_size=30,
).map("".join)


@given(TRIM_TEXT, st.integers(min_value=-2, max_value=40), st.integers(min_value=-2, max_value=40))
def test_trimmed_is_what_slicing_gave(text: str, start: int, end: int) -> None:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    assert clauses._trimmed(text, start, end) == trimmed_by_slicing(text, start, end)


@given(PROSE, st.sampled_from(["past", "unmarked"]))
def test_clause_markers_give_what_scanning_gave_at_every_position(clause: str, default: str) -> None:
    for position in range(len(clause) + 1):
        assert tense.clause_status(clause, position, default) == status_by_scanning(clause, position, default)


def test_clause_markers_give_what_scanning_gave_on_real_sentences() -> None:
    for text in real_texts()[:40]:
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            for position in range(0, len(sentence), 7):
                expected = status_by_scanning(sentence, position, "unmarked")
                assert tense.clause_status(sentence, position, "unmarked") == expected


@given(PROSE, st.integers(min_value=-2, max_value=400))
def test_sentence_at_is_the_span_holding_the_position(text: str, position: int) -> None:
    spans = sentence_spans(text)
    expected = next(((start, end) for start, end in spans if start <= position < end), (0, len(text)))
    assert sentence_at(text, position) == expected
    assert sentence_at(text, position, spans) == expected


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
        assert max((end - start for start, end in spans), default=0) < MAX_SENTENCE_CHARS // 2
        assert bounded_spans(text, spans, MAX_SENTENCE_CHARS) == spans


def test_sentence_spans_are_bounded() -> None:
    text = " ".join(["the sides met on 5 May 2024 and agreed to meet again in 2025"] * 400)
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert all(end - start <= MAX_SENTENCE_CHARS for start, end in spans)


def test_a_run_without_sentence_breaks_is_cut_at_commas() -> None:
    text = ", ".join(["talks on 5 May 2024"] * 200)
    bounded = bounded_spans(text, sentence_spans(text))
    assert len(bounded) > 1
    assert all(text[end - 1] == "," for _start, end in bounded[:-1])


def dated_run(size: int) -> str:
    """Short dated phrases joined by commas, no sentence break, no two stretches alike."""
    phrases = (
        "talks on {day} May {year}",
        "last Monday",
        "will meet on {day} June",
        "met on {day} May",
        "in {year}",
    )
    found = (
        phrase.format(day=1 + number % 28, year=1990 + number % 41)
        for number, phrase in enumerate(itertools.cycle(phrases))
    )
    return ", ".join(itertools.islice(found, size // 12))[:size]


@pytest.mark.parametrize("shape", [dated_run, lambda size: dated_run(size).replace(",", "")])
def test_the_tense_of_a_long_run_is_read_from_text_proportional_to_it(
    shape: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each clause's markers are found once: the text they are read from grows with the input,
    not with the input times its dates (which reading each date's clause anew would give)."""
    assert callable(shape)
    read: list[int] = []
    unpatched = tense.ClauseMarkers.__init__

    def counting(self: tense.ClauseMarkers, clause: str) -> None:
        read.append(len(clause))
        unpatched(self, clause)

    monkeypatch.setattr(tense.ClauseMarkers, "__init__", counting)
    date = PartialDate(2024, 5, 20)
    for size in (20_000, 40_000):
        read.clear()
        tense.clause_markers.cache_clear()
        text = shape(size)
        expressions = find_temporal_expressions(text, date)
        find_events("a", text, date, expressions)
        infer_publication_date(text)
        assert len(expressions) > size // 40
        assert 0 < sum(read) <= 8 * size
