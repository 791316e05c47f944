"""The Notes tab: every annotation in the store, filterable by text and #tag, orphans listed apart;
notes are edited, retagged, deleted (with undo) and orphans re-attached from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from dipreader.core.annotations import (
    delete_annotation,
    edit_annotation,
    restore_annotation,
    retag_annotation,
)
from dipreader.core.builds import LibraryIndex
from dipreader.core.library import Library
from dipreader.core.notes_listing import ListedNote, NotesListing, list_notes
from dipreader.model.anchoring import Annotation
from dipreader.store import Store, StoreError
from dipreader.ui.messages import OpenPassage, Status
from dipreader.ui.widgets.common.index_view import IndexView
from dipreader.ui.widgets.common.virtual_list import VirtualList
from dipreader.ui.widgets.notes.messages import AttachOrphan, NotesChanged
from dipreader.ui.widgets.notes.note_list import NotesList, one_line
from dipreader.ui.widgets.notes.preview import NotePreview

UNDO_DEPTH = 50
"""Deletes that `u` can take back, the latest first."""


@dataclass(frozen=True)
class ListedAt:
    """What a listing was read from: the store's notes at a version, a library (by identity), a filter."""

    version: tuple[str, int, int]
    library: Library | None
    query: str

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ListedAt):
            return NotImplemented
        return (self.version, self.query) == (other.version, other.query) and self.library is other.library

    def __hash__(self) -> int:
        return hash((self.version, self.query, id(self.library)))


@dataclass(frozen=True)
class Deleted:
    """A note deleted here, whole, and where it was listed (for `u`)."""

    annotation: Annotation
    position: int
    listing: NotesListing


