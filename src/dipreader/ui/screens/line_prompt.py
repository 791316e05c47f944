"""A one-line modal question: enter answers it, escape cancels; subclasses read the answer."""

from __future__ import annotations

from abc import abstractmethod
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

Answer = TypeVar("Answer")


class LinePrompt(ModalScreen[Answer | None], Generic[Answer]):
    """A question, an optional dim detail line and one input; dismisses with `answer(text)` or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    DEFAULT_CSS = """
    LinePrompt {
        align: center middle;
    }
    LinePrompt > Vertical {
        width: 70;
        max-width: 90%;
        height: auto;
        border: thick $accent;
        background: $panel;
        padding: 1 2;
    }
    """

    def __init__(self, question: str, detail: str = "", *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            if self.detail:
                yield Static(self.detail, markup=False, classes="dim")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#prompt-input")
    def submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.dismiss(self.answer(message.value))

    @abstractmethod
    def answer(self, text: str) -> Answer | None:
        """What the typed text answers (None: as if cancelled)."""

    def action_cancel(self) -> None:
        self.dismiss(None)
