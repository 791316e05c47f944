"""The help screen: every key binding of the app and its panes, as they are after the keymap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


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

    def __init__(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """`rows`: (section, keys, description, binding id), as `key_scopes.help_rows` makes them."""
        super().__init__()
        self.rows = list(rows)

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
        self.scroller.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.scroller.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.scroller.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroller.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroller.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroller.scroll_end(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
