"""A filter box reached on purpose (its key or a click), never by Tab, so list keys never type into it."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class FilterInput(Input):
    """An Input that Tab passes by: `/` (the view's key) or a click focuses it, and typing then adds
    to the filter rather than replacing it (nothing is selected on focus)."""

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)
        self.asked = False

    def allow_focus(self) -> bool:
        return self.asked and super().allow_focus()

    def focus_on_purpose(self) -> None:
        """Focus the box (from its key), the cursor after the text."""
        self.asked = True
        self.focus()
        self.cursor_position = len(self.value)

    def on_mouse_down(self, _event: events.MouseDown) -> None:
        if not self.has_focus:
            self.focus_on_purpose()

    def on_blur(self, _event: events.Blur) -> None:
        self.asked = False
