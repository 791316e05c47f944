"""The "Add article" modal: paste text or a web address, see and correct what was found, save."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Static, TextArea

from dipreader.sources.draft import Draft, DraftError
from dipreader.sources.intake import IntakeResult
from dipreader.sources.web import DEFAULT_LIMITS, FetchLimits

EXTRACT_AFTER_SECONDS = 0.6
"""Extraction starts this long after the last change to the pasted text."""
FIELDS = ("title", "date", "source", "tags")


class AddArticleScreen(ModalScreen[IntakeResult | None]):
    """Paste, check, save: dismisses with the result of saving (added or duplicate), None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("ctrl+e", "extract", "Extract now", priority=True, id="extract"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    DEFAULT_CSS = """
    AddArticleScreen {
        align: center middle;
    }
    AddArticleScreen > Vertical {
        width: 100;
        max-width: 95%;
        height: auto;
        max-height: 95%;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    AddArticleScreen #add-input {
        height: 10;
    }
    AddArticleScreen #add-status {
        height: auto;
        max-height: 4;
        color: $text-muted;
        margin: 1 0;
    }
    AddArticleScreen #add-status.error {
        color: $error;
        text-style: bold;
    }
    AddArticleScreen #add-fields {
        grid-size: 2;
        grid-columns: 10 1fr;
        grid-rows: 3;
        height: auto;
    }
    AddArticleScreen #add-fields Label {
        padding: 1 0 0 0;
    }
    AddArticleScreen #add-buttons {
        height: auto;
        align-horizontal: right;
    }
    AddArticleScreen Button {
        margin-left: 2;
    }
    """

    def __init__(self, library: Path, limits: FetchLimits = DEFAULT_LIMITS) -> None:
        super().__init__()
        self.library = library
        self.limits = limits
        self.draft: Draft | None = None
        self.extracted_from: str | None = None
        """The pasted text the current draft was made from."""
        self._timer: Timer | None = None
        self._edited: set[str] = set()  # fields the user typed in: extraction leaves them alone
        self._filling = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add an article: paste its text or a web address (ctrl+s save, esc cancel)")
            yield TextArea("", id="add-input", soft_wrap=True, show_line_numbers=False)
            yield Static("Nothing pasted yet.", id="add-status", markup=False)
            with Grid(id="add-fields"):
                for field in FIELDS:
                    yield Label(field.capitalize())
                    yield Input(id=f"add-{field}", placeholder=_PLACEHOLDERS[field])
            with Horizontal(id="add-buttons"):
                yield Button("Cancel (esc)", id="add-cancel")
                yield Button("Extract (ctrl+e)", id="add-extract")
                yield Button("Save (ctrl+s)", id="add-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#add-input", TextArea).focus()

    @property
    def pasted(self) -> str:
        return self.query_one("#add-input", TextArea).text

    def status(self, text: str, error: bool = False) -> None:
        if not self.is_attached:  # a worker finishing after the screen closed
            return
        status = self.query_one("#add-status", Static)
        status.update(text)
        status.set_class(error, "error")

    @on(TextArea.Changed, "#add-input")
    def pasted_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(EXTRACT_AFTER_SECONDS, self.action_extract)

    @on(Input.Changed)
    def field_changed(self, event: Input.Changed) -> None:
        if not self._filling and event.input.id:
            self._edited.add(event.input.id.removeprefix("add-"))

    def action_extract(self) -> None:
        text = self.pasted
        if not text.strip():
            self.status("Nothing pasted yet.")
            return
        if text == self.extracted_from:
            return
        self.status("Reading the page…" if _is_address(text) else "Reading the text…")
        self.extract(text, then_save=False)

    @work(thread=True, exclusive=True, group="add-article", exit_on_error=False, description="extract")
    def extract(self, text: str, then_save: bool) -> None:
        from dipreader.sources.html import ExtractionError
        from dipreader.sources.intake import IntakeError, draft_from_paste
        from dipreader.sources.web import FetchError

        try:
            draft = draft_from_paste(text, limits=self.limits)
        except FetchError as error:
            self.app.call_from_thread(
                self.status, f"Cannot read {error.url or 'the page'}: {error.reason}", True
            )
            return
        except (IntakeError, ExtractionError) as error:
            self.app.call_from_thread(self.status, f"No article found: {error}", True)
            return
        self.app.call_from_thread(self.show_draft, text, draft)
        if then_save:
            self.app.call_from_thread(self.action_save)

    def show_draft(self, text: str, draft: Draft) -> None:
        if not self.is_attached:
            return
        self.draft, self.extracted_from = draft, text
        values = {
            "title": draft.title,
            "date": draft.date.iso() if draft.date else "",
            "source": draft.source or "",
            "tags": ", ".join(draft.tags),
        }
        self._filling = True
        try:
            for field, value in values.items():
                if field not in self._edited:
                    self.query_one(f"#add-{field}", Input).value = value
        finally:
            self._filling = False
        found = dict(draft.found)
        words = len(draft.body.split())
        notes = [f"{words} words"] + [f"{field} from {how}" for field, how in found.items()]
        if "date" not in found:
            notes.append("no date found")
        if "source" not in found:
            notes.append("no outlet found")
        self.status("Found: " + "; ".join(notes) + ". Correct anything below, then save.")

    def _form_draft(self) -> Draft | None:
        if self.draft is None:
            return None
        value = {field: self.query_one(f"#add-{field}", Input).value for field in FIELDS}
        return self.draft.corrected(value["title"], value["date"], value["source"], value["tags"].split(","))

    def action_save(self) -> None:
        text = self.pasted
        if not text.strip():
            self.status("Paste an article's text or a web address first.", True)
            return
        if self.draft is None or text != self.extracted_from:
            self.status("Reading the page…" if _is_address(text) else "Reading the text…")
            self.extract(text, then_save=True)
            return
        try:
            draft = self._form_draft()
        except DraftError as error:
            self.status(str(error), True)
            return
        if draft is not None:
            self.status("Saving…")
            self.save(draft)

    @work(thread=True, exclusive=True, group="add-article", exit_on_error=False, description="save")
    def save(self, draft: Draft) -> None:
        from dipreader.sources.intake import save_draft
        from dipreader.sources.library_index import LibraryIndex

        result = save_draft(draft, self.library, LibraryIndex.scan(self.library), input_name="pasted")
        if result.status == "failed":
            self.app.call_from_thread(self.status, f"Not saved: {result.reason}", True)
            return
        self.app.call_from_thread(self.dismiss, result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "add-save": self.action_save,
            "add-extract": self.action_extract,
            "add-cancel": self.action_cancel,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()


_PLACEHOLDERS = {
    "title": "found in the page or the first line",
    "date": "YYYY-MM-DD, YYYY-MM or YYYY; empty if unknown",
    "source": "the outlet",
    "tags": "comma separated",
}


def _is_address(text: str) -> bool:
    stripped = text.strip()
    return len(stripped.split()) == 1 and stripped.lower().startswith(("http://", "https://"))
