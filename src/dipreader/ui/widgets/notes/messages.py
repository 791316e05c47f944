"""What the Notes tab asks of the main screen: attach an orphan in the reader, show changed notes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from dipreader.model.anchoring import Annotation


@dataclass
class AttachOrphan(Message):
    """Open the orphan's article in the reader, where the next passage noted (v … a) becomes its anchor."""

    annotation: Annotation


@dataclass
class NotesChanged(Message):
    """Notes of these articles were edited, deleted or restored in the Notes tab (the reader redraws them)."""

    article_ids: frozenset[str]
