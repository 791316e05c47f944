"""Opening the Notes tab with many notes on one article: time to the first page drawn, and memory.

.venv/bin/python benchmarks/bench_notes_tab.py [--sizes 1000 100000] [--repeats 5]

For each size N, a fresh data folder gets N notes on the first sample article (one transaction),
then a headless app (Pilot, 120×40), once idle (start-up also indexes the notes for search), shows
the Notes tab `--repeats` times (Article tab, then Notes, its listing forgotten: so each showing reads
it again, as after a note changed; shown again with nothing changed it reads nothing) and
the median from the key to the first page drawn is printed. The baseline of the same run is the same app opening the tab with no notes at all; the
ratio column is N's median over the baseline's. Memory: the Python allocations (tracemalloc peak)
of building the tab's listing (`core.notes_listing.list_notes`: row keys, 8 bytes a note) next to
reading every note at once (`Store.annotations`, what the tab did before it was paged). Timings are
wall clock on a machine that may be shared: compare the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import seed_notes
from textual import events
from textual.worker import WorkerState

from dipreader import paths
from dipreader.core.context import Context
from dipreader.core.library import scan_library
from dipreader.core.notes_listing import list_notes
from dipreader.model.article import Article
from dipreader.store import Store
from dipreader.ui.app import DipReaderApp
from dipreader.ui.widgets.notes.note_list import NotesList
from dipreader.ui.widgets.notes.view import NotesView

MAX_WAIT_SECONDS = 600.0
NOTE = "note {n}\nits second line"
POLL_SECONDS = 0.005
QUIET_SECONDS = 1.0


async def settled(app: DipReaderApp) -> None:
    """Until no worker has run for a second: start-up's note indexing for search is over."""
    quiet_since = time.monotonic()
    deadline = quiet_since + MAX_WAIT_SECONDS
    while time.monotonic() - quiet_since < QUIET_SECONDS:
        if any(worker.state == WorkerState.RUNNING for worker in app.workers):
            quiet_since = time.monotonic()
        if time.monotonic() > deadline:
            raise TimeoutError("the app never went idle")
        await asyncio.sleep(0.05)


def first_article(context: Context) -> Article:
    library = scan_library(context.articles_dir, context.open_meta_cache())
    loaded = library.load(library.articles[0].id)
    assert isinstance(loaded, Article)
    return loaded


def seeded_context(root: Path, count: int) -> Context:
    context = Context(paths.sample_articles_dir(), root / "data", root / "config")
    if count:
        article = first_article(context)
        with Store.open(paths.store_path(context.data_dir)) as store:
            body = article.body
            seed_notes(store, [article.id], body, article.meta.content_hash, count, step=1, note=NOTE)
    return context


async def open_tab_times(context: Context, count: int, repeats: int) -> list[float]:
    app = DipReaderApp(context)
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        while app.main.library is None or not app.main.index_done:
            if time.monotonic() > deadline:
                raise TimeoutError("the sample library never finished indexing")
            await pilot.pause(0.02)
        await settled(app)
        for attempt in range(repeats + 1):  # the first showing mounts the tab: not counted
            await pilot.press("1")
            await pilot.pause()
            notes = app.query(NotesList)
            before = notes.first().rows.listing if notes else None
            for view in app.query(NotesView):  # as if the notes changed: the tab reads its listing again
                view.listed_at = None
            started = time.perf_counter()
            send_key(app, "4")  # not pilot.press, which also waits for the tab underline's animation
            while True:
                shown = app.query(NotesList)
                listing = shown.first().rows.listing if shown else None
                if listing is not None and listing is not before and len(listing) == count:
                    drawn = shown.first()
                    break
                if time.perf_counter() - started > MAX_WAIT_SECONDS:
                    raise TimeoutError(f"the Notes tab never listed {count} notes")
                await asyncio.sleep(POLL_SECONDS)
            for line in range(drawn.size.height):  # the first page drawn (its notes read from the store)
                drawn.render_line(line)

            if attempt:
                times.append(time.perf_counter() - started)
        await pilot.press("q")
    return times


def send_key(app: DipReaderApp, key: str) -> None:
    """The key into the app's queue, as the terminal driver delivers it."""
    driver = app._driver
    assert driver is not None
    event = events.Key(key, key)
    event.set_sender(app)
    driver.send_message(event)


def peak_mib(context: Context, paged: bool) -> float:
    with Store.open(paths.store_path(context.data_dir)) as store:
        tracemalloc.start()
        kept = list_notes(store, None) if paged else store.annotations()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del kept
    return peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"Notes tab open, median of {args.repeats}, 120x40 headless; baseline: the tab with no notes")
    print("| notes | median ms | ratio to baseline | listing peak MiB | all notes at once MiB |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    baseline = 0.0
    for count in [0, *args.sizes]:
        with tempfile.TemporaryDirectory(prefix="dip-notes-bench-") as folder:
            seeding = time.perf_counter()
            context = seeded_context(Path(folder), count)
            seeded = time.perf_counter() - seeding
            median = statistics.median(asyncio.run(open_tab_times(context, count, args.repeats)))
            context.close()
            if not count:
                baseline = median
                print(f"| 0 (baseline) | {median * 1000:.0f} | 1.00 | – | – |")
                continue
            paged, whole = peak_mib(context, True), peak_mib(context, False)
            ratio = median / baseline if baseline else float("nan")
            print(f"| {count:,} | {median * 1000:.0f} | {ratio:.2f} | {paged:.1f} | {whole:.1f} |")
            print(f"  (seeded in {seeded:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
