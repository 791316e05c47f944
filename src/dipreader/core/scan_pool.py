"""Read many new or changed article files in worker processes, so a cold folder scan uses every core."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.model.article import ArticleMeta, Problem

if TYPE_CHECKING:
    from dipreader.sources.files import FolderSource

ReadRecord = tuple[ArticleMeta | Problem, bool]
"""A file's metadata (or why it cannot be read) and whether it may be cached."""

SCAN_POOL_THRESHOLD = 2000
"""Below this many files to read, starting processes costs about what they save (benchmarks/README.md)."""

SCAN_CHUNK = 100
"""Files sent to a worker at a time: a few tens of milliseconds of reading, in the walk's order."""

MAX_SCAN_WORKERS = 4


def read_record(source: FolderSource, key: str) -> ReadRecord:
    """The file's metadata read now, and whether it may be cached (a failed read is tried again)."""
    result = source.read(key)
    loaded = result if isinstance(result, Problem) else result.meta
    return loaded, not (isinstance(loaded, Problem) and loaded.reason.startswith("cannot read"))


def scan_workers(to_read: int, threshold: int | None = None) -> int:
    """Worker processes worth starting to read this many files (0: read them in this thread);
    `threshold` is SCAN_POOL_THRESHOLD unless given."""
    cores = os.cpu_count() or 1
    if (
        to_read < (SCAN_POOL_THRESHOLD if threshold is None else threshold)
        or cores < 2
        or multiprocessing.current_process().daemon
    ):
        return 0  # a daemonic process may not have children
    return min(cores, MAX_SCAN_WORKERS)


def read_records(
    source: FolderSource, keys: Sequence[str], threshold: int | None = None
) -> Generator[ReadRecord, None, None]:
    """`read_record` of each key, in order: in worker processes when there are `threshold` or more
    and processes can start, else in this thread. Closing the iterator early cancels the reads not
    started and waits for the workers to end (a chunk each at most)."""
    workers = scan_workers(len(keys), threshold)
    if workers:
        yield from _read_in_processes(source, keys, workers)
    else:
        for key in keys:
            yield read_record(source, key)


def _read_in_processes(
    source: FolderSource, keys: Sequence[str], workers: int
) -> Generator[ReadRecord, None, None]:
    """Processes are spawned, not forked (the caller may be a threaded app); if they cannot start,
    or one dies, the files not yet received are read here."""
    from dipreader.core.spawn import real_standard_streams

    root = str(source.root)
    chunks = [(root, list(keys[start : start + SCAN_CHUNK])) for start in range(0, len(keys), SCAN_CHUNK)]
    received = 0
    executor: ProcessPoolExecutor | None = None
    try:
        with real_standard_streams():
            executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("spawn")
            )
            results = executor.map(_read_chunk, chunks)  # starts the processes
        for chunk in results:
            for record in chunk:
                yield record
                received += 1
    except (OSError, RuntimeError, AssertionError):  # no processes (BrokenProcessPool is a RuntimeError)
        for key in keys[received:]:
            yield read_record(source, key)
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _read_chunk(job: tuple[str, list[str]]) -> list[ReadRecord]:
    """In a worker: the records of a chunk of files (the worker imports only the file reader)."""
    from dipreader.sources.files import FolderSource

    root, keys = job
    source = FolderSource(Path(root))
    return [read_record(source, key) for key in keys]
