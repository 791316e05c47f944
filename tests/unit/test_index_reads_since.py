"""After an update made in this process, the Who's who's people and the Relations' pairs are read
again only where the update changed them, and come out as a whole read gives them; after another
process wrote the file, everything is read again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from test_index_step_here import ADDED

from dipreader.cache.index_db import open_index_db, write_meta
from dipreader.cache.people_store import PeopleStore
from dipreader.cache.relations_store import RelationsStore
from dipreader.core import builds
from dipreader.core.builds import CachedAnalyses, LibraryIndex, Read
from dipreader.core.context import Context
from dipreader.core.index_sync import GENERATION_KEY
from dipreader.core.indexer import Indexer
from dipreader.core.library import Library, scan_library
from dipreader.core.people_index import open_people
from dipreader.core.relations import PairCounts
from dipreader.core.relations_index import IndexedRelations, open_relations
from dipreader.model.people import Person
from dipreader.paths import sample_articles_dir

UNDATED = """---
title: Azerbaijan and Japan look at aviation
---
Azerbaijani Foreign Minister Jeyhun Bayramov and Japanese Foreign Minister Takeshi Iwaya spoke about
aviation.
"""
"""An article of a pair with no dated event: only the pair's articles change."""

CHANGED = """

Italian Minister of Defence Guido Crosetto met Azerbaijani Defence Minister Zakir Hasanov in Baku on
March 3, 2025.
"""


class IndexedFolder:
    """A folder of articles, its caches, and its index brought in step after each change."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path / "articles"
        shutil.copytree(sample_articles_dir(), self.root)
        self.context = Context(self.root, tmp_path / "data", tmp_path / "config")
        self.meta_cache = self.context.open_meta_cache()
        self.indexer = Indexer(self.context)
        self.cached = CachedAnalyses(self.context.analysis_cache)
        self.known = frozenset(person.name for person in self.context.knowledge.people)
        self.library: Library = scan_library(self.root, self.meta_cache)

    def index(self) -> LibraryIndex:
        """The library scanned again and indexed; its index not yet brought in step."""
        self.library = scan_library(self.root, self.meta_cache, previous=self.library)
        list(self.indexer.run(self.library))
        return LibraryIndex(self.library, self.cached, self.known)

    def close(self) -> None:
        self.meta_cache.close()
        self.context.close()


def whole_people(index: LibraryIndex) -> list[Person]:
    path = index.index_file()
    assert path is not None
    people = open_people(path, mentions=False, met=False, roles=False)
    assert people is not None
    return people


def whole_pairs(index: LibraryIndex) -> list[PairCounts]:
    path = index.index_file()
    assert path is not None
    relations = open_relations(path)
    assert relations is not None
    try:
        return sorted(relations.pair_counts(), key=lambda counts: counts[0])
    finally:
        relations.close()


def pairs_of(relations: IndexedRelations) -> list[PairCounts]:
    return sorted(relations.pair_counts(), key=lambda counts: counts[0])


def changes(root: Path) -> Iterator[str]:
    """Each change made to the folder, named: an article added, one changed, one removed, the added
    one removed, one with no dated event added and removed."""
    (root / "added.md").write_text(ADDED, encoding="utf-8")
    yield "added"
    changed = sorted(root.glob("*consultations*.md"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + CHANGED, encoding="utf-8")
    yield "changed"
    sorted(root.glob("*la-russa*.md"))[0].unlink()
    yield "removed"
    (root / "added.md").unlink()
    yield "added removed"
    (root / "undated.md").write_text(UNDATED, encoding="utf-8")
    yield "undated added"
    (root / "undated.md").unlink()
    yield "undated removed"


def counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The whole reads of the people and of the pairs' articles, counted."""
    calls = {"people": 0, "pairs": 0}
    people, pair_articles = PeopleStore.people, RelationsStore.pair_articles

    def every_person(store: PeopleStore, names: Sequence[str] | None = None) -> Iterator[tuple[bytes, int]]:
        calls["people"] += names is None
        return people(store, names)

    def every_pair(store: RelationsStore, pairs: Sequence[str] | None = None) -> Iterator[tuple[str, str]]:
        calls["pairs"] += pairs is None
        return pair_articles(store, pairs)

    monkeypatch.setattr(PeopleStore, "people", every_person)
    monkeypatch.setattr(RelationsStore, "pair_articles", every_pair)
    return calls


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[IndexedFolder]:
    """The sample articles in a folder of their own, nothing brought in step in this process yet."""
    monkeypatch.setattr(builds, "_LAST_SYNC", builds._Synced())
    indexed = IndexedFolder(tmp_path)
    yield indexed
    indexed.close()


def test_people_and_pairs_read_since_an_update_here_are_those_of_a_whole_read(
    folder: IndexedFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = folder.index()
    people, relations = index.listed_people(), index.indexed_relations()
    assert people is not None and relations is not None
    calls = counting(monkeypatch)
    for change in changes(folder.root):
        calls.update(people=0, pairs=0)
        index = folder.index()
        earlier = relations
        people, relations = index.listed_people(people), index.indexed_relations(earlier)
        assert people is not None and relations is not None, change
        earlier.close()
        assert calls == {"people": 0, "pairs": 0}, change  # only what the update changed was read
        assert people.value == whole_people(index), change
        assert pairs_of(relations) == whole_pairs(index), change
    names = {person.name for person in people.value}
    assert "Guido Crosetto" in names and "Ignazio La Russa" not in names
    relations.close()


def test_after_another_process_wrote_the_file_everything_is_read_again(
    folder: IndexedFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = folder.index()
    first = index.listed_people()
    assert first is not None
    unchanged = folder.index().listed_people(Read([], first.generation))
    assert unchanged is not None and unchanged.value == []  # nothing changed: the earlier read stands

    (folder.root / "added.md").write_text(ADDED, encoding="utf-8")
    folder.index().index_file()  # an update here
    path = index.index_file()
    assert path is not None
    connection = open_index_db(path)
    assert connection is not None
    write_meta(connection, GENERATION_KEY, "another process")  # then one elsewhere
    connection.close()
    (folder.root / "added.md").unlink()
    index = folder.index()
    calls = counting(monkeypatch)
    again = index.listed_people(Read([], first.generation))
    assert again is not None
    assert calls["people"] == 1
    assert again.value == whole_people(index) != []
