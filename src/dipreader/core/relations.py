"""The relationships of a library, built once from the index: per pair its articles, contacts, people."""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from dipreader.extract.levels import Level, highest, role_level, text_level, usual_level
from dipreader.extract.pairs import ArticlePairs, Pair, PairKind, detect_pairs, fold
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta, Entities, OfficialMention, PartialDate

if TYPE_CHECKING:
    from dipreader.core.builds import AnalysisLookup
    from dipreader.core.library import Library
    from dipreader.model.chronology import Event
    from dipreader.model.people import Person

MilestoneKind = Literal["planned", "agreement", "declaration"]

NEWS_DAYS = 7
"""An event this many days before its article's date at most is the article's news: when its clause
names nobody, the article's officials say at what level it was held."""

_DECLARATION = re.compile(
    r"\b(?:declarations?|joint\s+statements?|communiqu[eé]s?|statements?\s+of\s+intent)\b", re.IGNORECASE
)
_AGREEMENT = re.compile(
    r"\b(?:agreements?|memorand(?:um|a)|MoUs?|treat(?:y|ies)|protocols?|accords?|conventions?|"
    r"road\s?maps?|action\s+plans?|signed|signing)\b",
    re.IGNORECASE,
)
_RELATIONAL_ROLES = frozenset({"counterpart", "counterparts", "colleague", "host", "guest"})


@dataclass(frozen=True, slots=True)
class Contact:
    """One chronology entry of a pair, reduced to what the charts count."""

    date: PartialDate
    level: Level
    status: str


@dataclass(frozen=True, slots=True)
class Milestone:
    """An agreement, a declaration or a planned event of a pair, with the passage that reports it."""

    date: PartialDate
    end_date: PartialDate | None
    kind: MilestoneKind
    status: str
    text: str
    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RoleThen:
    """A title a person held in one of the pair's articles."""

    title: str
    date: PartialDate | None
    article: str


@dataclass(frozen=True, slots=True)
class SidePerson:
    """A person of one side of a pair: their roles in its articles, and their latest role anywhere."""

    name: str
    country: str
    roles_then: tuple[RoleThen, ...]
    role_now: str | None
    role_now_date: PartialDate | None
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class PairArticle:
    """An article of a pair: what the sector figures and the lists need, and why it is the pair's."""

    id: str
    title: str
    date: PartialDate | None
    sectors: tuple[str, ...]
    basis: str


@dataclass(frozen=True)
class PairData:
    """Everything the index says about one relationship."""

    pair: Pair
    articles: tuple[PairArticle, ...]
    contacts: tuple[Contact, ...]
    milestones: tuple[Milestone, ...]
    people: tuple[SidePerson, ...]
    first: PartialDate | None = None
    """The earliest and the latest contact (planned ones too)."""
    last: PartialDate | None = None

    @property
    def article_ids(self) -> frozenset[str]:
        return frozenset(article.id for article in self.articles)


PairCounts = tuple[Pair, frozenset[str], int, PartialDate | None, PartialDate | None]
"""What the list of pairs shows of one: its article ids, contacts, first and last contact."""


class RelationsSource(Protocol):
    """Where the Relations are read from: built whole in memory, or the index file (by query)."""

    @property
    def without_pair(self) -> tuple[tuple[PairKind, int], ...]:
        """How many articles have no pair, by kind (most first)."""

    def get(self, pair: Pair) -> PairData | None: ...

    def pair_counts(self) -> Iterator[PairCounts]: ...


@dataclass(frozen=True)
class Relations:
    """Every pair of the library, and how many articles have no pair (one country, a summit, none)."""

    pairs: dict[Pair, PairData]
    without_pair: tuple[tuple[PairKind, int], ...] = ()

    def get(self, pair: Pair) -> PairData | None:
        return self.pairs.get(pair)

    def pair_counts(self) -> Iterator[PairCounts]:
        """(pair, its article ids, contacts, first and last contact) of every pair."""
        for data in self.pairs.values():
            yield data.pair, data.article_ids, len(data.contacts), data.first, data.last


