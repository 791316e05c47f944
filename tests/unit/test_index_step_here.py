"""The persisted index brought in step again in one process looks only at what the library changed
since, unless another process wrote the file in between."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_persisted_index import stored_fingerprints

from dipreader.cache.chronology_store import ChronologyStore
from dipreader.cache.index_db import open_index_db, write_meta
from dipreader.core import builds
from dipreader.core.builds import CachedAnalyses, LibraryIndex
from dipreader.core.context import Context
from dipreader.core.index_sync import GENERATION_KEY, library_fingerprints
from dipreader.core.indexer import Indexer
from dipreader.core.library import Library, scan_library
from dipreader.paths import sample_articles_dir

ADDED = """---
title: Azerbaijan and Japan discuss aviation
date: 2031-02-03
---
TOKYO, Japan, February 3. Azerbaijani Foreign Minister Jeyhun Bayramov met Japanese Foreign Minister
Takeshi Iwaya in Tokyo on February 2, 2031.
"""


def counting_fingerprints(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """ChronologyStore.fingerprints (each call reads every article's row), its calls counted."""
    calls = [0]
    real = ChronologyStore.fingerprints

    def counted(store: ChronologyStore) -> dict[str, str]:
        calls[0] += 1
        return real(store)

    monkeypatch.setattr(ChronologyStore, "fingerprints", counted)
    return calls


def test_a_second_update_here_reads_only_the_changed_articles_unless_another_process_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builds, "_LAST_SYNC", builds._Synced())
    root = tmp_path / "articles"
    shutil.copytree(sample_articles_dir(), root)
    context = Context(root, tmp_path / "data", tmp_path / "config")
    meta_cache = context.open_meta_cache()
    indexer = Indexer(context)
    cached = CachedAnalyses(context.analysis_cache)
    known = frozenset(person.name for person in context.knowledge.people)

    def indexed(library: Library) -> Path:
        list(indexer.run(library))
        path = LibraryIndex(library, cached, known).index_file()
        assert path is not None
        assert stored_fingerprints(path) == library_fingerprints(library, cached.index_salt())
        return path

    first = scan_library(root, meta_cache)
    path = indexed(first)
    calls = counting_fingerprints(monkeypatch)
    (root / "added.md").write_text(ADDED, encoding="utf-8")
    second = scan_library(root, meta_cache, previous=first)
    assert indexed(second) == path
    assert calls == [1]  # the check above; bringing the index in step read none

    connection = open_index_db(path)  # another process brings the file in step
    assert connection is not None
    write_meta(connection, GENERATION_KEY, "another process")
    connection.close()
    (root / "added.md").unlink()
    third = scan_library(root, meta_cache, previous=second)
    indexed(third)
    assert calls[0] > 2  # every article looked at again, then the check
    meta_cache.close()
    context.close()
