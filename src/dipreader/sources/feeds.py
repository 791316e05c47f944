"""The feed list in the data dir, OPML in and out, and fetching each new feed item into the library once."""

from __future__ import annotations

import os
import tempfile
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dipreader.sources.draft import Draft
from dipreader.sources.feed_items import FeedItem, ParsedFeed, item_draft, own_text, parse_feed
from dipreader.sources.html import ExtractionError
from dipreader.sources.intake import IntakeError, IntakeResult, save_draft
from dipreader.sources.library_index import LibraryIndex
from dipreader.sources.opml import OpmlError, Outline, parse_opml, render_opml
from dipreader.sources.per_host import Job, PerHostRunner
from dipreader.sources.web import (
    DEFAULT_LIMITS,
    FEED_TYPES,
    HTML_TYPES,
    FetchError,
    FetchLimits,
    FetchResult,
    check_url,
    fetch,
)

FEEDS_FILENAME = "feeds.yaml"
# Item ids kept per feed; older ones fall out, and the URL check still catches their return.
MAX_SEEN_IDS = 5000
DEFAULT_WORKERS = 4

Fetcher = Callable[..., FetchResult]
_STATE_LOCK = threading.Lock()


class FeedListError(Exception):
    """A feed-list operation that cannot be done (unknown feed, duplicate, unreadable file); one line."""


@dataclass
class Feed:
    """One subscribed feed with the state of its last fetch."""

    name: str
    url: str
    tag: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    seen: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "url": self.url,
            "tag": self.tag,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "seen": list(self.seen),
        }

    @classmethod
    def from_dict(cls, value: object) -> Feed:
        if not isinstance(value, dict) or not isinstance(value.get("url"), str):
            raise FeedListError("feed list: every entry needs a url")
        seen = value.get("seen")
        return cls(
            name=str(value.get("name") or value["url"]),
            url=value["url"],
            tag=_optional(value.get("tag")),
            etag=_optional(value.get("etag")),
            last_modified=_optional(value.get("last_modified")),
            seen=[str(item) for item in seen] if isinstance(seen, list) else [],
        )


