"""Who's who: one record per person across the corpus: spellings, roles over time, mentions."""

from __future__ import annotations

import bisect
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from dipreader.model import names as name_rules
from dipreader.model.article import ArticleMeta, Entities, OfficialMention, PartialDate
from dipreader.model.corrections import name_qualifier
from dipreader.model.names import NameParts, name_parts, same_parts
from dipreader.model.people_merge import (
    SamePerson,
    blocking_keys,
    blocking_keys_of,
    cluster_names,
    is_full_name,
)

CanonicalChoice = Callable[[Iterable[str]], str]

_HONORIFIC = re.compile(r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Madam|Mme|M)\.?\s+)+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Words that say how a person relates to another, not what office they hold.
_RELATIONAL_WORDS = frozenset({"counterpart", "counterparts", "colleague", "host", "guest"})


@dataclass(frozen=True, slots=True)
class RoleRecord:
    """A title as one article states it, dated by that article."""

    title: str
    article: str
    date: PartialDate | None
    country: str | None


@dataclass(frozen=True, slots=True)
class MentionRef:
    """Where a person is named: article id and code-point span of the name as written."""

    article: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class Person:
    """One person across the corpus, however the articles spelled them."""

    name: str
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[RoleRecord, ...]
    articles: tuple[str, ...]
    mentions: tuple[MentionRef, ...]
    first_seen: PartialDate | None
    last_seen: PartialDate | None
    met: tuple[str, ...]
    names: tuple[str, ...] = ()
    """The canonical names the extractor gave, all merged into this person."""
    country_basis: str | None = None
    """Where the articles read the country (`OfficialMention.country_basis`), most often."""
    name_parts: NameParts | None = None
    """The shown name in its parts (given, family, particles, suffix)."""
    mention_total: int | None = None
    """How many mentions there are when `mentions` was left out (a person listed from the index:
    the passages are read when shown); None when `mentions` holds them all."""
    role_total: int | None = None
    """How many roles there are when `roles` holds only each title's latest (a person listed from
    the index: `latest_role` and the titles are as with every role, the history is read when
    shown); None when `roles` holds them all."""

    @property
    def latest_role(self) -> str | None:
        """The title of the most recent dated role, else the first undated one."""
        dated = [role for role in self.roles if role.date is not None]
        if dated:
            return dated[-1].title
        return self.roles[0].title if self.roles else None

    @property
    def mention_count(self) -> int:
        return len(self.mentions) if self.mention_total is None else self.mention_total


@dataclass
class ArticleName:
    """The mentions of one canonical name within one article (`order`: the article's place in the
    library), and how often each other name shares a paragraph with it."""

    article: str
    date: PartialDate | None
    order: int
    name: str
    mentions: list[OfficialMention] = field(default_factory=list)
    neighbours: Counter[str] = field(default_factory=Counter)


def _date_order(date: PartialDate | None) -> tuple[int, tuple[int, int, int]]:
    return (1, (0, 0, 0)) if date is None else (0, date.sort_key())


def clean_alias(surface: str) -> str:
    """A surface form without honorifics or a possessive ending (`Mrs. Mehriban Aliyeva’s`)."""
    text = " ".join(surface.split())
    text = _HONORIFIC.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


def _paragraph_of(body: str | Sequence[int]) -> Callable[[int], int]:
    """Paragraph number of an offset, from the body or from the paragraph start offsets."""
    if not isinstance(body, str):
        starts = list(body)
        return lambda offset: bisect.bisect_right(starts, offset)
    breaks = [match.start() for match in _PARAGRAPH_BREAK.finditer(body)]
    return lambda offset: bisect.bisect_left(breaks, offset)


def article_names(
    order: int, meta: ArticleMeta, entities: Entities, body: str | Sequence[int]
) -> list[ArticleName]:
    """The names of one article, in the order they are first mentioned."""
    by_name: dict[str, ArticleName] = {}
    paragraph = _paragraph_of(body)
    names_in_paragraph: dict[int, list[str]] = {}
    for mention in entities.officials:
        name = " ".join(mention.name.split())
        if not name:
            continue
        local = by_name.setdefault(name, ArticleName(meta.id, meta.date, order, name))
        local.mentions.append(mention)
        names = names_in_paragraph.setdefault(paragraph(mention.start), [])
        if name not in names:
            names.append(name)
    for names in names_in_paragraph.values():
        for name in names:
            by_name[name].neighbours.update(other for other in names if other != name)
    return list(by_name.values())


