"""The who's-who kept as rows in the index file: each article's names written, the people they
make merged again only where a name changed, read back whole or without their mentions (read per
person when shown)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from dipreader.cache.index_db import open_index_db, read_index, read_meta, write_meta
from dipreader.cache.people_store import PeopleStore, decode_parts, decode_person
from dipreader.core.timeline_index import transaction
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import ArticleMeta
from dipreader.model.people import (
    MentionRef,
    Person,
    RoleRecord,
    article_names,
    display_names,
    name_parts_in,
    people_met,
    person_of,
)

T = TypeVar("T")
KNOWN_NAMES_KEY = "known-names"


def write_article_names(
    store: PeopleStore, meta: ArticleMeta, analysis: ArticleAnalysis, *, new: bool = False
) -> None:
    """Write the names an article gives (its earlier ones forgotten unless `new`): the people merge after."""
    if not new:
        store.forget_article(meta.id)
    if analysis.entities.officials:
        store.put_article(meta.id, article_names(0, meta, analysis.entities, analysis.paragraph_starts))


def known_names_digest(known_names: AbstractSet[str]) -> str:
    return hashlib.blake2b("\x1f".join(sorted(known_names)).encode(), digest_size=16).hexdigest()


def merge_people(store: PeopleStore, known_names: AbstractSet[str]) -> frozenset[str]:
    """Merge the names into people again (as `build_people` does) and write the people whose names
    changed; returns the names of those written or dropped. Clustering reads every name (a short row
    each); a person's mentions are read only when the person changed."""
    connection = store.connection
    digest = known_names_digest(known_names)
    dirty = set(store.dirty_names())
    if not dirty and read_meta(connection, KNOWN_NAMES_KEY) == digest:
        return frozenset()
    with transaction(connection):
        before = store.shown_under()
        for name in dirty:
            last = store.last_name_in_library(name)
            store.set_name(name, store.article_count(name), name_parts_in(last) if last is not None else None)
        counts: Counter[str] = Counter()
        parts = {}
        for name, articles, blob, _person in store.names():
            counts[name] = articles
            parts[name] = decode_parts(blob)
        display = display_names(counts, parts, known_names)
        members: dict[str, set[str]] = {}
        for name, person in display.items():
            members.setdefault(person, set()).add(name)
        earlier: dict[str, set[str]] = {}
        for name, person in before.items():
            earlier.setdefault(person, set()).add(name)
        changed = [
            person for person, names in members.items() if names != earlier.get(person) or names & dirty
        ]
        gone = set(earlier) - set(members)
        store.drop_people(gone)
        for person in changed:
            group = store.names_of(sorted(members[person]))
            store.put_person(person_of(person, group, display, parts), [local.neighbours for local in group])
        store.file_names({name: person for name, person in display.items() if before.get(name) != person})
        store.clear_dirty()
        write_meta(connection, KNOWN_NAMES_KEY, digest)
    return frozenset(changed) | gone


def stored_people(store: PeopleStore, *, met: bool = True, roles: bool = True) -> Iterator[Person]:
    """Every person, with whom they met filed under the names shown now (by name, casefolded last);
    without `met`, nobody met (`met_of` finds them for one person); without `roles`, each title's
    latest role only (`roles_of` reads them all)."""
    display = store.shown_under() if met else {}
    for blob, mention_total in store.people():
        person, neighbours = decode_person(blob, mention_total, all_roles=roles)
        yield replace(person, met=people_met(person.name, neighbours, display)) if met else person


def _stored_person(store: PeopleStore, name: str) -> tuple[Person, tuple[dict[str, int], ...]] | None:
    """The person shown under this name with every role, and their names' neighbours (None: nobody)."""
    for blob, mention_total in store.people([name]):
        return decode_person(blob, mention_total)
    return None


def met_of(store: PeopleStore, name: str) -> tuple[str, ...]:
    """Whom the person shown under this name met, as `stored_people` files them (none: no such person)."""
    found = _stored_person(store, name)
    if found is None:
        return ()
    person, neighbours = found
    return people_met(person.name, neighbours, store.shown_under())


