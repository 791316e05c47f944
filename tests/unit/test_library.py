"""The metadata cache: rescans read only changed files; the snapshot and its head round-trip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import dipreader.cache.metadata as library_module
from dipreader.cache.metadata import MetaCache
from dipreader.core.library import cached_library, cached_library_head, scan_library


def write_articles(root: Path, count: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (root / f"{n:03d}.md").write_text(
            f"---\ntitle: Talks number {n}\ndate: 2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n---\n"
            f"The ministers met for the {n}th time.\n",
            encoding="utf-8",
        )


def test_a_rescan_reads_only_new_or_changed_files(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    root = tmp_path / "articles"
    write_articles(root, 6)
    cache = MetaCache(tmp_path / "meta.sqlite3")
    first = scan_library(root, cache)
    read: list[Path] = request.getfixturevalue("files_read")
    assert scan_library(root, cache) == first
    assert read == []
    changed = root / "002.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Talks", "New talks"), encoding="utf-8")
    os.utime(changed, (1, 1))
    rescanned = scan_library(root, cache)
    assert [path.name for path in read] == ["002.md"]
    assert {meta.title for meta in rescanned.articles} >= {"New talks number 2"}


def test_the_snapshot_is_the_last_scan_and_its_head_the_top_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "SNAPSHOT_HEAD", 4)
    root = tmp_path / "articles"
    write_articles(root, 10)
    cache = MetaCache(tmp_path / "meta.sqlite3")
    scanned = scan_library(root, cache)
    assert cached_library(cache, root) == scanned
    head = cached_library_head(cache, root)
    assert head is not None
    top, total = head
    assert total == 10
    assert top.articles == scanned.articles[:4]
    assert cached_library(cache, tmp_path / "elsewhere") is None


def test_a_snapshot_of_another_version_or_damaged_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "articles"
    write_articles(root, 3)
    cache = MetaCache(tmp_path / "meta.sqlite3")
    scan_library(root, cache)
    monkeypatch.setattr(library_module, "META_CACHE_VERSION", "older")
    assert cached_library(cache, root) is None
    assert cached_library_head(cache, root) is None
    monkeypatch.undo()
    connection = cache._connection
    assert connection is not None
    with connection:
        connection.execute("UPDATE snapshot SET value = ?", (b"not marshal data",))
    assert cached_library(cache, root) is None


def test_a_rescan_against_the_snapshot_lends_its_records_and_rereads_changed_files(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    root = tmp_path / "articles"
    write_articles(root, 5)
    cache = MetaCache(tmp_path / "meta.sqlite3")
    first = scan_library(root, cache)
    snapshot = cached_library(cache, root)
    assert snapshot == first
    changed = root / "001.md"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Talks", "Renamed talks"), encoding="utf-8"
    )
    os.utime(changed, (2, 2))
    (root / "003.md").unlink()
    write_articles(root / "more", 1)
    read: list[Path] = request.getfixturevalue("files_read")
    rescanned = scan_library(root, cache, previous=snapshot)
    assert sorted(path.relative_to(root).as_posix() for path in read) == ["001.md", "more/000.md"]
    titles = {meta.id: meta.title for meta in rescanned.articles}
    assert titles["001"] == "Renamed talks number 1"
    assert "003" not in titles and "more/000" in titles
    assert rescanned == scan_library(root, MetaCache(tmp_path / "fresh.sqlite3"))
    assert cached_library(cache, root) == rescanned


def test_the_command_lines_scan_gives_the_apps_library_from_records_it_keeps_encoded(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from dipreader.cache.meta_records import MetaRecords
    from dipreader.core.library import scan_compact

    root = tmp_path / "articles"
    write_articles(root, 30)
    (root / "same-title-a.md").write_text("---\ntitle: Talks number 3\n---\nUndated.\n", encoding="utf-8")
    (root / "same-title-b.md").write_text("---\ntitle: Talks number 3\n---\nUndated too.\n", encoding="utf-8")
    (root / "broken.md").write_bytes(b"\xff\xfe not text")
    app = scan_library(root, MetaCache(tmp_path / "app.sqlite3"))
    cache = MetaCache(tmp_path / "cli.sqlite3")
    first = scan_compact(root, cache)
    assert isinstance(first.articles, MetaRecords)
    assert list(first.articles) == list(app.articles)  # the same records in the same order
    assert first.problems == app.problems
    assert first.by_id("007") == app.by_id("007") and first.by_id("missing") is None
    assert list(first.articles[2:5]) == list(app.articles[2:5])
    read: list[Path] = request.getfixturevalue("files_read")
    again = scan_compact(root, cache)
    assert read == []  # every record, the problem file's too, came from the cache
    assert again.articles == first.articles
    changed = root / "004.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Talks", "Other talks"), encoding="utf-8")
    os.utime(changed, (1, 1))
    read.clear()
    rescanned = scan_compact(root, cache)
    assert read == [root / "004.md"]
    assert "Other talks number 4" in {meta.title for meta in rescanned.articles}


def test_a_library_describes_itself_in_one_short_line_whatever_its_size(tmp_path: Path) -> None:
    # Textual describes a worker by the repr of its arguments, on the event loop: it must stay short.
    write_articles(tmp_path / "articles", 300)
    cache = MetaCache(tmp_path / "meta.sqlite3")
    library = scan_library(tmp_path / "articles", cache)
    cache.close()
    described = repr(library)
    assert described == f"Library({str(tmp_path / 'articles')!r}, 300 articles, 0 problems)"
