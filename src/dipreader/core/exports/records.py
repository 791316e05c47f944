"""The plain records every export takes: an article's metadata, a person with their roles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from dipreader.model.anchoring import Annotation
from dipreader.model.article import ArticleMeta, PartialDate
from dipreader.model.people import Person
from dipreader.model.terminal_text import safe_lines, safe_words


@dataclass(frozen=True)
class ArticleRecord:
    """What an export says about an article. `date` is ISO: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""

    id: str
    title: str
    date: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    """Names as in `PersonRecord.name`."""
    sectors: tuple[str, ...] = ()
    """Sector labels (or keys) as the user should read them."""

    @classmethod
    def from_meta(
        cls, meta: ArticleMeta, people: Iterable[str] = (), sectors: Iterable[str] = ()
    ) -> ArticleRecord:
        return cls(
            id=meta.id,
            title=meta.title,
            date=meta.date.iso() if meta.date else None,
            source=meta.source,
            author=meta.author,
            url=meta.url,
            tags=tuple(meta.tags),
            people=tuple(people),
            sectors=tuple(sectors),
        )


@dataclass(frozen=True)
class RoleEntry:
    """A title a person held, as one article (dated) states it."""

    title: str
    article_id: str
    date: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class PersonRecord:
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleEntry, ...] = ()
    articles: tuple[str, ...] = ()
    """Ids of the articles that name them."""

    @classmethod
    def from_person(cls, person: Person) -> PersonRecord:
        return cls(
            name=person.name,
            country=person.country,
            aliases=tuple(alias for alias in person.aliases if alias != person.name),
            roles=tuple(
                RoleEntry(role.title, role.article, role.date.iso() if role.date else None, role.country)
                for role in person.roles
            ),
            articles=person.articles,
        )


def date_parts(iso: str | None) -> tuple[int, ...] | None:
    """(year[, month[, day]]) from an ISO partial date; None when absent or not a real date."""
    if not iso:
        return None
    try:
        date = PartialDate.parse(iso)
    except ValueError:
        return None
    return tuple(part for part in (date.year, date.month, date.day) if part is not None)


def _optional_line(text: str | None) -> str | None:
    cleaned = safe_words(text) if text else ""
    return cleaned or None


def _lines(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(kept for kept in (safe_words(value) for value in values) if kept)


def clean_article(article: ArticleRecord) -> ArticleRecord:
    """The record with every text on one line, without control characters or escape sequences."""
    return ArticleRecord(
        id=safe_words(article.id),
        title=safe_words(article.title) or safe_words(article.id),
        date=_optional_line(article.date),
        source=_optional_line(article.source),
        author=_optional_line(article.author),
        url=_optional_line(article.url),
        tags=_lines(article.tags),
        people=_lines(article.people),
        sectors=_lines(article.sectors),
    )


def clean_person(person: PersonRecord) -> PersonRecord:
    return PersonRecord(
        name=safe_words(person.name),
        country=_optional_line(person.country),
        aliases=_lines(person.aliases),
        roles=tuple(
            RoleEntry(
                safe_words(role.title),
                safe_words(role.article_id),
                _optional_line(role.date),
                _optional_line(role.country),
            )
            for role in person.roles
        ),
        articles=_lines(person.articles),
    )


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Each tag on one line, without control characters or escape sequences; empty ones dropped."""
    return _lines(tags)


def clean_annotation(ann: Annotation) -> Annotation:
    """Quote and note cleaned (line breaks kept), tags on one line each."""
    return replace(
        ann,
        id=safe_words(ann.id),
        article_id=safe_words(ann.article_id),
        exact=safe_lines(ann.exact),
        note=safe_lines(ann.note),
        color=safe_words(ann.color),
        tags=clean_tags(ann.tags),
        created=safe_words(ann.created),
        updated=safe_words(ann.updated),
    )
