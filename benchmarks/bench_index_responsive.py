"""Is the app responsive while a cold index runs? Key echo and event-loop lag, indexing and idle.

python benchmarks/bench_index_responsive.py [--count 10000] [--corpus DIR] [--presses 60]
    [--work DIR] [--sample]

The app runs headless in this process (Textual's test driver, 120x40) on a generated library
(benchmarks/make_corpus.py; default /tmp/bench-corpus-COUNT) with a fresh data dir and an empty
config dir: the folder is scanned and every article analysed (in the worker pool), cached and fed
to the search index, as at a first start. From the index's start until it completes, and then
PRESSES times once it is complete and the tabs' reads after it are done (idle: the baseline of the
same run), j and k are pressed in the sidebar 100 to 200 ms apart, each posted as the terminal
driver posts it. Measured in wall time: key -> the sidebar's cursor moved (the key's handler ran);
key -> the first screen update after that (Textual's `App._display`, called with the compositor's
update once a frame is due: headless, nothing is written to a terminal, and the screen updates at
most 60 times a second, so half a frame on average is the update timer's wait); the main thread's
CPU and its time waiting on a run queue for a core over the same span (/proc/thread-self/schedstat);
how late a 20 ms timer on the event loop fires. Also the process's CPU over each phase (the pool's
workers are other processes) and each thread's share of it, and the index's articles a minute.
With --sample, a side thread samples every thread's stack every 2 ms while the index runs and
prints the commonest while a key waited for its echo and during the timer's lags over 50 ms.
(Pilot's own `press` is no measure here: it waits for the whole process to go idle.)
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from make_corpus import ensure_corpus  # noqa: E402
from rich.console import RenderableType  # noqa: E402
from textual import events  # noqa: E402
from textual.screen import Screen  # noqa: E402

from dipreader.core.context import Context  # noqa: E402
from dipreader.ui.app import DipReaderApp  # noqa: E402
from dipreader.ui.widgets.sidebar.article_list import ArticleList  # noqa: E402

TICK = 0.02
FRAME = 1 / 60
MAX_PRESSES = 100_000
"""While the index runs, keys are pressed until it completes (this many at most)."""


class LagProbe:
    """Sleeps TICK on the event loop again and again, recording how much later than asked it woke."""

    def __init__(self) -> None:
        self.lags: list[tuple[float, float]] = []
        """(when it woke, how late)."""
        self.running = True

    async def run(self) -> None:
        while self.running:
            started = time.perf_counter()
            await asyncio.sleep(TICK)
            woke = time.perf_counter()
            self.lags.append((woke, woke - started - TICK))


class Echo:
    """When the sidebar's cursor last moved, and when a screen update first showed it: the app's
    `_display` (each update the compositor hands to the driver) is wrapped to see the second."""

    def __init__(self, app: DipReaderApp, sidebar: ArticleList) -> None:
        self.original: Callable[[Screen[Any], RenderableType | None], None] = app._display
        self.app = app
        self.moved_at: float | None = None
        self.shown_at: float | None = None
        self.shown = asyncio.Event()
        setattr(app, "_display", self.display)  # noqa: B010
        app.watch(sidebar, "cursor", self.cursor_moved, init=False)

    def expect(self) -> None:
        self.moved_at = self.shown_at = None
        self.shown.clear()

    def cursor_moved(self) -> None:
        if self.moved_at is None:
            self.moved_at = time.perf_counter()

    def display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        self.original(screen, renderable)
        waiting = self.moved_at is not None and self.shown_at is None
        if waiting and renderable is not None and not self.app._batch_count:
            self.shown_at = time.perf_counter()
            self.shown.set()


Stack = tuple[str, ...]


WAITING = frozenset({"select", "wait", "_wait_for_tstate_lock", "acquire", "sleep", "_recv", "poll", "get"})
"""Innermost functions of a thread that waits (not what holds the GIL or a core)."""


class Sampler:
    """A side thread taking every other thread's innermost frames every 2 ms."""

    def __init__(self, depth: int = 10) -> None:
        self.depth = depth
        self.samples: list[tuple[float, str, Stack]] = []
        self.running = True
        self.thread = threading.Thread(target=self.run, name="bench-sampler", daemon=True)
        self.thread.start()

    def run(self) -> None:
        own = threading.get_ident()
        while self.running:
            time.sleep(0.002)
            names = {thread.ident: thread.name for thread in threading.enumerate()}
            moment = time.perf_counter()
            for ident, frame in sys._current_frames().items():
                if ident == own:
                    continue
                stack = traceback.extract_stack(frame)[-self.depth :]
                named = tuple(f"{Path(s.filename).name}:{s.lineno} {s.name}" for s in stack)
                self.samples.append((moment, names.get(ident, "?"), named))

    def within(self, windows: list[tuple[float, float]], main: bool) -> collections.Counter[Stack]:
        """How often each stack of the main thread (or of the others, those not waiting) was
        sampled inside any of these (start, end) windows."""
        found: collections.Counter[Stack] = collections.Counter()
        for moment, name, stack in self.samples:
            if (name == "MainThread") != main or not any(start <= moment <= end for start, end in windows):
                continue
            if main or stack[-1].rsplit(" ", 1)[-1] not in WAITING:
                found[(name, *stack) if not main else stack] += 1
        return found

    def stop(self) -> None:
        self.running = False
        self.thread.join()


def main_thread_queued() -> float:
    """Seconds this thread (the main one, here) has waited on a run queue for a core, so far."""
    return int(Path("/proc/thread-self/schedstat").read_text().split()[1]) / 1e9


def thread_cpu() -> dict[str, float]:
    """CPU seconds of each of this process's threads so far, by thread name (from /proc)."""
    names = {thread.native_id: thread.name for thread in threading.enumerate()}
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[str, float] = collections.defaultdict(float)
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = names.get(int(task.name), "other (pool's, sqlite's, asyncio's)")
        if name.startswith("asyncio_") or name.startswith("ThreadPoolExecutor"):
            name = "worker threads (Textual @work)"
        found[name] += (int(fields[11]) + int(fields[12])) / ticks
    return found


@dataclass
class Phase:
    """What one phase measured (seconds)."""

    name: str
    cursor: list[float] = field(default_factory=list)
    shown: list[float] = field(default_factory=list)
    main_cpu: list[float] = field(default_factory=list)
    queued: list[float] = field(default_factory=list)
    waits: list[tuple[float, float]] = field(default_factory=list)
    """(key posted, update shown) of each press."""
    lags: list[tuple[float, float]] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0
    threads: dict[str, float] = field(default_factory=dict)


async def press(app: DipReaderApp, sidebar: ArticleList, echo: Echo, key: str, phase: Phase) -> None:
    """Post one key as the driver does; record key -> cursor moved and key -> an update showing it."""
    before = sidebar.cursor
    target = before + 1 if key == "j" else before - 1
    echo.expect()
    event = events.Key(key, key)
    event.set_sender(app)
    queued, cpu = main_thread_queued(), time.thread_time()
    posted = time.perf_counter()
    app.post_message(event)
    await echo.shown.wait()
    moved, shown = echo.moved_at, echo.shown_at
    if moved is not None and shown is not None and sidebar.cursor == target:  # not a new list's
        phase.cursor.append(moved - posted)
        phase.shown.append(shown - posted)
        phase.main_cpu.append(time.thread_time() - cpu)
        phase.queued.append(main_thread_queued() - queued)
        phase.waits.append((posted, shown))


async def run_phase(
    app: DipReaderApp, echo: Echo, name: str, presses: int, until: Callable[[], bool]
) -> Phase:
    phase = Phase(name)
    sidebar = app.query_one(ArticleList)
    sidebar.focus()
    probe = LagProbe()
    probing = asyncio.ensure_future(probe.run())
    wall, cpu, threads = time.perf_counter(), time.process_time(), thread_cpu()
    for index in range(presses):
        if until():
            break
        await press(app, sidebar, echo, "j" if index % 2 == 0 else "k", phase)
        await asyncio.sleep(0.1 + 0.1 * ((index * 7) % 11) / 10)
    phase.wall = time.perf_counter() - wall
    phase.cpu = time.process_time() - cpu
    after = thread_cpu()
    phase.threads = {name: after[name] - threads.get(name, 0.0) for name in after}
    probe.running = False
    await probing
    phase.lags = probe.lags
    return phase


@dataclass
class Result:
    phases: list[Phase]
    articles: int
    started: float
    index_seconds: float
    sampler: Sampler | None


async def measure(app: DipReaderApp, presses: int, sample: bool) -> Result:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main
        echo = Echo(app, app.query_one(ArticleList))

        def indexing() -> bool:
            return any(worker.group == "index" and worker.is_running for worker in screen.workers)

        while not indexing() and not screen.index_done:
            await asyncio.sleep(0.01)
        started = time.perf_counter()
        sampler = Sampler() if sample else None
        during = await run_phase(app, echo, "indexing", MAX_PRESSES, lambda: screen.index_done)
        while not screen.index_done:
            await asyncio.sleep(0.01)
        index_seconds = time.perf_counter() - started
        if sampler is not None:
            sampler.stop()
        for _ in range(1200):  # the tabs' reads and the stories' build after the index
            if not any(worker.is_running for worker in screen.workers):
                break
            await pilot.pause(0.05)
        await pilot.pause(2.0)
        idle = await run_phase(app, echo, "idle", presses, lambda: False)
        articles = len(screen.library.articles) if screen.library else 0
        return Result([during, idle], articles, started, index_seconds, sampler)


def stats(values: list[float]) -> str:
    if not values:
        return "— | — | —"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"{statistics.median(values) * 1000:.1f} ms | {p90 * 1000:.1f} ms | {max(values) * 1000:.1f} ms"


def print_stacks(title: str, found: collections.Counter[Stack], top: int = 6) -> None:
    total = sum(found.values())
    print(f"\n{title}, {total} samples; commonest stacks (innermost first):")
    for stack, count in found.most_common(top):
        print(f"{count / max(total, 1):6.1%}  " + " <- ".join(reversed(stack)))


def report(result: Result) -> None:
    rate = result.articles * 60 / result.index_seconds
    print(f"{result.articles:,} articles indexed in {result.index_seconds:.1f} s ({rate:,.0f} a minute)")
    print("| phase | measure | samples | median | p90 | max |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for phase in result.phases:
        rows = {
            "key to sidebar cursor moved": phase.cursor,
            "key to screen update shown": phase.shown,
            "main thread's CPU, key to shown": phase.main_cpu,
            "main thread waiting for a core, key to shown": phase.queued,
            "20 ms timer late by": [lag for _moment, lag in phase.lags],
        }
        for label, values in rows.items():
            print(f"| {phase.name} | {label} | {len(values)} | {stats(values)} |")
    for phase in result.phases:
        busy = phase.cpu / phase.wall if phase.wall else 0.0
        shares = ", ".join(
            f"{name} {seconds:.1f}"
            for name, seconds in sorted(phase.threads.items(), key=lambda item: -item[1])
            if seconds >= 0.05
        )
        print(
            f"{phase.name}: {phase.wall:.1f} s, process CPU {phase.cpu:.1f} s ({busy:.0%} of a core); "
            f"by thread, s: {shares}"
        )
    during = result.phases[0]
    worst = sorted(during.lags, key=lambda pair: -pair[1])[:5]
    print(
        "worst timer lags while indexing (s after the index's start: ms late): "
        + ", ".join(f"{woke - result.started:.1f}: {lag * 1000:.0f}" for woke, lag in sorted(worst))
    )
    sampler = result.sampler
    if sampler is not None:
        print_stacks("main thread while a key waited for its echo", sampler.within(during.waits, True))
        print_stacks("other threads, not waiting, meanwhile", sampler.within(during.waits, False))
        stalls = [(woke - lag - TICK, woke) for woke, lag in during.lags if lag > 0.05]
        print_stacks(f"main thread in the {len(stalls)} timer lags over 50 ms", sampler.within(stalls, True))
        print_stacks("other threads, not waiting, meanwhile", sampler.within(stalls, False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--corpus", type=Path, help="default: /tmp/bench-corpus-COUNT")
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--work", type=Path, help="parent of the fresh data dir (default: /tmp)")
    parser.add_argument("--sample", action="store_true", help="sample the main thread while indexing")
    args = parser.parse_args()
    corpus = ensure_corpus(args.corpus or Path(f"/tmp/bench-corpus-{args.count}"), args.count)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-index-responsive-", dir=args.work))
    try:
        (work / "config").mkdir()
        app = DipReaderApp(Context(corpus, work / "data", work / "config"))
        load = os.getloadavg()
        result = asyncio.run(measure(app, args.presses, args.sample))
        after = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; load average {load[0]:.2f} before, "
        f"{after[0]:.2f} after; frame = {FRAME * 1000:.1f} ms"
    )
    report(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
