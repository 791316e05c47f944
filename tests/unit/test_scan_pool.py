"""The folder scan's worker processes give the library, problems, callbacks and cache of the serial read."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import pytest

from dipreader.cache.metadata import MetaCache, decode_entry
from dipreader.core import library as library_module
from dipreader.core import scan_pool
from dipreader.core.library import Library, cached_library, scan_compact, scan_library
from dipreader.model.article import ArticleMeta, Problem

SERIAL = 10**9
"""A pool threshold no folder reaches: the serial read."""
POOLED = 1
"""A pool threshold every folder reaches: worker processes."""
ARTICLES = 2400
SMALL = 400
CHUNK = 37
"""Chunks that do not divide the files evenly, so their boundaries fall everywhere."""

PAGE = """<!doctype html><html><head><title>Talks in Hanoi</title></head><body><article>
<h1>Talks in Hanoi</h1><p>The foreign ministers of Vietnam and Japan met in Hanoi on 3 May 2024
to discuss trade, energy and the security of shipping lanes in the region.</p>
<p>They agreed to meet again next year and to open a consulate in Da Nang.</p></article></body></html>
"""


def write_library(root: Path, count: int) -> None:
    """`count` small articles in a few folders, and files that cannot be read, spread among them."""
    for n in range(count):
        folder = root / f"{n % 4:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        dated = f"date: 2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n" if n % 5 else ""
        title = f"Talks number {n}" if n % 7 else "Talks"  # equal titles: the sort must stay stable
        (folder / f"{n:05d}.md").write_text(
            f"---\ntitle: {title}\n{dated}---\nThe ministers met for the {n}th time in Hanoi.\n",
            encoding="utf-8",
        )
    bad = {
        "00/00100-binary.md": b"\x00\x01\x02 not text",
        "01/00200-latin.txt": "Caf\xe9 talks".encode("latin-1"),
        "02/00300-empty.md": b"",
        "03/00400-unclosed.md": b"---\ntitle: Never closed\nThe body.\n",
        "00/00500-bad-date.md": b"---\ndate: 2024-13-45\n---\nText.\n",
        "01/01000-only-front.md": b"---\ntitle: Nothing after\n---\n",
        "02/same.md": b"Same as markdown.\n",
        "02/same.txt": b"Same as text.\n",  # refused by the walk: its id is taken
        "03/page.html": PAGE.encode("utf-8"),
    }
    for name, data in bad.items():
        (root / name).write_bytes(data)
    os.mkfifo(root / "01" / "pipe.md")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scan-pool") / "articles"
    write_library(root, ARTICLES)
    return root


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scan-pool-small") / "articles"
    write_library(root, SMALL)
    return root


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(scan_pool, "SCAN_CHUNK", CHUNK)


class Scan(NamedTuple):
    """A scan's library and everything it said on the way."""

    library: Library
    found: list[Problem]
    progress: list[int]
    partials: list[tuple[tuple[str, ...], tuple[Problem, ...]]]
    cached: dict[str, tuple[int, float, ArticleMeta | Problem | None]]
    """The metadata cache's records, decoded (marshal's bytes depend on how objects are shared)."""
    snapshot: Library | None


def scan(root: Path, cache: MetaCache, threshold: int, previous: Library | None = None) -> Scan:
    found: list[Problem] = []
    progress: list[int] = []
    partials: list[tuple[tuple[str, ...], tuple[Problem, ...]]] = []

    def partial(library: Library) -> None:
        partials.append((tuple(meta.id for meta in library.articles), library.problems))

    library = scan_library(
        root, cache, progress.append, partial, previous, found.append, pool_threshold=threshold
    )
    return Scan(library, found, progress, partials, cached_records(cache), cached_library(cache, root))


def cached_records(cache: MetaCache) -> dict[str, tuple[int, float, ArticleMeta | Problem | None]]:
    return {
        path: (size, mtime, decode_entry(record)) for path, (size, mtime, record) in cache.entries().items()
    }


