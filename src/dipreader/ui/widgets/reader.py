"""The article reader: a metadata header and wrapped paragraphs with highlighted entities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from dipreader.model.article import Article, Entities, OfficialMention, SectorMention
from dipreader.ui.highlight import Highlighter, legend_text, spans_by_paragraph, styled_text
from dipreader.ui.messages import ShowPerson
from dipreader.ui.widgets.reader_search import find_matches, next_match_index
from dipreader.ui.widgets.reader_selection import ReaderSelectionMixin

Mention = OfficialMention | SectorMention
Span = tuple[int, int, Style | str]


class ParagraphView(Static):
    """One paragraph; `start` and `end` are its offsets in the body."""

    DEFAULT_CSS = """
    ParagraphView {
        margin: 0 0 1 0;
        border-left: blank;
        padding-left: 1;
    }
    ParagraphView.-annotated {
        border-left: outer $warning;
    }
    """

    def __init__(self, start: int, end: int, text: str, content: Text | None = None) -> None:
        super().__init__(content or Text(text.replace("\n", " ")), markup=False)
        self.styled_with: tuple[tuple[int, int, Style | str], ...] | None = None
        self.shown_text: str | None = None  # the text last laid out: restyling it needs no layout
        self.start = start
        self.end = end
        self.text = text


class ArticleReader(ReaderSelectionMixin, can_focus=True):
    """Shows one article; scrolls with j/k, moves between highlighted entities with ] and [.

    The reading cursor, selection and annotations come from ReaderSelectionMixin.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
        Binding("space,pagedown,ctrl+d", "page_down", "Page down", show=False),
        Binding("b,pageup,ctrl+u", "page_up", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("right_square_bracket", "next_entity", "Next entity", show=False),
        Binding("left_square_bracket", "previous_entity", "Previous entity", show=False),
        Binding("enter", "show_person", "Who's who entry of the official", show=False),
        Binding("n", "next_match", "Next search match", show=False),
        Binding("N", "previous_match", "Previous search match", show=False),
    ]

    DEFAULT_CSS = """
    ArticleReader {
        padding: 0 2;
        background: $surface;
    }
    ArticleReader > #reader-header {
        margin: 1 0;
    }
    ArticleReader > #reader-empty {
        color: $text-muted;
        margin: 2 0;
    }
    ArticleReader ParagraphView {
        max-width: 88;
    }
    """

    class EntityFocused(Message):
        """The entity cursor moved onto a mention. Handle with `on_article_reader_entity_focused`."""

        def __init__(self, reader: ArticleReader, mention: Mention | None) -> None:
            super().__init__()
            self.reader = reader
            self.mention = mention

        @property
        def control(self) -> ArticleReader:
            return self.reader

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.entities: Entities | None = None
        self.show_officials = True
        self.show_sectors = True
        self.entity_index: int | None = None
        self.flash_span: tuple[int, int] | None = None
        self.extra_spans: list[Span] = []
        self._highlighter: Highlighter | None = None
        self._header_shown: Text | None = None
        self.search_query = ""
        self.search_matches: list[tuple[int, int]] = []
        self.search_index: int | None = None
        self.init_selection()

    def compose_empty(self) -> None:
        self.query("*").remove()
        self.mount(Static("Choose an article in the sidebar and press Enter.", id="reader-empty"))

    def on_mount(self) -> None:
        if self.article is None:
            self.compose_empty()

    @property
    def highlighter(self) -> Highlighter:
        if self._highlighter is None:
            self._highlighter = Highlighter(self.app.theme_variables, self.app.current_theme.dark)
        return self._highlighter

    def theme_changed(self) -> None:
        self._highlighter = None
        self.rerender()

    @property
    def paragraph_views(self) -> list[ParagraphView]:
        return list(self.query(ParagraphView))

    async def show_article(
        self, article: Article, entities: Entities | None = None, position: int | None = None
    ) -> None:
        """Replace the content with this article and scroll to a body offset (the reading position)."""
        self.article = article
        self.entities = entities
        self.entity_index = None
        self.flash_span = None
        self.search_matches = find_matches(article.body, self.search_query)
        self.search_index = None
        self.load_annotations(article, position)
        await self._replace_paragraphs(article)
        self.scroll_home(animate=False, immediate=True)
        if position:
            self.call_after_refresh(self.scroll_to_offset, position)

    async def _replace_paragraphs(self, article: Article) -> None:
        """Reuse the paragraph widgets already mounted; mount or remove only the difference."""
        await self.query("#reader-empty").remove()
        if self.query("#reader-header"):
            self._update_header()
        else:
            self._header_shown = self._header_text()
            await self.mount(Static(self._header_shown, id="reader-header", markup=False))
        views = self.paragraph_views
        paragraphs = article.paragraphs
        for view, paragraph in zip(views, paragraphs, strict=False):
            view.start, view.end, view.text = paragraph.start, paragraph.end, paragraph.text
            view.styled_with = None
        added = [ParagraphView(p.start, p.end, p.text) for p in paragraphs[len(views) :]]
        kept = views[: len(paragraphs)]
        self._restyle([*kept, *added])  # styled before mounting: one layout pass, not two
        if len(views) > len(paragraphs):
            await self.remove_children(views[len(paragraphs) :])
        if added:
            await self.mount_all(added)

    def set_entities(self, entities: Entities | None) -> None:
        self.entities = entities
        self.entity_index = None
        self.rerender()

    def _header_text(self) -> Text:
        assert self.article is not None
        meta = self.article.meta
        header = Text()
        header.append(meta.title, style="bold")
        header.append("\n")
        if meta.date:
            basis = f" ({meta.date_basis})" if meta.date_basis not in (None, "front-matter") else ""
            date = f"{meta.date.label()}{basis}"
        else:
            date = "undated"
        details = [date, meta.source, f"by {meta.author}" if meta.author else None, meta.place]
        header.append(" · ".join(part for part in details if part), style="dim")
        if meta.url:
            header.append("\n")
            header.append(meta.url, style="dim italic")
        if meta.tags:
            header.append("\n")
            header.append("  ".join(f"#{tag}" for tag in meta.tags), style="dim")
        header.append("\n")
        header.append_text(self._legend())
        return header

    def _legend(self) -> Text:
        sectors: list[str] = []
        if self.entities is not None and self.show_sectors:
            for mention in self.entities.sectors:
                if mention.sector not in sectors:
                    sectors.append(mention.sector)
        if self.entities is None:
            return Text("Finding officials and sectors…", style="dim italic")
        return legend_text(self.highlighter, sectors, self.show_officials)

    def mentions(self) -> list[Mention]:
        """Visible entity mentions in text order (what ] and [ move between)."""
        if self.entities is None:
            return []
        found: list[Mention] = []
        if self.show_officials:
            found.extend(self.entities.officials)
        if self.show_sectors:
            found.extend(self.entities.sectors)
        return sorted(found, key=lambda mention: (mention.start, mention.end))

    def current_mention(self) -> Mention | None:
        mentions = self.mentions()
        if self.entity_index is None or not 0 <= self.entity_index < len(mentions):
            return None
        return mentions[self.entity_index]

    def spans(self) -> list[Span]:
        """Every style overlay on the body, lowest priority first."""
        under, over = self.selection_spans(self.highlighter.dark)
        spans: list[Span] = list(under)
        spans.extend(
            self.highlighter.entity_spans(
                self.entities, officials=self.show_officials, sectors=self.show_sectors
            )
        )
        spans.extend(self.extra_spans)
        spans.extend((start, end, "on #806000") for start, end in self.search_matches)
        if self.search_index is not None and self.search_matches:
            spans.append((*self.search_matches[self.search_index], "bold black on #ffd75f"))
        spans.extend(over)
        current = self.current_mention()
        if current is not None:
            spans.append((current.start, current.end, "reverse"))
        if self.flash_span is not None:
            spans.append((*self.flash_span, "bold reverse"))
        return spans

    def rerender(self) -> None:
        if self.article is None:
            return
        self._restyle(self.paragraph_views)
        self._update_header()

    def _update_header(self) -> None:
        """Redraw the header only when its text changed (an update lays the reader out again)."""
        headers = self.query("#reader-header")
        if not headers:
            return
        text = self._header_text()
        if text != self._header_shown:
            self._header_shown = text
            headers.first(Static).update(text)

    def _restyle(self, views: Sequence[ParagraphView]) -> None:
        """Give each paragraph its spans; only paragraphs whose spans changed are redrawn."""
        starts = [view.start for view in views]
        ends = [view.end for view in views]
        buckets = spans_by_paragraph(self.spans(), starts, ends)
        annotated = spans_by_paragraph(
            [(start, end, "") for start, end in self.annotated_ranges()], starts, ends
        )
        for view, spans, marks in zip(views, buckets, annotated, strict=True):
            key = tuple(spans)
            if key != view.styled_with or view.text is not view.shown_text:
                view.styled_with = key
                view.update(styled_text(view.text, view.start, key), layout=view.text != view.shown_text)
                view.shown_text = view.text
            view.set_class(bool(marks), "-annotated")

    def toggle(self, *, officials: bool | None = None, sectors: bool | None = None) -> None:
        if officials is not None:
            self.show_officials = officials
        if sectors is not None:
            self.show_sectors = sectors
        self.entity_index = None
        self.rerender()
        self.post_message(self.EntityFocused(self, None))

    def _move_entity(self, delta: int) -> None:
        mentions = self.mentions()
        if not mentions:
            self.app.bell()
            return
        if self.entity_index is None:
            top = self.current_offset()
            ahead = [i for i, mention in enumerate(mentions) if mention.start >= top]
            if delta > 0:
                index = ahead[0] if ahead else 0
            else:
                index = (ahead[0] - 1) if ahead else len(mentions) - 1
        else:
            index = (self.entity_index + delta) % len(mentions)
        self.entity_index = index % len(mentions)
        self.rerender()
        mention = mentions[self.entity_index]
        self.scroll_to_offset(mention.start, center=True)
        self.post_message(self.EntityFocused(self, mention))

    def action_next_entity(self) -> None:
        self._move_entity(1)

    def action_previous_entity(self) -> None:
        self._move_entity(-1)

    def action_show_person(self) -> None:
        mention = self.current_mention()
        if not isinstance(mention, OfficialMention):
            raise SkipAction()
        self.post_message(ShowPerson(mention.name))

    def set_search(self, query: str) -> int:
        """Highlight every match of the query and go to the first one from the reading position."""
        self.search_query = query.strip()
        self.search_matches = find_matches(self.article.body, query) if self.article else []
        self.search_index = None
        if self.search_matches:
            self._move_match(1)
        else:
            self.rerender()
        return len(self.search_matches)

    def _move_match(self, delta: int) -> None:
        if not self.search_matches:
            self.app.bell()
            return
        self.search_index = next_match_index(
            self.search_matches, self.current_offset(), delta, self.search_index
        )
        self.rerender()
        self.scroll_to_offset(self.search_matches[self.search_index][0], center=True)
        self.post_message(self.SearchMoved(self))

    def action_next_match(self) -> None:
        self._move_match(1)

    def action_previous_match(self) -> None:
        self._move_match(-1)

    class SearchMoved(Message):
        """The current search match changed. Handle with `on_article_reader_search_moved`."""

        def __init__(self, reader: ArticleReader) -> None:
            super().__init__()
            self.reader = reader

        @property
        def control(self) -> ArticleReader:
            return self.reader

    def _view_for_offset(self, offset: int) -> ParagraphView | None:
        views = self.paragraph_views
        for view in views:
            if offset < view.end:
                return view
        return views[-1] if views else None

    def offset_to_y(self, offset: int) -> int | None:
        """Approximate virtual y of a body offset: its paragraph's top plus the wrapped line within."""
        view = self._view_for_offset(offset)
        if view is None:
            return None
        length = max(1, view.end - view.start)
        fraction = min(1.0, max(0.0, (offset - view.start) / length))
        lines = max(1, view.size.height)
        return view.virtual_region.y + int(fraction * (lines - 1))

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        y = self.offset_to_y(offset)
        if y is None:
            return
        if center:
            y -= self.scrollable_content_region.height // 3
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    def current_offset(self) -> int:
        """Body offset at the top of the view: the reading position to save."""
        top = int(self.scroll_y)
        if top <= 0:
            return 0
        for view in self.paragraph_views:
            region = view.virtual_region
            if region.bottom > top:
                lines = max(1, region.height)
                fraction = max(0.0, min(1.0, (top - region.y) / lines))
                return view.start + int(fraction * (view.end - view.start))
        return self.article.paragraphs[-1].start if self.article and self.article.paragraphs else 0

    def flash(self, start: int, end: int, seconds: float = 1.5) -> None:
        """Scroll to a passage and highlight it for a moment."""
        self.flash_span = (start, end)
        self.place_reading_cursor(start)
        self.scroll_to_offset(start, center=True)

        def clear() -> None:
            if self.flash_span == (start, end):
                self.flash_span = None
                self.rerender()

        self.set_timer(seconds, clear)

    def visible_paragraphs(self) -> Sequence[ParagraphView]:
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        return [
            view
            for view in self.paragraph_views
            if view.virtual_region.bottom > top and view.virtual_region.y < top + height
        ]
