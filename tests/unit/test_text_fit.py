"""`fit` cuts every text exactly where the original quadratic loop did."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from dipreader.model.terminal_text import safe_one_line
from dipreader.ui.widgets.common.text_fit import fit

# Narrow, wide, zero-width and combining characters, and the joiners rich measures specially.


def quadratic_fit(text: str, width: int) -> str:
    """The loop `fit` replaced: drop one character at a time until the rest fits."""
    if width <= 0:
        return ""
    text = safe_one_line(text, None)
    if cell_len(text) <= width:
        return text
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + "…"


CHARACTERS = st.sampled_from(list("ab …東京한글\u0301\u200b\u200d\ufe0f❤☺👍🏽\u00e9\t")) | st.characters(
    exclude_categories=["Cs"]
)


@pytest.mark.parametrize("width", [-1, 0, 1, 2, 5, 60])
def test_plain_cases(width: int) -> None:
    for text in [
        "",
        "short",
        "Kazakhstan and Hungary sign a roadmap",
        "東京東京東京東京",
        "a   b   c   d   e",
    ]:
        assert fit(text, width) == quadratic_fit(text, width)


def test_a_long_title_is_cut_to_the_width() -> None:
    title = "Kazakhstan and Hungary sign a roadmap on energy " * 500
    assert fit(title, 60) == quadratic_fit(title, 60)
    assert fit(title, 60).endswith("…")


@given(st.lists(CHARACTERS, max_size=80).map("".join), st.integers(min_value=-2, max_value=40))
def test_same_cut_as_fit(text: str, width: int) -> None:
    assert fit(text, width) == quadratic_fit(text, width)


def test_what_is_drawn_carries_no_escape_or_bidi_control() -> None:
    assert fit("a\x1b]0;title\x07b\x1b]52;c;eA==\x1b\\c", 20) == "abc"
    assert fit("\u202eevil\u202c \x9b2Jname\nnext", 20) == "evil name next"
