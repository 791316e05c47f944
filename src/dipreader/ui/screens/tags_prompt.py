"""A one-line modal for a note's tags: enter keeps them (none is allowed), escape cancels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from dipreader.ui.screens.note_editor import parse_tags


class TagsPrompt(ModalScreen[tuple[str, ...] | None]):
    """Asks for tags; dismisses with them (an empty tuple clears them), or None when cancelled."""

    AUTO_FOCUS = "#tags-input"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    DEFAULT_CSS = """
    TagsPrompt {
        align: center middle;
    }
    TagsPrompt > Vertical {
        width: 70;
        max-width: 90%;
        height: auto;
        border: thick $accent;
        background: $panel;
        padding: 1 2;
    }
    """

    def __init__(self, about: str, tags: Sequence[str]) -> None:
        super().__init__()
        self.about = about
        self.tags = tuple(tags)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Tags of the note (comma or # separated; enter keeps, esc cancels)", markup=False)
            yield Static(self.about, markup=False, classes="dim")
            yield Input(", ".join(self.tags), placeholder="e.g. energy, follow-up", id="tags-input")

    @on(Input.Submitted, "#tags-input")
    def submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.dismiss(parse_tags(message.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
