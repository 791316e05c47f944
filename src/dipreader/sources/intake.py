"""Turn a file, a URL or pasted text into a Markdown article in the library, written once and atomically."""

from __future__ import annotations

import datetime as _dt
import re
import sys
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Literal

from dipreader.extract.text.textclean import clean_text
from dipreader.model.article import PartialDate
from dipreader.sources.article_file import ArticleWriteError, article_path, render_article, write_new_file
from dipreader.sources.draft import DATE_BASES, NO_OVERRIDES, Draft, DraftError, Overrides, text_or_none
from dipreader.sources.files import ArticleFileError, front_matter_date, split_front_matter
from dipreader.sources.html import ExtractionError, extract_article, looks_like_html
from dipreader.sources.library_index import LibraryIndex, article_id, normalised_text_hash
from dipreader.sources.text_meta import date_from_body, source_of, title_of
from dipreader.sources.web import (
    DEFAULT_LIMITS,
    HTML_TYPES,
    FetchError,
    FetchLimits,
    FetchResult,
    decode_body,
    fetch,
)

Status = Literal["added", "duplicate", "failed"]
InputKind = Literal["html", "markdown", "text"]
FILE_KINDS: dict[str, InputKind] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
MAX_INPUT_BYTES = 5 * 1024 * 1024
STDIN_SOURCE = "-"
# Front-matter keys that intake reads and writes itself; any other key of an input is kept as it is.
_OWN_KEYS = frozenset(
    {"title", "date", "date_basis", "source", "author", "url", "canonical_url", "tags", "added"}
)
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<title>[^\n]+?)[ \t#]*(?:\n|$)")

Fetcher = Callable[..., FetchResult]


class IntakeError(Exception):
    """An input that cannot become an article; the message is one line."""


@dataclass(frozen=True)
class IntakeResult:
    """What became of one input; `id` and `path` name the new file or, for a duplicate, the old one."""

    input: str
    status: Status
    id: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "path": self.path,
            "status": self.status,
            "reason": self.reason,
            "input": self.input,
        }


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _body_text(text: str) -> str:
    """Clean text with Unix newlines and no trailing blank lines."""
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip("\n").rstrip() + "\n" if text.strip() else ""


def _finish(
    body: str,
    *,
    title: str | None,
    title_how: str,
    date: PartialDate | None = None,
    date_basis: str | None = None,
    date_how: str = "",
    source: str | None = None,
    source_how: str = "",
    author: str | None = None,
    url: str | None = None,
    tags: tuple[str, ...] = (),
    canonical_url: str | None = None,
    other_urls: tuple[str, ...] = (),
) -> Draft:
    """Fill what the input left open from the text: title, date and outlet, then strip datelines."""
    body = _body_text(body)
    if not body.strip():
        raise IntakeError("no article text")
    found: dict[str, str] = {}
    named = title_of(body, title, title_how)
    title_how = named.how
    found["title"] = title_how
    if date is None:
        dated = date_from_body(body)
        if dated is not None:
            date, date_basis, date_how = dated.date, dated.basis, dated.how
    if date is not None:
        found["date"] = date_how
    if source is None:
        credited = source_of(body)
        if credited is not None:
            source, source_how = credited
    if source is not None:
        found["source"] = source_how
    return Draft(
        title=named.title,
        body=body,
        date=date,
        date_basis=date_basis if date is not None else None,
        source=source,
        author=author,
        url=url,
        tags=tags,
        canonical_url=canonical_url if canonical_url != url else None,
        other_urls=tuple(u for u in dict.fromkeys(other_urls) if u and u not in (url, canonical_url)),
        found=tuple(found.items()),
    )


