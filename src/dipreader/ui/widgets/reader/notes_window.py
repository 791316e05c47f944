"""The reader's notes: placed on the article's current text (in a worker when many), and read for
the stretch of the body around the view only, so a million notes cost what a screenful does."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from dipreader.model.article import Article
from dipreader.store import StoreError
from dipreader.ui.widgets.reader.orphan_attach import OrphanAttachMixin

if TYPE_CHECKING:
    from dipreader.ui.widgets.reader.selection import ReadingCursor

Passage = tuple[int, int]
NOTES_WINDOW_CHARS = 20_000
"""Notes are read for this much of the body on each side of the view (all of a shorter body)."""
DRAWN_NOTES = 5_000
"""At most this many notes are read for one stretch (a million on one passage draw the first)."""
SHOWN_ORPHANS = 1_000
PLACE_HERE = 200
"""Notes saved against another text placed before the article shows; more are placed in a worker."""


class NotesWindowMixin(OrphanAttachMixin):
    """Keeps `annotations` (the placed notes near the view) and `orphans` (the first ones) of the
    open article (mixed into the reader through ReaderSelectionMixin)."""

    notes_window: Passage | None
    _placing: int
    """Which open the worker placing notes works for: a newer open makes it stop."""

    if TYPE_CHECKING:
        reading: ReadingCursor
        picking_colour: Passage | None

        def rerender(self) -> None: ...
        def cursor_moved(self) -> None: ...
        def current_offset(self) -> int: ...
        def offset_at(self, y: int, x: int = 0) -> int | None: ...

    def load_annotations(self, article: Article, position: int | None) -> None:
        """Reset the cursor for a new article and read the notes of the part it opens at.

        Notes saved against another text are placed on this one first: here when few, else in a
        worker a page at a time (the reader answers keys meanwhile, and shows them once placed).
        Notes already on this text cost nothing however many there are.
        """
        self.reading.reset(article.body)
        self.reading.place_at(position or 0)
        self.picking_colour = None
        self.annotations, self.orphans = [], []
        self.notes_window = None
        self._placing += 1
        if self.store is None:
            return
        digest = article.meta.content_hash
        try:
            waiting = self.store.stale_annotations(article.id, digest, PLACE_HERE + 1)
            if waiting <= PLACE_HERE:
                self.store.place_annotations(article.id, article.body, digest, PLACE_HERE)
            self._read_notes_window(article, position or 0, position or 0)
        except StoreError as error:
            self.app.notify(f"Notes not loaded: {error}", severity="error", timeout=10)
            return
        if waiting > PLACE_HERE:
            self._status("Placing this article's notes on its current text…")
            self.run_worker(
                partial(self._place_notes, article, self._placing),
                thread=True,
                group="place-notes",
                exclusive=True,
            )
        else:
            self._tell_orphans()

    def _place_notes(self, article: Article, generation: int) -> None:
        """In a worker: place the notes saved against another text, a page at a time."""
        worker = get_current_worker()
        store = self.store
        assert store is not None
        digest = article.meta.content_hash
        placed = 0
        while not worker.is_cancelled and generation == self._placing:
            try:
                page = store.place_annotations(article.id, article.body, digest)
            except StoreError as error:
                self.app.call_from_thread(self._status, f"Notes not placed: {error}")
                return
            if not page:
                self.app.call_from_thread(self._notes_placed, article, generation, placed)
                return
            placed += len(page)

    def _notes_placed(self, article: Article, generation: int, placed: int) -> None:
        if generation != self._placing or self.article is not article:
            return
        try:
            self._read_notes_window(article, *self._view_stretch())
        except StoreError as error:
            self._status(f"Notes not loaded: {error}")
            return
        self.rerender()
        self.cursor_moved()
        self._status(f"{placed:,} notes placed on this article's current text")
        self._tell_orphans()

    def _tell_orphans(self) -> None:
        if self.article is None or self.store is None:
            return
        orphans = self.store.annotation_count(self.article.id, orphan=True)
        if orphans:
            self.app.notify(
                f"{orphans:,} note(s) no longer match this article's text; "
                "they are kept under Orphans in the Notes tab (4).",
                title="Notes",
                severity="warning",
                timeout=10,
            )

    def _view_stretch(self) -> Passage:
        """Body offsets of the top and the bottom of the view."""
        top = self.current_offset()
        bottom = self.offset_at(int(self.scroll_y) + self.scrollable_content_region.height)
        return top, max(top, bottom or top)

    def _read_notes_window(self, article: Article, top: int, bottom: int) -> None:
        """The placed notes of the body from `NOTES_WINDOW_CHARS` before `top` to as far after
        `bottom` (all of a short body), at most `DRAWN_NOTES`, and the article's first orphans."""
        assert self.store is not None
        length = len(article.body)
        if length <= 2 * NOTES_WINDOW_CHARS:
            start, end = 0, length
        else:
            start, end = max(0, top - NOTES_WINDOW_CHARS), min(length, bottom + NOTES_WINDOW_CHARS)
        found = self.store.annotations_between(article.id, start, end, DRAWN_NOTES)
        body = article.body
        # Its hash says this text, yet its offsets do not hold its quote (imported, or the text was
        # read otherwise by another version): placed again, only those of this stretch.
        misplaced = {ann.id for ann in found if body[ann.start : ann.end] != ann.exact}
        if misplaced:
            moved = [ann for ann in found if ann.id in misplaced]
            again = self.store.place_again(moved, body, article.meta.content_hash)
            found = sorted(
                [ann for ann in found if ann.id not in misplaced] + [ann for ann in again if not ann.orphan],
                key=lambda ann: (ann.start, ann.created),
            )
        self.annotations = found
        self.orphans = self.store.orphan_annotations(article.id, SHOWN_ORPHANS)
        self.notes_window = (start, end)

    def _follow_notes_window(self) -> None:
        """Read the notes again when the view nears the edge of the stretch they were read for."""
        window, article = self.notes_window, self.article
        if window is None or article is None or self.store is None:
            return
        start, end = window
        if start == 0 and end >= len(article.body):
            return
        top, bottom = self._view_stretch()
        margin = NOTES_WINDOW_CHARS // 4
        if (start > 0 and top < start + margin) or (end < len(article.body) and bottom > end - margin):
            try:
                self._read_notes_window(article, top, bottom)
            except StoreError as error:
                self._status(f"Notes not loaded: {error}")
                return
            self.rerender()

    def refresh_annotations(self) -> None:
        """Read the open article's annotations again (the Notes tab changed some), cursor kept."""
        if self.article is None or self.store is None:
            return
        try:
            self._read_notes_window(self.article, *self._view_stretch())
        except StoreError as error:
            self._status(f"Notes not reloaded: {error}")
            return
        self.rerender()
        self.cursor_moved()
