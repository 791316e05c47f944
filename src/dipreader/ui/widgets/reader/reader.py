"""The article reader: metadata header and wrapped paragraphs with highlighted entities, line by line."""

from __future__ import annotations

import asyncio
import operator
import time
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.selection import Selection
from textual.strip import Strip

from dipreader.core.date_format import format_partial_date
from dipreader.model.article import Article, Entities, SectorMention
from dipreader.store import Store
from dipreader.ui.widgets.common.highlight_palette import (
    CURRENT_ENTITY,
    FLASH,
    NOTE_MARK,
    SEARCH_CURRENT,
    SEARCH_MATCH,
    HighlightPalette,
)
from dipreader.ui.widgets.reader.entity_cursor import EntityCursor
from dipreader.ui.widgets.reader.highlight import Overlays, legend_text, spans_by_paragraph, styled_text
from dipreader.ui.widgets.reader.layout import GUTTER, BodyLayout
from dipreader.ui.widgets.reader.search_bar import find_matches, next_match_index

Span = tuple[int, int, Style | str]

READABLE_WIDTH = 88
"""Cells from the gutter to the end of a line, at most: longer lines are hard to read."""
GUTTER_MARK = "▌"
FLASH_SECONDS = 1.5
"""How long a passage opened from a list stays highlighted."""
LAYOUT_SLICE_SECONDS = 0.001
"""How long the reader wraps a long body at a time before it lets keys and redraws through."""
LAYOUT_PAUSE_SECONDS = 0.001
"""How long the wrapping then waits: a key travels through several tasks to the reader."""
WRAPPED_AT_ONCE_CHARS = 100_000
"""A body this long or shorter is wrapped whole at the open (about 1 ms); a longer one from the
top as far as needed, the rest in a worker."""
LAYOUT_START_SECONDS = 0.05
"""How long after the open the rest of a long body is wrapped: the first screen and the keys
pressed with the open go first (a key that needs more lines wraps them itself)."""
RESIZE_EVERY_SECONDS = 0.1
"""How often the scroll range follows the estimated length while a long body is wrapped."""
_SECTOR_OF = operator.attrgetter("sector")
EMPTY_TEXT = Text.assemble(("Choose an article in the sidebar and press Enter.", "dim"))


