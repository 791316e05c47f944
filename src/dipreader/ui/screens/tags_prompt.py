"""A one-line modal for a note's tags: enter keeps them (none is allowed), escape cancels."""

from __future__ import annotations

from collections.abc import Sequence

from dipreader.ui.screens.line_prompt import LinePrompt
from dipreader.ui.screens.note_editor import parse_tags


class TagsPrompt(LinePrompt[tuple[str, ...]]):
    """Asks for tags; dismisses with them (an empty tuple clears them), or None when cancelled."""

    def __init__(self, about: str, tags: Sequence[str]) -> None:
        super().__init__(
            "Tags of the note (comma or # separated; enter keeps, esc cancels)",
            about,
            value=", ".join(tags),
            placeholder="e.g. energy, follow-up",
        )
        self.tags = tuple(tags)

    def answer(self, text: str) -> tuple[str, ...]:
        return parse_tags(text)