def build_people(
    items: Iterable[tuple[ArticleMeta, Entities, str | Sequence[int]]],
    *,
    known_names: AbstractSet[str] = frozenset(),
    same_person: SamePerson | None = None,
    canonical_choice: CanonicalChoice | None = None,
) -> list[Person]:
    """People across the corpus from (meta, entities, body) per article, sorted by name.

    Instead of the body, the paragraph start offsets will do (they are all it is used for).

    Names that `same_person` calls one person become one record; a name with a qualifier that
    tells it apart ("Ahmed Ali (Pakistan)", what a split correction gives) is only ever the same
    person as itself. It is shown under a name
    from `known_names` (the knowledge base's canonical names) when one is among its
    spellings, else under `canonical_choice` of its full names weighted by articles.
    Both rules default to `dipreader.model.names`.
    """
    locals_: list[ArticleName] = []
    for order, (meta, entities, body) in enumerate(items):
        locals_.extend(article_names(order, meta, entities, body))
    # The parts each name was read in: capitals in the text marked a family name the shown one lost.
    parts = {local.name: name_parts_in(local) for local in locals_}
    # One vote per article: a name repeated within one text is still one source's spelling.
    articles_per_name = Counter(local.name for local in locals_)
    display = display_names(articles_per_name, parts, known_names, same_person, canonical_choice)
    grouped: dict[str, list[ArticleName]] = {}
    for local in locals_:
        grouped.setdefault(display[local.name], []).append(local)
    people = [person_of(name, group, display, parts) for name, group in grouped.items()]
    return sorted(people, key=lambda person: (person.name.casefold(), person.name))


def display_names(
    articles_per_name: Counter[str],
    parts: Mapping[str, NameParts],
    known_names: AbstractSet[str] = frozenset(),
    same_person: SamePerson | None = None,
    canonical_choice: CanonicalChoice | None = None,
) -> dict[str, str]:
    """The name each canonical name is shown under: the names are clustered into people (see
    `build_people`), from how many articles give each name and the parts each was read in."""

    def same_in_parts(name_a: str, name_b: str) -> bool:
        return same_parts(parts[name_a], parts[name_b])

    def keys_in_parts(name: str) -> set[str]:
        return blocking_keys_of(parts[name].comparison_tokens())

    qualified = frozenset(name for name in parts if name_qualifier(name)[1] is not None)
    same = _qualified_apart(same_person or same_in_parts, qualified)
    keys = blocking_keys if same_person is not None else keys_in_parts
    by_frequency = sorted(articles_per_name, key=lambda name: (-articles_per_name[name], name))
    display: dict[str, str] = {}
    for members in cluster_names(by_frequency, same, keys):
        known = sorted(name for name in members if name in known_names)
        full = [name for name in members if is_full_name(name)] or members
        if known:
            shown = known[0]
        elif canonical_choice is None:
            shown = name_rules.weighted_canonical_choice({name: articles_per_name[name] for name in full})
        else:
            shown = canonical_choice([name for name in full for _ in range(articles_per_name[name])])
        display.update(dict.fromkeys(members, shown))
    return display


def _qualified_apart(same: SamePerson, qualified: AbstractSet[str]) -> SamePerson:
    if not qualified:
        return same

    def same_unless_qualified(name_a: str, name_b: str) -> bool:
        if name_a in qualified or name_b in qualified:
            return name_a.casefold() == name_b.casefold()
        return same(name_a, name_b)

    return same_unless_qualified


def name_parts_in(local: ArticleName) -> NameParts:
    """The parts a name was read in within one article (its first mention that has them)."""
    found = next((mention.name_parts for mention in local.mentions if mention.name_parts is not None), None)
    return found or name_parts(local.name)


def person_of(
    name: str, group: list[ArticleName], display: Mapping[str, str], parts: Mapping[str, NameParts]
) -> Person:
    """One person shown under `name` from the article names `display` files under it (in library
    order); `parts` are each name's parts, as `build_people` reads them (the last article's)."""
    group = sorted(group, key=lambda local: (_date_order(local.date), local.article, local.order))
    mentions = [(local, mention) for local in group for mention in local.mentions]
    countries = Counter(mention.country for _, mention in mentions if mention.country)
    country = _most_common(countries)
    bases = Counter(
        mention.country_basis
        for _, mention in mentions
        if mention.country == country and mention.country_basis
    )
    dates = [local.date for local in group if local.date is not None]
    return Person(
        name=name,
        country=country,
        aliases=_aliases(mention.surface for _, mention in mentions),
        roles=_roles(mentions),
        articles=tuple(dict.fromkeys(local.article for local in group)),
        mentions=tuple(
            MentionRef(local.article, mention.start, mention.end, sys.intern(mention.surface))
            for local, mention in sorted(
                mentions, key=lambda pair: (pair[0].order, pair[1].start, pair[1].end)
            )
        ),
        first_seen=min(dates, key=PartialDate.sort_key) if dates else None,
        last_seen=max(dates, key=PartialDate.sort_key) if dates else None,
        met=people_met(name, (local.neighbours for local in group), display),
        names=tuple(sorted({local.name for local in group})),
        country_basis=_most_common(bases),
        name_parts=parts.get(name) or name_parts(name),
    )


