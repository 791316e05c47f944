"""Feed documents (RSS 0.9x/1.0/2.0, Atom) to items, and an item to an article draft."""

from __future__ import annotations

import hashlib
import io
import xml.sax
from dataclasses import dataclass, replace
from typing import Any

from dipreader.model.article import PartialDate
from dipreader.sources.draft import Draft
from dipreader.sources.html import ExtractionError, fragment_text
from dipreader.sources.intake import IntakeError, draft_from_html, draft_from_text
from dipreader.sources.web import FetchError, FetchResult
from dipreader.sources.wire import strip_title_dateline

# An item whose own text is shorter than this is a summary: the page is fetched instead.
FULL_TEXT_MIN_CHARS = 1000


@dataclass(frozen=True)
class FeedItem:
    """A feed entry: its id, link and declared metadata, and the HTML it carries itself."""

    key: str
    link: str | None
    title: str | None
    date: PartialDate | None
    author: str | None
    html: str


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    items: tuple[FeedItem, ...]


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _entry_key(entry: Any) -> str:
    """The entry's id, else its link, else a hash of what it says."""
    for name in ("id", "link"):
        value = _text(entry.get(name))
        if value:
            return value
    basis = f"{entry.get('title', '')}\n{entry.get('published', '')}\n{entry.get('summary', '')}"
    return "sha1:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()


def _entry_date(entry: Any) -> PartialDate | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return PartialDate(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
    except (AttributeError, ValueError):
        return None


def _entry_html(entry: Any) -> str:
    """The longest text the entry carries: its content (content:encoded, atom:content) or its summary."""
    candidates = [part.get("value") for part in entry.get("content") or [] if isinstance(part, dict)]
    candidates.append(entry.get("summary"))
    return max((text for text in candidates if isinstance(text, str)), key=len, default="")


def parse_feed(result: FetchResult) -> ParsedFeed:
    """The items of a feed response; raises FetchError for broken XML or a document that is no feed.

    feedparser recovers what it can from XML that is not well formed; such a document is
    refused only when nothing usable comes out of it.
    """
    import feedparser  # type: ignore[import-untyped]

    headers = {"content-location": result.url}
    if result.content_type:
        charset = f"; charset={result.charset}" if result.charset else ""
        headers["content-type"] = result.content_type + charset
    # A stream, never a string: feedparser would open a string that looks like a URL or a path.
    parsed = feedparser.parse(io.BytesIO(result.body), response_headers=headers)
    error = parsed.get("bozo_exception")
    items = tuple(
        FeedItem(
            key=_entry_key(entry),
            link=_text(entry.get("link")),
            title=_text(entry.get("title")),
            date=_entry_date(entry),
            author=_text(entry.get("author")),
            html=_entry_html(entry),
        )
        for entry in parsed.entries
    )
    if isinstance(error, xml.sax.SAXParseException):
        # From XML that is not well formed, only entries that lead somewhere are worth keeping.
        items = tuple(item for item in items if item.link or item.html.strip())
        if not items:
            raise FetchError(f"broken XML at line {error.getLineNumber()}: {error.getMessage()}", result.url)
    if not items and not parsed.version:
        raise FetchError("not an RSS or Atom feed", result.url)
    return ParsedFeed(_text(parsed.feed.get("title")), items)


def own_text(item: FeedItem) -> str | None:
    """The item's own text when it is the article, None when it is a summary of a linked page."""
    if len(item.html) < FULL_TEXT_MIN_CHARS and item.link:
        return None
    try:
        text = fragment_text(item.html) if item.html.strip() else ""
    except ExtractionError:
        text = ""
    if len(text) >= FULL_TEXT_MIN_CHARS or (text and not item.link):
        return text
    return None


def item_draft(
    item: FeedItem,
    *,
    feed_name: str,
    channel: str | None,
    tag: str | None,
    text: str | None = None,
    page: FetchResult | None = None,
) -> Draft:
    """A draft from the fetched page, or from the item's own text, with the feed's metadata on top.

    The title and author the feed declares win; the page's own date and outlet win over the
    feed's, which win over what the text suggests. Raises IntakeError or ExtractionError.
    """
    if page is not None:
        draft = draft_from_html(page.text(), item.link or page.url, other_urls=(page.url,))
    elif text:
        draft = draft_from_text(text, "text", item.link)
    else:
        raise IntakeError("the item has no text and no link")
    found = dict(draft.found)
    changes: dict[str, Any] = {}
    if item.title:
        changes["title"] = strip_title_dateline(item.title).title
        found["title"] = "the feed"
    if item.date and found.get("date") != "the page":
        changes["date"], changes["date_basis"] = item.date, "text"
        found["date"] = "the feed"
    if item.author and not draft.author:
        changes["author"] = item.author
    if found.get("source") != "the page":
        changes["source"] = channel or feed_name
        found["source"] = "the feed"
    if tag:
        changes["tags"] = tuple(dict.fromkeys((*draft.tags, tag)))
    return replace(draft, **changes, found=tuple(found.items()))
