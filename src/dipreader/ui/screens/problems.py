"""A modal list of the article files that could not be read, each with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from dipreader.model.article import Problem
from dipreader.model.terminal_text import safe_one_line


class ProblemsScreen(ModalScreen[None]):
    """Shows every problem file and its one-line reason; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="dismiss"),
        Binding("j,down", "scroll_down", "Scroll", show=False, id="scroll_down"),
        Binding("k,up", "scroll_up", "Scroll", show=False, id="scroll_up"),
    ]

    DEFAULT_CSS = """
    ProblemsScreen {
        align: center middle;
    }
    ProblemsScreen > VerticalScroll {
        width: 90%;
        max-height: 80%;
        border: thick $warning;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, problems: Sequence[Problem], messages: Sequence[str] = ()) -> None:
        super().__init__()
        self.problems = list(problems)
        self.messages = list(messages)

    def compose(self) -> ComposeResult:
        text = Text()
        count = len(self.problems)
        text.append(f"{count} file(s) could not be read\n", style="bold")
        text.append("The other articles loaded normally. Fix a file and restart to load it.\n\n")
        for problem in self.problems:
            text.append(safe_one_line(problem.path, None), style="bold")
            text.append("\n    ")
            text.append(safe_one_line(problem.reason, None), style="italic")
            text.append("\n")
        for message in self.messages:
            text.append("\n")
            text.append(safe_one_line(message, None), style="italic")
        with VerticalScroll():
            yield Static(text, markup=False)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
