"""What the app holds of a big library once: a build in another process gets it through a file of
its records (not a pickle), the same library, and the file is gone after; a scan that finds nothing
changed gives back the earlier library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dipreader.core import builds, library_file
from dipreader.core.builds import CachedAnalyses, PeopleBuilder
from dipreader.core.context import Context
from dipreader.core.indexer import Indexer
from dipreader.core.library import Library, scan_library
from dipreader.core.library_file import SentLibrary, send_library
from dipreader.paths import sample_articles_dir


def test_the_records_sent_are_the_library(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    shutil.copytree(sample_articles_dir(), root)
    (root / "empty.md").write_text("", encoding="utf-8")  # a problem file
    context = Context(root, tmp_path / "data", tmp_path / "config")
    meta_cache = context.open_meta_cache()
    library = scan_library(root, meta_cache)
    assert library.problems and len(library.articles) == 5
    sent = send_library(library, tmp_path)
    loaded = sent.load()
    assert list(loaded.articles) == list(library.articles)
    assert loaded.problems == library.problems and loaded.root == library.root
    assert all(loaded.by_id(meta.id) == meta for meta in library.articles)
    sent.remove()
    assert list(tmp_path.glob("library-*")) == []
    meta_cache.close()
    context.close()


def test_a_build_in_another_process_is_the_build_here_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "articles"
    shutil.copytree(sample_articles_dir(), root)
    context = Context(root, tmp_path / "data", tmp_path / "config")
    meta_cache = context.open_meta_cache()
    library = scan_library(root, meta_cache)
    list(Indexer(context).run(library))
    cached = CachedAnalyses(context.analysis_cache)
    builder = PeopleBuilder(frozenset(person.name for person in context.knowledge.people))
    here = builder(library, cached.reader(library))
    assert here
    monkeypatch.setattr(builds, "PROCESS_THRESHOLD", 0)
    sent: list[Path] = []

    def recorded(library: Library, directory: Path) -> SentLibrary:
        result = send_library(library, directory)
        sent.append(result.records)
        return result

    monkeypatch.setattr(library_file, "send_library", recorded)
    assert cached.build(builder, library) == here
    assert len(sent) == 1 and not sent[0].exists()
    meta_cache.close()
    context.close()


def test_a_scan_that_finds_nothing_changed_gives_the_earlier_library(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    shutil.copytree(sample_articles_dir(), root)
    context = Context(root, tmp_path / "data", tmp_path / "config")
    meta_cache = context.open_meta_cache()
    first = scan_library(root, meta_cache)
    assert scan_library(root, meta_cache, previous=first) is first  # no second id table held
    (root / "added.md").write_text("---\ntitle: Added\n---\nText.\n", encoding="utf-8")
    second = scan_library(root, meta_cache, previous=first)
    assert second is not first and len(second.articles) == len(first.articles) + 1
    meta_cache.close()
    context.close()