def _optional(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def feeds_path(data: Path) -> Path:
    """Where the feed list lives in the data directory."""
    return data / FEEDS_FILENAME


def load_feeds(path: Path) -> list[Feed]:
    """The feed list; empty when the file does not exist yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise FeedListError(f"cannot read the feed list {path}: {error}") from None
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        raise FeedListError(f"feed list {path} is not valid YAML") from None
    if loaded is None:
        return []
    entries = loaded.get("feeds") if isinstance(loaded, dict) else None
    if not isinstance(entries, list):
        raise FeedListError(f"feed list {path}: expected a 'feeds:' list")
    return [Feed.from_dict(entry) for entry in entries]


def save_feeds(path: Path, feeds: Sequence[Feed]) -> None:
    """Replace the feed list atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(
        {"feeds": [feed.as_dict() for feed in feeds]}, sort_keys=False, allow_unicode=True, width=10_000
    )
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _default_name(url: str, taken: set[str]) -> str:
    base = (urllib.parse.urlsplit(url).hostname or url).removeprefix("www.")
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def _find(feeds: Sequence[Feed], name_or_url: str) -> Feed | None:
    return next((feed for feed in feeds if name_or_url in (feed.name, feed.url)), None)


def add_feed(path: Path, url: str, name: str | None = None, tag: str | None = None) -> Feed:
    """Subscribe to a feed; raises FeedListError for a bad URL or a URL or name already listed."""
    try:
        url = check_url(url)
    except FetchError as error:
        raise FeedListError(f"{url}: {error.reason}") from None
    feeds = load_feeds(path)
    if any(feed.url == url for feed in feeds):
        raise FeedListError(f"{url} is already in the feed list")
    if name and any(feed.name == name for feed in feeds):
        raise FeedListError(f"a feed named {name!r} is already in the feed list")
    feed = Feed(name=name or _default_name(url, {f.name for f in feeds}), url=url, tag=tag or None)
    save_feeds(path, [*feeds, feed])
    return feed


def list_feeds(path: Path) -> list[Feed]:
    return load_feeds(path)


def remove_feed(path: Path, name_or_url: str) -> Feed:
    """Unsubscribe by name or URL; raises FeedListError when no feed matches."""
    feeds = load_feeds(path)
    feed = _find(feeds, name_or_url)
    if feed is None:
        raise FeedListError(f"no feed named {name_or_url!r}")
    save_feeds(path, [other for other in feeds if other is not feed])
    return feed


@dataclass(frozen=True)
class ImportReport:
    added: tuple[Feed, ...]
    skipped: tuple[tuple[str, str], ...]  # (url, reason)


def import_opml(path: Path, data: str | bytes) -> ImportReport:
    """Add every feed of an OPML document that is not listed yet; raises FeedListError for bad OPML."""
    try:
        outlines = parse_opml(data)
    except OpmlError as error:
        raise FeedListError(str(error)) from None
    feeds = load_feeds(path)
    added: list[Feed] = []
    skipped: list[tuple[str, str]] = []
    for outline in outlines:
        try:
            url = check_url(outline.url)
        except FetchError as error:
            skipped.append((outline.url, error.reason))
            continue
        if any(feed.url == url for feed in feeds):
            skipped.append((url, "already in the feed list"))
            continue
        taken = {feed.name for feed in feeds}
        name = outline.name if outline.name and outline.name not in taken else _default_name(url, taken)
        feed = Feed(name=name, url=url, tag=outline.tag)
        feeds.append(feed)
        added.append(feed)
    if added:
        save_feeds(path, feeds)
    return ImportReport(tuple(added), tuple(skipped))


def export_opml(path: Path) -> str:
    """The feed list as an OPML 2.0 document."""
    return render_opml([Outline(feed.name, feed.url, feed.tag) for feed in load_feeds(path)])


@dataclass(frozen=True)
class FeedFailure:
    """A feed, or one of its items, that could not be read; `item` is None for the feed itself."""

    feed: str
    item: str | None
    reason: str

    def line(self) -> str:
        return f"{self.feed}: {self.item}: {self.reason}" if self.item else f"{self.feed}: {self.reason}"


@dataclass(frozen=True)
class FetchProgress:
    """`done` of `total` steps (feeds, then item pages as they are found); `message` names the last."""

    done: int
    total: int
    message: str


@dataclass
class FetchSummary:
    """What one fetch did: the feeds read, one result per new item, and every failure by name."""

    feeds: int = 0
    not_modified: int = 0
    results: list[IntakeResult] = field(default_factory=list)
    failures: list[FeedFailure] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(result.status == "added" for result in self.results)

    @property
    def duplicates(self) -> int:
        return sum(result.status == "duplicate" for result in self.results)

    def line(self) -> str:
        feeds = "1 feed" if self.feeds == 1 else f"{self.feeds} feeds"
        return f"{feeds}, {self.added} new, {len(self.failures)} failed"


@dataclass
class _FeedRun:
    """One feed during a fetch: what it answered, and which items got through."""

    feed: Feed
    fetched: FetchResult | None = None
    failed_items: int = 0
    newly_seen: list[str] = field(default_factory=list)


def _host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or url).lower()


def _select(feeds: list[Feed], names: Sequence[str]) -> list[Feed]:
    if not names:
        return feeds
    chosen: list[Feed] = []
    for name in names:
        feed = _find(feeds, name)
        if feed is None:
            raise FeedListError(f"no feed named {name!r}")
        if feed not in chosen:
            chosen.append(feed)
    return chosen


def _merge_state(path: Path, runs: Sequence[_FeedRun]) -> None:
    """Write back validators and seen ids, re-reading the list so a change made meanwhile is kept.

    A feed with a failed item keeps its old validators, so the next fetch reads it again.
    """
    with _STATE_LOCK:
        current = load_feeds(path)
        for run in runs:
            stored = next((feed for feed in current if feed.url == run.feed.url), None)
            if stored is None:
                continue
            if run.fetched is not None and run.failed_items == 0:
                stored.etag = run.fetched.etag
                stored.last_modified = run.fetched.last_modified
            stored.seen = list(dict.fromkeys((*stored.seen, *run.newly_seen)))[-MAX_SEEN_IDS:]
        save_feeds(path, current)


