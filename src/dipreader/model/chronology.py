"""Dated events: the clause each temporal expression dates, merged across articles by date."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dipreader.model.article import PartialDate


@dataclass(frozen=True, slots=True)
class Event:
    """One dated clause of one article."""

    article: str
    date: PartialDate
    precision: str
    expression: str
    text: str
    start: int
    end: int
    expr_start: int
    expr_end: int
    status: str
    end_date: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class ChronologyEntry:
    """One event on the timeline, with every article that reports it."""

    date: PartialDate
    events: tuple[Event, ...]

    @property
    def primary(self) -> Event:
        return self.events[0]

    @property
    def text(self) -> str:
        return self.primary.text

    @property
    def expression(self) -> str:
        return self.primary.expression

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(event.article for event in self.events))

    @property
    def status(self) -> str:
        return self.primary.status

    @property
    def precision(self) -> str:
        return self.date.precision

    @property
    def end_date(self) -> PartialDate | None:
        return self.primary.end_date


_STOPWORDS = frozenset(
    (
        "the",
        "and",
        "with",
        "that",
        "this",
        "were",
        "was",
        "have",
        "has",
        "been",
        "from",
        "their",
        "between",
        "which",
        "will",
        "also",
        "within",
        "during",
        "into",
        "about",
        "other",
        "its",
        "held",
        "year",
        "years",
        "month",
        "countries",
        "country",
        "two",
        "part",
        "reports",
    )
)


def _words(text: str) -> frozenset[str]:
    return frozenset(
        word[:6] for word in re.findall(r"[a-z]+", text.lower()) if len(word) > 2 and word not in _STOPWORDS
    )


def merge_events(events: Iterable[Event]) -> list[ChronologyEntry]:
    """Entries sorted by date; one event reported by several articles becomes one entry.

    An event joins the first earlier group with the same dates, no event from its article, and a
    first clause `_similar` to its own. Groups are found through the words they share with the
    event (a group sharing none cannot be similar), so big years of many events stay fast; the
    words are only read once another article's event shares the dates.
    """
    ordered = sorted(events, key=lambda e: (e.date.sort_key(), e.article, e.start))
    groups: list[list[Event]] = []
    buckets: dict[tuple[PartialDate, PartialDate | None], _DateBucket] = {}
    for event in ordered:
        bucket = buckets.get((event.date, event.end_date))
        if bucket is None:
            bucket = buckets[(event.date, event.end_date)] = _DateBucket()
        started = bucket.place(event)
        if started is not None:
            groups.append(started)
    return [ChronologyEntry(group[0].date, tuple(group)) for group in groups]


class _DateBucket:
    """The groups of one date (range), indexed by the words of their first clause."""

    __slots__ = ("articles", "groups", "pending", "postings", "seen", "sizes")

    def __init__(self) -> None:
        self.groups: list[list[Event]] = []
        self.sizes: list[int] = []  # words in each group's first clause
        self.postings: dict[str, list[int]] = {}  # word -> groups whose first clause has it
        self.articles: dict[int, set[str]] = {}  # id(group) -> articles in it
        self.seen: set[str] = set()  # articles of every event in the bucket
        self.pending: list[int] = []  # groups whose words are not indexed yet

    def place(self, event: Event) -> list[Event] | None:
        """Put the event in the group it joins; return its new group when it starts one."""
        words = None
        # While every event here is from this article, no group can take it: words are not needed.
        if self.seen and self.seen != {event.article}:
            words = _words(event.text)
            group = self._match(event, words)
            if group is not None:
                group.append(event)
                self.articles[id(group)].add(event.article)
                self.seen.add(event.article)
                return None
        return self._add(event, words)

    def _match(self, event: Event, words: frozenset[str]) -> list[Event] | None:
        if not words:
            return None
        for index in self.pending:
            self._index(index, _words(self.groups[index][0].text))
        self.pending.clear()
        shared: dict[int, int] = {}
        for word in words:
            for index in self.postings.get(word, ()):
                shared[index] = shared.get(index, 0) + 1
        for index in sorted(shared):
            group = self.groups[index]
            if (
                shared[index] / min(len(words), self.sizes[index]) >= 0.5
                and event.article not in self.articles[id(group)]
            ):
                return group
        return None

    def _add(self, event: Event, words: frozenset[str] | None) -> list[Event]:
        group = [event]
        index = len(self.groups)
        self.groups.append(group)
        self.sizes.append(0)
        self.articles[id(group)] = {event.article}
        self.seen.add(event.article)
        if words is None:
            self.pending.append(index)
        else:
            self._index(index, words)
        return group

    def _index(self, index: int, words: frozenset[str]) -> None:
        self.sizes[index] = len(words)
        for word in words:
            self.postings.setdefault(word, []).append(index)


def chronology_records(entries: Sequence[ChronologyEntry]) -> list[dict[str, object]]:
    """The `chronology --json` records, one dict per entry, with status, end_date and every source."""
    records: list[dict[str, object]] = []
    for entry in entries:
        primary = entry.primary
        records.append(
            {
                "date": entry.date.iso(),
                "precision": entry.precision,
                "expression": primary.expression,
                "text": primary.text,
                "article": primary.article,
                "start": primary.start,
                "end": primary.end,
                "status": primary.status,
                # "end" is the passage offset, so a range's last date gets its own key.
                "end_date": entry.end_date.iso() if entry.end_date else None,
                "sources": [
                    {"article": e.article, "start": e.start, "end": e.end, "text": e.text}
                    for e in entry.events
                ],
            }
        )
    return records
