"""A stand-in that imports and mounts a widget once started, so start-up never waits for it."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.widget import Widget

FALLBACK_START_SECONDS = 2.0
"""Start anyway this long after mounting, in case the app never calls `start`."""


class Deferred(Widget):
    """Replaced by the widget `factory` builds, after `start()` (the app calls it after the first
    screen, one stand-in at a time, so keys pressed meanwhile are not held up for long).

    Like `textual.lazy.Lazy`, but the factory also does the module imports, so a tab that is not
    shown at start-up costs nothing before the first screen.
    """

    DEFAULT_CSS = """
    Deferred {
        display: none;
    }
    """

    def __init__(self, factory: Callable[[], Widget]) -> None:
        super().__init__()
        self.factory = factory
        self.started = False
        self.focus_when_ready = False

    def on_mount(self) -> None:
        self.set_timer(FALLBACK_START_SECONDS, self.start)

    def start(self, *, focus: bool = False) -> None:
        """Build and mount the real widget after the next refresh (once; later calls may ask for focus)."""
        self.focus_when_ready = self.focus_when_ready or focus
        if not self.started:
            self.started = True
            self.call_after_refresh(self._replace)

    async def _replace(self) -> None:
        parent = self.parent
        if not isinstance(parent, Widget):
            return
        screen = self.screen
        widget = self.factory()
        await parent.mount(widget, after=self)
        await self.remove()
        if self.focus_when_ready:
            focusable = [node for node in (widget, *widget.query("*")) if node.focusable]
            if focusable:
                focusable[0].focus()
        widget.call_after_refresh(screen.post_message, self.Ready())

    class Ready(Message):
        """A deferred widget has been mounted (its screen delivers the index to it if it is ready)."""
