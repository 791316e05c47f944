"""What the status line says about the reader's cursor: the highlighted entity it is on, or the note."""

from __future__ import annotations

from typing import Literal

from dipreader.model.anchoring import Annotation
from dipreader.model.article import OfficialMention, SectorMention
from dipreader.ui.widgets.reader.official_status import official_text

Wrapped = Literal["first", "last"] | None


def describe_mention(
    mention: OfficialMention | SectorMention, number: int, total: int, wrapped: Wrapped = None
) -> str:
    """`3 of 12 · Sector: energy — “gas” · enter lists its passages`; the place first, so a narrow
    status line still shows it, and whether ] or [ went round the end of the article."""
    place = f"{number} of {total}"
    if wrapped is not None:
        place += f" (wrapped to {wrapped})"
    if isinstance(mention, OfficialMention):
        what = f"{official_text(mention)} · enter: who's who"
    else:
        what = f"Sector: {mention.sector} — “{mention.surface}” · enter lists its passages"
    return f"{place} · {what}"


def describe_annotation(annotation: Annotation) -> str:
    """The note (or highlight) under the reading cursor, with the keys that act on it."""
    tags = "  ".join(f"#{tag}" for tag in annotation.tags)
    tagged = f"  {tags}" if tags else ""
    if annotation.note:
        return f"✎ {' '.join(annotation.note.split())}{tagged}   (e edit, x delete)"
    return f"Highlight ({annotation.color}){tagged}   (e add a note, x delete)"
