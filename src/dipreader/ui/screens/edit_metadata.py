"""The metadata modal: an article's title, date, source and tags, written back to its front matter."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from dipreader.model.article import ArticleMeta
from dipreader.sources.files import ArticleFileError


class EditMetadataScreen(ModalScreen[bool]):
    """Edits the front matter of one article file (the body is not touched); True once saved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    DEFAULT_CSS = """
    EditMetadataScreen {
        align: center middle;
    }
    EditMetadataScreen > Vertical {
        width: 90;
        max-width: 95%;
        height: auto;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    EditMetadataScreen #meta-fields {
        grid-size: 2;
        grid-columns: 10 1fr;
        grid-rows: 3;
        height: auto;
    }
    EditMetadataScreen #meta-fields Label {
        padding: 1 0 0 0;
    }
    EditMetadataScreen #meta-error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    EditMetadataScreen #meta-buttons {
        height: auto;
        align-horizontal: right;
    }
    EditMetadataScreen Button {
        margin-left: 2;
    }
    """

    def __init__(self, meta: ArticleMeta) -> None:
        super().__init__()
        self.meta = meta

    def compose(self) -> ComposeResult:
        meta = self.meta
        values = {
            "title": meta.title,
            "date": meta.date.iso() if meta.date else "",
            "source": meta.source or "",
            "tags": ", ".join(meta.tags),
        }
        with Vertical():
            yield Label(f"Edit {meta.id} (ctrl+s save, esc cancel); the text itself is not changed")
            with Grid(id="meta-fields"):
                for field, value in values.items():
                    yield Label(field.capitalize())
                    yield Input(value, id=f"meta-{field}")
            yield Static("", id="meta-error", markup=False)
            with Horizontal(id="meta-buttons"):
                yield Button("Cancel (esc)", id="meta-cancel")
                yield Button("Save (ctrl+s)", id="meta-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#meta-error").display = False
        self.query_one("#meta-title", Input).focus()

    def action_save(self) -> None:
        from dipreader.sources.front_matter_edit import metadata_changes, update_front_matter

        value = {
            field: self.query_one(f"#meta-{field}", Input).value
            for field in ("title", "date", "source", "tags")
        }
        try:
            changes = metadata_changes(
                self.meta, value["title"], value["date"], value["source"], value["tags"]
            )
            update_front_matter(Path(self.meta.path), changes)
        except ArticleFileError as error:
            self.show_error(f"Not saved: {error}")
            return
        except OSError as error:
            self.show_error(f"Not saved: cannot write {self.meta.path}: {error.strerror or error}")
            return
        self.dismiss(True)

    def show_error(self, message: str) -> None:
        error = self.query_one("#meta-error", Static)
        error.update(message)
        error.display = True

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "meta-save":
            self.action_save()
        else:
            self.action_cancel()
