"""The figures of one relationship: contacts by level per period, sectors by year, people, milestones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Literal

from dipreader.core.relations import Milestone, PairData, RelationsSource, SidePerson
from dipreader.extract.levels import LEVELS, Level
from dipreader.extract.pairs import Pair, fold, pair_label
from dipreader.model.article import PartialDate

Period = Literal["year", "month"]
UNDATED = "undated"
"""The sector column of articles without a date."""


@dataclass(frozen=True, slots=True)
class PairSummary:
    """A row of the list of pairs."""

    pair: Pair
    articles: int
    unread: int
    contacts: int
    first: PartialDate | None
    last: PartialDate | None

    @property
    def label(self) -> str:
        return pair_label(self.pair)


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """Contacts in one year (`2024`) or month (`2024-04`), one count per level of LEVELS."""

    period: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, level: Level) -> int:
        return self.counts[LEVELS.index(level)]


@dataclass(frozen=True, slots=True)
class SectorYears:
    """How many of the pair's articles name each sector, per year of the articles (most named first)."""

    years: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]

    def total(self, sector: str) -> int:
        return next((sum(counts) for key, counts in self.rows if key == sector), 0)


@dataclass(frozen=True)
class PairFigures:
    """What the Relations tab and `dipreader relations` show for one pair."""

    summary: PairSummary
    period: Period
    contacts: tuple[PeriodRow, ...]
    """Every period from the first contact to the last, empty ones included (a time axis)."""
    less_precise: int
    """Contacts dated too coarsely for the period (a year only, when counting by month)."""
    sectors: SectorYears
    sides: tuple[tuple[str, tuple[SidePerson, ...]], tuple[str, tuple[SidePerson, ...]]]
    milestones: tuple[Milestone, ...]
    article_ids: frozenset[str]

    @property
    def pair(self) -> Pair:
        return self.summary.pair


def summarise(data: PairData, read_ids: AbstractSet[str]) -> PairSummary:
    return PairSummary(
        pair=data.pair,
        articles=len(data.articles),
        unread=sum(1 for article in data.articles if article.id not in read_ids),
        contacts=len(data.contacts),
        first=data.first,
        last=data.last,
    )


def pair_summaries(relations: RelationsSource, read_ids: AbstractSet[str]) -> list[PairSummary]:
    """Every pair, most active first: most articles, then most contacts, then the latest contact."""
    summaries = [
        PairSummary(pair, len(ids), sum(1 for i in ids if i not in read_ids), contacts, first, last)
        for pair, ids, contacts, first, last in relations.pair_counts()
    ]
    by_name = sorted(summaries, key=lambda s: (fold(s.pair[0]), fold(s.pair[1])))
    return sorted(
        by_name,
        key=lambda s: (
            -s.articles,
            -s.contacts,
            tuple(-part for part in s.last.sort_key()) if s.last else (1,),
        ),
    )


def _period_of(date: PartialDate, period: Period) -> str | None:
    if period == "year":
        return str(date.year)
    return f"{date.year:04d}-{date.month:02d}" if date.month is not None else None


def _periods_between(first: str, last: str, period: Period) -> list[str]:
    if period == "year":
        return [str(year) for year in range(int(first), int(last) + 1)]
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    periods: list[str] = []
    while (year, month) <= end:
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


def contact_rows(data: PairData, period: Period = "year") -> tuple[tuple[PeriodRow, ...], int]:
    """Contacts by level per period over the whole span, and how many are too coarse for the period."""
    counts: dict[str, Counter[Level]] = {}
    less_precise = 0
    for contact in data.contacts:
        key = _period_of(contact.date, period)
        if key is None:
            less_precise += 1
            continue
        counts.setdefault(key, Counter())[contact.level] += 1
    if not counts:
        return (), less_precise
    periods = _periods_between(min(counts), max(counts), period)
    empty: Counter[Level] = Counter()
    rows = tuple(PeriodRow(key, tuple(counts.get(key, empty)[level] for level in LEVELS)) for key in periods)
    return rows, less_precise