@dataclass
class _PairBuild:
    articles: list[PairArticle] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def article_pairs(meta: ArticleMeta, analysis: ArticleAnalysis) -> ArticlePairs:
    """The pair(s) of one indexed article, from its title and its cached analysis."""
    return detect_pairs(meta.title, analysis.entities.officials, analysis.countries)


def stated_roles(officials: Sequence[OfficialMention]) -> dict[str, str]:
    """Each official's first title that says an office (not "counterpart")."""
    roles: dict[str, str] = {}
    for mention in officials:
        role = " ".join((mention.role or "").split())
        if role and role.split()[-1].casefold() not in _RELATIONAL_ROLES:
            roles.setdefault(mention.name, role)
    return roles


def _is_news(event: Event, article_date: PartialDate | None) -> bool:
    if (
        article_date is None
        or article_date.day is None
        or event.date.day is None
        or event.status == "planned"
    ):
        return False
    assert article_date.month is not None and event.date.month is not None
    article_day = _dt.date(article_date.year, article_date.month, article_date.day)
    event_day = _dt.date(event.date.year, event.date.month, event.date.day)
    return 0 <= (article_day - event_day).days <= NEWS_DAYS


class ClauseLevels:
    """The level of each event of one article: its clause's officials, its clause's titles, its news."""

    def __init__(self, meta: ArticleMeta, analysis: ArticleAnalysis) -> None:
        self.date = meta.date
        self.officials = analysis.entities.officials
        self.starts = [mention.start for mention in self.officials]
        self.roles = stated_roles(self.officials)
        self.usual = usual_level(self.roles)

    def level(self, event: Event) -> Level:
        first = bisect.bisect_left(self.starts, event.start)
        last = bisect.bisect_left(self.starts, event.end, lo=first)
        inside = [m for m in self.officials[first:last] if m.end <= event.end]
        named = [role_level(m.role or self.roles.get(m.name, "")) for m in inside]
        if any(level != "other" for level in named):
            return highest(level for level in named if level != "other")
        stated = text_level(event.text)
        if stated is not None:
            return stated
        if self.usual is not None and _is_news(event, self.date):
            return self.usual
        return "other"


class RelationsCollector:
    """Reads articles one at a time (their analyses can be dropped after) and builds the Relations."""

    def __init__(self) -> None:
        self._pairs: dict[Pair, _PairBuild] = {}
        self._levels: dict[tuple[str, int, int], Level] = {}
        self._without: Counter[PairKind] = Counter()

    def add(self, meta: ArticleMeta, analysis: ArticleAnalysis) -> None:
        found = article_pairs(meta, analysis)
        if not found.pairs:
            self._without[found.kind] += 1
            return
        levels = ClauseLevels(meta, analysis)
        for event in analysis.events:
            self._levels[(event.article, event.start, event.end)] = levels.level(event)
        sectors = tuple(dict.fromkeys(mention.sector for mention in analysis.entities.sectors))
        article = PairArticle(meta.id, meta.title, meta.date, sectors, found.basis)
        for pair in found.pairs:
            build = self._pairs.setdefault(pair, _PairBuild())
            build.articles.append(article)
            build.events.extend(analysis.events)

    def finish(self, people: Iterable[Person] = ()) -> Relations:
        from dipreader.model.chronology import merge_events

        pairs_of_article: dict[str, list[Pair]] = {}
        for pair, build in self._pairs.items():
            for article in build.articles:
                pairs_of_article.setdefault(article.id, []).append(pair)
        sides = _people_by_pair(people, pairs_of_article, self._pairs)
        result: dict[Pair, PairData] = {}
        for pair, build in self._pairs.items():
            entries = merge_events(build.events)
            contacts = tuple(
                Contact(
                    entry.date,
                    highest(self._levels.get((e.article, e.start, e.end), "other") for e in entry.events),
                    entry.status,
                )
                for entry in entries
            )
            milestones = tuple(
                milestone for entry in entries if (milestone := milestone_of(entry.primary)) is not None
            )
            dates = [contact.date for contact in contacts]
            result[pair] = PairData(
                pair,
                tuple(build.articles),
                contacts,
                milestones,
                sides.get(pair, ()),
                min(dates, key=PartialDate.sort_key) if dates else None,
                max(dates, key=PartialDate.sort_key) if dates else None,
            )
        without = tuple(sorted(self._without.items(), key=lambda item: (-item[1], item[0])))
        return Relations(result, without)


