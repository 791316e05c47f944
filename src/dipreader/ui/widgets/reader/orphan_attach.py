"""Re-attaching an orphan note in the reader: the Notes tab hands one over, the next passage the user
notes with `a` becomes its anchor (in its own article or another), escape gives up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.scroll_view import ScrollView

from dipreader.core.annotations import reattach_annotation
from dipreader.model.anchoring import Annotation
from dipreader.store import StoreError

if TYPE_CHECKING:
    from dipreader.model.article import Article
    from dipreader.store import Store

Passage = tuple[int, int]


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class OrphanAttachMixin(ScrollView):
    """The reader's side of re-attaching: `begin_attach`, then `attach_to` from the annotate key."""

    attaching: Annotation | None = None
    """The orphan waiting for a passage (kept while the user opens other articles)."""

    if TYPE_CHECKING:
        article: Article | None
        store: Store | None
        annotations: list[Annotation]
        orphans: list[Annotation]

        def _insert(self, ann: Annotation) -> None: ...
        def _status(self, text: str) -> None: ...
        def _after_change(self, message: str) -> None: ...

    def attach_hint(self) -> str:
        ann = self.attaching
        what = f"“{_short(ann.note, 40)}”" if ann is not None and ann.note else "the highlight"
        return (
            f"Re-attaching {what}: select its passage with v (j/k extend), then a attaches it; esc gives up"
        )

    def begin_attach(self, orphan: Annotation) -> None:
        self.attaching = orphan
        self._status(self.attach_hint())

    def cancel_attach(self) -> bool:
        """Give up re-attaching (escape); False when nothing was waiting."""
        if self.attaching is None:
            return False
        self.attaching = None
        self._status("Re-attaching cancelled: the note stays under Orphans in the Notes tab")
        return True

    def attach_to(self, passage: Passage) -> None:
        """Make the chosen passage of the open article the waiting orphan's anchor."""
        orphan, article, store = self.attaching, self.article, self.store
        if orphan is None or article is None or store is None:
            return
        try:
            placed = reattach_annotation(store, orphan.id, article, *passage)
        except (StoreError, ValueError) as error:
            self.app.notify(str(error), title="Not re-attached", severity="error", timeout=15)
            return
        self.attaching = None
        self.orphans = [ann for ann in self.orphans if ann.id != placed.id]
        self._insert(placed)
        self._after_change(f"Re-attached the note to “{_short(placed.exact, 40)}”")
