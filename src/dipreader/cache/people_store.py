"""The who's-who's rows in the index file: each article's names, each name's person, each person."""

from __future__ import annotations

import json
import marshal
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import starmap
from typing import Any

from dipreader.model.article import OfficialMention, PartialDate
from dipreader.model.names import NameParts
from dipreader.model.people import ArticleName, MentionRef, Person, RoleRecord

_CHOSEN = "SELECT value FROM json_each(?)"


def _date_row(date: PartialDate | None) -> tuple[int, int | None, int | None] | None:
    return (date.year, date.month, date.day) if date is not None else None


def _date(row: Any) -> PartialDate | None:
    return PartialDate(*row) if row is not None else None


def _parts_row(parts: NameParts | None) -> tuple[Any, ...] | None:
    if parts is None:
        return None
    return (parts.given, parts.family, parts.particles, parts.suffix, parts.family_first)


def _parts(row: Any) -> NameParts | None:
    return NameParts(*row) if row is not None else None


def encode_parts(parts: NameParts) -> bytes:
    return marshal.dumps(_parts_row(parts))


def decode_parts(blob: bytes) -> NameParts:
    parts = _parts(marshal.loads(blob))
    assert parts is not None
    return parts


def _encode_name(local: ArticleName) -> bytes:
    mentions = tuple(
        (m.name, m.surface, m.start, m.end, m.role, m.country, m.country_basis, _parts_row(m.name_parts))
        for m in local.mentions
    )
    return marshal.dumps((_date_row(local.date), mentions, dict(local.neighbours)))


def _decode_name(name: str, article_id: str, order: int, blob: bytes) -> ArticleName:
    date, mentions, neighbours = marshal.loads(blob)
    return ArticleName(
        article=article_id,
        date=_date(date),
        order=order,
        name=name,
        mentions=[
            OfficialMention(name_, surface, start, end, role, country, basis, _parts(parts))
            for name_, surface, start, end, role, country, basis, parts in mentions
        ],
        neighbours=Counter(neighbours),
    )


def encode_person(person: Person, neighbours: Iterable[Mapping[str, int]]) -> bytes:
    """A person without their mentions (`encode_mentions`) and whom they met (that follows other
    people's names: see `decode_person`)."""
    return marshal.dumps(
        (
            person.name,
            person.country,
            person.aliases,
            tuple((r.title, r.article, _date_row(r.date), r.country) for r in person.roles),
            person.articles,
            _date_row(person.first_seen),
            _date_row(person.last_seen),
            person.names,
            person.country_basis,
            _parts_row(person.name_parts),
            tuple(dict(local) for local in neighbours),
        )
    )


def encode_mentions(mentions: Sequence[MentionRef]) -> bytes:
    return marshal.dumps(tuple((m.article, m.start, m.end, m.surface) for m in mentions))


def decode_mentions(blob: bytes) -> tuple[MentionRef, ...]:
    return tuple(starmap(MentionRef, marshal.loads(blob)))


def decode_person(
    blob: bytes,
    mention_total: int,
    *,
    all_roles: bool = True,
    roles_in: AbstractSet[str] | None = None,
) -> tuple[Person, tuple[dict[str, int], ...]]:
    """The stored person (with no one met, and their `mention_total` mentions left out) and the
    neighbours of each of their article names; without `all_roles`, only each title's latest role;
    with `roles_in`, only the roles in those articles and the latest one (`Person.role_total` says
    how many there are)."""
    (name, country, aliases, roles, articles, first, last, names, basis, parts, neighbours) = marshal.loads(
        blob
    )
    if roles_in is not None:
        listed = roles_in_and_latest(roles, roles_in)
    else:
        listed = roles if all_roles else latest_of_each_title(roles)
    person = Person(
        name=name,
        country=country,
        aliases=aliases,
        roles=tuple(RoleRecord(title, article, _date(date), where) for title, article, date, where in listed),
        articles=articles,
        mentions=(),
        first_seen=_date(first),
        last_seen=_date(last),
        met=(),
        names=names,
        country_basis=basis,
        name_parts=_parts(parts),
        mention_total=mention_total,
        role_total=None if len(listed) == len(roles) else len(roles),
    )
    return person, neighbours


def latest_of_each_title(roles: Sequence[Sequence[Any]]) -> list[Sequence[Any]]:
    """Of roles in date order (title first, date third), each title's last dated one, or its first
    when none is dated, in the same order: the latest role and the set of titles stay as they were."""
    first: dict[str, int] = {}
    last_dated: dict[str, int] = {}
    for place, role in enumerate(roles):
        first.setdefault(role[0], place)
        if role[2] is not None:
            last_dated[role[0]] = place
    return [roles[place] for place in sorted({**first, **last_dated}.values())]


def roles_in_and_latest(roles: Sequence[Sequence[Any]], articles: AbstractSet[str]) -> list[Sequence[Any]]:
    """Of roles in date order (article second, date third), those in `articles` and the last dated
    one (the first when none is dated), in the same order: the person as one side of a pair reads
    no other (`relations.side_of`)."""
    latest = next((place for place in range(len(roles) - 1, -1, -1) if roles[place][2] is not None), 0)
    return [role for place, role in enumerate(roles) if place == latest or role[1] in articles]


