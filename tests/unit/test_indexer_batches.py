"""The index analyses in worker processes, writes a batch of analyses at a time, feeds the search
index the bodies the workers read, and says how fast it goes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dipreader.cache.analysis import AnalysisCache
from dipreader.cache.analysis_codec import encode_analysis
from dipreader.cache.metadata import MetaCache
from dipreader.core import pool as index_pool
from dipreader.core.context import Context
from dipreader.core.indexer import RATE_AFTER, IndexBatch, Indexer, _Fresh
from dipreader.core.library import Library, scan_library
from dipreader.core.pool import AnalysedFile
from dipreader.core.search import indexed_article
from dipreader.extract.analysis import analyse
from dipreader.model.article import Article, ArticleMeta
from dipreader.model.corrections import COUNTRY, NOT_PERSON, ROLE, Correction, Corrections
from dipreader.model.knowledge import load_knowledge
from dipreader.paths import sample_articles_dir
from dipreader.sources.files import read_article


def _article(meta: ArticleMeta, root: Path) -> Article:
    article = read_article(Path(meta.path), root)
    assert isinstance(article, Article)
    return article


def _library(tmp_path: Path) -> Library:
    return scan_library(sample_articles_dir(), MetaCache(tmp_path / "meta.sqlite3"))


def test_the_pool_s_analyses_are_in_the_cache_and_the_search_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_pool, "POOL_THRESHOLD", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    library = _library(tmp_path)
    context = Context(library.root, tmp_path / "data", tmp_path / "config")
    read_again: list[str] = []
    real_load_body = Library.load_body

    def counting(self: Library, article_id: str) -> str | None:
        read_again.append(article_id)
        return real_load_body(self, article_id)

    monkeypatch.setattr(Library, "load_body", counting)
    batches = list(Indexer(context).run(library))
    assert batches[-1].complete and batches[-1].analysed == len(library.articles)
    knowledge = load_knowledge(None)
    for meta in library.articles:
        assert context.analysis_cache.lookup(meta) == analyse(_article(meta, library.root), knowledge)
    assert read_again == []  # the search index took the bodies the workers read
    assert context.search_index.stored_hashes().keys() == {meta.id for meta in library.articles}
    context.close()


def test_a_batch_is_one_transaction_and_a_changed_article_is_left_out(tmp_path: Path) -> None:
    library = _library(tmp_path)
    first, second = library.articles[:2]
    analyses = [analyse(_article(meta, library.root), None) for meta in (first, second)]
    cache = AnalysisCache(tmp_path / "analysis.sqlite3", None)
    assert cache._connection is not None
    statements: list[str] = []
    cache._connection.set_trace_callback(statements.append)
    cache.put_encoded(
        [
            (first, analyses[0].content_hash, encode_analysis(analyses[0])),
            (second, "another content", encode_analysis(analyses[1])),
        ]
    )
    assert sum(statement.startswith("COMMIT") for statement in statements) == 1
    assert cache.lookup(first) == analyses[0]
    assert cache.lookup(second) is None
    cache.close()


def test_an_unwritable_cache_keeps_the_batch_in_memory(tmp_path: Path) -> None:
    library = _library(tmp_path)
    meta = library.articles[0]
    analysis = analyse(_article(meta, library.root), None)
    cache = AnalysisCache(tmp_path / "analysis.sqlite3", None)
    assert cache._connection is not None
    cache._connection.execute("DROP TABLE analysis")
    cache._connection.commit()
    cache.put_encoded([(meta, analysis.content_hash, encode_analysis(analysis))])
    assert cache.lookup(meta) == analysis
    assert cache.write_failure is not None
    cache.close()


def test_the_rate_is_articles_analysed_a_minute_once_a_few_were() -> None:
    assert IndexBatch([], 10, 100, analysed=RATE_AFTER - 1, seconds=1.0).rate is None
    assert IndexBatch([], 10, 100, analysed=RATE_AFTER, seconds=0.0).rate is None
    assert IndexBatch([], 500, 1000, analysed=300, seconds=2.0).rate == 9000


def test_the_search_index_reads_a_fresh_analysis_as_the_cache_would_give_it(tmp_path: Path) -> None:
    """The worker's bytes, decoded without the events and corrected, make the same search record
    as the corrected analysis read back from the cache."""
    library = _library(tmp_path)
    context = Context(library.root, tmp_path / "data", tmp_path / "config")
    indexer = Indexer(context)
    cache = context.analysis_cache
    checked = 0
    for meta in library.articles:
        article = _article(meta, library.root)
        analysis = analyse(article, None)
        names = list(dict.fromkeys(mention.name for mention in analysis.entities.officials))
        if names:
            cache.corrections = Corrections(
                (
                    Correction(NOT_PERSON, names[0]),
                    Correction(COUNTRY, names[-1], None, "Japan"),
                    Correction(ROLE, names[-1], meta.id, "Envoy"),
                )
            )
            checked += 1
        cache.put(meta, analysis)
        fresh = _Fresh(
            meta, AnalysedFile(analysis.content_hash, encode_analysis(analysis), article.body), False
        )
        searched = indexer._searched(fresh)
        assert searched is not None
        stored = cache.lookup(meta)
        assert indexed_article(meta, article.body, searched, "s") == indexed_article(
            meta, article.body, stored, "s"
        )
    assert checked > 0
    unencodable = _Fresh(meta, AnalysedFile(analysis.content_hash, analysis, article.body), False)
    assert indexer._searched(unencodable) is None  # read from the cache as before
    context.close()


def test_an_article_removed_then_put_back_goes_to_the_search_index_again(tmp_path: Path) -> None:
    library = _library(tmp_path)
    context = Context(library.root, tmp_path / "data", tmp_path / "config")
    indexer = Indexer(context)
    list(indexer.run(library))
    removed = library.articles[0]
    list(indexer.run(Library(library.root, library.articles[1:], library.problems)))
    assert removed.id not in context.search_index.stored_hashes()
    list(indexer.run(library))
    assert removed.id in context.search_index.stored_hashes()
    context.close()


def test_after_its_first_whole_run_the_index_reads_no_stored_hash_but_the_changed_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.cache.search_index import SearchIndex

    library = _library(tmp_path)
    context = Context(library.root, tmp_path / "data", tmp_path / "config")
    indexer = Indexer(context)
    list(indexer.run(library))

    def every_hash(index: SearchIndex) -> dict[str, str]:
        raise AssertionError("every stored hash read")

    monkeypatch.setattr(SearchIndex, "stored_hashes", every_hash)
    removed = library.articles[0]
    list(indexer.run(Library(library.root, library.articles[1:], library.problems)))
    assert context.search_index.stored_hashes_of([meta.id for meta in library.articles]).keys() == {
        meta.id for meta in library.articles[1:]
    }
    list(indexer.run(library))
    assert removed.id in context.search_index.stored_hashes_of([removed.id])
    context.close()


def test_a_run_after_a_whole_one_looks_only_at_new_records_and_those_it_could_not_analyse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _library(tmp_path)
    context = Context(library.root, tmp_path / "data", tmp_path / "config")
    indexer = Indexer(context)
    failing = library.articles[1]
    real = Indexer._analyse

    def analyse_but_one(
        self: Indexer, library: Library, pending: Iterable[ArticleMeta], count: int, cancelled: Any
    ) -> Iterator[tuple[AnalysedFile | None, bool]]:
        waiting = list(pending)
        assert len(waiting) == count
        for meta, result in zip(waiting, real(self, library, waiting, count, cancelled), strict=True):
            yield (None, True) if meta.id == failing.id else result

    monkeypatch.setattr(Indexer, "_analyse", analyse_but_one)
    batches = list(indexer.run(library))
    assert batches[-1].complete and not indexer.is_current(failing)
    looked: list[str] = []
    real_current = Indexer.is_current

    def counting(self: Indexer, meta: ArticleMeta) -> bool:
        looked.append(meta.id)
        return real_current(self, meta)

    monkeypatch.setattr(Indexer, "is_current", counting)
    again = list(indexer.run(library))
    assert again[-1].complete and again[-1].done == again[-1].total == len(library.articles)
    assert set(looked) == {failing.id}  # the others were current, as the same records
    assert indexer.is_current(failing)  # its analysis was in the cache this time
    monkeypatch.setattr(Indexer, "_analyse", real)
    looked.clear()
    retitled = library.articles[0]._replace(title="Another title")
    changed = Library(library.root, (retitled, *library.articles[1:]), library.problems)
    list(indexer.run(changed))
    assert set(looked) == {retitled.id}
    looked.clear()
    last = list(indexer.run(Library(library.root, changed.articles[1:], library.problems)))
    assert looked == [] and last[-1].complete and retitled.id not in indexer.indexed
    context.close()
