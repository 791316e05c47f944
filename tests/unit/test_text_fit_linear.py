"""The linear `fit` cuts every text exactly where the quadratic one does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.text_fit_linear import fit_linear

# Narrow, wide, zero-width and combining characters, and the joiners rich measures specially.
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
        assert fit_linear(text, width) == fit(text, width)


def test_a_long_title_is_cut_to_the_width() -> None:
    title = "Kazakhstan and Hungary sign a roadmap on energy " * 500
    assert fit_linear(title, 60) == fit(title, 60)
    assert fit_linear(title, 60).endswith("…")


@given(st.lists(CHARACTERS, max_size=80).map("".join), st.integers(min_value=-2, max_value=40))
def test_same_cut_as_fit(text: str, width: int) -> None:
    assert fit_linear(text, width) == fit(text, width)
