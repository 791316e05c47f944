"""Reading cursor, keyboard and mouse selection, and annotation overlays for the article reader."""

from __future__ import annotations

import bisect
import operator
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType

from dipreader.core.annotations import delete_annotation, edit_annotation, save_annotation
from dipreader.extract.text.sentences import sentence_spans
from dipreader.model.anchoring import HIGHLIGHT_COLORS, Annotation, make_annotation
from dipreader.model.article import Article
from dipreader.store import Store, StoreError
from dipreader.ui.messages import Status
from dipreader.ui.widgets.common.highlight_palette import CURSOR_SENTENCE, SELECTION, note_class
from dipreader.ui.widgets.reader.highlight import Highlighter
from dipreader.ui.widgets.reader.layout import GUTTER
from dipreader.ui.widgets.reader.notes_window import NotesWindowMixin

if TYPE_CHECKING:
    from textual.selection import Selection

    from dipreader.ui.screens.note_editor import NoteDraft

Passage = tuple[int, int]
SELECTING_HINT = "Selecting: j/k extend, a note, h highlight, esc cancel"
ATTACH_SELECTING_HINT = "Selecting: j/k extend, a attaches the orphan note here, esc cancel"
StyledSpan = tuple[int, int, Style]


def short_quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


SENTENCE_WINDOW = 20_000
"""Characters of a long body whose sentences the cursor finds at a time, where it goes."""
SENTENCE_CONTEXT = 3_000
"""Characters read on each side of a window, so that its breaks are the whole body's (a break
depends on the few words around it; a run cut into pieces, on at most 1,000 characters before)."""


