"""Cutting a line of text to a number of terminal cells, with an ellipsis when it is cut."""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """The text cut to `width` cells, ending in an ellipsis when it was longer."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS
