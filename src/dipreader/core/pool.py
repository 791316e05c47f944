"""Analyse many uncached articles in worker processes, so a cold index uses every core."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from itertools import islice
from pathlib import Path
from typing import NamedTuple, TypeVar

from dipreader.cache.analysis_codec import CodecError, decode_analysis, encode_analysis
from dipreader.core.spawn import real_standard_streams as real_standard_streams
from dipreader.extract.analysis import analyse
from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Article, ArticleMeta
from dipreader.model.knowledge import Knowledge, load_knowledge

Result = TypeVar("Result")

POOL_THRESHOLD = 200
"""Below this many uncached articles, starting processes costs more than it saves."""

CHUNK = 16
"""Files sent to a worker at a time: fewer round trips through the parent, which also writes."""

WORKER_NICENESS = 10
"""How much lower the analysis workers' CPU priority is than their parent's. The workers take every
core; at the same priority a front end's event loop waited ~12 ms for a core at each key during a
cold index on 2 cores (benchmarks/bench_index_responsive.py). Lower, they give the core up at once
to the parent (its event loop, and its thread writing their results), and take what it leaves."""

_knowledge: Knowledge | None = None


def pool_size(uncached: int) -> int:
    """Worker processes worth starting for this many uncached articles (0: analyse in-thread)."""
    cores = os.cpu_count() or 1
    if uncached < POOL_THRESHOLD or cores < 2:
        return 0
    return min(cores, 4)


def _start_worker(user_knowledge: str | None) -> None:
    global _knowledge
    lower_priority()
    _knowledge = load_knowledge(Path(user_knowledge) if user_knowledge else None)


def lower_priority() -> None:
    """Give this process WORKER_NICENESS less CPU priority (where the system lets it; never an error)."""
    nice = getattr(os, "nice", None)  # not on Windows
    if nice is None:
        return
    with suppress(OSError):
        nice(WORKER_NICENESS)


class AnalysedFile(NamedTuple):
    """One file analysed in a worker, as plain values (cheap to send back, never a pickled analysis):
    its content hash, its analysis encoded as the analysis cache stores it, and its body (what the
    search index keeps, so the file is not read again)."""

    content_hash: str
    encoded: bytes | ArticleAnalysis
    """The analysis as `encode_analysis` gives it; the analysis itself when the codec cannot store it."""
    body: str

    def analysis(self) -> ArticleAnalysis:
        if isinstance(self.encoded, ArticleAnalysis):
            return self.encoded
        return decode_analysis(self.encoded)


def _analyse_file(job: tuple[str | ArticleMeta, str]) -> AnalysedFile | None:
    from dipreader.sources.files import read_article, read_scanned_article

    file, root = job
    if isinstance(file, ArticleMeta):
        article = read_scanned_article(file, Path(root))
    else:
        article = read_article(Path(file), Path(root))
    if not isinstance(article, Article):
        return None
    analysis = analyse(article, _knowledge)
    try:
        encoded: bytes | ArticleAnalysis = encode_analysis(analysis)
    except CodecError:  # a field the codec does not know: the parent keeps it in memory and says so
        encoded = analysis
    return AnalysedFile(analysis.content_hash, encoded, article.body)


IN_FLIGHT = 4
"""Chunks sent ahead per worker: the files waiting and the results not yet read are bounded, not the
library (every job sent at once held 100,000 records in the parent)."""


def analyse_in_processes(
    files: Iterable[str | ArticleMeta], root: Path, user_knowledge: Path | None, workers: int
) -> Iterator[AnalysedFile | None]:
    """Analyses of these article files, in order, computed by `workers` fresh processes (None for
    a file that could not be read). A file given as the folder scan's metadata is read without
    parsing its front matter again, unless its body has changed since (`read_scanned_article`).
    `files` is read as the workers need more (a few chunks ahead of them).

    Processes are spawned, not forked: the caller is a threaded app.
    """
    context = multiprocessing.get_context("spawn")
    remaining = iter(files)
    sent: deque[Future[list[AnalysedFile | None]]] = deque()

    def send() -> None:
        chunk = tuple(islice(remaining, CHUNK))
        if chunk:
            sent.append(executor.submit(_analyse_files, chunk, str(root)))

    with real_standard_streams():  # the queues start a resource tracker, the first chunks the processes
        executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(str(user_knowledge) if user_knowledge else None,),
        )
    try:
        with real_standard_streams():
            for _ in range(workers * IN_FLIGHT):
                send()
        while sent:
            analysed = sent.popleft().result()
            send()
            yield from analysed
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _analyse_files(files: Sequence[str | ArticleMeta], root: str) -> list[AnalysedFile | None]:
    return [_analyse_file((file, root)) for file in files]


def run_in_process(function: Callable[..., Result], *args: object) -> Result:
    """`function(*args)` in a fresh spawned process (the function and arguments are pickled)."""
    context = multiprocessing.get_context("spawn")
    with real_standard_streams():
        executor = ProcessPoolExecutor(max_workers=1, mp_context=context)
        future = executor.submit(function, *args)
    try:
        return future.result()
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
