"""A citation line for a copied quote: `“quote” — Outlet, 2024-04-09, URL`."""

from __future__ import annotations

from typing import Protocol

from dipreader.model.article import PartialDate
from dipreader.model.terminal_text import safe_words

_QUOTE_MARKS = "\"'“”‘’«»„"


class Citable(Protocol):
    """What a citation needs; `ArticleMeta` and `ArticleRecord` both have it."""

    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def date(self) -> PartialDate | str | None: ...


def _iso(date: PartialDate | str | None) -> str:
    if isinstance(date, PartialDate):
        return date.iso()
    return safe_words(date or "")


def citation_line(article: Citable) -> str:
    """`Outlet, 2024-04-09, URL`; the title stands in for an unknown outlet; missing parts left out."""
    outlet = safe_words(article.source or "") or safe_words(article.title or "")
    parts = [outlet, _iso(article.date), safe_words(article.url or "")]
    return ", ".join(part for part in parts if part)


def quote_with_citation(selected: str, article: Citable) -> str:
    """The selection on one line in quotation marks, then ` — ` and the citation line.

    Quotation marks already around the selection are not doubled. With nothing selected,
    the article's title in quotation marks is cited instead.
    """
    quote = safe_words(selected)
    if len(quote) >= 2 and quote[0] in _QUOTE_MARKS and quote[-1] in _QUOTE_MARKS:
        quote = quote[1:-1].strip()
    quote = quote or safe_words(article.title or "")
    citation = citation_line(article)
    quoted = f"“{quote}”" if quote else ""
    return " — ".join(part for part in (quoted, citation) if part)
