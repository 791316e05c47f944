"""Cutting a line of text to a number of terminal cells, with an ellipsis when it is cut."""

from __future__ import annotations

from rich.cells import cell_len

from dipreader.model.terminal_text import safe_one_line

ELLIPSIS = "…"


def _longest_prefix_within(text: str, cells: int) -> int:
    """The length of the longest prefix of `text` at most `cells` wide (`len(text)` when it all fits).

    Prefix widths never shrink as the prefix grows (rich's grapheme rules only add cells), so
    the answer is found by doubling a probe past it and bisecting: each probe measures a
    prefix, and the probes stay near the cut, so the cost follows the cut, not the text."""
    low, high = 0, max(cells, 1)
    while high < len(text) and cell_len(text[:high]) <= cells:
        low, high = high, high * 2
    high = min(high, len(text))
    # Here text[:low] fits, and text[:high] does not unless it is the whole text.
    while low < high:
        middle = (low + high + 1) // 2
        if cell_len(text[:middle]) <= cells:
            low = middle
        else:
            high = middle - 1
    return low


def fit(text: str, width: int) -> str:
    """The text made safe for the terminal on one line, cut to `width` cells, ending in an
    ellipsis when it was longer. Only prefixes near the cut are measured: the cost is one pass
    to make the text safe plus width × log(width), however long the text."""
    if width <= 0:
        return ""
    text = safe_one_line(text, None)
    if len(text) <= width and cell_len(text) <= width:
        return text
    if _longest_prefix_within(text, width) == len(text):
        return text
    return text[: _longest_prefix_within(text, width - 1)].rstrip() + ELLIPSIS
