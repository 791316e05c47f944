"""The correction form for one official: not a person, the role, the country, merge, split."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, OptionList, RadioButton, RadioSet, Static

from dipreader.model.article import OfficialMention
from dipreader.model.corrections import (
    COUNTRY,
    KINDS,
    MERGE,
    NOT_PERSON,
    ROLE,
    SPLIT,
    Correction,
    country_name,
    name_key,
    qualified_name,
)
from dipreader.ui.widgets.reader.official_status import official_text

KIND_LABELS = {
    NOT_PERSON: "Not a person",
    ROLE: "Fix the role",
    COUNTRY: "Fix the country",
    MERGE: "Merge with another person",
    SPLIT: "Split from one: someone else of the same name",
}
VALUE_LABELS = {ROLE: "Role", COUNTRY: "Country", MERGE: "Same as", SPLIT: "Told apart by"}
ONLY_HERE_BY_DEFAULT = frozenset({ROLE, SPLIT})
"""A role is held for a time, so it is fixed in this article; the rest hold everywhere."""
MERGE_CHOICES = 6


@dataclass(frozen=True)
class CorrectionTarget:
    """What the form corrects: the official under the cursor, in which article, and the who's-who
    names it may be merged with (its own person's left out)."""

    mention: OfficialMention
    article_id: str
    article_title: str
    people: Sequence[str]
    countries: Sequence[str]


class CorrectionScreen(ModalScreen[Correction | None]):
    """Dismisses with the correction made, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    DEFAULT_CSS = """
    CorrectionScreen {
        align: center middle;
    }
    CorrectionScreen > Vertical {
        width: 80;
        max-width: 95%;
        height: auto;
        max-height: 100%;
        overflow-y: auto;
        border: thick $accent;
        background: $panel;
        padding: 0 1;
    }
    CorrectionScreen #correction-official {
        text-style: bold;
        padding: 0 0 1 0;
    }
    CorrectionScreen RadioSet {
        width: 100%;
    }
    CorrectionScreen #correction-value-row {
        height: 3;
    }
    CorrectionScreen #correction-value-label {
        width: 15;
        padding: 1 0 0 0;
    }
    CorrectionScreen #correction-value {
        width: 1fr;
    }
    CorrectionScreen #correction-people {
        height: auto;
        max-height: 6;
        margin-left: 15;
    }
    CorrectionScreen #correction-preview {
        color: $text-muted;
        height: auto;
    }
    CorrectionScreen #correction-error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    CorrectionScreen #correction-buttons {
        height: auto;
        align-horizontal: right;
    }
    CorrectionScreen Button {
        margin-left: 2;
    }
    """

    def __init__(self, target: CorrectionTarget) -> None:
        super().__init__()
        self.target = target
        self.kind = NOT_PERSON

    def compose(self) -> ComposeResult:
        mention = self.target.mention
        with Vertical():
            yield Label("Correct this official (ctrl+s save, esc cancel)")
            yield Static(official_text(mention), id="correction-official", markup=False)
            with RadioSet(id="correction-kind"):
                for kind in KINDS:
                    yield RadioButton(KIND_LABELS[kind], value=kind == self.kind, id=f"kind-{kind}")
            with Horizontal(id="correction-value-row"):
                yield Label("", id="correction-value-label")
                yield Input(id="correction-value")
            yield OptionList(id="correction-people")
            yield Checkbox(f"Only in this article ({self.target.article_title})", id="correction-here")
            yield Static("", id="correction-preview", markup=False)
            yield Static("", id="correction-error", markup=False)
            with Horizontal(id="correction-buttons"):
                yield Button("Save", variant="primary", id="correction-save")
                yield Button("Cancel", id="correction-cancel")

    def on_mount(self) -> None:
        self._show_kind(self.kind)
        self.query_one(RadioSet).focus()

    @on(RadioSet.Changed, "#correction-kind")
    def kind_changed(self, message: RadioSet.Changed) -> None:
        message.stop()
        button_id = message.pressed.id or ""
        self._show_kind(button_id.removeprefix("kind-"))

    def choose(self, kind: str) -> None:
        """Pick a kind of correction (as pressing its button does)."""
        self.query_one(f"#kind-{kind}", RadioButton).value = True
        self._show_kind(kind)

    def _show_kind(self, kind: str) -> None:
        self.kind = kind
        mention = self.target.mention
        row = self.query_one("#correction-value-row")
        row.display = kind != NOT_PERSON
        value = self.query_one("#correction-value", Input)
        self.query_one("#correction-value-label", Label).update(VALUE_LABELS.get(kind, ""))
        prefill = {
            ROLE: mention.role or "",
            COUNTRY: mention.country or "",
            MERGE: "",
            SPLIT: mention.country or mention.role or "",
        }
        value.value = prefill.get(kind, "")
        value.placeholder = {
            ROLE: "the role as it should read",
            COUNTRY: "the country this official serves",
            MERGE: "a name from the who's who",
            SPLIT: "a word that tells this one apart: a country, a post",
        }.get(kind, "")
        suggestions = {COUNTRY: self.target.countries, MERGE: self.target.people}.get(kind, ())
        value.suggester = SuggestFromList(suggestions, case_sensitive=False) if suggestions else None
        here = self.query_one("#correction-here", Checkbox)
        here.value = kind in ONLY_HERE_BY_DEFAULT
        here.disabled = kind == SPLIT
        self._show_people(value.value if kind == MERGE else None)
        self.query_one("#correction-error", Static).update("")
        self._preview()

    def _preview(self) -> None:
        made = self.correction()
        text = f"Saves: {made.describe()}" if isinstance(made, Correction) else ""
        self.query_one("#correction-preview", Static).update(text)

    def _show_people(self, typed: str | None) -> None:
        people = self.query_one("#correction-people", OptionList)
        people.display = typed is not None
        if typed is None:
            return
        needle = typed.casefold().strip()
        matching = [name for name in self.target.people if needle in name.casefold()][:MERGE_CHOICES]
        people.clear_options()
        people.add_options(matching)

    @on(Input.Changed, "#correction-value")
    def value_changed(self, message: Input.Changed) -> None:
        message.stop()
        if self.kind == MERGE:
            self._show_people(message.value)
        self._preview()

    @on(Checkbox.Changed, "#correction-here")
    def scope_changed(self, message: Checkbox.Changed) -> None:
        message.stop()
        self._preview()

    @on(OptionList.OptionSelected, "#correction-people")
    def person_picked(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        value = self.query_one("#correction-value", Input)
        value.value = str(message.option.prompt)
        value.focus()

    @on(Input.Submitted, "#correction-value")
    def value_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.action_save()

    @on(Button.Pressed, "#correction-save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#correction-cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    def correction(self) -> Correction | str:
        """The correction the form says, or why it cannot be made yet."""
        target, kind = self.target, self.kind
        typed = " ".join(self.query_one("#correction-value", Input).value.split())
        article = target.article_id if self.query_one("#correction-here", Checkbox).value else None
        name = target.mention.name
        if kind == NOT_PERSON:
            return Correction(NOT_PERSON, name, article)
        if not typed:
            return f"{VALUE_LABELS[kind]}: write something first"
        if kind == MERGE:
            chosen = next((person for person in target.people if name_key(person) == name_key(typed)), None)
            if chosen is None:
                return f"{typed} is not in the who's who: pick one of the names listed"
            typed = chosen
        if kind == COUNTRY:
            typed = country_name(typed)
        if kind == SPLIT:
            typed = qualified_name(name, typed)
            article = target.article_id
        try:
            return Correction(kind, name, article, typed)
        except ValueError as error:
            return str(error)

    def action_save(self) -> None:
        made = self.correction()
        if isinstance(made, str):
            self.query_one("#correction-error", Static).update(made)
            return
        self.dismiss(made)

    def action_cancel(self) -> None:
        self.dismiss(None)