def sector_years(data: PairData) -> SectorYears:
    """Per sector, the pair's articles naming it in each year (undated articles last)."""
    per_year: dict[str, Counter[str]] = {}
    for article in data.articles:
        year = str(article.date.year) if article.date is not None else UNDATED
        per_year.setdefault(year, Counter()).update(article.sectors)
    years = sorted((y for y in per_year if y != UNDATED), key=int) + (
        [UNDATED] if UNDATED in per_year else []
    )
    totals: Counter[str] = Counter()
    for counter in per_year.values():
        totals.update(counter)
    sectors = sorted(totals, key=lambda sector: (-totals[sector], sector))
    rows = tuple((sector, tuple(per_year[year][sector] for year in years)) for sector in sectors)
    return SectorYears(tuple(years), rows)


def _sides(data: PairData) -> tuple[tuple[str, tuple[SidePerson, ...]], tuple[str, tuple[SidePerson, ...]]]:
    first, second = data.pair
    return (
        (first, tuple(p for p in data.people if p.country == first)),
        (second, tuple(p for p in data.people if p.country == second)),
    )


def pair_figures(data: PairData, read_ids: AbstractSet[str], period: Period = "year") -> PairFigures:
    """Every figure of one pair (cheap: the index did the work)."""
    contacts, less_precise = contact_rows(data, period)
    milestones = sorted(data.milestones, key=lambda m: (m.date.sort_key(), m.article, m.start))
    return PairFigures(
        summary=summarise(data, read_ids),
        period=period,
        contacts=contacts,
        less_precise=less_precise,
        sectors=sector_years(data),
        sides=_sides(data),
        milestones=tuple(milestones),
        article_ids=data.article_ids,
    )


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None else None


def person_record(person: SidePerson) -> dict[str, object]:
    return {
        "name": person.name,
        "country": person.country,
        "roles_then": [
            {"title": role.title, "date": _iso(role.date), "article": role.article}
            for role in person.roles_then
        ],
        "role_now": person.role_now,
        "role_now_date": _iso(person.role_now_date),
        "articles": person.articles,
        "mentions": person.mentions,
    }


def figures_record(figures: PairFigures) -> dict[str, object]:
    """The `relations --json` record of one pair."""
    summary = figures.summary
    return {
        "pair": list(summary.pair),
        "label": summary.label,
        "articles": summary.articles,
        "unread": summary.unread,
        "contacts_total": summary.contacts,
        "first": _iso(summary.first),
        "last": _iso(summary.last),
        "contacts": {
            "period": figures.period,
            "levels": list(LEVELS),
            "rows": [
                {"period": row.period, **dict(zip(LEVELS, row.counts, strict=True)), "total": row.total}
                for row in figures.contacts
            ],
            "less_precise": figures.less_precise,
        },
        "sectors_by_year": {
            "years": list(figures.sectors.years),
            "sectors": {
                sector: dict(zip(figures.sectors.years, counts, strict=True))
                for sector, counts in figures.sectors.rows
            },
        },
        "people": {country: [person_record(p) for p in people] for country, people in figures.sides},
        "milestones": [
            {
                "date": milestone.date.iso(),
                "end_date": _iso(milestone.end_date),
                "kind": milestone.kind,
                "status": milestone.status,
                "text": milestone.text,
                "article": milestone.article,
                "start": milestone.start,
                "end": milestone.end,
            }
            for milestone in figures.milestones
        ],
        "article_ids": sorted(figures.article_ids),
    }


def distinct_roles(person: SidePerson) -> list[tuple[str, PartialDate | None]]:
    """Each title the person held in the pair's articles once, with its latest date."""
    latest: dict[str, PartialDate | None] = {}
    for role in person.roles_then:
        if role.title not in latest or role.date is not None:
            latest[role.title] = role.date
    return list(latest.items())


def busiest(rows: Sequence[PeriodRow]) -> Iterable[PeriodRow]:
    """The periods with at least one contact (what the tables list)."""
    return (row for row in rows if row.total)
