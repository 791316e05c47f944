"""The main screen's part in managing notes from the Notes tab: an orphan re-attached in the reader,
and the reader redrawn when the tab changed the open article's notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import TabbedContent

from dipreader.ui.widgets.notes.messages import AttachOrphan, NotesChanged
from dipreader.ui.widgets.reader.reader import ArticleReader

if TYPE_CHECKING:
    from dipreader.core.library import Library
    from dipreader.model.article import Article


class NotesActions(Screen[None]):
    """Mixed into the main screen: routes the Notes tab's requests to the reader."""

    if TYPE_CHECKING:
        library: Library | None
        current: Article | None

        def open_article(self, article_id: str, passage: tuple[int, int] | None = None) -> None: ...

    @on(AttachOrphan)
    def attach_orphan(self, message: AttachOrphan) -> None:
        """The reader waits for a passage for the orphan; its article opens if it is still listed."""
        orphan = message.annotation
        reader = self.query_one(ArticleReader)
        listed = self.library is not None and self.library.by_id(orphan.article_id) is not None
        if listed and (self.current is None or self.current.id != orphan.article_id):
            self.open_article(orphan.article_id)
        else:
            self.query_one(TabbedContent).active = "tab-article"
        reader.focus()
        reader.begin_attach(orphan)
        if not listed:
            self.notify(
                "The note's article is no longer in the library: open the article to attach it to, "
                "then select the passage with v and press a.",
                title="Re-attaching",
                timeout=10,
            )

    @on(NotesChanged)
    def notes_changed(self, message: NotesChanged) -> None:
        reader = self.query_one(ArticleReader)
        if reader.article is not None and reader.article.id in message.article_ids:
            reader.refresh_annotations()