class Recording(ProcessPoolExecutor):
    """The real pool, noting each one started and the files sent to it."""

    started: ClassVar[list[list[str]]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        Recording.started.append([])

    def map(self, fn: Callable[..., Any], *iterables: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
        jobs = list(iterables[0])
        Recording.started[-1].extend(key for _root, keys in jobs for key in keys)
        return super().map(fn, jobs, **kwargs)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The files sent to each pool the scans start from now on."""
    monkeypatch.setattr(Recording, "started", [])
    monkeypatch.setattr(scan_pool, "ProcessPoolExecutor", Recording)
    return Recording.started


def test_the_pool_gives_the_serial_scans_library_problems_callbacks_and_cache(
    folder: Path, tmp_path: Path, files_read: list[Path], pools: list[list[str]]
) -> None:
    serial = scan(folder, MetaCache(tmp_path / "serial.sqlite3"), SERIAL)
    read_here = len(files_read)
    files_read.clear()
    pooled = scan(folder, MetaCache(tmp_path / "pooled.sqlite3"), POOLED)
    assert files_read == []  # every file was read in a worker
    assert len(pools) == 1 and len(pools[0]) == read_here
    assert pooled == serial
    library = serial.library
    assert len(library.articles) == ARTICLES + 2  # `same.md` and the saved page
    reasons = {Path(problem.path).name: problem.reason for problem in library.problems}
    assert set(reasons) == {
        *("00100-binary.md", "00200-latin.txt", "00300-empty.md", "00400-unclosed.md"),
        *("00500-bad-date.md", "01000-only-front.md", "same.txt", "pipe.md"),
    }
    assert serial.found == list(library.problems)
    assert serial.progress == list(range(500, ARTICLES + 1, 500))
    assert [len(ids) + len(problems) for ids, problems in serial.partials] == [100, 200, 400, 800, 1600]
    assert serial.snapshot == library
    assert len(serial.cached) == read_here  # nothing failed to read: every record is kept


def test_the_command_lines_scan_gives_the_same_records_from_the_pool(
    small_folder: Path, tmp_path: Path, files_read: list[Path], pools: list[list[str]]
) -> None:
    app = scan_library(small_folder, MetaCache(None), pool_threshold=SERIAL)
    files_read.clear()
    results = []
    for name, threshold in (("serial", SERIAL), ("pooled", POOLED)):
        found: list[Problem] = []
        cache = MetaCache(tmp_path / f"{name}.sqlite3")
        compact = scan_compact(small_folder, cache, found.append, pool_threshold=threshold)
        results.append((list(compact.articles), compact.problems, found, cached_records(cache)))
    assert len(pools) == 1 and len(files_read) == len(pools[0])  # the serial scan read them here
    assert results[1] == results[0]
    assert results[0][0] == list(app.articles) and results[0][1] == app.problems == tuple(results[0][2])


def test_unchanged_files_are_resolved_here_and_only_changed_ones_go_to_the_workers(
    tmp_path: Path, pools: list[list[str]]
) -> None:
    root = tmp_path / "articles"
    write_library(root, 300)
    cache = MetaCache(tmp_path / "meta.sqlite3")
    first = scan(root, cache, POOLED)
    assert len(pools) == 1
    assert scan(root, cache, POOLED, previous=first.library).library == first.library
    assert scan(root, MetaCache(tmp_path / "meta.sqlite3"), POOLED).library == first.library
    assert len(pools) == 1  # from `previous`, then from the metadata cache: no pool started
    changed = [root / "01" / "00005.md", root / "03" / "00299.md"]
    for path in changed:
        path.write_text(path.read_text(encoding="utf-8").replace("Talks", "New talks"), encoding="utf-8")
        os.utime(path, (5, 5))
    rescanned = scan(root, cache, POOLED, previous=first.library)
    assert sorted(pools[1]) == sorted(str(path) for path in changed)
    assert rescanned.library == scan(root, MetaCache(None), SERIAL).library
    assert {"New talks number 5", "New talks number 299"} <= {
        meta.title for meta in rescanned.library.articles
    }


def test_a_pool_that_cannot_start_leaves_the_reading_to_this_thread(
    small_folder: Path, tmp_path: Path, files_read: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = scan(small_folder, MetaCache(tmp_path / "serial.sqlite3"), SERIAL)
    files_read.clear()

    class NoProcesses(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise OSError(24, "Too many open files")

    monkeypatch.setattr(scan_pool, "ProcessPoolExecutor", NoProcesses)
    assert scan(small_folder, MetaCache(tmp_path / "fallback.sqlite3"), POOLED) == expected
    assert len(files_read) == len(expected.cached)


def test_the_files_a_broken_pool_did_not_send_are_read_here(
    small_folder: Path, tmp_path: Path, files_read: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = scan(small_folder, MetaCache(tmp_path / "serial.sqlite3"), SERIAL)
    files_read.clear()

    class BreaksAfterOneChunk(ProcessPoolExecutor):
        def map(self, fn: Callable[..., Any], *iterables: Iterable[Any], **kwargs: Any) -> Iterator[Any]:
            results = super().map(fn, *iterables, **kwargs)

            def first_then_broken() -> Iterator[Any]:
                yield next(results)
                raise BrokenProcessPool("a worker died")

            return first_then_broken()

    monkeypatch.setattr(scan_pool, "ProcessPoolExecutor", BreaksAfterOneChunk)
    assert scan(small_folder, MetaCache(tmp_path / "broken.sqlite3"), POOLED) == expected
    assert len(files_read) == len(expected.cached) - CHUNK


def test_no_pool_for_few_files_on_one_core_or_in_a_daemonic_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert scan_pool.scan_workers(scan_pool.SCAN_POOL_THRESHOLD - 1) == 0
    assert scan_pool.scan_workers(scan_pool.SCAN_POOL_THRESHOLD) == 2
    with multiprocessing.get_context("spawn").Pool(1) as daemonic:  # a pool's workers are daemonic
        assert daemonic.apply(scan_pool.scan_workers, (10**6, 1)) == 0
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert scan_pool.scan_workers(10**6, 1) == 0


@pytest.mark.parametrize("threshold", [SERIAL, POOLED])
def test_a_file_gone_between_the_walk_and_the_read_is_a_problem_read_again_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: int
) -> None:
    root = tmp_path / "articles"
    write_library(root, 60)
    real_stat_files = library_module._stat_files

    def vanishing(source: Any) -> Iterator[tuple[str, os.stat_result | None]]:
        for path, stat in real_stat_files(source):
            if path.endswith(("00010.md", "00031.md")):  # gone after its stat
                os.unlink(path)
            if path.endswith("00047.md"):  # gone before its stat
                os.unlink(path)
                stat = None
            yield path, stat

    monkeypatch.setattr(library_module, "_stat_files", vanishing)
    found: list[Problem] = []
    cache = MetaCache(tmp_path / "meta.sqlite3")
    library = scan_library(root, cache, found=found.append, pool_threshold=threshold)
    gone = [problem for problem in library.problems if problem.reason.startswith("cannot read")]
    assert [Path(problem.path).name for problem in gone] == ["00010.md", "00031.md", "00047.md"]
    assert found == list(library.problems)
    assert not {problem.path for problem in gone} & set(cache.entries())  # tried again next scan
    assert len(library.articles) == 60 - 3 + 2


@pytest.mark.parametrize("threshold", [SERIAL, POOLED])
def test_a_cancelled_scan_stops_keeps_what_it_read_and_leaves_no_worker(
    small_folder: Path, tmp_path: Path, threshold: int
) -> None:
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 300

    cache = MetaCache(tmp_path / "meta.sqlite3")
    library = scan_library(small_folder, cache, cancelled=cancelled, pool_threshold=threshold)
    assert not multiprocessing.active_children()
    assert len(library.articles) + len(library.problems) == 300
    assert cached_library(cache, small_folder) is None  # no snapshot of a library half read
    assert len(cache.entries()) == 300  # none of the first 300 failed to read
    complete = scan_library(small_folder, cache, pool_threshold=threshold)
    assert complete == scan_library(small_folder, MetaCache(None), pool_threshold=SERIAL)
    assert cached_library(cache, small_folder) == complete


def test_the_command_lines_scan_reads_a_damaged_record_again_and_stores_it_whole(
    tmp_path: Path, files_read: list[Path]
) -> None:
    root = tmp_path / "articles"
    write_library(root, 30)
    cache = MetaCache(tmp_path / "meta.sqlite3")
    first = scan_compact(root, cache, pool_threshold=POOLED)
    damaged = root / "02" / "00006.md"
    size, mtime, _record = cache.entries()[str(damaged)]
    cache.store([(str(damaged), size, mtime, b"not a record")])
    files_read.clear()
    again = scan_compact(root, cache, pool_threshold=POOLED)
    assert files_read == [damaged]  # read here, the others from the cache
    assert list(again.articles) == list(first.articles) and again.problems == first.problems
    assert decode_entry(cache.entries()[str(damaged)][2]) == first.by_id("02/00006")
