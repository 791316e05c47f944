"""The sidebar: every article with its date, source and an unread mark, drawn virtually."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style

from dipreader.model.article import ArticleMeta
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.virtual_list import VirtualList

UNREAD_MARK = "●"


class ArticleList(VirtualList):
    """Articles two lines each (title; date and source), filtered by read state or by a set of ids."""

    row_height: ClassVar[int] = 2

    DEFAULT_CSS = """
    ArticleList {
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._all: list[ArticleMeta] = []
        self._shown: list[ArticleMeta] = []
        self._read: set[str] = set()
        self.unread_only = False
        self.only_ids: frozenset[str] | None = None
        self.only_label: str | None = None

    def row_count(self) -> int:
        return len(self._shown)

    def empty_message(self) -> str:
        if not self._all:
            return "No articles yet."
        if self.unread_only:
            return "No unread articles (u shows all)."
        return "No articles match."

    @property
    def shown(self) -> Sequence[ArticleMeta]:
        return self._shown

    @property
    def highlighted(self) -> ArticleMeta | None:
        if 0 <= self.cursor < len(self._shown):
            return self._shown[self.cursor]
        return None

    def set_articles(self, metas: Sequence[ArticleMeta], read: Collection[str]) -> None:
        keep = self.highlighted.id if self.highlighted else None
        self._all = list(metas)
        self._read = set(read)
        self._apply_filter(keep)

    def set_read(self, article_id: str, read: bool) -> None:
        if read:
            self._read.add(article_id)
        else:
            self._read.discard(article_id)
        if self.unread_only:
            self._apply_filter(self.highlighted.id if self.highlighted else None)
        else:
            self.refresh()

    def is_read(self, article_id: str) -> bool:
        return article_id in self._read

    def set_unread_only(self, unread_only: bool) -> None:
        self.unread_only = unread_only
        self._apply_filter(self.highlighted.id if self.highlighted else None)

    def set_only(self, ids: Collection[str] | None, label: str | None = None) -> None:
        """Show only these article ids (None shows all again)."""
        self.only_ids = frozenset(ids) if ids is not None else None
        self.only_label = label if ids is not None else None
        self._apply_filter(self.highlighted.id if self.highlighted else None)

    def select_id(self, article_id: str) -> bool:
        for index, meta in enumerate(self._shown):
            if meta.id == article_id:
                self.cursor = index
                return True
        return False

    def _apply_filter(self, keep_id: str | None) -> None:
        shown = self._all
        if self.unread_only:
            shown = [meta for meta in shown if meta.id not in self._read]
        if self.only_ids is not None:
            shown = [meta for meta in shown if meta.id in self.only_ids]
        self._shown = list(shown)
        self.refresh_rows()
        if keep_id is None or not self.select_id(keep_id):
            self.cursor = min(self.cursor, max(0, len(self._shown) - 1))

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        meta = self._shown[index]
        if line == 0:
            unread = meta.id not in self._read
            mark = UNREAD_MARK if unread else " "
            accent = self.get_component_rich_style("virtual-list--accent")
            title_style = base + Style(bold=True) if unread else base
            return [
                Segment(f" {mark} ", base + accent if unread else base),
                Segment(fit(meta.title, width - 3), title_style),
            ]
        date = meta.date.label() if meta.date else "undated"
        details = " · ".join(part for part in (date, meta.source) if part)
        dim = self.get_component_rich_style("virtual-list--dim")
        return [Segment("   " + fit(details, width - 3), base + dim)]