class ReadingCursor:
    """A cursor on one sentence of a body, and an optional selection anchored at another sentence.

    `sentences` lists the sentences of one stretch of the body, those of all of it when it is
    short; on a long body the stretch grows a window at a time as the cursor moves past its ends,
    and is found afresh where the cursor is put far from it, so no move costs the whole body.
    """

    def __init__(self) -> None:
        self.sentences: list[Passage] = []
        self.index = 0
        self.anchor: int | None = None
        self._body = ""
        self._low = self._high = 0  # the stretch `sentences` covers, from a sentence's start

    def reset(self, body: str) -> None:
        self._body = body
        self.index = 0
        self.anchor = None
        if len(body) <= 2 * SENTENCE_WINDOW:
            self.sentences = sentence_spans(body) if body else []
            self._low, self._high = 0, len(body)
        else:
            self.sentences = []
            self._low = self._high = 0
            self._grow_forward()

    @property
    def selecting(self) -> bool:
        return self.anchor is not None

    def sentence(self) -> Passage | None:
        return self.sentences[self.index] if self.sentences else None

    def _spans_in(self, start: int, end: int) -> list[Passage]:
        """The body's sentences that start at or after `start` and end by `end`, read with
        `SENTENCE_CONTEXT` around them (from the body's start or to its end, all of them)."""
        body = self._body
        first, last = max(0, start - SENTENCE_CONTEXT), min(len(body), end + SENTENCE_CONTEXT)
        found = [(first + a, first + b) for a, b in sentence_spans(body[first:last])]
        if start > 0:
            found = [span for span in found if span[0] >= start]
        if end < len(body):
            found = [span for span in found if span[1] <= end]
        return found

    def _grow_forward(self) -> None:
        """List the sentences of the next window after the stretch (more if it holds none)."""
        size, found = SENTENCE_WINDOW, []
        while True:
            end = min(len(self._body), self._high + size)
            found = self._spans_in(self._high, end)
            if found or end >= len(self._body):
                break
            size *= 2
        self.sentences.extend(found)
        self._high = found[-1][1] if found and end < len(self._body) else end

    def _grow_backward(self) -> None:
        """List the sentences of the window before the stretch (more if it holds none)."""
        size, found = SENTENCE_WINDOW, []
        while True:
            start = max(0, self._low - size)
            found = self._spans_in(start, self._low)
            if found or start <= 0:
                break
            size *= 2
        self.sentences[:0] = found
        self.index += len(found)
        if self.anchor is not None:
            self.anchor += len(found)
        self._low = found[0][0] if found and start > 0 else start

    def _cover(self, offset: int) -> None:
        """List the sentences around `offset`: the one holding it, else the next one."""
        body = self._body
        far = 4 * SENTENCE_WINDOW
        if self.anchor is None and (offset < self._low - far or offset >= self._high + far):
            # Far from the stretch listed: a new stretch, from a sentence before `offset`.
            self._high = max(0, offset - SENTENCE_WINDOW // 2)
            self.sentences, self.index = [], 0
            self._grow_forward()
            self._low = self.sentences[0][0] if self.sentences else self._high
        while self._low > 0 and self._low > offset:
            self._grow_backward()
        while self._high < len(body) and (not self.sentences or self.sentences[-1][1] <= offset):
            self._grow_forward()

    def index_at(self, offset: int) -> int:
        """The sentence holding `offset`, else the next one (the last one past the end)."""
        self._cover(offset)
        if not self.sentences:
            return 0
        found = bisect.bisect_right(self.sentences, offset, key=_END)
        return min(found, len(self.sentences) - 1)

    def place_at(self, offset: int) -> bool:
        """Move onto the sentence at `offset`; True if the cursor moved."""
        before = self.sentence()
        self.index = self.index_at(offset)
        return self.sentence() != before

    def move(self, delta: int) -> bool:
        if delta > 0:
            while self.index + delta >= len(self.sentences) and self._high < len(self._body):
                self._grow_forward()
        elif delta < 0:
            while self.index + delta < 0 and self._low > 0:
                self._grow_backward()
        if not self.sentences:
            return False
        index = max(0, min(self.index + delta, len(self.sentences) - 1))
        moved = index != self.index
        self.index = index
        return moved

    def start_selection(self) -> None:
        self.anchor = self.index

    def cancel(self) -> None:
        self.anchor = None

    def selection(self) -> Passage | None:
        """The selected passage: from the anchor sentence to the cursor sentence, either way."""
        if self.anchor is None or not self.sentences:
            return None
        low, high = sorted((self.anchor, self.index))
        return self.sentences[low][0], self.sentences[high][1]


_END = operator.itemgetter(1)


class ReaderSelectionMixin(NotesWindowMixin):
    """Adds the reading cursor, selection and annotations to the reader (mixed into ArticleReader)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "J,right_parenthesis",
            "next_sentence",
            "Next sentence (reading cursor)",
            show=False,
            id="next_sentence",
        ),
        Binding(
            "K,left_parenthesis", "previous_sentence", "Previous sentence", show=False, id="previous_sentence"
        ),
        Binding("v", "start_selection", "Select passage (j/k extend)", show=False, id="start_selection"),
        Binding("a", "annotate", "Note on selection", id="annotate"),
        Binding("h", "highlight", "Highlight (then a colour key)", show=False, id="highlight"),
        Binding("1", "pick_colour(0)", "Highlight yellow", show=False, id="pick_colour_1"),
        Binding("2", "pick_colour(1)", "Highlight green", show=False, id="pick_colour_2"),
        Binding("3", "pick_colour(2)", "Highlight blue", show=False, id="pick_colour_3"),
        Binding("4", "pick_colour(3)", "Highlight pink", show=False, id="pick_colour_4"),
        Binding("e", "edit_annotation", "Edit note under cursor", show=False, id="edit_annotation"),
        Binding(
            "x,delete", "delete_annotation", "Delete note under cursor", show=False, id="delete_annotation"
        ),
        Binding("escape", "cancel_selection", "Cancel selection", show=False, id="cancel_selection"),
        Binding("c,y", "copy_quote", "Copy with citation", id="copy_quote"),
    ]

    FOLLOW_UPS: ClassVar[dict[str, tuple[str, ...]]] = {
        "highlight": ("pick_colour_1", "pick_colour_2", "pick_colour_3", "pick_colour_4"),
    }
    """Binding ids that act only right after another (the colour keys after h; otherwise 1-4
    switch tabs): the help lists them after it (`key_scopes.follow_ups`)."""

    if TYPE_CHECKING:
        article: Article | None

        def rerender(self) -> None: ...
        def offset_to_y(self, offset: int) -> int | None: ...
        def scroll_to_offset(self, offset: int, *, center: bool = False) -> None: ...
        def current_offset(self) -> int: ...
        def offset_at(self, y: int, x: int = 0) -> int | None: ...
        def passage_of(self, selection: Selection) -> tuple[int, int] | None: ...
        def cursor_moved(self) -> None: ...

    def init_selection(self) -> None:
        self.reading = ReadingCursor()
        self.annotations: list[Annotation] = []
        self.orphans: list[Annotation] = []
        self.notes_window: Passage | None = None
        """The stretch of the body whose notes `annotations` holds (None: none read)."""
        self._placing = 0
        self.picking_colour: Passage | None = None
        self.last_colour = HIGHLIGHT_COLORS[0]
        self.highlighter = Highlighter()

    # state shared with the reader

    store: Store | None

    described = ""
    """What the reader last put in the status line ("" when nothing): the next move of the cursor
    replaces it, or drops it when the cursor is then on nothing to describe."""

    def _status(self, text: str) -> None:
        self.post_message(Status(text))
        self.described = text

    def colour_prompt(self) -> str:
        """The status line while `h` waits for a colour key."""
        names = "  ".join(f"{n} {colour}" for n, colour in enumerate(HIGHLIGHT_COLORS, start=1))
        return f"Highlight colour: {names}   (h again: {self.last_colour}, esc: cancel)"

    def component_overlay(self, component: str) -> Style:
        """The style of one of the highlight component classes, to lay over the text."""
        return self.highlighter.style(component)

    def selection_spans(self) -> tuple[list[StyledSpan], list[StyledSpan]]:
        """(annotation backgrounds, cursor and selection marks): the first go under the entities."""
        under = [(a.start, a.end, self.component_overlay(note_class(a.color))) for a in self.annotations]
        over: list[StyledSpan] = []
        selection = self.reading.selection()
        if selection is not None:
            over.append((*selection, self.component_overlay(SELECTION)))
        sentence = self.reading.sentence()
        if sentence is not None and selection is None and self.has_focus:
            over.append((*sentence, self.component_overlay(CURSOR_SENTENCE)))
        return under, over

    def annotated_ranges(self) -> list[Passage]:
        return [(ann.start, ann.end) for ann in self.annotations]

    def on_focus(self) -> None:
        self.rerender()

    def on_blur(self) -> None:
        self.rerender()

    # the reading cursor follows scrolling, and scrolling follows the cursor

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._follow_notes_window()
        if self.reading.selecting or self.article is None:
            return
        if not self._cursor_visible():
            top = self.current_offset()
            if self.reading.place_at(top):
                self.rerender()
                self.cursor_moved()

    def _cursor_visible(self) -> bool:
        sentence = self.reading.sentence()
        if sentence is None:
            return True
        y_start, y_end = self.offset_to_y(sentence[0]), self.offset_to_y(sentence[1] - 1)
        if y_start is None or y_end is None:
            return True
        top = int(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        return y_end >= top and y_start < bottom

    def _move_reading(self, delta: int) -> None:
        if not self.reading.move(delta):
            self.app.bell()
            return
        self.rerender()
        if not self._cursor_visible():
            sentence = self.reading.sentence()
            if sentence is not None:
                self.scroll_to_offset(sentence[0] if delta < 0 else sentence[1] - 1, center=True)
        self.cursor_moved()

    def place_reading_cursor(self, offset: int) -> None:
        self.reading.cancel()
        self.reading.place_at(offset)
        self.rerender()
        self.cursor_moved()

    def on_click(self, event: events.Click) -> None:
        """A click on the text puts the reading cursor on that sentence."""

        where = event.get_content_offset(self)
        if where is None or self.article is None:
            return
        offset = self.offset_at(int(self.scroll_y) + where.y, where.x - GUTTER)
        if offset is None:
            return
        self.reading.cancel()
        self.place_reading_cursor(min(offset, max(0, len(self.article.body) - 1)))

    def action_scroll_down(self) -> None:
        if self.reading.selecting:
            self._move_reading(1)
        else:
            super().action_scroll_down()

    def action_scroll_up(self) -> None:
        if self.reading.selecting:
            self._move_reading(-1)
        else:
            super().action_scroll_up()

    def action_next_sentence(self) -> None:
        self._move_reading(1)

    def action_previous_sentence(self) -> None:
        self._move_reading(-1)

    # selection

    def action_start_selection(self) -> None:
        if self.article is None:
            raise SkipAction()
        if self.reading.selecting:
            self.reading.cancel()
            self._status("Selection cancelled")
        else:
            self.reading.start_selection()
            self._status(self.selecting_hint())
        self.rerender()

    def selecting_hint(self) -> str:
        return ATTACH_SELECTING_HINT if self.attaching is not None else SELECTING_HINT

    def action_cancel_selection(self) -> None:
        if self.picking_colour is not None:
            self.picking_colour = None
            self._status("Highlight cancelled")
        elif self.reading.selecting:
            self.reading.cancel()
            self._status("Selection cancelled")
            self.rerender()
        elif not self.cancel_attach():
            raise SkipAction()

    def mouse_selection(self) -> Passage | None:
        """Body offsets of text selected with the mouse in this reader, if any."""
        selection = self.text_selection
        return None if selection is None else self.passage_of(selection)

    def _chosen_passage(self) -> Passage | None:
        """What `a` and `h` act on: the keyboard selection, a mouse selection, or the cursor sentence."""
        chosen = self.reading.selection() or self.mouse_selection() or self.reading.sentence()
        if chosen is None or self.article is None:
            return None
        start, end = chosen
        body = self.article.body
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def _after_change(self, message: str) -> None:
        self.reading.cancel()
        self.screen.clear_selection()
        self.rerender()
        self._status(message)

    def action_copy_quote(self) -> None:
        """The selection, a mouse selection or the cursor sentence, quoted with a citation line."""
        if self.article is None:
            raise SkipAction()
        from dipreader.core.citation import quote_with_citation

        passage = self._chosen_passage()
        quote = self.article.body[passage[0] : passage[1]] if passage else ""
        text = quote_with_citation(quote, self.article.meta)
        self.app.copy_to_clipboard(text)
        self.reading.cancel()
        self.rerender()
        self._status(f"Copied: {short_quote(text, 100)}")

    # annotating

    def action_annotate(self) -> None:
        if self.article is None:
            raise SkipAction()
        passage = self._chosen_passage()
        if passage is None or self.store is None:
            self._status("Nothing to annotate" if passage is None else "Notes cannot be saved: no state file")
            return
        if self.attaching is not None:
            self.attach_to(passage)
            return
        article = self.article
        quote = article.body[passage[0] : passage[1]]

        from dipreader.ui.screens.note_editor import NoteEditor

        def save(draft: NoteDraft) -> Annotation:
            assert self.store is not None
            ann = make_annotation(
                article.id,
                article.body,
                article.meta.content_hash,
                *passage,
                note=draft.note,
                color=draft.color,
                tags=draft.tags,
            )
            return save_annotation(self.store, ann)

        def saved(ann: Annotation | None) -> None:
            if ann is None:
                # Cancelled as a whole: the selection goes too, so that the next v starts a new one.
                self.reading.cancel()
                self.screen.clear_selection()
                self.rerender()
                self._status("Note not saved (cancelled); selection cleared — v starts a new one")
                return
            self._insert(ann)
            self._after_change(f"Note saved on “{short_quote(quote, 40)}”")

        self.app.push_screen(NoteEditor(quote, save, color=self.last_colour), saved)

    def action_highlight(self) -> None:
        if self.article is None:
            raise SkipAction()
        if self.picking_colour is not None:
            self.action_pick_colour(-1)
            return
        passage = self._chosen_passage()
        if passage is None:
            self._status("Nothing to highlight")
            return
        self.picking_colour = passage
        self._status(self.colour_prompt())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_colour":
            # Otherwise 1-4 fall through to the app's tab keys.
            return self.picking_colour is not None
        return super().check_action(action, parameters)

    def action_pick_colour(self, index: int) -> None:
        passage, self.picking_colour = self.picking_colour, None
        if passage is None or self.article is None or self.store is None:
            self._status("Highlight not saved: no state file" if self.store is None else "")
            return
        colour = HIGHLIGHT_COLORS[index] if 0 <= index < len(HIGHLIGHT_COLORS) else self.last_colour
        article = self.article
        try:
            ann = save_annotation(
                self.store,
                make_annotation(article.id, article.body, article.meta.content_hash, *passage, color=colour),
            )
        except StoreError as error:
            self.app.notify(str(error), title="Highlight not saved", severity="error", timeout=15)
            return
        self.last_colour = colour
        self._insert(ann)
        self._after_change(f"Highlighted in {colour} (e adds a note, x deletes)")

    def _insert(self, ann: Annotation) -> None:
        kept = [a for a in self.annotations if a.id != ann.id]
        kept.append(ann)
        self.annotations = sorted(kept, key=lambda a: (a.start, a.created))

    def annotation_under_cursor(self) -> Annotation | None:
        """The annotation overlapping the cursor sentence (the innermost one when nested)."""
        sentence = self.reading.sentence()
        if sentence is None:
            return None
        touching = [a for a in self.annotations if a.start < sentence[1] and a.end > sentence[0]]
        return min(touching, key=lambda a: a.end - a.start) if touching else None

    def action_edit_annotation(self) -> None:
        ann = self.annotation_under_cursor()
        if ann is None or self.store is None:
            self._status("No note under the cursor (J/K move it)")
            return
        store = self.store
        from dipreader.ui.screens.note_editor import NoteEditor

        def save(draft: NoteDraft) -> Annotation:
            return edit_annotation(store, ann.id, draft.note, draft.color, draft.tags)

        def saved(result: Annotation | None) -> None:
            if result is not None:
                self._insert(result)
                self._after_change("Note updated")

        editor = NoteEditor(ann.exact, save, note=ann.note, tags=ann.tags, color=ann.color)
        self.app.push_screen(editor, saved)

    def action_delete_annotation(self) -> None:
        ann = self.annotation_under_cursor()
        if ann is None or self.store is None:
            self._status("No note under the cursor (J/K move it)")
            return
        store = self.store
        kind = "note" if ann.note else "highlight"

        def answered(yes: bool | None) -> None:
            if not yes:
                self._status(f"The {kind} was kept")
                return
            try:
                delete_annotation(store, ann.id)
            except StoreError as error:
                self.app.notify(str(error), title="Not deleted", severity="error", timeout=15)
                return
            self.annotations = [a for a in self.annotations if a.id != ann.id]
            self._after_change(f"Deleted the {kind}")

        from dipreader.ui.screens.confirm import ConfirmScreen

        question = f"Delete this {kind}?\n\n“{short_quote(ann.exact, 200)}”"
        if ann.note:
            question += f"\n\n{short_quote(ann.note, 200)}"
        self.app.push_screen(ConfirmScreen(question, yes_label="Delete"), answered)