class PeopleStore:
    """Reads and writes the people tables of one connection (the caller holds its transactions)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def forget_article(self, article_id: str) -> None:
        """Drop an article's names (marked to be counted and merged again)."""
        self.connection.execute(
            "INSERT OR IGNORE INTO dirty_names SELECT name FROM names_in_articles WHERE article_id = ?",
            (article_id,),
        )
        self.connection.execute("DELETE FROM names_in_articles WHERE article_id = ?", (article_id,))

    def put_article(self, article_id: str, names: Sequence[ArticleName]) -> None:
        """Write an article's names (its earlier ones must be forgotten first)."""
        rows = [
            (local.name, article_id, place, _encode_name(local), len(local.mentions))
            for place, local in enumerate(names)
        ]
        self.connection.executemany("INSERT INTO names_in_articles VALUES (?, ?, ?, ?, ?)", rows)
        self.connection.executemany(
            "INSERT OR IGNORE INTO dirty_names VALUES (?)", [(row[0],) for row in rows]
        )

    def dirty_names(self) -> list[str]:
        return [name for (name,) in self.connection.execute("SELECT name FROM dirty_names")]

    def names_of(self, names: Sequence[str]) -> list[ArticleName]:
        """Every article name of these names, in library order (then in the article's order);
        `order` is the article's rank in the library."""
        chosen = json.dumps(list(names))
        rows = self.connection.execute(
            "SELECT n.name, n.article_id, n.mentions, a.library_order"
            " FROM names_in_articles n JOIN articles a USING (article_id)"
            f" WHERE n.name IN ({_CHOSEN}) ORDER BY a.library_order, n.position",
            (chosen,),
        ).fetchall()
        ranks = {order: rank for rank, order in enumerate(dict.fromkeys(row[3] for row in rows))}
        return [_decode_name(name, article_id, ranks[order], blob) for name, article_id, blob, order in rows]

    def last_name_in_library(self, name: str) -> ArticleName | None:
        """The article name of `name` from the article last in library order."""
        row = self.connection.execute(
            "SELECT n.article_id, n.mentions FROM names_in_articles n JOIN articles a USING (article_id)"
            " WHERE n.name = ? ORDER BY a.library_order DESC LIMIT 1",
            (name,),
        ).fetchone()
        return _decode_name(name, row[0], 0, row[1]) if row is not None else None

    def article_count(self, name: str) -> int:
        return int(
            self.connection.execute(
                "SELECT count(*) FROM names_in_articles WHERE name = ?", (name,)
            ).fetchone()[0]
        )

    def set_name(self, name: str, articles: int, parts: NameParts | None) -> None:
        """A name's article count and parts (a name in no article any more is dropped)."""
        if parts is None or not articles:
            self.connection.execute("DELETE FROM names WHERE name = ?", (name,))
            return
        self.connection.execute(
            "INSERT INTO names (name, articles, parts) VALUES (?, ?, ?) ON CONFLICT (name)"
            " DO UPDATE SET articles = excluded.articles, parts = excluded.parts",
            (name, articles, encode_parts(parts)),
        )

    def names(self) -> Iterator[tuple[str, int, bytes, str | None]]:
        """(name, articles, parts, person) of every name."""
        return iter(self.connection.execute("SELECT name, articles, parts, person FROM names"))

    def shown_under(self) -> dict[str, str]:
        """Each name and the person it is shown under."""
        return {
            name: person
            for name, person in self.connection.execute("SELECT name, person FROM names")
            if person is not None
        }

    def file_names(self, display: Mapping[str, str]) -> None:
        self.connection.executemany(
            "UPDATE names SET person = ? WHERE name = ?", [(person, name) for name, person in display.items()]
        )

    def put_person(self, person: Person, neighbours: Iterable[Mapping[str, int]]) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO people VALUES (?, ?, ?, ?)",
            (
                person.name,
                encode_person(person, neighbours),
                encode_mentions(person.mentions),
                len(person.mentions),
            ),
        )

    def drop_people(self, names: Iterable[str]) -> None:
        self.connection.executemany("DELETE FROM people WHERE name = ?", [(name,) for name in names])

    def people(self, names: Sequence[str] | None = None) -> Iterator[tuple[bytes, int]]:
        """(record, mention count) of every person by name, or of these people."""
        if names is None:
            return iter(self.connection.execute("SELECT record, mention_count FROM people ORDER BY name"))
        return iter(
            self.connection.execute(
                f"SELECT record, mention_count FROM people WHERE name IN ({_CHOSEN}) ORDER BY name",
                (json.dumps(list(names)),),
            )
        )

    def named_people(self, names: Sequence[str]) -> Iterator[tuple[str, bytes, int]]:
        """(name, record, mention count) of these people, those the index has."""
        return iter(
            self.connection.execute(
                f"SELECT name, record, mention_count FROM people WHERE name IN ({_CHOSEN})",
                (json.dumps(list(names)),),
            )
        )

    def mentions_of(self, person: str) -> tuple[MentionRef, ...] | None:
        """Every mention of the person shown under this name, in library order (None: no such person)."""
        row = self.connection.execute("SELECT mentions FROM people WHERE name = ?", (person,)).fetchone()
        return decode_mentions(row[0]) if row is not None else None

    def mentions_in(self, article_ids: Sequence[str]) -> Iterator[tuple[str, str, int]]:
        """(person, article, mentions) of every person named in these articles."""
        return iter(
            self.connection.execute(
                "SELECT n.person, m.article_id, sum(m.mention_count) FROM names_in_articles m"
                f" JOIN names n USING (name) WHERE m.article_id IN ({_CHOSEN}) AND n.person IS NOT NULL"
                " GROUP BY n.person, m.article_id",
                (json.dumps(list(article_ids)),),
            )
        )

    def clear_dirty(self) -> None:
        self.connection.execute("DELETE FROM dirty_names")