def draft_from_html(html: str, url: str | None = None, other_urls: Sequence[str] = ()) -> Draft:
    """A draft from an HTML page by trafilatura; raises ExtractionError when it holds no article text."""
    page = extract_article(html, url)
    canonical = page.url if page.url and page.url != url else None
    source, source_how = page.sitename, "the page"
    if source is None:
        credited = source_of(page.text)
        if credited is not None:
            source, source_how = credited
        elif _hostname(url):
            source, source_how = _hostname(url), "the web address"
    return _finish(
        page.text,
        title=page.title,
        title_how="the page",
        date=page.date,
        date_basis="text" if page.date else None,
        date_how="the page",
        source=source,
        source_how=source_how,
        author=page.author,
        url=url or page.url,
        canonical_url=canonical,
        other_urls=tuple(other_urls),
    )


def draft_from_text(text: str, kind: InputKind = "text", url: str | None = None) -> Draft:
    """A draft from plain text or Markdown; front matter, when present, gives the metadata."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    try:
        front, body = split_front_matter(text)
        front_date = front_matter_date(front.get("date"))
    except ArticleFileError as error:
        raise IntakeError(str(error)) from None
    title = text_or_none(front.get("title"))
    title_how = "front matter"
    if title is None and kind == "markdown":
        heading = _MARKDOWN_HEADING.match(body)
        if heading:
            title, title_how = text_or_none(heading.group("title")), "the Markdown heading"
            body = body[heading.end() :]
    basis = text_or_none(front.get("date_basis")) if front_date else None
    draft = _finish(
        body,
        title=title,
        title_how=title_how,
        date=front_date,
        date_basis=(basis if basis in DATE_BASES else "front-matter") if front_date else None,
        date_how="front matter",
        source=text_or_none(front.get("source")),
        source_how="front matter",
        author=text_or_none(front.get("author")),
        url=text_or_none(front.get("url")) or url,
        tags=_tags(front.get("tags")),
    )
    extra = tuple((key, value) for key, value in front.items() if key not in _OWN_KEYS)
    return replace(draft, extra=extra) if extra else draft


def _tags(value: object) -> tuple[str, ...]:
    """Front-matter tags: a list, or one string of comma-separated tags."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(tag for tag in (text_or_none(item) for item in value) if tag))


def draft_from_input(text: str, url: str | None = None) -> Draft:
    """A draft from pasted text: HTML goes through extraction, anything else is plain text."""
    if looks_like_html(text):
        return draft_from_html(text, url)
    return draft_from_text(text, "text", url)


