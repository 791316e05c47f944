"""Immutable value types shared by every layer: dates, articles, paragraphs and spans."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from dipreader.model.names import NameParts

Precision = Literal["year", "month", "day"]

_MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not _dt.MINYEAR <= self.year <= _dt.MAXYEAR:
            raise ValueError(f"year out of range: {self.year}")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and self.month is not None:
            _dt.date(self.year, self.month, self.day)  # raises ValueError when impossible

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def label(self) -> str:
        """Human form at its precision: `8 May 1992`, `Nov 2024`, `2003`."""
        if self.month is None:
            return str(self.year)
        month = _MONTH_ABBREVIATIONS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
        parts = value.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
            raise ValueError(f"not a YYYY[-MM[-DD]] date: {value!r}")
        if len(parts[0]) != 4 or any(len(part) != 2 for part in parts[1:]):
            raise ValueError(f"not a YYYY[-MM[-DD]] date: {value!r}")
        numbers = [int(part) for part in parts]
        return cls(numbers[0], *(numbers[1:]))

    @classmethod
    def from_date(cls, value: _dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the body: its text and its code-point offsets into the body."""

    start: int
    end: int
    text: str


class ArticleMeta(NamedTuple):
    """What the sidebar and the command line need, without the body.

    A named tuple rather than a frozen dataclass: a library of 100,000 is built from the
    metadata snapshot before the first screen, and tuples are several times faster to build.
    """

    id: str
    path: str
    title: str
    date: PartialDate | None
    date_basis: str | None
    source: str | None
    author: str | None = None
    place: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    content_hash: str = ""
    size: int = 0
    mtime: float = 0.0


@dataclass(frozen=True, slots=True)
class Article:
    """A loaded article: metadata plus the body text that every offset points into."""

    meta: ArticleMeta
    body: str
    paragraphs: tuple[Paragraph, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def date(self) -> PartialDate | None:
        return self.meta.date


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be read well, with a one-line reason."""

    path: str
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class OfficialMention:
    """A person named in the text; `name` is canonical, `surface` is as written.

    `country_basis` says where the country was read: `title` (the title's own qualifier, "Egyptian",
    "of Egypt", "JICA"), `knowledge`, `nationality` (a demonym next to the person elsewhere),
    `counterpart` ("X and his Saudi counterpart Y", "met with", "co-chaired by X and Y"), `host` or
    `visitor` ("paid a courtesy call on", "received", "a visit by"), `elimination` (the other side of a
    two-country article whose titles name only one), `companion` (accompanying an official of that
    country: "She was accompanied by ..."), `dateline` (the country the story is filed from or the
    outlet's home), `lead` (with no dateline or agency, the side the lead names first),
    `correction` (the user's own, from knowledge.yaml); None with no country. `name_parts` is the
    canonical name in its parts.
    """

    name: str
    surface: str
    start: int
    end: int
    role: str | None
    country: str | None
    country_basis: str | None = None
    name_parts: NameParts | None = None


@dataclass(frozen=True, slots=True)
class SectorMention:
    """A mention of an area of cooperation, keyed by sector (`energy`, `defense`, ...)."""

    sector: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entities:
    """Officials and sectors of one article, each list sorted by start offset, never overlapping."""

    officials: tuple[OfficialMention, ...]
    sectors: tuple[SectorMention, ...]