def people_met(
    name: str, neighbours: Iterable[Mapping[str, int]], display: Mapping[str, str]
) -> tuple[str, ...]:
    """Whom a person shares paragraphs with, most often first: each article name's neighbours in
    turn, filed under the names they are shown under."""
    met: Counter[str] = Counter()
    for local in neighbours:
        met.update({display[other]: count for other, count in local.items()})
    met.pop(name, None)
    return tuple(sorted(met, key=lambda other: (-met[other], other)))


def _most_common(counts: Counter[str]) -> str | None:
    if not counts:
        return None
    return min(counts, key=lambda value: (-counts[value], value))


def _aliases(surfaces: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for surface in surfaces:
        alias = clean_alias(surface)
        if alias:
            seen.setdefault(alias.casefold(), alias)
    return tuple(sorted(seen.values(), key=lambda alias: (-len(alias.split()), alias)))


def _roles(mentions: list[tuple[ArticleName, OfficialMention]]) -> tuple[RoleRecord, ...]:
    per_article: dict[str, dict[str, RoleRecord]] = {}
    for local, mention in mentions:
        title = " ".join((mention.role or "").split())
        if title and title.split()[-1].casefold() not in _RELATIONAL_WORDS:
            records = per_article.setdefault(local.article, {})
            record = RoleRecord(sys.intern(title), local.article, local.date, mention.country)
            records.setdefault(title.casefold(), record)
    return tuple(
        record
        for records in per_article.values()
        for title, record in records.items()
        if not any(other != title and _contains_words(other, title) for other in records)
    )


def _contains_words(longer: str, shorter: str) -> bool:
    """Whether `shorter` is a run of whole words of `longer` ("Minister" in "Foreign Minister")."""
    return f" {shorter} " in f" {longer} "


def who_records(people: Sequence[Person]) -> list[dict[str, object]]:
    """The `who --json` records, with first_seen, last_seen and met."""
    return [
        {
            "name": person.name,
            "name_parts": name_parts_record(person.name_parts),
            "country": person.country,
            "country_basis": person.country_basis,
            "aliases": list(person.aliases),
            "roles": [
                {
                    "title": role.title,
                    "article": role.article,
                    "date": role.date.iso() if role.date else None,
                    "country": role.country,
                }
                for role in person.roles
            ],
            "articles": list(person.articles),
            "mentions": person.mention_count,
            "first_seen": person.first_seen.iso() if person.first_seen else None,
            "last_seen": person.last_seen.iso() if person.last_seen else None,
            "met": list(person.met),
        }
        for person in people
    ]


def name_parts_record(parts: NameParts | None) -> dict[str, object] | None:
    """The JSON shape of a name's parts: given, family, particles, suffix, family_first."""
    if parts is None:
        return None
    return {
        "given": " ".join(parts.given),
        "family": " ".join(parts.family),
        "particles": " ".join(parts.particles),
        "suffix": parts.suffix,
        "family_first": parts.family_first,
    }


def people_by_role(
    people: Iterable[Person], title_substring: str, country: str | None = None
) -> list[tuple[Person, RoleRecord]]:
    """Every (person, role) whose title contains the text, case-insensitively, by date.

    With `country`, only roles held for that country (the role's, else the person's).
    """
    needle = " ".join(title_substring.split()).casefold()
    found = [
        (person, role)
        for person in people
        for role in person.roles
        if needle in role.title.casefold()
        and (country is None or (role.country or person.country) == country)
    ]
    return sorted(found, key=lambda pair: (_date_order(pair[1].date), pair[0].name))


def person_index(people: Iterable[Person]) -> dict[str, Person]:
    """Each person by lower-cased name, merged canonical names and aliases.

    A shown name always finds its person; another spelling two people share is left out.
    """
    people = list(people)
    index = {person.name.casefold(): person for person in people}
    shared: set[str] = set()
    by_alias: dict[str, Person] = {}
    for person in people:
        for alias in (*person.names, *person.aliases):
            key = alias.casefold()
            if key in by_alias and by_alias[key] is not person:
                shared.add(key)
            by_alias.setdefault(key, person)
    for key, person in by_alias.items():
        if key not in shared:
            index.setdefault(key, person)
    return index


def mention_index(people: Iterable[Person]) -> dict[tuple[str, int], Person]:
    """Each person by (article id, start offset) of every mention: reader -> entry."""
    return {(mention.article, mention.start): person for person in people for mention in person.mentions}
