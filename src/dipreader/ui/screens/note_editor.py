"""The note modal: a multi-line note, tags and a colour; ctrl+s saves, escape cancels (asking first
when something was typed)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from dipreader.model.anchoring import HIGHLIGHT_COLORS, Annotation
from dipreader.store import StoreError

QUOTE_PREVIEW_CHARS = 240


@dataclass(frozen=True)
class NoteDraft:
    """What the user typed: the note, its tags and the highlight colour."""

    note: str
    tags: tuple[str, ...]
    color: str


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags from `#a, b #c d`: split on commas and `#`; without either, on spaces."""
    if "," in text or "#" in text:
        parts = re.split(r"[,#]", text)
    else:
        parts = text.split()
    return tuple(part.strip() for part in parts if part.strip())


class NoteEditor(ModalScreen[Annotation | None]):
    """Edits a note; `save` stores it and may raise StoreError, which keeps the modal open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: it acts once the field has taken the keys typed before it.
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
        # Priority: the focus moves when the app reads the key, so the keys typed after it (a terminal
        # delivers a burst at once) go to the next field, not to the one that had them queued.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="next_field"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            show=False,
            priority=True,
            id="previous_field",
        ),
    ]

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
    }
    NoteEditor > Vertical {
        width: 84;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    NoteEditor #note-quote {
        color: $text-muted;
        text-style: italic;
        max-height: 4;
        margin-bottom: 1;
    }
    NoteEditor #note-text {
        height: 8;
    }
    NoteEditor #note-colour {
        layout: horizontal;
        height: auto;
        width: auto;
        border: none;
        padding: 0;
    }
    NoteEditor #note-colour > RadioButton {
        width: auto;
        margin-right: 2;
    }
    NoteEditor #note-error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    NoteEditor #note-buttons {
        height: auto;
        align-horizontal: right;
    }
    NoteEditor Button {
        margin-left: 2;
    }
    NoteEditor Label {
        margin-top: 1;
    }
    """

    def __init__(
        self,
        quote: str,
        save: Callable[[NoteDraft], Annotation],
        *,
        note: str = "",
        tags: Sequence[str] = (),
        color: str = HIGHLIGHT_COLORS[0],
    ) -> None:
        super().__init__()
        self.quote = quote
        self.save_draft = save
        self.initial_note = note
        self.initial_tags = tuple(tags)
        self.initial_colour = color if color in HIGHLIGHT_COLORS else HIGHLIGHT_COLORS[0]

    def compose(self) -> ComposeResult:
        flat = " ".join(self.quote.split())
        if len(flat) > QUOTE_PREVIEW_CHARS:
            flat = flat[: QUOTE_PREVIEW_CHARS - 1] + "…"
        with Vertical():
            yield Label("Note on the passage (ctrl+s save, esc cancel)")
            yield Static(f"“{flat}”", id="note-quote", markup=False)
            yield TextArea(self.initial_note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label("Tags (comma or # separated)")
            yield Input(", ".join(self.initial_tags), id="note-tags", placeholder="e.g. energy, follow-up")
            yield Label("Colour (arrows, then space or enter)")
            with RadioSet(id="note-colour"):
                for colour in HIGHLIGHT_COLORS:
                    yield RadioButton(colour, value=colour == self.initial_colour, id=f"colour-{colour}")
            yield Static("", id="note-error", markup=False)
            with Horizontal(id="note-buttons"):
                yield Button("Cancel (esc)", id="note-cancel")
                yield Button("Save (ctrl+s)", id="note-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#note-error").display = False
        area = self.query_one("#note-text", TextArea)
        self.set_focus(area)  # now, not after a refresh: the next key may already be waiting
        area.move_cursor(area.document.end)

    def draft(self) -> NoteDraft:
        pressed = self.query_one(RadioSet).pressed_button
        colour = str(pressed.label) if pressed is not None else self.initial_colour
        return NoteDraft(
            note=self.query_one("#note-text", TextArea).text.strip(),
            tags=parse_tags(self.query_one("#note-tags", Input).value),
            color=colour if colour in HIGHLIGHT_COLORS else self.initial_colour,
        )

    def action_save(self) -> None:
        try:
            saved = self.save_draft(self.draft())
        except StoreError as error:
            self.show_error(f"Not saved — your text is kept here. {error}")
            return
        self.dismiss(saved)

    def show_error(self, message: str) -> None:
        error = self.query_one("#note-error", Static)
        error.update(message)
        error.display = True

    def typed(self) -> bool:
        """Whether the note, its tags or its colour differ from what the editor opened with."""
        draft = self.draft()
        opened = (self.initial_note.strip(), parse_tags(", ".join(self.initial_tags)), self.initial_colour)
        return (draft.note, draft.tags, draft.color) != opened

    def action_cancel(self) -> None:
        if not self.typed():
            self.dismiss(None)
            return
        from dipreader.ui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        question = "Discard what you typed? The note is not saved."
        self.app.push_screen(ConfirmScreen(question, yes_label="Discard", no_label="Keep editing"), answered)

    @on(Button.Pressed, "#note-save")
    def save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#note-cancel")
    def cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
