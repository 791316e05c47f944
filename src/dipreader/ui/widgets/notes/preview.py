"""Under the Notes tab's list: the highlighted note whole (as far as the listing read it), with its tags."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dipreader.core.notes_listing import ListedNote
from dipreader.model.terminal_text import safe_lines
from dipreader.ui.widgets.notes.note_list import short_date, tags_text

ORPHAN_HINT = "Its passage is no longer in the article: a re-attaches it to one you select, x deletes it."


class NotePreview(Static):
    """Tags and when the note was saved, then its text (line breaks kept); a clipped note says so."""

    DEFAULT_CSS = """
    NotePreview {
        dock: bottom;
        height: auto;
        max-height: 6;
        border-top: solid $primary-darken-2;
        padding: 0 1;
        overflow-y: hidden;
    }
    """

    def show(self, note: ListedNote | None) -> None:
        if note is None:
            self.update("")
            self.display = False
            return
        ann = note.annotation
        text = Text()
        details = [tags_text(ann.tags), f"saved {short_date(ann.updated)}" if short_date(ann.updated) else ""]
        shown = "   ".join(detail for detail in details if detail)
        if shown:  # first, so that a long note cannot push it out of sight
            text.append(safe_lines(shown) + "\n", style="dim")
        if ann.orphan:
            text.append(ORPHAN_HINT + "\n", style="italic")
        body = safe_lines(ann.note).strip() if ann.note else f"A highlight ({ann.color}), no note: e adds one"
        text.append(body)
        if note.note_chars > len(ann.note):
            text.append(f"… ({note.note_chars - len(ann.note):,} more characters: e opens the whole note)")
        self.update(text)
        self.display = True
