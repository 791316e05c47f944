"""A one-line modal prompt for a name: enter keeps it, escape cancels."""

from __future__ import annotations

from dipreader.ui.screens.line_prompt import LinePrompt


class NamePrompt(LinePrompt[str]):
    """Asks for a name; dismisses with it (spaces trimmed), or None when cancelled or left empty."""

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__(question, detail, placeholder="a name")

    def answer(self, text: str) -> str | None:
        return text.strip() or None
