"""The main screen's part in reading: the status line follows the reader's cursor (and the tab bar's
hint), and enter on a highlighted sector lists that sector's passages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import Static

from dipreader.core.builds import CachedAnalyses, LibraryIndex
from dipreader.ui.messages import OpenPassage
from dipreader.ui.screens.main_tabs import MainTabs
from dipreader.ui.widgets.reader.reader import ArticleReader

if TYPE_CHECKING:
    from dipreader.core.context import Context
    from dipreader.core.library import Library


class ReaderActions(Screen[None]):
    """Mixed into the main screen: the status line as the reader's cursor moves, a sector's passages."""

    if TYPE_CHECKING:
        context: Context
        library: Library | None
        index_done: bool

        def set_status(self, text: str) -> None: ...

    def status_text(self) -> str:
        """What the status line shows now."""
        return str(self.query_one("#status", Static).content)

    def replace_status(self, text: str, previous: str) -> None:
        """Show `text`; an empty one drops `previous`, if the status line still shows it (a newer
        line, such as what a key just did, is left alone)."""
        if text:
            self.set_status(text)
        elif previous and self.status_text() == previous:
            self.set_status("")

    @on(ArticleReader.CursorDescribed)
    def cursor_described(self, message: ArticleReader.CursorDescribed) -> None:
        self.replace_status(message.text, message.previous)

    @on(MainTabs.Hint)
    def tab_bar_hint(self, message: MainTabs.Hint) -> None:
        self.replace_status(message.text, message.previous)

    @on(ArticleReader.SectorChosen)
    def sector_chosen(self, message: ArticleReader.SectorChosen) -> None:
        """List every passage on the sector across the library (newest first); enter opens one."""
        library = self.library
        if library is None:
            return
        from dipreader.ui.screens.sector_passages import SectorPassagesScreen

        known = frozenset(person.name for person in self.context.knowledge.people)
        index = LibraryIndex(library, CachedAnalyses(self.context.analysis_cache), known)
        sector = self.context.knowledge.sector(message.sector)
        label = sector.label if sector is not None else message.sector
        screen = SectorPassagesScreen(index, message.sector, label, complete=self.index_done)
        self.app.push_screen(screen, self._sector_passage_chosen)

    def _sector_passage_chosen(self, chosen: OpenPassage | None) -> None:
        if chosen is not None:
            self.post_message(OpenPassage(chosen.article_id, chosen.start, chosen.end))
