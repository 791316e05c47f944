"""The reader's entity cursor: ] and [ between the highlighted officials and sectors, enter on one,
and what the status line says about the cursor (the mention, n of N, or the note under it)."""

from __future__ import annotations

import bisect
import operator
from typing import TYPE_CHECKING, ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message

from dipreader.model.article import Entities, OfficialMention, SectorMention
from dipreader.ui.messages import ShowPerson, Status
from dipreader.ui.widgets.reader.cursor_status import Wrapped, describe_annotation, describe_mention
from dipreader.ui.widgets.reader.selection import ReaderSelectionMixin

Mention = OfficialMention | SectorMention
_START = operator.attrgetter("start")
_START_END = operator.attrgetter("start", "end")


class EntityCursor(ReaderSelectionMixin):
    """Mixed into ArticleReader: the entity cursor over the reading cursor and the annotations."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right_square_bracket",
            "next_entity",
            "Next highlighted official or sector (n of N)",
            show=False,
            id="next_entity",
        ),
        Binding(
            "left_square_bracket",
            "previous_entity",
            "Previous highlighted official or sector",
            show=False,
            id="previous_entity",
        ),
        Binding(
            "enter",
            "open_entity",
            "On an official: the who's who entry; on a sector: its passages",
            show=False,
            id="show_person",
        ),
    ]

    if TYPE_CHECKING:
        entities: Entities | None
        show_officials: bool
        show_sectors: bool

    entity_index: int | None = None

    class EntityFocused(Message):
        """The entity cursor moved onto a mention. Handle with `@on(ArticleReader.EntityFocused)`."""

        def __init__(self, reader: EntityCursor, mention: Mention | None) -> None:
            super().__init__()
            self.reader = reader
            self.mention = mention

        @property
        def control(self) -> EntityCursor:
            return self.reader

    class CursorDescribed(Message):
        """What the cursor is on changed: `text` for the status line ("" when it is on nothing to
        describe), and the `previous` text, which the status line drops if it still shows it."""

        def __init__(self, reader: EntityCursor, text: str, previous: str) -> None:
            super().__init__()
            self.reader = reader
            self.text = text
            self.previous = previous

        @property
        def control(self) -> EntityCursor:
            return self.reader

    class SectorChosen(Message):
        """Enter on a highlighted sector: list that sector's passages."""

        def __init__(self, reader: EntityCursor, sector: str) -> None:
            super().__init__()
            self.reader = reader
            self.sector = sector

        @property
        def control(self) -> EntityCursor:
            return self.reader

    _mentions_kept: tuple[tuple[Entities, bool, bool], list[Mention]] | None = None
    """The mentions in text order, and the entities and toggles they were sorted for."""

    def mentions(self) -> list[Mention]:
        """Visible entity mentions in text order (what ] and [ move between)."""
        if self.entities is None:
            return []
        key = (self.entities, self.show_officials, self.show_sectors)
        kept = self._mentions_kept
        if kept is not None and kept[0][0] is key[0] and kept[0][1:] == key[1:]:
            return list(kept[1])
        found: list[Mention] = []
        if self.show_officials:
            found.extend(self.entities.officials)
        if self.show_sectors:
            found.extend(self.entities.sectors)
        ordered = sorted(found, key=_START_END)
        self._mentions_kept = (key, ordered)  # one long article has tens of thousands
        return list(ordered)

    def current_mention(self) -> Mention | None:
        if self.entity_index is None:
            return None
        mentions = self.mentions()
        if not 0 <= self.entity_index < len(mentions):
            return None
        return mentions[self.entity_index]

    def _move_entity(self, delta: int) -> None:
        """Onto the next (or previous) highlighted mention; the reading cursor goes to its sentence."""
        mentions = self.mentions()
        if not mentions:
            self.app.bell()
            self.post_message(Status("No official or sector is highlighted in this article"))
            return
        wrapped: Wrapped = None
        if self.entity_index is None:
            sentence = self.reading.sentence()
            here = sentence[0] if sentence is not None else self.current_offset()
            first_ahead = bisect.bisect_left(mentions, here, key=_START)  # in text order
            if delta > 0:
                ahead = first_ahead < len(mentions)
                index = first_ahead if ahead else 0
                wrapped = None if ahead else "first"
            else:
                behind = first_ahead > 0
                index = first_ahead - 1 if behind else len(mentions) - 1
                wrapped = None if behind else "last"
        else:
            index = self.entity_index + delta
            if index >= len(mentions):
                wrapped = "first"
            elif index < 0:
                wrapped = "last"
            index %= len(mentions)
        self.entity_index = index
        mention = mentions[index]
        self.reading.place_at(mention.start)
        self.rerender()
        self.scroll_to_offset(mention.start, center=True)
        self.post_message(self.EntityFocused(self, mention))
        self.describe_cursor(wrapped)

    def cursor_moved(self) -> None:
        """The reading cursor moved: off the sentence of the highlighted mention, that mention is
        left; the status line follows."""
        mention = self.current_mention()
        sentence = self.reading.sentence()
        if mention is not None and (
            sentence is None or not (sentence[0] <= mention.start < max(sentence[1], sentence[0] + 1))
        ):
            self.entity_index = None
            self.rerender()
            self.post_message(self.EntityFocused(self, None))
        self.describe_cursor()

    def cursor_description(self, wrapped: Wrapped = None) -> str:
        """The status line for the cursor: the colour prompt, the selection's keys or what
        re-attaching an orphan waits for, else the highlighted mention (n of N), else the note under
        the reading cursor, else nothing."""
        if self.picking_colour is not None:
            return self.colour_prompt()
        if self.reading.selecting:
            return self.selecting_hint()
        if self.attaching is not None:
            return self.attach_hint()
        mention = self.current_mention()
        if mention is not None and self.entity_index is not None:
            return describe_mention(mention, self.entity_index + 1, len(self.mentions()), wrapped)
        annotation = self.annotation_under_cursor()
        return describe_annotation(annotation) if annotation is not None else ""

    def describe_cursor(self, wrapped: Wrapped = None) -> None:
        """Tell the status line what the cursor is on, when that changed (or ] / [ went round)."""
        text = self.cursor_description(wrapped)
        if text == self.described and wrapped is None:
            return
        previous, self.described = self.described, text
        self.post_message(self.CursorDescribed(self, text, previous))

    def action_next_entity(self) -> None:
        self._move_entity(1)

    def action_previous_entity(self) -> None:
        self._move_entity(-1)

    def action_open_entity(self) -> None:
        """Enter: the who's-who entry of the official under the entity cursor, or the passages of
        the sector."""
        mention = self.current_mention()
        if isinstance(mention, OfficialMention):
            self.post_message(ShowPerson(mention.name))
        elif isinstance(mention, SectorMention):
            self.post_message(self.SectorChosen(self, mention.sector))
        elif self.article is not None:
            self.post_message(Status("] and [ move onto an official or a sector; enter then opens it"))
        else:
            raise SkipAction()
