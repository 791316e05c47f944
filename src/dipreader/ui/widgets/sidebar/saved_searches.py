"""Saved searches at the top of the sidebar, like folders, each with its unread count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dipreader.model.query import SavedSearch

FOLDER_MARK = "▸"


class SavedSearchList(OptionList):
    """One line per saved search: its name and how many unread articles it matches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x,delete", "delete_saved", "Delete the saved search", show=False, id="delete_saved_search"),
    ]

    DEFAULT_CSS = """
    SavedSearchList {
        height: auto;
        max-height: 8;
        border: none;
        padding: 0;
    }
    """

    @dataclass
    class Chosen(Message):
        saved: SavedSearch

    @dataclass
    class DeleteAsked(Message):
        saved: SavedSearch

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.saved: list[tuple[SavedSearch, int]] = []

    def set_saved(self, saved: Sequence[tuple[SavedSearch, int]]) -> None:
        """Show these saved searches with their unread counts (hidden when there are none)."""
        keep = self.highlighted
        self.saved = list(saved)
        self.clear_options()
        self.add_options([Option(_line(search, unread)) for search, unread in self.saved])
        self.display = bool(self.saved)
        if self.saved:
            self.highlighted = min(keep or 0, len(self.saved) - 1)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.post_message(self.Chosen(self.saved[message.option_index][0]))

    def action_delete_saved(self) -> None:
        if self.highlighted is not None and 0 <= self.highlighted < len(self.saved):
            self.post_message(self.DeleteAsked(self.saved[self.highlighted][0]))


def _line(search: SavedSearch, unread: int) -> Text:
    line = Text(f"{FOLDER_MARK} {search.name}", style="bold" if unread else "")
    line.append(f" ({unread})", style="dim")
    return line
