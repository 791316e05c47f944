"""Messages that workers and widgets post up to the main screen."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from dipreader.core.library import Library
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article


@dataclass
class LibraryLoaded(Message):
    """The article folder has been read (metadata and problem files); may come twice:
    first from the cached snapshot, then from the scan. A first scan without a snapshot
    also posts `partial` libraries (files read so far) so the list fills as it goes."""

    library: Library
    partial: bool = False


@dataclass
class AnalysisReady(Message):
    """Extraction finished for some articles: their ids and content hashes (the analyses
    themselves stay in the on-disk cache), and any analyses at hand (an article just opened)."""

    indexed: list[tuple[str, str]]
    analyses: list[ArticleAnalysis] = field(default_factory=list)


@dataclass
class ArticleOpened(Message):
    """A worker read an article's file; show it at a passage (flashed), at a body offset (`at`),
    or where it was last read. `reload` is the open article read again after its file changed:
    it is shown where the reader was, on whatever tab."""

    article: Article
    passage: tuple[int, int] | None
    reload: bool = False
    at: int | None = None
    from_history: bool = False
    """Opened by back / forward: not a new place in the history."""


@dataclass
class IndexProgress(Message):
    """The background index has analysed `done` of `total` articles, `rate` a minute (None: too early)."""

    done: int
    total: int
    rate: float | None = None


@dataclass
class IndexComplete(Message):
    """Every article has been analysed; chronology and who's-who can be built."""

    total: int


@dataclass
class OpenPassage(Message):
    """Open an article in the reader at a passage (body offsets) and flash it."""

    article_id: str
    start: int
    end: int


@dataclass
class NarrowSidebar(Message):
    """Show only these articles in the sidebar (None shows all again), with a label saying why."""

    article_ids: frozenset[str] | None
    label: str | None = None


@dataclass
class NarrowViews(Message):
    """Show only what these articles report in the sidebar, the Chronology and the Who's who (None
    shows everything again), with a label saying why (a pair of countries)."""

    article_ids: frozenset[str] | None
    label: str | None = None


@dataclass
class ShowPerson(Message):
    """Open the who's-who entry of a person, by canonical name."""

    name: str


@dataclass
class ArticleShown(Message):
    """The reader now shows this article (widgets that decorate it, e.g. notes, listen)."""

    article: Article


@dataclass
class StoriesReady(Message):
    """Every article's story key for this library (articles reporting one event share a key)."""

    library: Library
    stories: dict[str, str]


@dataclass
class Status(Message):
    """A line for the status bar (what a key just did, or why it did nothing)."""

    text: str