def milestone_of(event: Event) -> Milestone | None:
    """The agreement, declaration or planned event an entry's primary event reports, if it is one."""
    kind: MilestoneKind
    if event.status == "planned":
        kind = "planned"
    elif _DECLARATION.search(event.text):
        kind = "declaration"
    elif _AGREEMENT.search(event.text):
        kind = "agreement"
    else:
        return None
    text = " ".join(event.text.split())
    return Milestone(
        event.date, event.end_date, kind, event.status, text, event.article, event.start, event.end
    )


def _date_key(date: PartialDate | None) -> tuple[int, tuple[int, int, int]]:
    return (1, (0, 0, 0)) if date is None else (0, date.sort_key())


def _people_by_pair(
    people: Iterable[Person], pairs_of_article: dict[str, list[Pair]], builds: dict[Pair, _PairBuild]
) -> dict[Pair, tuple[SidePerson, ...]]:
    found: dict[Pair, list[SidePerson]] = {}
    for person in people:
        mentions = Counter(mention.article for mention in person.mentions)
        articles_by_pair: dict[Pair, set[str]] = {}
        for article in person.articles:
            for pair in pairs_of_article.get(article, ()):
                articles_by_pair.setdefault(pair, set()).add(article)
        for pair, articles in articles_by_pair.items():
            side = side_of(person, pair, articles, mentions)
            if side is not None:
                found.setdefault(pair, []).append(side)
    return {
        pair: tuple(sorted(members, key=lambda p: (-p.articles, -p.mentions, fold(p.name))))
        for pair, members in found.items()
        if pair in builds
    }


def side_of(
    person: Person, pair: Pair, articles: AbstractSet[str], mentions: Mapping[str, int]
) -> SidePerson | None:
    """The person as one side of the pair, from their roles and mentions in its `articles` (None:
    they are of neither country)."""
    roles = [role for role in person.roles if role.article in articles]
    stated = Counter(role.country for role in roles if role.country in pair)
    country = min(stated, key=lambda c: (-stated[c], c)) if stated else person.country
    if country is None or country not in pair:
        return None
    dated = [role for role in person.roles if role.date is not None]
    now = dated[-1] if dated else (person.roles[0] if person.roles else None)
    then = sorted(
        (RoleThen(role.title, role.date, role.article) for role in roles),
        key=lambda role: (_date_key(role.date), role.title),
    )
    return SidePerson(
        name=person.name,
        country=country,
        roles_then=tuple(then),
        role_now=now.title if now else None,
        role_now_date=now.date if now else None,
        articles=len(articles),
        mentions=sum(mentions.get(article, 0) for article in articles),
    )


def build_relations(
    items: Iterable[tuple[ArticleMeta, ArticleAnalysis]], known_names: frozenset[str] = frozenset()
) -> Relations:
    """The Relations of (meta, analysis) pairs, read once each; the people come from the who's-who."""
    from dipreader.model.people import build_people

    collector = RelationsCollector()

    def officials_by_article() -> Iterator[tuple[ArticleMeta, Entities, tuple[int, ...]]]:
        for meta, analysis in items:
            collector.add(meta, analysis)
            if analysis.entities.officials:
                yield meta, analysis.entities, analysis.paragraph_starts

    people = build_people(officials_by_article(), known_names=known_names)
    return collector.finish(people)


@dataclass(frozen=True)
class RelationsBuilder:
    """Builds the Relations of a library from its cached analyses; picklable, so it can run in a process."""

    known_names: frozenset[str] = frozenset()

    def __call__(self, library: Library, analysis_of: AnalysisLookup) -> Relations:
        def analysed() -> Iterator[tuple[ArticleMeta, ArticleAnalysis]]:
            for meta in library.articles:
                analysis = analysis_of(meta.id)
                if analysis is not None:
                    yield meta, analysis

        return build_relations(analysed(), self.known_names)
