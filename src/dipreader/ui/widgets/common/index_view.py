"""A tab built from the whole index (chronology, who's who, notes): the main screen hands it each new one."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Vertical
from textual.message import Message

from dipreader.core.builds import LibraryIndex


class IndexView(Vertical):
    """Subclasses build their content from the index in `show_index` (in a worker when it is long)."""

    shows_stored_index: ClassVar[bool] = False
    """Whether the view is also given the persisted index before the library is analysed (an
    index that is not `complete`), to show what the last session left at once."""

    class Settled(Message):
        """The view has shown what it can before the library is indexed (the stored rows painted, or
        nothing stored): the main screen stops holding start-up work back for it."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.settled = not self.shows_stored_index
        """Shown what it can (see `Settled`); views without a stored index have nothing to wait for."""

    def settle(self) -> None:
        """Say once that the view has shown what it can (call after its rows are painted)."""
        if not self.settled:
            self.settled = True
            self.post_message(self.Settled())

    def show_index(self, index: LibraryIndex) -> None:
        raise NotImplementedError

    def narrow_to(self, article_ids: frozenset[str] | None, label: str | None) -> None:
        """Show only what these articles report (None: everything); views that cannot narrow ignore it."""