def draft_from_paste(text: str, *, limits: FetchLimits = DEFAULT_LIMITS, fetcher: Fetcher = fetch) -> Draft:
    """A draft from what was pasted: a lone http(s) address is fetched, anything else is the article.

    Raises IntakeError, FetchError or ExtractionError with a one-line message.
    """
    stripped = text.strip()
    if not stripped:
        raise IntakeError("nothing pasted yet")
    if len(stripped.split()) == 1 and urllib.parse.urlsplit(stripped).scheme.lower() in ("http", "https"):
        return _read_url(stripped, limits, fetcher)
    if len(text) > MAX_INPUT_BYTES:
        raise IntakeError(f"the text is over the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
    return draft_from_input(text)


def _read_file(path: Path) -> Draft:
    kind = FILE_KINDS.get(path.suffix.lower())
    if kind is None:
        shown = path.suffix or "(none)"
        raise IntakeError(f"unsupported file type {shown} (expected .html, .htm, .md, .markdown or .txt)")
    if path.is_dir():
        raise IntakeError("is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise IntakeError(
                f"file of {size // 1024} KB is over the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise IntakeError("no such file") from None
    except OSError as error:
        raise IntakeError(f"cannot read the file: {error.strerror or error}") from None
    if not raw.strip():
        raise IntakeError("empty file")
    if kind == "html":
        return draft_from_html(decode_body(raw))
    if b"\x00" in raw[:8192]:
        raise IntakeError("binary file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IntakeError(f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})") from None
    return draft_from_text(text, kind)


def _read_url(url: str, limits: FetchLimits, fetcher: Fetcher) -> Draft:
    result = fetcher(url, accept=HTML_TYPES, limits=limits)
    return draft_from_html(result.text(), result.url, other_urls=(url,))


def read_source(
    source: str,
    *,
    stdin: IO[str] | None = None,
    limits: FetchLimits = DEFAULT_LIMITS,
    fetcher: Fetcher = fetch,
) -> Draft:
    """A draft from a SOURCE: a file path, an http(s) URL, or `-` for standard input.

    Raises IntakeError, FetchError or ExtractionError with a one-line message.
    """
    if source == STDIN_SOURCE:
        stream = stdin if stdin is not None else sys.stdin
        text = stream.read(MAX_INPUT_BYTES + 1)
        if len(text) > MAX_INPUT_BYTES:
            raise IntakeError(f"standard input is over the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit")
        if not text.strip():
            raise IntakeError("no text on standard input")
        return draft_from_input(text)
    scheme = urllib.parse.urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        return _read_url(source, limits, fetcher)
    # A Windows drive letter ("C:\\") parses as a one-letter scheme; anything longer is a URL.
    if len(scheme) > 1 and "://" in source:
        raise FetchError(f"unsupported URL scheme '{scheme}' (only http and https)", source)
    return _read_file(Path(source).expanduser())


def save_draft(
    draft: Draft,
    root: Path,
    index: LibraryIndex,
    *,
    input_name: str = "",
    now: _dt.datetime | None = None,
) -> IntakeResult:
    """Write the draft into the library unless it is already there; the index learns the new article."""
    date = draft.date.iso() if draft.date else None
    duplicate = index.duplicate_of(draft.addresses(), draft.body)
    if duplicate is not None:
        existing, reason = duplicate
        return IntakeResult(
            input_name, "duplicate", existing, draft.title, date, draft.source, draft.url,
            str(root / existing), reason,
        )  # fmt: skip
    folder, stem = article_path(draft)
    content = render_article(draft, now or _dt.datetime.now(_dt.UTC))
    try:
        path = write_new_file(root / folder, stem, ".md", content)
    except ArticleWriteError as error:
        reason = str(error)
        return IntakeResult(
            input_name, "failed", None, draft.title, date, draft.source, draft.url, reason=reason
        )
    except OSError as error:
        reason = f"cannot write into the library: {error.strerror or error}"
        return IntakeResult(
            input_name, "failed", None, draft.title, date, draft.source, draft.url, reason=reason
        )
    new_id = article_id(path, root)
    index.remember(new_id, draft.addresses(), normalised_text_hash(draft.body))
    return IntakeResult(input_name, "added", new_id, draft.title, date, draft.source, draft.url, str(path))


def _failed(input_name: str, reason: str, url: str | None = None) -> IntakeResult:
    return IntakeResult(input_name, "failed", url=url, reason=reason)


def add_sources(
    sources: Iterable[str],
    root: Path,
    overrides: Overrides = NO_OVERRIDES,
    *,
    stdin: IO[str] | None = None,
    limits: FetchLimits = DEFAULT_LIMITS,
    index: LibraryIndex | None = None,
    fetcher: Fetcher = fetch,
) -> list[IntakeResult]:
    """Add each source to the library, one result per source in order; a failure does not stop the rest."""
    index = index if index is not None else LibraryIndex.scan(root)
    results: list[IntakeResult] = []
    for source in sources:
        url = source if urllib.parse.urlsplit(source).scheme.lower() in ("http", "https") else None
        try:
            draft = read_source(source, stdin=stdin, limits=limits, fetcher=fetcher).with_overrides(overrides)
        except FetchError as error:
            results.append(_failed(source, error.reason, url))
            continue
        except (IntakeError, DraftError, ExtractionError) as error:
            results.append(_failed(source, str(error), url))
            continue
        results.append(save_draft(draft, root, index, input_name=source))
    return results