def roles_of(store: PeopleStore, name: str) -> tuple[RoleRecord, ...]:
    """Every role of the person shown under this name (none: no such person)."""
    found = _stored_person(store, name)
    return found[0].roles if found is not None else ()


def _listing_order(person: Person) -> tuple[str, str]:
    return person.name.casefold(), person.name


def load_people(
    store: PeopleStore, *, mentions: bool = True, met: bool = True, roles: bool = True
) -> list[Person]:
    """Every person, sorted as `build_people` sorts them; without `mentions`, each with only their
    count (`PeopleStore.mentions_of` reads them); without `met`, nobody met (`met_of`); without
    `roles`, each title's latest role (`roles_of`)."""
    found = sorted(stored_people(store, met=met, roles=roles), key=_listing_order)
    if not mentions:
        return found
    return [with_mentions(store, person) for person in found]


def updated_people(
    path: Path, listed: Sequence[Person], names: AbstractSet[str]
) -> tuple[list[Person], list[Person]] | None:
    """`listed` (as `load_people` lists them without mentions, met or every role) with the people
    under these names read again from the index file at `path`, and dropped where it has them no
    more: (everyone, those read); None when it cannot be read."""

    def read(connection: sqlite3.Connection) -> tuple[list[Person], list[Person]]:
        rows = PeopleStore(connection).named_people(sorted(names))
        fresh = [decode_person(blob, total, all_roles=False)[0] for _name, blob, total in rows]
        kept = [person for person in listed if person.name not in names]
        return sorted([*kept, *fresh], key=_listing_order), fresh

    return read_index(path, read)


def with_mentions(store: PeopleStore, person: Person) -> Person:
    """The person with every mention (read from the index when they were left out)."""
    if person.mention_total is None:
        return person
    return replace(person, mentions=store.mentions_of(person.name) or (), mention_total=None)


def sharing_article_ids(people: list[Person], own_ids: Mapping[str, str]) -> list[Person]:
    """The people with each article id replaced by `own_ids`'s string for it (the library's own), so
    one copy of an id is held however many people it names; ids it does not know are kept."""
    own = own_ids.get
    return [replace(person, articles=tuple(map(own, person.articles, person.articles))) for person in people]


def open_people(
    path: Path, *, empty: bool = True, mentions: bool = True, met: bool = True, roles: bool = True
) -> list[Person] | None:
    """Every person in the index file at `path` (without `mentions`: each with only their count;
    without `met`, nobody met; without `roles`, each title's latest role); None when it cannot be
    read, or (with `empty` false) when it holds no article yet."""
    return read_index(
        path,
        lambda connection: load_people(PeopleStore(connection), mentions=mentions, met=met, roles=roles),
        empty=empty,
    )


class MentionReader:
    """A person's mentions read from the index file when they are shown (any thread; one connection,
    opened at the first read)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    def mentions_of(self, person: Person) -> tuple[MentionRef, ...]:
        """The person's mentions: those they carry, else those the index holds under their name."""
        if person.mention_total is None:
            return person.mentions
        return self._read(lambda store: store.mentions_of(person.name) or ())

    def met_of(self, person: Person) -> tuple[str, ...]:
        """Whom the person met: as they carry it when listed with it, else as the index files it."""
        if person.met:
            return person.met
        return self._read(lambda store: met_of(store, person.name))

    def roles_of(self, person: Person) -> tuple[RoleRecord, ...]:
        """Every role of the person: those they carry when listed with all, else as the index holds them."""
        if person.role_total is None:
            return person.roles
        return self._read(lambda store: roles_of(store, person.name))

    def _read(self, read: Callable[[PeopleStore], tuple[T, ...]]) -> tuple[T, ...]:
        """`read` on the index's people, through the one connection; nothing when it cannot be read."""
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = open_index_db(self.path)
                if self._connection is None:
                    return ()
                return read(PeopleStore(self._connection))
            except sqlite3.Error:
                return ()

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
