"""Search inside the open article: a one-line bar under the reader, matches highlighted, n / N to move."""

from __future__ import annotations

import bisect
import operator
import re
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


def find_matches(body: str, query: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of the query (whitespace matches any run of whitespace)."""
    words = query.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
    return [(match.start(), match.end()) for match in pattern.finditer(body)]


def next_match_index(matches: list[tuple[int, int]], offset: int, delta: int, current: int | None) -> int:
    """Index of the match to go to: after (delta 1) or before (delta -1) the current one, wrapping."""
    if current is not None:
        return (current + delta) % len(matches)
    first_ahead = bisect.bisect_left(matches, offset, key=_START)  # the matches are sorted
    if delta > 0:
        return first_ahead if first_ahead < len(matches) else 0
    return first_ahead - 1 if first_ahead > 0 else len(matches) - 1


_START = operator.itemgetter(0)


class SearchBar(Input):
    """The search field of the Article tab; Enter searches, Escape closes it and clears the matches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", show=False, id="close"),
    ]

    DEFAULT_CSS = """
    SearchBar {
        dock: bottom;
        display: none;
    }
    SearchBar.-open {
        display: block;
    }
    """

    class Search(Message):
        """The user asked to search for `query` (empty: clear). Handle with `on_search_bar_search`."""

        def __init__(self, bar: SearchBar, query: str) -> None:
            super().__init__()
            self.bar = bar
            self.query = query

        @property
        def control(self) -> SearchBar:
            return self.bar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search this article (enter searches, n / N move, escape closes)", id=id)

    def open(self) -> None:
        self.add_class("-open")
        self.focus()

    def action_close(self) -> None:
        self.value = ""
        self.remove_class("-open")
        self.post_message(self.Search(self, ""))

    @on(Input.Submitted)
    def search(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Search(self, self.value))
