"""A keyboard-driven list that draws only its visible rows, so it stays fast at 100,000 items."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class VirtualList(ScrollView, can_focus=True):
    """Rows of a fixed height drawn line by line (Textual's line API); subclasses say what a row shows.

    Subclasses implement `row_count` and `render_row_line`; the cursor, scrolling,
    mouse and keys are handled here.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="page_down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="page_up"),
        Binding("enter", "select", "Open", show=False, id="select"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-list--cursor",
        "virtual-list--dim",
        "virtual-list--accent",
    }

    DEFAULT_CSS = """
    VirtualList {
        background: $surface;
        overflow-x: hidden;
    }
    VirtualList > .virtual-list--cursor {
        background: $block-cursor-blurred-background;
    }
    VirtualList:focus > .virtual-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    VirtualList > .virtual-list--dim {
        color: $text-muted;
    }
    VirtualList > .virtual-list--accent {
        color: $accent;
        text-style: bold;
    }
    """

    row_height: ClassVar[int] = 1
    """Lines each row takes."""

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """Index of the highlighted row (`watch_cursor` repaints the rows it left and reached)."""

    class Highlighted(Message):
        """The cursor moved to another row. Handle with `on_virtual_list_highlighted`."""

        def __init__(self, virtual_list: VirtualList, index: int) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    class Selected(Message):
        """Enter or a click chose a row. Handle with `on_virtual_list_selected`."""

        def __init__(self, virtual_list: VirtualList, index: int) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    def get_component_rich_style(
        self, *names: str, partial: bool = False, default: Style | None = None
    ) -> Style:
        """Component styles without an inherited background, so dim or accent text keeps the row's."""
        full = super().get_component_rich_style(*names, partial=False, default=default)
        own = super().get_component_rich_style(*names, partial=True, default=default)
        if own.bgcolor is not None:
            return full
        attributes = Style(bold=full.bold, italic=full.italic, underline=full.underline)
        return Style.from_color(full.color) + attributes

    def row_count(self) -> int:
        raise NotImplementedError

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        """Segments for `line` (0-based within the row) of row `index`; `base` is the row style."""
        raise NotImplementedError

    def empty_message(self) -> str:
        return "Nothing to show."

    def refresh_rows(self) -> None:
        """Call after the rows changed: resizes the virtual area and keeps the cursor in range."""
        count = self.row_count()
        self.virtual_size = Size(self.size.width, count * self.row_height)
        if count and self.cursor >= count:
            self.cursor = count - 1
        elif not count:
            self.cursor = 0
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count() * self.row_height)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        absolute = y + int(self.scroll_offset.y)
        count = self.row_count()
        base = self.rich_style
        if count == 0:
            if y == 0:
                text = self.empty_message()[:width]
                dim = self.get_component_rich_style("virtual-list--dim")
                return Strip([Segment(text.ljust(width), base + dim)], width)
            return Strip.blank(width, base)
        index, line = divmod(absolute, self.row_height)
        if index >= count:
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("virtual-list--cursor")
        segments = self.render_row_line(index, line, width, style)
        return Strip(segments).adjust_cell_length(width, style)

    def watch_cursor(self, old: int, new: int) -> None:
        count = self.row_count()
        if count and not 0 <= new < count:
            self.cursor = max(0, min(new, count - 1))
            return
        if not count:
            self.refresh()
            return
        # Only the rows the cursor left and reached are drawn again (a scroll draws every row): a
        # full repaint of a 40-line sidebar took 6 ms of the event loop a key.
        for row in {old, new}:
            self.refresh_lines(row * self.row_height, self.row_height)
        self.scroll_to_region(
            Region(0, new * self.row_height, self.size.width, self.row_height),
            animate=False,
            force=True,
        )
        self.post_message(self.Highlighted(self, new))

    def move_cursor(self, delta: int) -> None:
        count = self.row_count()
        if count:
            self.cursor = max(0, min(self.cursor + delta, count - 1))

    def action_cursor_down(self) -> None:
        self.move_cursor(1)

    def action_cursor_up(self) -> None:
        self.move_cursor(-1)

    def action_first(self) -> None:
        self.move_cursor(-self.cursor)

    def action_last(self) -> None:
        self.move_cursor(self.row_count())

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self._page_rows())

    def action_page_up(self) -> None:
        self.move_cursor(-self._page_rows())

    def action_select(self) -> None:
        if self.row_count():
            self.post_message(self.Selected(self, self.cursor))

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + int(self.scroll_offset.y)) // self.row_height
        if 0 <= index < self.row_count():
            self.cursor = index
            self.post_message(self.Selected(self, index))
