"""The help screen: every key binding of the app and its panes, with what it does."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "question_mark": "?",
    "slash": "/",
    "exclamation_mark": "!",
    "right_parenthesis": ")",
    "left_parenthesis": "(",
    "ctrl+p": "ctrl+p",
    "shift+tab": "shift+tab",
}


def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


def binding_rows(sections: Iterable[tuple[str, Iterable[BindingType]]]) -> list[tuple[str, str, str]]:
    """(section, keys, description) for every binding that has a description."""
    rows: list[tuple[str, str, str]] = []
    for section, bindings in sections:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            rows.append((section, key_label(binding.key), binding.description))
    return rows


def help_sections(main_bindings: Iterable[BindingType]) -> list[tuple[str, Iterable[BindingType]]]:
    """The sections of the help screen: the app's keys, then each pane's, from their bindings."""
    from dipreader.ui.widgets.chronology.view import ChronologyList, ChronologyView
    from dipreader.ui.widgets.common.virtual_list import VirtualList
    from dipreader.ui.widgets.notes.view import NotesView
    from dipreader.ui.widgets.reader.reader import ArticleReader
    from dipreader.ui.widgets.reader.selection import ReaderSelectionMixin
    from dipreader.ui.widgets.who.person_detail import PersonDetail
    from dipreader.ui.widgets.who.view import WhoView

    return [
        ("App", main_bindings),
        ("Sidebar and lists", VirtualList.BINDINGS),
        ("Reader", ArticleReader.BINDINGS),
        ("Reading cursor and notes", ReaderSelectionMixin.BINDINGS),
        ("Chronology", [*ChronologyList.BINDINGS, *ChronologyView.BINDINGS]),
        ("Who's who", [*WhoView.BINDINGS, *PersonDetail.BINDINGS]),
        ("Notes tab", NotesView.BINDINGS),
    ]


class HelpScreen(ModalScreen[None]):
    """Lists the keys; Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("j,down", "scroll_down", "Scroll", show=False),
        Binding("k,up", "scroll_up", "Scroll", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 76;
        max-height: 90%;
        border: thick $primary;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, sections: Sequence[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=False, pad_edge=False)
        table.add_column("keys", style="bold", no_wrap=True, width=22)
        table.add_column("does")
        last_section = None
        for section, keys, description in binding_rows(self.sections):
            if section != last_section:
                table.add_row(f"[reverse] {section} [/]", "")
                last_section = section
            table.add_row(keys, description)
        table.add_row("", "")
        table.add_row("mouse", "click to choose, wheel to scroll")
        with VerticalScroll():
            yield Static("dipreader — keys", classes="title")
            yield Static(table)

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