class ArticleReader(EntityCursor, can_focus=True):
    """Shows one article; scrolls with j/k, moves between highlighted entities with ] and [.

    One widget drawn line by line (the line API): the paragraphs are wrapped once per width, from
    the top as far as the lines asked for, the rest in a worker a slice at a time between keys;
    only the lines on screen are styled, each from the overlays that touch it, so a long article
    opens as fast as a short one. The reading cursor, selection and annotations come from
    ReaderSelectionMixin.
    """

    ALLOW_SELECT = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="scroll_down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="scroll_up"),
        Binding("space,pagedown,ctrl+d", "page_down", "Page down", show=False, id="page_down"),
        Binding("b,pageup,ctrl+u", "page_up", "Page up", show=False, id="page_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="scroll_home"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="scroll_end"),
        Binding("n", "next_match", "Next search match", show=False, id="next_match"),
        Binding("N", "previous_match", "Previous search match", show=False, id="previous_match"),
    ]

    DEFAULT_CSS = """
    ArticleReader {
        padding: 0 2;
        background: $surface;
        scrollbar-gutter: stable;  /* the text keeps its width when the scrollbar comes and goes */
    }
    """

    def __init__(self, store: Store | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        """Where notes and highlights are saved (None: the state file could not be opened)."""
        self.article: Article | None = None
        self.entities: Entities | None = None
        self.show_officials = True
        self.show_sectors = True
        self.entity_index: int | None = None
        self.flash_span: tuple[int, int] | None = None
        self.extra_spans: list[Span] = []
        self._layout: BodyLayout | None = None
        self._top: list[Strip] = []  # the header (or the empty-state text) above the body
        self._header_key: tuple[Text, int] | None = None  # what `_top` was drawn from
        self._overlays = Overlays()  # every overlay on the body, from the last rerender
        self._sized_at = 0.0  # when the scroll range last followed the layout being built
        self._annotated: set[int] = set()  # paragraphs holding an annotation
        self._strips: dict[int, tuple[Style, Strip]] = {}
        self._top_offset = 0  # body offset at the top of the view, kept across re-wraps
        self.search_query = ""
        self.search_matches: list[tuple[int, int]] = []
        self.search_index: int | None = None
        self.reading_width = READABLE_WIDTH
        self.date_format: str | None = None
        """How the header shows the date (`dipreader.core.date_format`); None: the date's own label."""
        self.init_selection()

    def set_reading_width(self, width: int | None) -> None:
        """Cells of text per line at most (None: the default); re-wraps the article."""
        self.reading_width = width or READABLE_WIDTH
        self._layout = None
        self._header_key = None
        self._top = []  # drawn again at the next paint, at the width the reader has then
        if self.article is not None:
            self.rerender()

    def progress_percent(self) -> int | None:
        """How far through the article the bottom of the view is, 0-100 (None: nothing shown)."""
        if self.article is None or self._layout is None:
            return None
        total = self.virtual_size.height
        if total <= 0:
            return None
        seen = min(total, int(self.scroll_y) + self.scrollable_content_region.height)
        return 100 if seen >= total else max(0, min(100, seen * 100 // total))

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.theme_changed())

    def theme_changed(self) -> None:
        """The highlight colours depend on the theme: restyle the spans and redraw."""
        self.highlighter.forget()
        self.rerender()

    async def show_article(
        self, article: Article, entities: Entities | None = None, position: int | None = None
    ) -> None:
        """Replace the content with this article and scroll to a body offset (the reading position)."""
        if self.highlighter.palette is None:
            # Mounted with the first article rather than on mount: after the first screen.
            self.highlighter.palette = HighlightPalette.of(self)
        self.article = article
        self.entities = entities
        self.entity_index = None
        self.described = ""  # the main screen clears the status line for a new article
        self.flash_span = None
        self.search_matches = find_matches(article.body, self.search_query)
        self.search_index = None
        self.load_annotations(article, position)
        self.cursor_moved()
        self._layout = None
        self._top_offset = position or 0
        self.rerender()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        if position:
            # After the refresh that applies the new virtual size, which bounds the scroll.
            self.call_after_refresh(self.scroll_to_offset, position)

    def set_entities(self, entities: Entities | None) -> None:
        self.entities = entities
        self.entity_index = None
        self.rerender()
        self.describe_cursor()

    # layout: the header lines, then the wrapped body

    @property
    def text_width(self) -> int:
        """Cells per line of body text: the readable width, less the annotation gutter."""
        return max(10, min(self.reading_width, self.scrollable_content_region.width) - GUTTER)

    def _ensure_layout(self) -> BodyLayout | None:
        """Wrap the body for the current width (once per article and width)."""
        if self.article is None or self.scrollable_content_region.width <= 0:
            return None
        width = self.text_width
        if self._layout is None or self._layout.width != width:
            self._layout = layout = BodyLayout(self.article.paragraphs, width)
            self._top = self._header_strips()
            self._strips.clear()
            if layout.chars <= WRAPPED_AT_ONCE_CHARS:
                layout.finish()  # as it always was: an article of usual length, whatever the machine's load
            elif not layout.build(LAYOUT_SLICE_SECONDS):
                self.run_worker(self._build_layout(layout), group="reader-layout", exclusive=True)
            self._size_to_layout()
            if self._top_offset:
                # Same text at the top after a resize (lines moved, the reading position did not),
                # or a position given while the reader had no width (a hidden tab).
                self.call_after_refresh(self.scroll_to_offset, self._top_offset)
        return self._layout

    async def _build_layout(self, layout: BodyLayout) -> None:
        """A worker on the event loop: the rest of the body wrapped a slice at a time, the keys
        and redraws let through between slices (a newer article or width leaves it)."""
        await asyncio.sleep(LAYOUT_START_SECONDS)
        while self._layout is layout:
            await asyncio.sleep(LAYOUT_PAUSE_SECONDS)
            if self._layout is not layout or layout.build(LAYOUT_SLICE_SECONDS):
                break
            if time.perf_counter() - self._sized_at > RESIZE_EVERY_SECONDS:
                self._size_to_layout()
        if self._layout is layout:
            self._size_to_layout()

    def _size_to_layout(self) -> None:
        """The scroll range: the header and the body's lines (estimated while it is wrapped)."""
        layout = self._layout
        if layout is None:
            return
        self._sized_at = time.perf_counter()
        height = len(self._top) + layout.estimated_length()
        if (
            self.virtual_size.height != height
            or self.virtual_size.width != self.scrollable_content_region.width
        ):
            self.virtual_size = Size(self.scrollable_content_region.width, height)

    def action_scroll_end(self) -> None:
        """G: the end of the article, the rest of its body wrapped first if it is still being
        wrapped (the end's place is known only then)."""
        layout = self._ensure_layout()
        if layout is not None and not layout.done:
            layout.finish()
            self._size_to_layout()
        super().action_scroll_end()

    def on_resize(self, _event: events.Resize) -> None:
        if self.article is not None:
            self._ensure_layout()
            self.refresh()
        else:
            self.rerender()  # the empty-state line, wrapped again to the new width

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._layout is not None and self._layout.width == self.text_width:
            self._top_offset = self.current_offset()

    def _header_strips(self) -> list[Strip]:
        """The header wrapped to the reading width, with a blank line above and below."""
        width = self.text_width + GUTTER
        text = self._header_text() if self.article is not None else EMPTY_TEXT
        if (text, width) == self._header_key:
            return self._top
        self._header_key = (text, width)
        lines = text.wrap(self.app.console, width)
        rendered = [Strip(list(line.render(self.app.console))) for line in lines]
        blank = Strip([])
        return [blank, *rendered, blank] if self.article is not None else [blank, blank, *rendered]

    def lines_text(self) -> list[str]:
        """The text of every line the reader shows, header first (blank lines are empty)."""
        layout = self._ensure_layout()
        top = [strip.text.rstrip() for strip in self._top]
        if layout is None:
            return top
        lines = [line.text if line is not None else "" for line in layout.lines]
        self._size_to_layout()
        return top + lines

    def annotated_paragraphs(self) -> set[int]:
        """Indexes of the paragraphs marked in the gutter as holding an annotation."""
        return set(self._annotated)

    def _header_text(self) -> Text:
        assert self.article is not None
        meta = self.article.meta
        header = Text()
        header.append(meta.title, style="bold")
        header.append("\n")
        if meta.date:
            basis = f" ({meta.date_basis})" if meta.date_basis not in (None, "front-matter") else ""
            label = (
                format_partial_date(self.date_format, meta.date) if self.date_format else meta.date.label()
            )
            date = f"{label}{basis}"
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

    _sectors_of: tuple[Entities, list[str]] | None = None
    """The sectors named in the last entities, in order of first mention (one long article has
    thousands of mentions, and the header is drawn again at each rerender)."""

    def _legend(self) -> Text:
        sectors: list[str] = []
        if self.entities is not None and self.show_sectors:
            if self._sectors_of is None or self._sectors_of[0] is not self.entities:
                named = list(dict.fromkeys(map(_SECTOR_OF, self.entities.sectors)))  # a C loop
                self._sectors_of = (self.entities, named)
            sectors = self._sectors_of[1]
        if self.entities is None:
            return Text("Finding officials and sectors…", style="dim italic")
        return legend_text(self.highlighter, sectors, self.show_officials)

    def spans(self) -> list[Span]:
        """Every style overlay on the body, lowest priority first."""
        return self.overlays().all()

    def overlays(self) -> Overlays:
        """The style overlays on the body (annotations, entities, search, cursor), lowest priority
        first, to be asked for by range."""
        under, over = self.selection_spans()
        overlays = Overlays()
        overlays.add_spans(under)
        if self.entities is not None and self.show_officials:
            official = self.highlighter.official_style
            overlays.add_mentions(self.entities.officials, lambda _mention: official)
        if self.entities is not None and self.show_sectors:
            styles: dict[str, Style] = {}

            def sector_style(mention: object) -> Style:
                assert isinstance(mention, SectorMention)
                style = styles.get(mention.sector)
                if style is None:
                    style = styles[mention.sector] = self.highlighter.sector_style(mention.sector)
                return style

            overlays.add_mentions(self.entities.sectors, sector_style)
        overlays.add_spans(self.extra_spans)
        match = self.component_overlay(SEARCH_MATCH)
        overlays.add_spans(_styled(self.search_matches, match))
        last: list[Span] = []
        if self.search_index is not None and self.search_matches:
            last.append((*self.search_matches[self.search_index], self.component_overlay(SEARCH_CURRENT)))
        last.extend(over)
        current = self.current_mention()
        if current is not None:
            last.append((current.start, current.end, self.component_overlay(CURRENT_ENTITY)))
        if self.flash_span is not None:
            last.append((*self.flash_span, self.component_overlay(FLASH)))
        overlays.add_spans(last)
        return overlays

    def rerender(self) -> None:
        """Recompute every overlay (entities, search, notes, cursor) and redraw the visible lines."""
        self._strips.clear()
        if self.article is None:
            if not self.is_mounted:
                self._top = []
            elif self.scrollable_content_region.width > 0:  # hidden (another tab): wrapped when shown
                self._top = self._header_strips()
            self.virtual_size = Size(self.scrollable_content_region.width, len(self._top))
            self.refresh()
            return
        paragraphs = self.article.paragraphs
        starts = [paragraph.start for paragraph in paragraphs]
        ends = [paragraph.end for paragraph in paragraphs]
        self._overlays = self.overlays()
        marks = spans_by_paragraph([(a, b, "") for a, b in self.annotated_ranges()], starts, ends)
        self._annotated = {index for index, found in enumerate(marks) if found}
        layout = self._ensure_layout()
        if layout is not None:
            self._top = self._header_strips()
            self._size_to_layout()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        base = self.rich_style
        selection = self.text_selection
        cached = self._strips.get(index) if selection is None else None
        # The base style changes with focus (a tint) after the widget was last drawn.
        strip = cached[1] if cached is not None and cached[0] == base else None
        if strip is None:
            strip = self._render_index(index, base, selection)
            if selection is None:
                self._strips[index] = (base, strip)
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_offsets(scroll_x, index)

    def rendered_line(self, y: int) -> Strip:
        """Virtual line `y` as drawn (uncropped, without the selection)."""
        return self._render_index(y, self.rich_style, None)

    def _render_index(self, index: int, base: Style, selection: Selection | None) -> Strip:
        if self.article is None and not self._top and self.is_mounted:
            self._top = self._header_strips()
        if index < len(self._top):
            return self._top[index].apply_style(base)
        layout = self._ensure_layout()
        position = index - len(self._top)
        line = layout.line(position) if layout is not None else None
        if line is None:
            return Strip.blank(0, base)
        text = styled_text(line.text, line.start, self._overlays.touching(line.start, line.end), base)
        if selection is not None:
            span = selection.get_span(index)
            if span is not None:
                start, end = span
                end = len(line.text) + GUTTER if end == -1 else end
                selected = self.screen.get_component_rich_style("screen--selection")
                text.stylize(selected, max(0, start - GUTTER), max(0, end - GUTTER))
        if line.paragraph in self._annotated:
            mark = base + self.component_overlay(NOTE_MARK)
            gutter = [Segment(GUTTER_MARK, mark), Segment(" ", base)]
        else:
            gutter = [Segment("  ", base)]
        # Text.render leaves unstyled text without the base style: apply it to the whole line.
        return Strip([*gutter, *text.render(self.app.console)]).apply_style(base)

    # body offsets and screen lines

    def offset_to_y(self, offset: int) -> int | None:
        """Virtual y of the line showing a body offset."""
        layout = self._ensure_layout()
        if layout is None:
            return None
        line = layout.line_of_offset(offset)
        return None if line is None else len(self._top) + line

    def offset_at(self, y: int, x: int = 0) -> int | None:
        """The body offset shown at virtual line `y`, cell `x` of the text (the gutter excluded)."""
        layout = self._ensure_layout()
        if layout is None:
            return None
        return layout.offset_at(y - len(self._top), x)

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        y = self.offset_to_y(offset)
        if y is None:
            self.call_after_refresh(self._scroll_when_laid_out, offset, center)
            return
        self._size_to_layout()  # the lines wrapped to reach `offset` count in the scroll range
        if center:
            y -= self.scrollable_content_region.height // 3
        self.scroll_to(y=max(0, y), animate=False, immediate=True, force=True)

    def _scroll_when_laid_out(self, offset: int, center: bool) -> None:
        if self.offset_to_y(offset) is not None:
            self.scroll_to_offset(offset, center=center)

    def current_offset(self) -> int:
        """Body offset at the top of the view: the reading position to save."""
        if self._layout is None or self._layout.width != self.text_width:
            # Not laid out at this width (not shown yet, or on a hidden tab, where the scroll
            # falls to 0): the position it shows when it is laid out again.
            return self._top_offset
        top = int(self.scroll_y)
        if top <= 0:
            return 0
        found = self.offset_at(max(top, len(self._top)))
        return found or 0

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The body text under a mouse selection (what the app copies)."""
        passage = self.passage_of(selection)
        if passage is None or self.article is None:
            return None
        return self.article.body[passage[0] : passage[1]], "\n"

    def passage_of(self, selection: Selection) -> tuple[int, int] | None:
        """Body offsets of a mouse selection made in this reader."""
        if self.article is None or self._ensure_layout() is None:
            return None
        first, last = selection.start, selection.end
        start = 0 if first is None else self.offset_at(first.y, first.x - GUTTER)
        end = len(self.article.body) if last is None else self.offset_at(last.y, last.x - GUTTER)
        if start is None or end is None or end <= start:
            return None
        return start, end

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    def toggle(self, *, officials: bool | None = None, sectors: bool | None = None) -> None:
        if officials is not None:
            self.show_officials = officials
        if sectors is not None:
            self.show_sectors = sectors
        self.entity_index = None
        self.rerender()
        self.post_message(self.EntityFocused(self, None))
        self.describe_cursor()

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

    def set_search_spans(self, label: str, spans: list[tuple[int, int]], first: int | None = None) -> int:
        """Highlight matches found by the search index and go to the one at `first` (else the first)."""
        self.search_query = label
        self.search_matches = sorted(spans)
        self.search_index = None
        if not self.search_matches:
            self.rerender()
            return 0
        at = next((i for i, (start, _end) in enumerate(self.search_matches) if start == first), 0)
        self.search_index = (at - 1) % len(self.search_matches)
        self._move_match(1)
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

    def flash(self, start: int, end: int, seconds: float | None = None) -> None:
        """Scroll to a passage and highlight it for a moment (`FLASH_SECONDS` unless given)."""
        self.flash_span = (start, end)
        self.place_reading_cursor(start)
        self.scroll_to_offset(start, center=True)

        def clear() -> None:
            if self.flash_span == (start, end):
                self.flash_span = None
                self.rerender()

        self.set_timer(FLASH_SECONDS if seconds is None else seconds, clear)


def _styled(ranges: list[tuple[int, int]], style: Style) -> list[Span]:
    return [(start, end, style) for start, end in ranges]
