"""A stand-in that imports and mounts a widget after the first paint, so start-up never waits for it."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.widget import Widget


class Deferred(Widget):
    """Replaced, right after the screen's first refresh, by the widget `factory` builds.

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

    def on_mount(self) -> None:
        self.call_after_refresh(self._replace)

    async def _replace(self) -> None:
        parent = self.parent
        if not isinstance(parent, Widget):
            return
        widget = self.factory()
        await parent.mount(widget, after=self)
        await self.remove()
        app = self.app
        widget.call_after_refresh(app.post_message, self.Ready())

    class Ready(Message):
        """A deferred widget has been mounted (the app delivers the index to it if it is ready)."""
