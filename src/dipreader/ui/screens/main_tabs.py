"""The main screen's tabs: a tab bar that shows when it has the focus and answers the list keys."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TabbedContent, Tabs

from dipreader.ui.widgets.common.deferred import Deferred

TAB_BAR_HINT = "Tab bar: ←/→ switch tabs · enter goes into the tab"
TAB_BAR_ACTIONS = frozenset({"next_tab", "previous_tab", "enter_tab"})


class MainTabs(TabbedContent):
    """TabbedContent whose tab bar, once focused (shift+tab from a pane), says so in the status line
    and moves like a list: left/right, h/l or j/k switch tabs, enter or down focuses the tab's content."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l,j", "next_tab", "Next tab", show=False, id="tab_bar_next"),
        Binding("left,h,k", "previous_tab", "Previous tab", show=False, id="tab_bar_previous"),
        Binding("enter,down", "enter_tab", "Into the tab's view", show=False, id="tab_bar_enter"),
    ]

    class Hint(Message):
        """A line for the status bar about the tab bar (`previous`: the line it replaces, dropped
        if the status bar still shows it when `text` is empty)."""

        def __init__(self, text: str, previous: str) -> None:
            super().__init__()
            self.text = text
            self.previous = previous

    @property
    def tab_bar(self) -> Tabs:
        return self.query_one(Tabs)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in TAB_BAR_ACTIONS:
            # Only on the tab bar itself: in a pane these keys are the pane's (or fall through).
            return self.tab_bar.has_focus
        return super().check_action(action, parameters)

    def action_next_tab(self) -> None:
        self.tab_bar.action_next_tab()

    def action_previous_tab(self) -> None:
        self.tab_bar.action_previous_tab()

    def action_enter_tab(self) -> None:
        self.focus_pane()

    def focus_pane(self) -> None:
        """Focus the first focusable widget of the active tab (mounting its view first if need be)."""
        if not self.active:
            return
        pane = self.get_pane(self.active)
        for deferred in pane.query(Deferred):
            deferred.start(focus=True)
        focusable = [widget for widget in pane.query("*") if widget.focusable]
        if focusable:
            focusable[0].focus()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, message: TabbedContent.TabActivated) -> None:
        for deferred in message.pane.query(Deferred):
            deferred.start()  # a tab chosen on the tab bar shows its view at once

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.tab_bar:
            self.post_message(self.Hint(TAB_BAR_HINT, ""))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self.tab_bar:
            self.post_message(self.Hint("", TAB_BAR_HINT))
