"""A modal list of every passage on one sector (enter on a highlighted sector in the reader)."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import get_current_worker

from dipreader.core.builds import LibraryIndex
from dipreader.core.sector_passages import SectorPassages, SectorPassagesBuilder
from dipreader.ui.messages import OpenPassage
from dipreader.ui.widgets.who.person_detail import PassageList


class SectorPassagesScreen(ModalScreen[OpenPassage | None]):
    """The passages of one sector across the library, newest first; enter opens one, esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="close_passages"),
    ]

    DEFAULT_CSS = """
    SectorPassagesScreen {
        align: center middle;
    }
    SectorPassagesScreen > Vertical {
        width: 90%;
        height: 90%;
        border: thick $accent;
        background: $panel;
    }
    SectorPassagesScreen #sector-title, SectorPassagesScreen #sector-help {
        height: 1;
        padding: 0 1;
    }
    SectorPassagesScreen #sector-title {
        text-style: bold;
    }
    SectorPassagesScreen #sector-help {
        color: $text-muted;
    }
    SectorPassagesScreen PassageList {
        height: 1fr;
    }
    """

    def __init__(self, index: LibraryIndex, sector: str, label: str, complete: bool = True) -> None:
        """`label`: how the sector is named; `complete`: every article is analysed already."""
        super().__init__()
        self.index = index
        self.sector = sector
        self.label = label
        self.complete = complete
        self.found: SectorPassages | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Passages on {self.label}: finding them…", id="sector-title", markup=False)
            yield PassageList(id="sector-passages")
            yield Static("j/k choose · enter opens in the reader · esc closes", id="sector-help")

    @property
    def passages(self) -> PassageList:
        return self.query_one(PassageList)

    def on_mount(self) -> None:
        self.passages.set_library(self.index.library)
        self.passages.focus()
        self.collect()

    @work(thread=True, exclusive=True, group="sector-passages", description="collect")
    def collect(self) -> None:
        found = self.index.build(SectorPassagesBuilder(self.sector))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_passages, found)

    def show_passages(self, found: SectorPassages) -> None:
        self.found = found
        self.passages.show_mentions(found.passages)
        listed = "" if len(found.passages) == found.total else f" (the newest {len(found.passages)} listed)"
        articles = f"{found.articles} article{'s' if found.articles != 1 else ''}"
        title = (
            f"{found.total} passage{'s' if found.total != 1 else ''} on {self.label} in {articles}{listed}"
        )
        if not self.complete:
            title += " · more once the index is complete"
        self.query_one("#sector-title", Static).update(title)

    @on(OpenPassage)
    def passage_chosen(self, message: OpenPassage) -> None:
        message.stop()
        self.dismiss(message)

    def action_close(self) -> None:
        self.dismiss(None)
