"""The sidebar: every article with its date, source and an unread mark, drawn virtually; the reports
of one story shown once, with their count, and unfolded on demand."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType

from dipreader.core.date_format import format_partial_date
from dipreader.model.article import ArticleMeta
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.virtual_list import VirtualList

UNREAD_MARK = "●"
FOLDED_MARK = "▸"
UNFOLDED_MARK = "▾"
MEMBER_MARK = "└"


class _Row(NamedTuple):
    """A sidebar row: an article, its story, the story's number of reports shown, and whether the
    row is one of the other reports under the story's first row."""

    meta: ArticleMeta
    story: str
    reports: int
    member: bool


class ArticleList(VirtualList):
    """Articles two lines each (title; date and source), filtered by read state or by a set of ids.

    Articles of one story (see `set_stories`) take one row, the newest report's, with the number of
    reports; right (or l) unfolds the others under it, left (or h) folds them again.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l", "unfold", "Show the story's other reports", show=False, id="unfold"),
        Binding("left,h", "fold", "Fold the story's reports", show=False, id="fold"),
    ]

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
        self._rows: list[_Row] = []
        self._count = 0
        self._stories: Mapping[str, str] = {}
        self._unfolded: set[str] = set()
        self._read: set[str] = set()
        self.unread_only = False
        self.only_ids: frozenset[str] | None = None
        self.only_label: str | None = None
        self.date_format: str | None = None
        """How dates are shown (`dipreader.core.date_format`); None: each date's own label."""

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
        """The article of every row, top to bottom."""
        return self._shown

    @property
    def article_count(self) -> int:
        """Articles that pass the filters, a story's folded reports included."""
        return self._count

    def reports_of(self, article_id: str) -> int:
        """How many shown articles report this article's story (1 when it stands alone)."""
        story = self._stories.get(article_id, article_id)
        return next((row.reports for row in self._rows if row.story == story), 1)

    def set_stories(self, stories: Mapping[str, str]) -> None:
        """Article id -> story key; articles with one key are shown as one story."""
        self._stories = stories
        self._apply_filter(self.highlighted.id if self.highlighted else None)

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

    def set_read_many(self, article_ids: Collection[str], read: bool) -> None:
        if read:
            self._read.update(article_ids)
        else:
            self._read.difference_update(article_ids)
        self._apply_filter(self.highlighted.id if self.highlighted else None)

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
        """Put the cursor on this article, unfolding its story if it is folded away."""
        for _attempt in range(2):
            for index, meta in enumerate(self._shown):
                if meta.id == article_id:
                    self.cursor = index
                    return True
            story = self._stories.get(article_id)
            if story is None or story in self._unfolded:
                return False
            self._unfolded.add(story)
            self._apply_filter(None)
        return False

    def action_unfold(self) -> None:
        row = self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None
        if row is not None and row.reports > 1 and row.story not in self._unfolded:
            self._unfolded.add(row.story)
            self._apply_filter(row.meta.id)

    def action_fold(self) -> None:
        row = self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None
        if row is None or row.story not in self._unfolded:
            return
        self._unfolded.discard(row.story)
        first = next(other.meta.id for other in self._rows if other.story == row.story and not other.member)
        self._apply_filter(first)

    def _apply_filter(self, keep_id: str | None) -> None:
        shown = self._all
        if self.unread_only:
            shown = [meta for meta in shown if meta.id not in self._read]
        if self.only_ids is not None:
            shown = [meta for meta in shown if meta.id in self.only_ids]
        self._count = len(shown)
        self._rows = self._story_rows(shown)
        self._shown = [row.meta for row in self._rows]
        self.refresh_rows()
        if keep_id is None or not self.select_id(keep_id):
            self.cursor = min(self.cursor, max(0, len(self._shown) - 1))

    def _story_rows(self, metas: Sequence[ArticleMeta]) -> list[_Row]:
        """One row per story (its first article in list order), its other reports under it if unfolded."""
        if not self._stories:
            return [_Row(meta, meta.id, 1, False) for meta in metas]
        members: dict[str, list[ArticleMeta]] = {}
        for meta in metas:
            members.setdefault(self._stories.get(meta.id, meta.id), []).append(meta)
        rows: list[_Row] = []
        for story, reports in members.items():
            rows.append(_Row(reports[0], story, len(reports), False))
            if len(reports) > 1 and story in self._unfolded:
                rows.extend(_Row(meta, story, len(reports), True) for meta in reports[1:])
        return rows

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        row = self._rows[index]
        meta = row.meta
        indent = "   " if row.member else ""
        if line == 0:
            unread = meta.id not in self._read
            mark = UNREAD_MARK if unread else " "
            accent = self.get_component_rich_style("virtual-list--accent")
            title_style = base + Style(bold=True) if unread else base
            lead = f"{indent}{MEMBER_MARK}{mark} " if row.member else f" {mark} "
            return [
                Segment(lead, base + accent if unread else base),
                Segment(fit(meta.title, width - len(lead)), title_style),
            ]
        if meta.date is None:
            date = "undated"
        else:
            date = format_partial_date(self.date_format, meta.date) if self.date_format else meta.date.label()
        reports = ""
        if row.reports > 1 and not row.member:
            folded = UNFOLDED_MARK if row.story in self._unfolded else FOLDED_MARK
            reports = f"{row.reports} reports {folded}"
        details = " · ".join(part for part in (date, reports, meta.source) if part)
        dim = self.get_component_rich_style("virtual-list--dim")
        pad = indent + "   "
        return [Segment(pad + fit(details, width - len(pad)), base + dim)]
