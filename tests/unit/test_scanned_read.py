"""The index workers read an article the scan has parsed without parsing its front matter again,
and analyse an article changed since the scan from the bytes they read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dipreader.cache.metadata import MetaCache
from dipreader.core import pool as index_pool
from dipreader.core.context import Context
from dipreader.core.indexer import Indexer
from dipreader.core.library import Library, scan_library
from dipreader.extract.analysis import analyse
from dipreader.model.article import Article, ArticleMeta
from dipreader.model.knowledge import load_knowledge
from dipreader.paths import sample_articles_dir
from dipreader.sources import files
from dipreader.sources.files import read_article, read_scanned_article

ARTICLE = """---
title: Talks in Geneva
date: 2024-03-05
---
The foreign ministers of France and Germany met in Geneva on Tuesday.

They agreed to meet again next month.
"""

CHANGED = """---
title: Talks in Vienna
date: 2023-11-20
---
The foreign minister of Italy met her Austrian counterpart in Vienna yesterday.
"""


def _scanned(root: Path, tmp_path: Path) -> Library:
    return scan_library(root, MetaCache(tmp_path / "meta.sqlite3"))


def _only(library: Library) -> ArticleMeta:
    (meta,) = library.articles
    return meta


def _yaml_refused(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []

    def counting(text: str) -> object:
        parsed.append(text)
        raise AssertionError("the front matter was parsed again")

    monkeypatch.setattr(files, "load_front_matter", counting)
    return parsed


def test_an_unchanged_article_is_read_as_the_scan_saw_it_without_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "articles"
    shutil.copytree(sample_articles_dir(), root)
    library = _scanned(root, tmp_path)
    expected = [read_article(Path(meta.path), root) for meta in library.articles]
    parsed = _yaml_refused(monkeypatch)
    found = [read_scanned_article(meta, root) for meta in library.articles]
    assert found == expected
    assert parsed == []
    for meta, article in zip(library.articles, found, strict=True):
        assert isinstance(article, Article)
        assert article.meta == meta


def test_an_article_changed_between_scan_and_index_is_analysed_from_its_new_bytes(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    path = root / "talks.md"
    path.write_text(ARTICLE, encoding="utf-8")
    meta = _only(_scanned(root, tmp_path))
    path.write_text(CHANGED, encoding="utf-8")
    now = read_article(path, root)
    assert isinstance(now, Article)
    assert now.meta.content_hash != meta.content_hash

    found = read_scanned_article(meta, root)
    assert found == now
    assert isinstance(found, Article) and found.date == now.date
    analysed = index_pool._analyse_file((meta, str(root)))
    assert analysed is not None
    assert analysed.analysis() == analyse(now, None)
    assert analysed.content_hash == now.meta.content_hash
    assert analysed.body == now.body


def test_an_article_broken_since_the_scan_is_a_problem_as_before(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    path = root / "talks.md"
    path.write_text(ARTICLE, encoding="utf-8")
    meta = _only(_scanned(root, tmp_path))
    for broken in ("---\ntitle: x\nno closing line\n", "---\ntitle: [\n---\nSome text.\n", ""):
        path.write_text(broken, encoding="utf-8")
        assert read_scanned_article(meta, root) == read_article(path, root)
    path.unlink()
    assert read_scanned_article(meta, root) == read_article(path, root)
    assert index_pool._analyse_file((meta, str(root))) is None


def test_a_cached_scan_s_metadata_also_spares_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "talks.md").write_text(ARTICLE, encoding="utf-8")
    _scanned(root, tmp_path)
    meta = _only(_scanned(root, tmp_path))  # the second scan takes the record from the cache
    expected = read_article(Path(meta.path), root)
    _yaml_refused(monkeypatch)
    assert read_scanned_article(meta, root) == expected


def test_the_index_pool_analyses_a_file_changed_since_the_scan_from_its_new_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_pool, "POOL_THRESHOLD", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    root = tmp_path / "articles"
    root.mkdir()
    path = root / "talks.md"
    path.write_text(ARTICLE, encoding="utf-8")
    (root / "other.md").write_text(ARTICLE.replace("Geneva", "Oslo"), encoding="utf-8")
    library = _scanned(root, tmp_path)
    path.write_text(ARTICLE.replace("France and Germany", "Spain and Portugal"), encoding="utf-8")
    context = Context(root, tmp_path / "data", tmp_path / "config")
    indexer = Indexer(context, feed_search=False)
    for _batch in indexer.run(library):
        pass
    assert set(indexer.indexed) == {"other"}  # the scan's record of "talks" is out of date
    other = library.by_id("other")
    assert other is not None and indexer.indexed["other"] == bytes.fromhex(other.content_hash)
    scanned = library.by_id("talks")
    assert scanned is not None and not context.analysis_cache.contains(scanned)
    rescanned = _scanned(root, tmp_path)
    for _batch in indexer.run(rescanned):
        pass
    meta = rescanned.by_id("talks")
    now = read_article(path, root)
    assert meta is not None and isinstance(now, Article) and meta.content_hash != scanned.content_hash
    assert indexer.is_current(meta)
    assert context.analysis_cache.lookup(meta) == analyse(now, load_knowledge(None))
