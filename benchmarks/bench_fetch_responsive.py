"""Is the app responsive while it fetches? Key presses and event-loop lag, idle and during `R`.

python benchmarks/bench_fetch_responsive.py [--items 200] [--latency 0.02] [--presses 40]

The app runs headless in this process (Textual's test driver, 120x40) on a copy of the sample
articles, with one RSS feed of ITEMS summaries served from 127.0.0.1 (each answer waits LATENCY
seconds; every item's page is fetched and extracted, as `dipreader fetch` does). Measured, first
with the app idle and then while the refresh runs: the time from a key event (j or k in the
sidebar, posted as the terminal driver posts it) to the sidebar's cursor having moved, and how late
a 20 ms timer on the event loop fires. The refresh itself runs in worker threads. (Pilot's own
`press` is no measure here: it waits for the whole process to go idle, which it does not while
the fetch works.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "ui")]

from bench_fetch import Servers, article_html, rss  # noqa: E402
from textual import events  # noqa: E402

from dipreader import paths  # noqa: E402
from dipreader.core.context import Context  # noqa: E402
from dipreader.sources.feeds import add_feed, feeds_path  # noqa: E402
from dipreader.ui.app import DipReaderApp  # noqa: E402
from dipreader.ui.widgets.sidebar.article_list import ArticleList  # noqa: E402

TICK = 0.02


class LagProbe:
    """Sleeps TICK on the event loop again and again, recording how much later than asked it woke."""

    def __init__(self) -> None:
        self.lags: list[float] = []
        self.running = True

    async def run(self) -> None:
        while self.running:
            started = time.perf_counter()
            await asyncio.sleep(TICK)
            self.lags.append(time.perf_counter() - started - TICK)


async def key_latency(app: DipReaderApp, sidebar: ArticleList, key: str) -> float:
    """Seconds from posting a key event to the sidebar's cursor having moved."""
    cursor = sidebar.cursor
    event = events.Key(key, key)
    event.set_sender(app)
    before = time.perf_counter()
    app.post_message(event)
    while sidebar.cursor == cursor:
        await asyncio.sleep(0.001)
    return time.perf_counter() - before


def summary(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"| {label} | {len(values)} | {statistics.median(values) * 1000:.1f} ms | {p95 * 1000:.1f} ms "
        f"| {max(values) * 1000:.1f} ms |"
    )


async def measure(app: DipReaderApp, presses: int) -> list[str]:
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(600):
            if app.main.index_done:
                break
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        rows = []
        for phase in ("idle", "fetching"):
            probe = LagProbe()
            probing = asyncio.ensure_future(probe.run())
            if phase == "fetching":
                started = time.perf_counter()
                await pilot.press("R")
            keys: list[float] = []
            sidebar = app.query_one(ArticleList)
            sidebar.focus()
            for index in range(presses):
                keys.append(await key_latency(app, sidebar, "j" if index % 2 == 0 else "k"))
                await asyncio.sleep(0.1)
            if phase == "fetching":
                fetching = [worker for worker in app.workers if worker.group == "feeds"]
                while any(worker.is_running for worker in fetching):
                    await pilot.pause(0.05)
                took = time.perf_counter() - started
                listed = len(app.main.library.articles) if app.main.library else 0
                rows.append(f"refresh of the feed: {took:.1f} s ({listed} articles listed at its end)")
            probe.running = False
            await probing
            rows.append(summary(f"{phase}: key to sidebar cursor moved", keys))
            rows.append(summary(f"{phase}: 20 ms timer late by", probe.lags))
        return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        os.environ.pop(name, None)
    work = Path(tempfile.mkdtemp(prefix="bench-responsive-"))
    servers = Servers(["127.0.0.1"], args.latency)
    try:
        base = servers.base(0)
        for n in range(args.items):
            servers.routes[f"/news/{n}.html"] = ("text/html; charset=utf-8", article_html(n).encode())
        servers.routes["/all.xml"] = ("application/rss+xml", rss(base, range(args.items)).encode())
        library = work / "articles"
        shutil.copytree(paths.sample_articles_dir(), library)
        add_feed(feeds_path(work / "data"), base + "/all.xml", name="bench")
        app = DipReaderApp(Context(library, work / "data", work / "config"))
        rows = asyncio.run(measure(app, args.presses))
    finally:
        servers.close()
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; {args.items} items; latency {args.latency * 1000:.0f} ms"
    )
    print(rows.pop(2))
    print("| measure | samples | median | p95 | max |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
