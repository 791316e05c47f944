"""A tab built from the whole index (chronology, who's who, notes): the main screen hands it each new one."""

from __future__ import annotations

from textual.containers import Vertical

from dipreader.core.builds import LibraryIndex


class IndexView(Vertical):
    """Subclasses build their content from the index in `show_index` (in a worker when it is long)."""

    def show_index(self, index: LibraryIndex) -> None:
        raise NotImplementedError

    def narrow_to(self, article_ids: frozenset[str] | None, label: str | None) -> None:
        """Show only what these articles report (None: everything); views that cannot narrow ignore it."""
