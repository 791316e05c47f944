"""The app with very many notes: start, search indexing, the reader, the Notes tab, its moves and filter.

.venv/bin/python benchmarks/bench_notes_million.py [--count 1000000] [--corpus DIR --spread 10000]
    [--data DIR] [--repeats 3] [--src DIR]

One headless app (Pilot, 120×40) on a data folder holding `--count` notes: by default on one
generated article (about 60 KB of prose, notes saved against its text); with `--corpus`, spread over
the first `--spread` articles of that library. `--data` keeps the folder (seeded once, reused: the
second run starts with the notes indexed for search). Reported, each from a key or an event to what
it asked for drawn or done:

- seed: writing the notes (`harness.seed_notes`, one transaction);
- first screen: from the app's start to the library listed; index done: the articles analysed;
- settled: until no worker has run for a second (the notes indexed for search, the first time);
  event-loop lag: the longest a 20 ms timer of the app was late meanwhile (a frozen app shows it);
- reader: opening the article with `j` queued behind (first key), then `j` keys one by one;
- Notes tab: the first showing (mounts the tab, reads the listing), then `--repeats` showings
  (Article tab, then Notes), the median time to the first page drawn and the process CPU per show;
- moves in the tab: `end`, `home`, `pagedown`, each until the cursor's row is drawn;
- filter: a word every note holds, and one that only one note holds, until the listing is shown;
- peak memory: VmHWM of the process (seed included).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reader_notes import article_text
from harness import seed_notes

MAX_WAIT_SECONDS = 3600.0
READER_WAIT = 20.0
POLL_SECONDS = 0.002
NOTE = "note {n} on the talks"


def vm_hwm_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def prepare(root: Path, count: int, corpus: Path | None, spread: int) -> tuple[Any, str, float]:
    """(context, the article to open, seconds spent seeding: 0 when the folder was seeded before)."""
    paths = importlib.import_module("dipreader.paths")
    context_mod = importlib.import_module("dipreader.core.context")
    library_mod = importlib.import_module("dipreader.core.library")
    store_mod = importlib.import_module("dipreader.store")
    articles = corpus if corpus is not None else root / "articles"
    if corpus is None and not articles.exists():
        articles.mkdir(parents=True)
        (articles / "many-notes.md").write_text(article_text(17), encoding="utf-8")
    context = context_mod.Context(articles, root / "data", root / "config")
    library = library_mod.scan_library(context.articles_dir, context.open_meta_cache())
    chosen = library.articles[: max(1, spread)] if corpus is not None else library.articles[:1]
    seconds = 0.0
    with store_mod.Store.open(paths.store_path(context.data_dir)) as store:
        if not store.annotation_groups():
            first = library.load(chosen[0].id)
            started = time.perf_counter()
            seed_notes(
                store, [meta.id for meta in chosen], first.body, first.meta.content_hash, count, note=NOTE
            )
            seconds = time.perf_counter() - started
    return context, chosen[0].id, seconds


def send_key(app: Any, key: str) -> None:
    events = importlib.import_module("textual.events")
    event = events.Key(key, key)
    event.set_sender(app)
    app._driver.send_message(event)


async def until(done: Callable[[], bool], what: str, limit: float = MAX_WAIT_SECONDS) -> float:
    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > limit:
            raise TimeoutError(what)
        await asyncio.sleep(POLL_SECONDS)
    return time.perf_counter() - started


class LagMeter:
    """How late a 20 ms timer in the app's loop runs: the loop's longest stall."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.02)
            self.worst = max(self.worst, time.perf_counter() - before - 0.02)

    def take(self) -> float:
        worst, self.worst = self.worst, 0.0
        return worst

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


async def settled(app: Any) -> None:
    worker_state = importlib.import_module("textual.worker").WorkerState
    quiet = time.monotonic()
    while time.monotonic() - quiet < 1.0:
        if any(worker.state == worker_state.RUNNING for worker in app.workers):
            quiet = time.monotonic()
        await asyncio.sleep(0.05)


def scrolled_past(reader: Any, at: float) -> bool:
    return bool(reader.scroll_y > at)


def drawn_row(notes: Any) -> None:
    for line in range(notes.size.height):
        notes.render_line(line)


async def show_notes(app: Any, pilot: Any, count: int) -> tuple[float, float]:
    """(seconds to the first page drawn, process CPU seconds) for one showing of the Notes tab."""
    note_list = importlib.import_module("dipreader.ui.widgets.notes.note_list")
    await pilot.press("1")
    await pilot.pause()
    await settled(app)
    cpu, started = time.process_time(), time.perf_counter()
    send_key(app, "4")

    def shown() -> bool:
        found = app.query(note_list.NotesList)
        return (
            bool(found)
            and found.first().loaded
            and found.first().row_count() >= count
            and (app.query_one("TabbedContent").active == "tab-notes")
        )

    await until(shown, "the Notes tab never listed the notes")
    drawn_row(app.query_one(note_list.NotesList))
    seconds = time.perf_counter() - started
    await settled(app)
    return seconds, time.process_time() - cpu


