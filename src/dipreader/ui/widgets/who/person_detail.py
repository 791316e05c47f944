"""The who's-who detail pane: a person's roles, spellings, company and every passage naming them."""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from dipreader.core.library import Library
from dipreader.core.people_index import MentionReader
from dipreader.model.article import Article, PartialDate
from dipreader.model.people import MentionRef, Person, RoleRecord
from dipreader.ui.messages import OpenPassage
from dipreader.ui.widgets.common.text_fit import fit
from dipreader.ui.widgets.common.virtual_list import VirtualList

ELLIPSIS = "…"
SNIPPET_LINES = 2
SNIPPET_INDENT = "   "
MAX_ROLE_ROWS = 40
MAX_LISTED = 15


def day_label(date: PartialDate | None) -> str:
    return date.label() if date else "undated"


def snippet_bounds(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """A window of `text` about `width` characters wide around [start, end), cut at spaces."""
    room = max(0, width - (end - start) - 2)
    left = max(0, start - room // 3)
    right = min(len(text), end + room - (start - left))
    left = max(0, right - (end - start) - room) if right == len(text) else left
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right


@dataclass(frozen=True)
class RolePeriod:
    """A run of articles, in date order, that give a person the same title."""

    first: RoleRecord
    count: int
    earliest: PartialDate | None
    latest: PartialDate | None

    def when(self) -> str:
        """`9 Apr 2024`, `2024 – 27 Nov 2025`, or `undated` when no article is dated."""
        first, last = day_label(self.earliest), day_label(self.latest)
        return first if first == last else f"{first} – {last}"


def role_periods(roles: Iterable[RoleRecord]) -> list[RolePeriod]:
    """Date-ordered roles with repeats of one title (any case) merged into periods."""
    periods: list[RolePeriod] = []
    for role in roles:
        previous = periods[-1] if periods else None
        if previous is None or previous.first.title.casefold() != role.title.casefold():
            periods.append(RolePeriod(role, 1, role.date, role.date))
            continue
        dates = [date for date in (previous.earliest, previous.latest, role.date) if date]
        periods[-1] = RolePeriod(
            previous.first,
            previous.count + 1,
            min(dates, key=PartialDate.sort_key, default=None),
            max(dates, key=PartialDate.sort_key, default=None),
        )
    return periods


class PassageList(VirtualList):
    """Every mention of one person, two lines each: where and when, then the words around it.

    Bodies are read in a worker the first time a row needs them and kept in a small cache.
    """

    row_height: ClassVar[int] = 1 + SNIPPET_LINES
    cached_articles: ClassVar[int] = 64

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open passage in the reader", show=False, id="select"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library: Library | None = None
        self.mentions: tuple[MentionRef, ...] = ()
        self._articles: OrderedDict[str, Article | None] = OrderedDict()
        self._loading: set[str] = set()
        self._wrapped: dict[tuple[MentionRef, int], list[list[Segment]]] = {}

    def row_count(self) -> int:
        return len(self.mentions)

    def empty_message(self) -> str:
        return "No passages."

    def set_library(self, library: Library) -> None:
        self.library = library
        self._articles.clear()
        self._loading.clear()

    def show_mentions(self, mentions: Sequence[MentionRef]) -> None:
        self.mentions = tuple(mentions)
        self.cursor = 0
        self.scroll_home(animate=False, immediate=True)
        self.refresh_rows()

    @property
    def highlighted(self) -> MentionRef | None:
        if 0 <= self.cursor < len(self.mentions):
            return self.mentions[self.cursor]
        return None

    def _article(self, article_id: str) -> Article | None:
        """The loaded article, or None while a worker reads it (the row is redrawn after)."""
        if article_id in self._articles:
            self._articles.move_to_end(article_id)
            return self._articles[article_id]
        if self.library is not None and article_id not in self._loading:
            self._loading.add(article_id)
            self.load_articles(self.library, [article_id])
        return None

    @work(thread=True, group="passages", description="load_articles")
    def load_articles(self, library: Library, article_ids: Iterable[str]) -> None:
        loaded = {article_id: library.load(article_id) for article_id in article_ids}
        articles = {key: value if isinstance(value, Article) else None for key, value in loaded.items()}
        self.app.call_from_thread(self._articles_loaded, library, articles)

    def _articles_loaded(self, library: Library, articles: dict[str, Article | None]) -> None:
        if library is not self.library:
            return
        for article_id, article in articles.items():
            self._loading.discard(article_id)
            self._articles[article_id] = article
        self._wrapped.clear()
        while len(self._articles) > self.cached_articles:
            self._articles.popitem(last=False)
        self.refresh()

    def render_row_line(self, index: int, line: int, width: int, base: Style) -> list[Segment]:
        width = self.scrollable_content_region.width or width
        mention = self.mentions[index]
        dim = base + self.get_component_rich_style("virtual-list--dim")
        meta = self.library.by_id(mention.article) if self.library else None
        if line == 0:
            if meta is None:
                return [Segment(fit(f" {mention.article}", width), dim)]
            return [Segment(fit(f" {day_label(meta.date)} · {meta.title}", width), dim)]
        article = self._article(mention.article)
        if article is None or article.body[mention.start : mention.end] != mention.surface:
            text = f"{SNIPPET_INDENT}“{mention.surface}”" if line == 1 else ""
            return [Segment(fit(text, width), base)]
        return self._snippet_segments(article, mention, line, width, base)

    def _snippet_segments(
        self, article: Article, mention: MentionRef, line: int, width: int, base: Style
    ) -> list[Segment]:
        """Line 1 or 2 of the words around the mention, wrapped to the row (the name in accent)."""
        key = (mention, width)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > 4 * self.cached_articles:
                self._wrapped.clear()
            lines = self._wrapped[key] = self._wrap_snippet(article, mention, width)
        if line - 1 >= len(lines):
            return []
        return [Segment(SNIPPET_INDENT, base)] + [
            Segment(segment.text, base + segment.style if segment.style else base)
            for segment in lines[line - 1]
        ]

    def _wrap_snippet(self, article: Article, mention: MentionRef, width: int) -> list[list[Segment]]:
        paragraphs = article.paragraphs
        starts = [paragraph.start for paragraph in paragraphs]
        position = bisect.bisect_right(starts, mention.start) - 1
        if position < 0 or mention.end > paragraphs[position].end:
            text, offset = article.body, 0
        else:
            text, offset = paragraphs[position].text, paragraphs[position].start
        text = text.replace("\n", " ")
        start, end = mention.start - offset, mention.end - offset
        line_width = max(10, width - len(SNIPPET_INDENT) - 1)
        # Word wrapping loses a few cells a line; leave room so the window fits in two lines.
        left, right = snippet_bounds(text, start, end, SNIPPET_LINES * line_width - 12)
        snippet = Text(ELLIPSIS if left > 0 else "")
        snippet.append(text[left:start])
        snippet.append(text[start:end], style=self.get_component_rich_style("virtual-list--accent"))
        snippet.append(text[end:right] + (ELLIPSIS if right < len(text) else ""))
        console = self.app.console
        wrapped = snippet.wrap(console, line_width)[:SNIPPET_LINES]
        return [list(part.render(console)) for part in wrapped]

    def action_select(self) -> None:
        mention = self.highlighted
        if mention is not None:
            self.post_message(OpenPassage(mention.article, mention.start, mention.end))


class PersonDetail(Vertical):
    """The highlighted person: roles by date, spellings, who they met, then their passages."""

    DEFAULT_CSS = """
    PersonDetail {
        height: 2fr;
        border-top: hkey $foreground 20%;
    }
    PersonDetail > #person-summary {
        height: auto;
        max-height: 55%;
        overflow-y: auto;
        padding: 0 1;
    }
    PersonDetail > #person-passages-title {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    PersonDetail:focus-within > #person-passages-title {
        background: $accent 30%;
    }
    PersonDetail > PassageList {
        height: 1fr;
        min-height: 4;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.person: Person | None = None
        self.library: Library | None = None
        self.mentions: MentionReader | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="person-summary", markup=False)
        yield Static("Passages", id="person-passages-title", markup=False)
        yield PassageList(id="person-passages")

    @property
    def passages(self) -> PassageList:
        return self.query_one(PassageList)

    def set_library(self, library: Library, mentions: MentionReader | None = None) -> None:
        """The library the people are from, and where their mentions are read (None: they carry them)."""
        self.library = library
        if self.mentions is not None and (mentions is None or mentions.path != self.mentions.path):
            self.mentions.close()
        if mentions is not None and (self.mentions is None or mentions.path != self.mentions.path):
            self.mentions = mentions
        elif mentions is None:
            self.mentions = None
        self.person = None  # shown again with the mentions the new people have
        self.passages.set_library(library)

    def show_person(self, person: Person | None) -> None:
        """Show this person (None: nobody is highlighted)."""
        if person is self.person and person is not None:
            return
        self.person = person
        self.query_one("#person-summary", Static).update(self._summary(person))
        title = "Passages"
        if person is not None:
            count = person.mention_count
            title = f"{count} passage{'s' if count != 1 else ''} naming {person.name} · enter opens"
        self.query_one("#person-passages-title", Static).update(title)
        self.passages.show_mentions(self.mentions_of(person) if person else ())

    def mentions_of(self, person: Person) -> tuple[MentionRef, ...]:
        """Every passage naming the person (read from the index when the person was listed without)."""
        return self.mentions.mentions_of(person) if self.mentions is not None else person.mentions

    def met_of(self, person: Person) -> tuple[str, ...]:
        """Whom the person met (read from the index when the person was listed without)."""
        return self.mentions.met_of(person) if self.mentions is not None else person.met

    def roles_of(self, person: Person) -> tuple[RoleRecord, ...]:
        """Every role of the person (read from the index when the person was listed with each
        title's latest only)."""
        return self.mentions.roles_of(person) if self.mentions is not None else person.roles

    def _title_of(self, article_id: str) -> str:
        meta = self.library.by_id(article_id) if self.library else None
        return meta.title if meta else article_id

    def _summary(self, person: Person | None) -> RenderableType:
        if person is None:
            return Text("Nobody to show.", style="dim")
        summary = Text()
        summary.append(person.name, style="bold")
        summary.append(f"  {person.country or 'country unknown'}", style="" if person.country else "dim")
        articles = len(person.articles)
        counts = [
            person.latest_role or "no role stated",
            f"{articles} article{'s' if articles != 1 else ''}",
            f"{person.mention_count} mention{'s' if person.mention_count != 1 else ''}",
        ]
        summary.append("\n" + " · ".join(counts), style="dim")
        if person.first_seen and person.last_seen and person.first_seen != person.last_seen:
            seen = f"{person.first_seen.label()} – {person.last_seen.label()}"
        else:
            seen = day_label(person.last_seen)
        summary.append(f"\n{'Seen':<14}", style="bold")
        summary.append(seen)
        spellings = sorted(person.aliases, key=lambda alias: alias != person.name)
        self._append_list(summary, "Spellings", spellings)
        self._append_list(summary, "Met / beside", self.met_of(person))
        summary.append("\nRoles", style="bold")
        every_role = self.roles_of(person)
        if not every_role:
            summary.append("  none stated", style="dim")
            return summary
        periods = role_periods(every_role)
        roles = Table.grid(padding=(0, 1), expand=True)
        roles.add_column(no_wrap=True, style="dim")
        roles.add_column(ratio=3)
        roles.add_column(ratio=2, no_wrap=True, overflow="ellipsis", style="dim italic")
        for period in periods[:MAX_ROLE_ROWS]:
            source = self._title_of(period.first.article) if period.count == 1 else f"{period.count} articles"
            roles.add_row(f"  {period.when()}", period.first.title, source)
        if len(periods) > MAX_ROLE_ROWS:
            roles.add_row("", f"… {len(periods) - MAX_ROLE_ROWS} more", "")
        return Group(summary, roles)

    @staticmethod
    def _append_list(summary: Text, label: str, values: Sequence[str]) -> None:
        summary.append(f"\n{label:<14}", style="bold")
        if values:
            summary.append(", ".join(values[:MAX_LISTED]))
            if len(values) > MAX_LISTED:
                summary.append(f" and {len(values) - MAX_LISTED} more", style="dim")
        else:
            summary.append("—", style="dim")
