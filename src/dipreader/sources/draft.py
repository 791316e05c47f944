"""An article about to be written: its body, its metadata, how each value was found, and user overrides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from dipreader.extract.text.textclean import clean_text
from dipreader.model.article import PartialDate

DATE_BASES = frozenset({"front-matter", "text", "dateline", "inferred"})


class DraftError(Exception):
    """A value that cannot go into an article (a malformed date); the message is one line."""


def text_or_none(value: object) -> str | None:
    """One line of clean text, or None when nothing is left."""
    if value is None:
        return None
    text = " ".join(clean_text(str(value)).split())
    return text or None


@dataclass(frozen=True)
class Overrides:
    """Values the user gives, which win over anything found in the input."""

    title: str | None = None
    date: PartialDate | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()

    @classmethod
    def from_strings(
        cls,
        title: str | None = None,
        date: str | None = None,
        source: str | None = None,
        tags: Sequence[str] = (),
    ) -> Overrides:
        """Overrides from command-line strings; raises DraftError for a date that is not YYYY[-MM[-DD]]."""
        parsed: PartialDate | None = None
        if date:
            try:
                parsed = PartialDate.parse(date)
            except ValueError:
                raise DraftError(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
        return cls(
            title=text_or_none(title),
            date=parsed,
            source=text_or_none(source),
            tags=tuple(tag.strip() for tag in tags if tag.strip()),
        )


@dataclass(frozen=True)
class Draft:
    """An article ready to be written: body and metadata, with how each value was found in `found`."""

    title: str
    body: str
    date: PartialDate | None = None
    date_basis: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    # The address the page gives for itself, when it differs from `url`.
    canonical_url: str | None = None
    # Further addresses of the same page (the one asked for before redirects), for duplicates only.
    other_urls: tuple[str, ...] = ()
    found: tuple[tuple[str, str], ...] = ()
    # Front-matter keys of a Markdown input that dipreader does not set itself ("place"), kept as given.
    extra: tuple[tuple[str, Any], ...] = ()

    def addresses(self) -> tuple[str, ...]:
        """Every URL this article is known by."""
        return tuple(url for url in (self.url, self.canonical_url, *self.other_urls) if url)

    def with_overrides(self, overrides: Overrides) -> Draft:
        found = dict(self.found)
        changes: dict[str, Any] = {}
        if overrides.title:
            changes["title"] = overrides.title
            found["title"] = "given"
        if overrides.date:
            changes["date"], changes["date_basis"] = overrides.date, "front-matter"
            found["date"] = "given"
        if overrides.source:
            changes["source"] = overrides.source
            found["source"] = "given"
        if overrides.tags:
            changes["tags"] = tuple(dict.fromkeys((*self.tags, *overrides.tags)))
        return replace(self, **changes, found=tuple(found.items()))

    def corrected(self, title: str, date: str, source: str, tags: Sequence[str]) -> Draft:
        """The draft with the values a form shows, as the user left them (an empty date or source
        means none); raises DraftError for a date that is not YYYY[-MM[-DD]]."""
        parsed = Overrides.from_strings(date=date).date if date.strip() else None
        basis = self.date_basis if parsed == self.date else ("front-matter" if parsed else None)
        return replace(
            self,
            title=text_or_none(title) or self.title,
            date=parsed,
            date_basis=basis,
            source=text_or_none(source),
            tags=tuple(dict.fromkeys(tag for tag in (text_or_none(item) for item in tags) if tag)),
        )


NO_OVERRIDES = Overrides()
