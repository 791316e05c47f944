"""A tab built from the whole index (chronology, who's who, notes): the main screen hands it each new one."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Vertical

from dipreader.core.builds import LibraryIndex


class IndexView(Vertical):
    """Subclasses build their content from the index in `show_index` (in a worker when it is long)."""

    shows_stored_index: ClassVar[bool] = False
    """Whether the view is also given the persisted index before the library is analysed (an
    index that is not `complete`), to show what the last session left at once."""

    def show_index(self, index: LibraryIndex) -> None:
        raise NotImplementedError

    def narrow_to(self, article_ids: frozenset[str] | None, label: str | None) -> None:
        """Show only what these articles report (None: everything); views that cannot narrow ignore it."""
