"""An article from an HTML page (trafilatura): main text, title, date, author, outlet and URL."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from dipreader.model.article import PartialDate

_DOCUMENT_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_COMMON_TAG = re.compile(
    r"</?(?:html|head|body|p|div|span|a|br|article|section|main|header|footer|nav|h[1-6]|ul|ol|li"
    r"|table|tr|td|meta|title|script|style|img|figure|blockquote|em|strong|b|i)\b[^<>]*>",
    re.I,
)
# Two known tags can be a quoted snippet in a plain text; this many make a markup document.
_TAGS_FOR_HTML = 4
# Fewer words than this is navigation or a teaser, which trafilatura returns when nothing better exists.
MIN_ARTICLE_WORDS = 25
_ISO_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})")


class ExtractionError(Exception):
    """A page from which no article could be extracted; the message is one line."""


@dataclass(frozen=True)
class ExtractedArticle:
    """What the page gives: the main text (paragraphs split by blank lines) and its metadata."""

    text: str
    title: str | None
    date: PartialDate | None
    author: str | None
    sitename: str | None
    url: str | None
    hostname: str | None


def looks_like_html(text: str) -> bool:
    """True for an HTML document or fragment, false for plain text or Markdown."""
    head = text[:20000]
    if _DOCUMENT_START.match(head):
        return True
    return len(_COMMON_TAG.findall(head)) >= _TAGS_FOR_HTML


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _page_date(value: object) -> PartialDate | None:
    match = _ISO_DAY.match(value) if isinstance(value, str) else None
    if not match:
        return None
    try:
        return PartialDate(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _paragraphs(text: str, title: str | None) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    # trafilatura repeats the headline as the first line of the text.
    if title and lines and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines)


def _bare_extraction(html: str, url: str | None, **options: Any) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(html, url=url, include_comments=False, **options)
    except (ValueError, TypeError) as error:
        raise ExtractionError(f"cannot read the HTML: {error}") from None


def extract_article(html: str, url: str | None = None) -> ExtractedArticle:
    """The main text and metadata of a page; raises ExtractionError when it holds no article text.

    Dates come from the page's markup (meta tags, JSON-LD, the URL), not guessed from its prose:
    the caller dates undated text by the chronology's own rules.
    """
    document = _bare_extraction(
        html,
        url,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(document, "text", None) if document is not None else None
    title = _clean(getattr(document, "title", None))
    body = _paragraphs(text, title) if isinstance(text, str) else ""
    if len(body.split()) < MIN_ARTICLE_WORDS:
        raise ExtractionError("no article text found in the page")
    sitename = _clean(getattr(document, "sitename", None))
    hostname = _clean(getattr(document, "hostname", None))
    return ExtractedArticle(
        text=body,
        title=title,
        date=_page_date(getattr(document, "date", None)),
        author=_clean(getattr(document, "author", None)),
        sitename=None if _is_host_name(sitename, hostname, url) else sitename,
        url=_clean(getattr(document, "url", None)) or url,
        hostname=hostname,
    )


def _is_host_name(sitename: str | None, hostname: str | None, url: str | None) -> bool:
    """trafilatura names a site without a name of its own after its host; an agency credit says more."""
    if sitename is None:
        return False
    hosts = {hostname, urllib.parse.urlsplit(url).netloc if url else None}
    plain = {host.removeprefix("www.").lower() for host in hosts if host}
    return sitename.removeprefix("www.").lower() in plain


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed item's summary or content), paragraphs kept."""
    document = _bare_extraction(
        f"<html><body><article>{html}</article></body></html>", None, favor_recall=True
    )
    text = getattr(document, "text", None) if document is not None else None
    body = _paragraphs(text, None) if isinstance(text, str) else ""
    if not body:
        raise ExtractionError("no text in the HTML fragment")
    return body
