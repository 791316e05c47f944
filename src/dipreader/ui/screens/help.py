"""The help screen: every key binding of the app and its panes as they are after the keymap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from dipreader.ui.keys import Scope, in_force, key_display, scopes

HelpRow = tuple[str, str, str, str]
"""(section, keys as shown, description, binding id)."""


def declared_bindings(node: type[DOMNode], others: set[type[DOMNode]]) -> list[Binding]:
    """The bindings a scope declares: its own and its bases' in dipreader, less other scopes' own."""
    found: list[Binding] = []
    for base in reversed(node.__mro__):
        if not issubclass(base, DOMNode) or not base.__module__.startswith("dipreader."):
            continue
        if base is not node and base in others:
            continue
        found += [binding for binding in base.__dict__.get("BINDINGS", []) if isinstance(binding, Binding)]
    return found


def help_rows(keymap: Mapping[str, str], sections: Sequence[Scope] | None = None) -> list[HelpRow]:
    """Every described binding of every scope, with the keys in force after the keymap."""
    chosen = list(sections) if sections is not None else scopes()
    classes = {scope.node for scope in chosen}
    rows: list[HelpRow] = []
    for scope in chosen:
        for binding in in_force(declared_bindings(scope.node, classes), keymap):
            if binding.description:
                rows.append((scope.title, key_display(binding.key), binding.description, binding.id or ""))
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys; Esc, q or ? closes it; j/k, space and the page keys scroll."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="dismiss"),
        Binding("j,down", "scroll_down", "Scroll", show=False, id="scroll_down"),
        Binding("k,up", "scroll_up", "Scroll", show=False, id="scroll_up"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="scroll_home"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="scroll_end"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 76;
        max-width: 100%;
        max-height: 90%;
        border: thick $primary;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.rows = help_rows(keymap)

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=False, pad_edge=False)
        table.add_column("keys", style="bold", no_wrap=True, max_width=22)
        table.add_column("does")
        last_section = None
        for section, keys, description, _binding_id in self.rows:
            if section != last_section:
                table.add_row(f"[reverse] {section} [/]", "")
                last_section = section
            table.add_row(Text(keys), Text(description))
        table.add_row("", "")
        table.add_row("mouse", "click to choose, wheel to scroll")
        table.add_row("ctrl+p", "the command palette: open an article, a person, any action")
        with VerticalScroll():
            yield Static("dipreader — keys (change them with keymap: in config.yaml)", classes="title")
            yield Static(table)

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one(VerticalScroll)

    def action_scroll_down(self) -> None:
        self.scroller.scroll_down()

    def action_scroll_up(self) -> None:
        self.scroller.scroll_up()

    def action_page_down(self) -> None:
        self.scroller.scroll_page_down()

    def action_page_up(self) -> None:
        self.scroller.scroll_page_up()

    def action_scroll_home(self) -> None:
        self.scroller.scroll_home()

    def action_scroll_end(self) -> None:
        self.scroller.scroll_end()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