class NotesView(IndexView):
    """Lists the store's annotations across the library; Enter opens the article at the passage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter notes (words, #tag)", show=False, id="focus_filter"),
        Binding("r", "reload", "Reload notes from the store", show=False, id="reload"),
        Binding("e", "edit_note", "Edit", id="edit_note"),
        Binding("x,delete", "delete_note", "Delete", id="delete_note"),
        Binding("u", "undo_delete", "Undo delete", id="undo_delete"),
        Binding("t", "retag_note", "Tags", id="retag_note"),
        Binding("a", "attach_orphan", "Attach orphan", id="attach_orphan"),
    ]

    DEFAULT_CSS = """
    NotesView #notes-head {
        dock: top;
        height: auto;
    }
    NotesView #notes-title {
        height: 1;
        padding: 0 1;
        text-style: bold;
    }
    NotesView #notes-filter {
        margin: 0 1;
    }
    NotesView NotesList {
        height: 1fr;
    }
    """

    @dataclass
    class Loaded(Message):
        """The listing read from the store in a worker (or the error that stopped it)."""

        listing: NotesListing | None
        error: str | None = None
        read_at: ListedAt | None = None
        """What the listing shows: the store's notes at a version, the library, the filter."""

    def __init__(self, store: Store | None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.store = store
        self.library: Library | None = None
        self.listing: NotesListing | None = None
        self.listed_at: ListedAt | None = None
        self.deleted: list[Deleted] = []

    def compose(self) -> ComposeResult:
        # The list comes first so that switching to the tab focuses it, not the filter.
        yield NotesList(id="notes-list")
        yield NotePreview(id="notes-preview")
        with Vertical(id="notes-head"):
            yield Static("Notes", id="notes-title")
            yield Input(placeholder="Filter: words and #tags (/ to focus, esc clears)", id="notes-filter")

    def on_mount(self) -> None:
        # Another instance may have written notes meanwhile: reload whenever our tab is shown.
        panes = [node for node in self.ancestors if isinstance(node, TabPane)]
        tabs = [node for node in self.ancestors if isinstance(node, TabbedContent)]
        if panes and tabs:
            pane_id = panes[0].id

            def tab_changed(active: str) -> None:
                if active == pane_id:
                    self.reload(again=False)

            self.watch(tabs[0], "active", tab_changed, init=False)
        else:
            self.reload()

    def show_index(self, index: LibraryIndex) -> None:
        """Titles and dates may now be known for every article."""
        self.library = index.library
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#notes-filter", Input).focus()

    def reload(self, *, again: bool = True) -> None:
        """Read the listing from the store; with `again` False (the tab shown once more), only when
        the notes, the library or the filter changed since the one shown was read."""
        if self.store is None:
            self.query_one("#notes-title", Static).update("Notes — no state file, nothing to show")
            return
        shown = None if again else self.listed_at
        self.load_listing(self.store, self.library, self.query_one("#notes-filter", Input).value, shown)

    @work(thread=True, exclusive=True, group="notes", description="load_listing")
    def load_listing(
        self, store: Store, library: Library | None, query: str, shown: ListedAt | None = None
    ) -> None:
        worker = get_current_worker()
        try:
            read_at = ListedAt(store.annotations_version(), library, query)
            if read_at == shown:
                return
            listing = list_notes(store, library, query, lambda: worker.is_cancelled)
        except StoreError as error:
            self.post_message(self.Loaded(None, str(error)))
            return
        if listing is not None and not worker.is_cancelled:
            self.post_message(self.Loaded(listing, read_at=read_at))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.error or message.listing is None:
            self.query_one("#notes-title", Static).update(f"Notes not loaded: {message.error}")
            return
        self.listing = message.listing
        self.listed_at = message.read_at
        notes_list = self.query_one(NotesList)
        notes_list.set_listing(message.listing)
        self._show_counts()
        self._preview()

    def _show_counts(self) -> None:
        listing = self.listing
        if listing is None:
            return
        shown = len(listing)
        filtered = bool(self.query_one("#notes-filter", Input).value.strip())
        counted = f"{shown} of {listing.total}" if filtered else str(listing.total)
        self.query_one("#notes-title", Static).update(
            f"Notes ({counted}) — enter opens the passage, / filters, r reloads"
        )

    @on(Input.Changed, "#notes-filter")
    def filter_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#notes-filter")
    def filter_submitted(self) -> None:
        self.query_one(NotesList).focus()

    def on_key(self, event: events.Key) -> None:
        filter_input = self.query_one("#notes-filter", Input)
        if event.key == "escape" and filter_input.has_focus:
            filter_input.value = ""
            self.query_one(NotesList).focus()
            event.stop()

    @on(VirtualList.Highlighted, "#notes-list")
    def note_highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self._preview()

    def _preview(self) -> None:
        self.query_one(NotePreview).show(self.query_one(NotesList).highlighted())

    @on(VirtualList.Selected, "#notes-list")
    def note_chosen(self, message: VirtualList.Selected) -> None:
        message.stop()
        row = self.query_one(NotesList).rows[message.index]
        if isinstance(row, str):
            return
        ann = row.annotation
        if ann.orphan:
            # The passage is gone from the text: open the article at its top.
            self.post_message(OpenPassage(ann.article_id, 0, 0))
        else:
            self.post_message(OpenPassage(ann.article_id, ann.start, ann.end))

    # managing the highlighted note

    def _status(self, text: str) -> None:
        self.post_message(Status(text))

    def _chosen(self) -> tuple[ListedNote, int, Annotation] | None:
        """The highlighted note, its listing position and its whole stored copy (None, said why)."""
        notes_list = self.query_one(NotesList)
        note = notes_list.highlighted()
        position = notes_list.rows.position(notes_list.cursor) if note is not None else None
        if note is None or position is None or self.store is None:
            why = "No note here" if self.store is not None else "Notes cannot be changed: no state file"
            self._status(why)
            return None
        try:
            whole = self.store.annotation(note.annotation.id)
        except StoreError as error:
            self._status(str(error))
            return None
        if whole is None:
            self._status("That note is no longer in the store (deleted elsewhere?) — r reloads")
            return None
        return note, position, whole

    def _changed(self, ann: Annotation, position: int | None, message: str) -> None:
        """After a note was saved again: the list shows the stored copy, the reader too."""
        listing, store = self.listing, self.store
        if listing is not None and store is not None and position is not None:
            key = store.annotation_key(ann.id)
            if key is not None:
                listing.replace(position, key)
        self.query_one(NotesList).refresh()
        self._preview()
        self._status(message)
        self.post_message(NotesChanged(frozenset({ann.article_id})))

    def action_edit_note(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.store is None:
            return
        _note, position, whole = chosen
        store = self.store
        from dipreader.ui.screens.note_editor import NoteDraft, NoteEditor

        def save(draft: NoteDraft) -> Annotation:
            return edit_annotation(store, whole.id, draft.note, draft.color, draft.tags)

        def saved(result: Annotation | None) -> None:
            if result is None:
                self._status("Note not changed (cancelled)")
            else:
                self._changed(result, position, "Note updated")

        editor = NoteEditor(whole.exact, save, note=whole.note, tags=whole.tags, color=whole.color)
        self.app.push_screen(editor, saved)

    def action_retag_note(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.store is None:
            return
        _note, position, whole = chosen
        store = self.store
        from dipreader.ui.screens.tags_prompt import TagsPrompt

        def answered(tags: tuple[str, ...] | None) -> None:
            if tags is None:
                self._status("Tags not changed (cancelled)")
                return
            try:
                result = retag_annotation(store, whole.id, tags)
            except StoreError as error:
                self.app.notify(str(error), title="Tags not saved", severity="error", timeout=15)
                return
            shown = "  ".join(f"#{tag}" for tag in result.tags) or "none"
            self._changed(result, position, f"Tags: {one_line(shown, 200)}")

        about = f"“{one_line(whole.exact, 60)}”" + (f" — {one_line(whole.note, 60)}" if whole.note else "")
        self.app.push_screen(TagsPrompt(about, whole.tags), answered)

    def action_delete_note(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.store is None or self.listing is None:
            return
        _note, position, whole = chosen
        try:
            deleted = delete_annotation(self.store, whole.id)
        except StoreError as error:
            self.app.notify(str(error), title="Not deleted", severity="error", timeout=15)
            return
        if deleted is None:
            return
        self.deleted = [*self.deleted[-(UNDO_DEPTH - 1) :], Deleted(deleted, position, self.listing)]
        self.listing.remove(position)
        notes_list = self.query_one(NotesList)
        notes_list.refresh_rows()
        self._show_counts()
        self._preview()
        kind = "note" if deleted.note else "highlight"
        self._status(f"Deleted the {kind} on “{one_line(deleted.exact, 40)}” — u undoes")
        self.post_message(NotesChanged(frozenset({deleted.article_id})))

    def action_undo_delete(self) -> None:
        if not self.deleted or self.store is None:
            self._status("Nothing to undo")
            return
        undone = self.deleted.pop()
        try:
            restored = restore_annotation(self.store, undone.annotation)
            key = self.store.annotation_key(restored.id)
        except StoreError as error:
            self.deleted.append(undone)
            self.app.notify(str(error), title="Not restored", severity="error", timeout=15)
            return
        kind = "note" if restored.note else "highlight"
        self._status(f"Restored the {kind} on “{one_line(restored.exact, 40)}”")
        self.post_message(NotesChanged(frozenset({restored.article_id})))
        listing = self.listing
        where = -1
        if listing is not None and undone.listing is listing and key is not None:
            where = listing.insert(restored, key, undone.position)
        if where < 0:
            self.reload()
            return
        notes_list = self.query_one(NotesList)
        notes_list.refresh_rows()
        notes_list.cursor = notes_list.rows.index_of(where)
        self._show_counts()
        self._preview()

    def action_attach_orphan(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        _note, _position, whole = chosen
        if not whole.orphan:
            self._status("This note has its passage; a attaches only orphans (listed under Orphans)")
            return
        self.post_message(AttachOrphan(whole))


__all__ = ["NotesList", "NotesView"]
