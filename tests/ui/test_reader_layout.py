"""Wrapping paragraphs into display lines that keep their body offsets."""

from __future__ import annotations

import random

from rich.cells import cell_len

from dipreader.sources.files import split_paragraphs
from dipreader.ui.widgets.reader.layout import BodyLayout, BodyLine, _wrap_some, wrap_offsets

TEXT = "The ministers of Ruritania and Freedonia met in Geneva on Monday to discuss energy."


def test_lines_fit_the_width_keep_every_word_and_break_only_at_spaces() -> None:
    for width in (10, 17, 30, 88):
        lines = wrap_offsets(TEXT, width)
        assert all(cell_len(TEXT[start:end]) <= width for start, end in lines)
        assert " ".join(TEXT[start:end] for start, end in lines) == TEXT
        assert all(end == len(TEXT) or TEXT[end] == " " for _start, end in lines)


def test_a_word_longer_than_the_line_is_cut_and_wide_characters_count_twice() -> None:
    url = "https://example.org/" + "a" * 30
    text = f"See {url} now"
    lines = wrap_offsets(text, 12)
    assert [text[start:end] for start, end in lines[:2]] == ["See", url[:12]]
    assert "".join(text[start:end] for start, end in lines).replace(" ", "") == text.replace(" ", "")
    assert all(end - start <= 12 for start, end in lines)
    wide = "外交部长 会见 大使 外交部长会见大使"
    lines = wrap_offsets(wide, 8)
    assert all(cell_len(wide[start:end]) <= 8 for start, end in lines)
    assert "".join(wide[start:end] for start, end in lines).replace(" ", "") == wide.replace(" ", "")


def test_layout_maps_offsets_to_lines_and_back() -> None:
    body = f"{TEXT}\n\nSecond paragraph,\nwith a line break inside it."
    paragraphs = split_paragraphs(body)
    layout = BodyLayout(paragraphs, 20)
    body_lines = [line for line in layout.lines if line is not None]
    for line in body_lines:
        assert line.text == body[line.start : line.end].replace("\n", " ")
    assert layout.lines[layout.paragraph_first_line[1] - 1] is None  # a blank line between paragraphs
    second = paragraphs[1]
    y = layout.line_of_offset(second.start + 20)
    assert y is not None
    found = layout.lines[y]
    assert found is not None and found.start <= second.start + 20 <= found.end
    assert layout.offset_at(y, second.start + 20 - found.start) == second.start + 20
    blank = layout.paragraph_first_line[1] - 1
    assert layout.offset_at(blank) == second.start
    assert layout.offset_at(len(layout) - 1) == second.end
    assert BodyLayout((), 20).line_of_offset(0) is None


def one_line_body(words: int, seed: int) -> str:
    """Prose on one line: short and long words, runs of spaces, a few wide and accented words."""
    choices = ("the", "minister", "met", "Orbán", "in", "Astana;", "外交部长", "a" * 25, "talks.", "  ")
    rng = random.Random(seed)
    return " ".join(rng.choice(choices) for _ in range(words)).strip()


def full_lines(layout: BodyLayout) -> list[BodyLine | None]:
    return [layout.line(y) for y in range(len(layout))]


def test_a_layout_built_on_demand_answers_as_the_whole_layout_does() -> None:
    for seed, width in ((1, 20), (2, 86), (3, 7)):
        body = "\n\n".join((one_line_body(3_000, seed), "Short.", one_line_body(800, seed + 10)))
        paragraphs = split_paragraphs(body)
        expected: list[BodyLine | None] = []
        for index, paragraph in enumerate(paragraphs):  # each paragraph wrapped whole, in one go
            for start, end in wrap_offsets(paragraph.text, width):
                text = paragraph.text[start:end].replace("\n", " ")
                expected.append(BodyLine(index, paragraph.start + start, paragraph.start + end, text))
            expected.append(None)
        whole = BodyLayout(paragraphs, width)
        assert whole.lines == expected and len(whole) == len(expected) and whole.done
        rng = random.Random(seed)
        lazy = BodyLayout(paragraphs, width)
        for _ in range(300):
            offset, y, x = rng.randrange(len(body) + 2), rng.randrange(len(expected) + 3), rng.randrange(30)
            assert lazy.line_of_offset(offset) == whole.line_of_offset(offset)
            assert lazy.offset_at(y, x) == whole.offset_at(y, x)
            assert lazy.line(y) == (expected[y] if y < len(expected) else None)
        stepped = BodyLayout(paragraphs, width)
        estimates = []
        while not stepped.build(0):  # one step at a time, as the reader's worker does
            estimates.append(stepped.estimated_length())
        assert full_lines(stepped) == expected
        assert stepped.paragraph_first_line == whole.paragraph_first_line
        assert stepped.estimated_length() == len(expected)
        assert estimates and all(abs(guess - len(expected)) < len(expected) * 0.2 for guess in estimates)


def test_each_piece_of_wrapping_ends_where_the_next_one_goes_on() -> None:
    text = one_line_body(5_000, 4)
    for width in (1, 9, 40):
        whole = wrap_offsets(text, width)
        for one_cell in (True, False):
            if one_cell and not text.isascii():
                continue
            pieces, position = [], 0
            while position < len(text):
                found, position = _wrap_some(text, width, position, 7, one_cell)
                pieces.extend(found)
            assert pieces == whole
    ascii_text = text.replace("外交部长", "xx").replace("á", "a")
    for width in (1, 9, 40):
        assert _wrap_some(ascii_text, width, 0, 10**9, True) == _wrap_some(ascii_text, width, 0, 10**9, False)