class _Fetch:
    """One `fetch_feeds` call: the jobs it schedules and what they report back."""

    def __init__(
        self,
        library: Path,
        index: LibraryIndex,
        runner: PerHostRunner,
        limits: FetchLimits,
        fetcher: Fetcher,
        progress: Callable[[FetchProgress], None] | None,
        feeds: int,
    ) -> None:
        self.library, self.index, self.runner = library, index, runner
        self.limits, self.fetcher, self.progress = limits, fetcher, progress
        self.summary = FetchSummary(feeds=feeds)
        self.done, self.total = 0, feeds

    def tick(self, message: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(FetchProgress(self.done, self.total, message))

    def fail(self, run: _FeedRun, item: str | None, reason: str) -> None:
        if item is not None:
            run.failed_items += 1
        self.summary.failures.append(FeedFailure(run.feed.name, item, reason))

    def save(self, run: _FeedRun, item: FeedItem, made: Draft | str) -> None:
        """Write an item's draft into the library (here, in the calling thread), or record why not."""
        label = item.title or item.link or item.key
        if isinstance(made, str):
            self.fail(run, label, made)
            return
        result = save_draft(made, self.library, self.index, input_name=item.link or item.key)
        self.summary.results.append(result)
        if result.status == "failed":
            self.fail(run, label, result.reason or "cannot be added")
        else:
            run.newly_seen.append(item.key)

    def saving(self, run: _FeedRun, item: FeedItem, made: Draft | str) -> Callable[[], None]:
        def finish() -> None:
            self.save(run, item, made)
            self.tick(f"{run.feed.name}: {item.title or item.link or item.key}")

        return finish

    def item_job(self, run: _FeedRun, channel: str | None, item: FeedItem) -> Job:
        """Extract an item's own text; a summary sends it on to its page instead."""

        def work() -> Callable[[], None]:
            text = own_text(item)
            if text is None and item.link:
                link = item.link
                return lambda: self.runner.add(_host(link), self.page_job(run, channel, item, link))
            return self.saving(run, item, _draft_or_reason(run.feed, channel, item, text, None))

        return work

    def page_job(self, run: _FeedRun, channel: str | None, item: FeedItem, link: str) -> Job:
        """Download the item's page; its extraction is a job of its own, so the host is free meanwhile."""

        def work() -> Callable[[], None]:
            try:
                page = self.fetcher(link, accept=HTML_TYPES, limits=self.limits)
            except FetchError as error:
                return self.saving(run, item, error.reason)

            def extract() -> Callable[[], None]:
                return self.saving(run, item, _draft_or_reason(run.feed, channel, item, None, page))

            return lambda: self.runner.add(f"extract {item.key}", extract)

        return work

    def feed_job(self, run: _FeedRun) -> Job:
        def work() -> Callable[[], None]:
            feed = run.feed
            try:
                result = self.fetcher(
                    feed.url,
                    accept=FEED_TYPES,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    limits=self.limits,
                )
                parsed = None if result.not_modified else parse_feed(result)
            except FetchError as error:
                reason = error.reason

                def failed() -> None:
                    self.fail(run, None, reason)
                    self.tick(f"{feed.name}: failed")

                return failed

            def finish() -> None:
                run.fetched = result
                if parsed is None:
                    self.summary.not_modified += 1
                    self.tick(f"{feed.name}: not modified")
                    return
                fresh = _fresh_items(parsed, set(feed.seen))
                self.total += len(fresh)
                for item in fresh:
                    self.runner.add(f"item {feed.url} {item.key}", self.item_job(run, parsed.title, item))
                self.tick(f"{feed.name}: {len(fresh)} new items")

            return finish

        return work


def _draft_or_reason(
    feed: Feed, channel: str | None, item: FeedItem, text: str | None, page: FetchResult | None
) -> Draft | str:
    try:
        return item_draft(item, feed_name=feed.name, channel=channel, tag=feed.tag, text=text, page=page)
    except (IntakeError, ExtractionError) as error:
        return str(error)


def _fresh_items(parsed: ParsedFeed | None, seen: set[str]) -> list[FeedItem]:
    if parsed is None:
        return []
    return list({item.key: item for item in parsed.items if item.key not in seen}.values())


def fetch_feeds(
    path: Path,
    library: Path,
    names: Sequence[str] = (),
    *,
    progress: Callable[[FetchProgress], None] | None = None,
    workers: int = DEFAULT_WORKERS,
    limits: FetchLimits = DEFAULT_LIMITS,
    index: LibraryIndex | None = None,
    fetcher: Fetcher = fetch,
) -> FetchSummary:
    """Read the listed feeds (all when `names` is empty) and add each new item to `library` once.

    Downloads run `workers` at a time, one at a time per host. Articles are written and
    `progress` is called in the calling thread. Raises FeedListError for an unknown name.
    """
    feeds = _select(load_feeds(path), names)
    index = index if index is not None else LibraryIndex.scan(library)
    runner = PerHostRunner(workers)
    fetching = _Fetch(library, index, runner, limits, fetcher, progress, len(feeds))
    runs = [_FeedRun(feed) for feed in feeds]
    for run in runs:
        runner.add(_host(run.feed.url), fetching.feed_job(run))
    try:
        runner.run()
    finally:
        _merge_state(path, runs)
    return fetching.summary