async def move(app: Any, key: str, target: Callable[[Any], int]) -> float:
    note_list = importlib.import_module("dipreader.ui.widgets.notes.note_list")
    notes = app.query_one(note_list.NotesList)
    wanted = target(notes)
    started = time.perf_counter()
    send_key(app, key)
    await until(lambda: notes.cursor == wanted, f"{key} never moved the cursor")
    drawn_row(notes)
    return time.perf_counter() - started


async def filtered(app: Any, text: str, expected: Callable[[int], bool]) -> float:
    note_list = importlib.import_module("dipreader.ui.widgets.notes.note_list")
    widgets = importlib.import_module("textual.widgets")
    notes = app.query_one(note_list.NotesList)
    before = notes.rows.listing
    started = time.perf_counter()
    app.query_one("#notes-filter", widgets.Input).value = text
    await until(
        lambda: notes.rows.listing is not before and expected(len(notes.rows.listing or ())),
        f"the filter {text!r} never listed",
    )
    drawn_row(notes)
    return time.perf_counter() - started


class Figures(dict[str, str]):
    """The figures, each also said on stderr as it is taken (a long run shows how far it got)."""

    def __setitem__(self, name: str, value: str) -> None:
        print(f"  {name}: {value}", file=sys.stderr, flush=True)
        super().__setitem__(name, value)


async def run(args: argparse.Namespace, root: Path) -> dict[str, str]:
    app_mod = importlib.import_module("dipreader.ui.app")
    reader_mod = importlib.import_module("dipreader.ui.widgets.reader.reader")
    figures = Figures()
    context, article_id, seeded = prepare(root, args.count, args.corpus, args.spread)
    figures["seed s"] = f"{seeded:.1f}" if seeded else "(seeded before)"
    app = app_mod.DipReaderApp(context)
    lag = LagMeter()
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        lag.start()
        first = await until(lambda: app.main.library is not None, "the library was never listed")
        figures["first screen s"] = f"{time.perf_counter() - started:.2f}"
        del first
        await until(lambda: app.main.index_done, "the library was never indexed")
        figures["index done s"] = f"{time.perf_counter() - started:.1f}"
        await settled(app)
        figures["settled s"] = f"{time.perf_counter() - started - 1.0:.1f}"
        figures["event-loop lag meanwhile ms"] = f"{lag.take() * 1000:.0f}"

        reader = app.query_one(reader_mod.ArticleReader)
        await pilot.press("1")
        reader.focus()
        await pilot.pause()
        opened = time.perf_counter()
        app.main.open_article(article_id, at=0)
        send_key(app, "j")
        try:
            await until(lambda: reader.article is not None and reader.scroll_y >= 1, "j", READER_WAIT)
            figures["reader first key ms"] = f"{(time.perf_counter() - opened) * 1000:.0f}"
        except TimeoutError:  # the reader may keep its view while j moves the cursor within it
            figures["reader first key ms"] = f"(no scroll within {READER_WAIT:.0f} s)"
        await settled(app)
        keys = []
        for _ in range(10):
            begun = time.perf_counter()
            send_key(app, "j")
            try:
                await until(partial(scrolled_past, reader, reader.scroll_y), "j", READER_WAIT)
            except TimeoutError:
                break
            keys.append(time.perf_counter() - begun)
        figures["reader j median ms"] = f"{statistics.median(keys) * 1000:.1f}" if keys else "(no scroll)"
        figures["reader lag ms"] = f"{lag.take() * 1000:.0f}"

        listed = args.count
        first_show = await show_notes(app, pilot, listed)
        figures["Notes tab first show ms (CPU ms)"] = (
            f"{first_show[0] * 1000:.0f} ({first_show[1] * 1000:.0f})"
        )
        shows = [await show_notes(app, pilot, listed) for _ in range(args.repeats)]
        figures["Notes tab again, median ms (CPU ms)"] = (
            f"{statistics.median(s[0] for s in shows) * 1000:.0f}"
            f" ({statistics.median(s[1] for s in shows) * 1000:.0f})"
        )
        figures["Notes tab lag ms"] = f"{lag.take() * 1000:.0f}"
        figures["end ms"] = f"{await move(app, 'end', lambda notes: int(notes.row_count()) - 1) * 1000:.1f}"
        figures["home ms"] = f"{await move(app, 'home', lambda notes: 0) * 1000:.1f}"
        page = await move(app, "pagedown", lambda notes: min(notes.row_count() - 1, notes._page_rows()))
        figures["pagedown ms"] = f"{page * 1000:.1f}"
        figures["filter 'talks' (every note) s"] = (
            f"{await filtered(app, 'talks', lambda n: n >= listed):.2f}"
        )
        last = f"note {listed - 1} "
        figures[f"filter {last.strip()!r} (one note) s"] = (
            f"{await filtered(app, last, lambda n: n >= 1 and n < listed):.2f}"
        )
        figures["filter lag ms"] = f"{lag.take() * 1000:.0f}"
        lag.stop()
        await pilot.press("q")
    context.close()
    figures["VmHWM MiB"] = f"{vm_hwm_mib():.0f}"
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--spread", type=int, default=1)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    with tempfile.TemporaryDirectory(prefix="dip-notes-million-") as folder:
        root = args.data or Path(folder)
        figures = asyncio.run(run(args, root))
    print(f"src: {args.src}; {args.count:,} notes on {args.spread} article(s); 120x40 headless")
    for name, value in figures.items():
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
