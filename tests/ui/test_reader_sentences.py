"""The reading cursor on a long body lists its sentences a window at a time, where it goes: every
move and placing gives the sentence the whole body's sentence breaks give."""

from __future__ import annotations

import bisect
import random

from dipreader.extract.text.sentences import sentence_spans
from dipreader.ui.widgets.reader.selection import SENTENCE_WINDOW, ReadingCursor

WORDS = [
    "the",
    "minister",
    "said",
    "Mr.",
    "Smith",
    "met",
    "U.S.",
    "envoys",
    "in",
    "Geneva.",
    "talks",
    "ended!",
    "next?",
    "A.",
    "B.",
    "level.His",
]


def hard_wrapped_body(paragraphs: int, seed: int) -> str:
    """Paragraphs hard-wrapped at uneven widths, with abbreviations, glued sentences and one long
    run of words with no full stop (cut into pieces by the sentence bounds)."""
    rng = random.Random(seed)
    parts = []
    for _ in range(paragraphs):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 300)))
        parts.append("\n".join(text[i : i + rng.choice((60, 75, 90))] for i in range(0, len(text), 75)))
    parts.insert(paragraphs // 3, " ".join("word" for _ in range(2_000)))
    return "\n\n".join(parts)


def one_line_body(sentences: int, seed: int) -> str:
    rng = random.Random(seed)
    said = ("President Tokayev met Prime Minister Orbán in Astana.", "Talks went on;", "The U.S. envoy left!")
    return " ".join(rng.choice(said) for _ in range(sentences))


def test_the_cursor_walks_and_lands_on_the_sentences_of_the_whole_body() -> None:
    for body in (one_line_body(12_000, 1), hard_wrapped_body(250, 2)):
        assert len(body) > 10 * SENTENCE_WINDOW
        whole = sentence_spans(body)
        ends = [end for _start, end in whole]
        cursor = ReadingCursor()
        cursor.reset(body)
        assert len(cursor.sentences) < len(whole) // 4  # a window listed, not the body
        walked = [cursor.sentence()]
        while cursor.move(1):
            walked.append(cursor.sentence())
        assert walked == whole
        rng = random.Random(3)
        for _ in range(150):
            offset = rng.randrange(len(body) + 1)
            cursor.place_at(offset)
            expected = min(bisect.bisect_right(ends, offset), len(whole) - 1)
            assert cursor.sentence() == whole[expected]
            delta = rng.choice((-3, -1, 1, 2))
            cursor.move(delta)
            assert cursor.sentence() == whole[max(0, min(len(whole) - 1, expected + delta))]


def test_a_selection_keeps_its_anchor_while_the_cursor_lists_more_sentences() -> None:
    body = one_line_body(12_000, 4)
    whole = sentence_spans(body)
    cursor = ReadingCursor()
    cursor.reset(body)
    cursor.place_at(len(body) // 2)
    start = cursor.sentence()
    assert start is not None
    cursor.start_selection()
    moved = 0
    while moved < 2_000 and cursor.move(-1):  # back past the stretch first listed
        moved += 1
    selection = cursor.selection()
    first = whole.index(start) - moved
    assert selection == (whole[first][0], start[1])
