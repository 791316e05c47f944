"""Wrapping paragraphs into display lines that keep their body offsets."""

from __future__ import annotations

from rich.cells import cell_len

from dipreader.sources.files import split_paragraphs
from dipreader.ui.widgets.reader.layout import BodyLayout, wrap_offsets

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
