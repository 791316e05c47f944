"""Opening an article that carries many notes in the reader: the first key, and the notes placed.

.venv/bin/python benchmarks/bench_reader_notes.py [--sizes 10000 100000] [--repeats 3] [--src DIR]

A fresh data folder per size holds one generated article (about 60 KB of prose in paragraphs) with N
notes spread over its body, saved against an older text (another content hash), so that the first
open must place every note again; the second open finds them placed on this very text. A headless
app (Pilot, 120×40), once idle, opens the article with the reader focused and `j` queued right
behind the open, as a user presses it. Reported, medians of `--repeats` fresh folders:

- first key: from the open to the `j` answered (the reader scrolled), on the first open;
- placed: from the open until no note of the article waits to be placed (the store says so);
- reopen key: the same first key on a second open of the same article (nothing to place).

The baseline is the same article with no notes, in the same run. `--src` runs another checkout's
`src/` (the commit before a change) with this same script.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import seed_notes

MAX_WAIT_SECONDS = 1800.0
POLL_SECONDS = 0.002
PHRASE = (
    "the minister said talks on energy and trade would resume after the summit while officials from "
    "both capitals met to discuss visas investment and a new agreement on ports"
)
WORDS = tuple(PHRASE.split())


def article_text(seed: int, paragraphs: int = 120) -> str:
    rng = random.Random(seed)
    blocks = []
    for _ in range(paragraphs):
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
            for _ in range(5)
        ]
        blocks.append(" ".join(sentences))
    return "---\ntitle: Many notes\ndate: 2024-05-01\nsource: Bench\n---\n\n" + "\n\n".join(blocks) + "\n"


def seed_folder(root: Path, count: int) -> tuple[Any, str]:
    paths = importlib.import_module("dipreader.paths")
    context_mod = importlib.import_module("dipreader.core.context")
    library_mod = importlib.import_module("dipreader.core.library")
    store_mod = importlib.import_module("dipreader.store")
    articles = root / "articles"
    articles.mkdir()
    (articles / "many-notes.md").write_text(article_text(count), encoding="utf-8")
    context = context_mod.Context(articles, root / "data", root / "config")
    library = library_mod.scan_library(context.articles_dir, context.open_meta_cache())
    article = library.load(library.articles[0].id)
    body = article.body
    with store_mod.Store.open(paths.store_path(context.data_dir)) as store:
        seed_notes(store, [article.id], body, "an older text", count)
    return context, article.id


def waiting(context: Any, article_id: str, digest: str) -> int:
    paths = importlib.import_module("dipreader.paths")
    with sqlite3.connect(paths.store_path(context.data_dir)) as conn:
        found = conn.execute(
            "SELECT count(*) FROM annotations WHERE article_id = ? AND content_hash != ?",
            (article_id, digest),
        ).fetchone()
    return int(found[0])


async def settle(app: Any, pilot: Any) -> None:
    worker_state = importlib.import_module("textual.worker").WorkerState
    deadline = time.monotonic() + MAX_WAIT_SECONDS
    while app.main.library is None or not app.main.index_done:
        if time.monotonic() > deadline:
            raise TimeoutError("the library never finished indexing")
        await pilot.pause(0.02)
    quiet = time.monotonic()
    while time.monotonic() - quiet < 1.0:
        if any(worker.state == worker_state.RUNNING for worker in app.workers):
            quiet = time.monotonic()
        await asyncio.sleep(0.05)


def send_key(app: Any, key: str) -> None:
    events = importlib.import_module("textual.events")
    event = events.Key(key, key)
    event.set_sender(app)
    app._driver.send_message(event)


async def open_and_key(app: Any, pilot: Any, reader: Any, article_id: str) -> tuple[float, float]:
    """(when the open began, seconds from it to the queued `j` answered)."""
    await pilot.press("1")
    reader.focus()
    reader.scroll_to(y=0, animate=False, immediate=True)
    reader.article = None
    await pilot.pause()
    started = time.perf_counter()
    app.main.open_article(article_id, at=0)
    send_key(app, "j")
    while reader.article is None or reader.scroll_y < 1:
        if time.perf_counter() - started > MAX_WAIT_SECONDS:
            raise TimeoutError("the key was never answered")
        await asyncio.sleep(POLL_SECONDS)
    return started, time.perf_counter() - started


async def one_run(count: int) -> tuple[float, float, float]:
    app_mod = importlib.import_module("dipreader.ui.app")
    reader_mod = importlib.import_module("dipreader.ui.widgets.reader.reader")
    with tempfile.TemporaryDirectory(prefix="dip-reader-notes-") as folder:
        context, article_id = seed_folder(Path(folder), count)
        app = app_mod.DipReaderApp(context)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            reader = app.query_one(reader_mod.ArticleReader)
            started, first = await open_and_key(app, pilot, reader, article_id)
            digest = reader.article.meta.content_hash
            while waiting(context, article_id, digest):
                if time.perf_counter() - started > MAX_WAIT_SECONDS:
                    raise TimeoutError("the notes were never placed")
                await asyncio.sleep(0.05)
            placed = time.perf_counter() - started
            await app.workers.wait_for_complete()
            await pilot.pause()
            _started, again = await open_and_key(app, pilot, reader, article_id)
            await app.workers.wait_for_complete()
            await pilot.press("q")
        context.close()
    return first, placed, again


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    print(f"src: {args.src}; medians of {args.repeats}; baseline: the article with no notes")
    print("| notes | first key ms | ratio | all placed ms | reopen key ms | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    base_first = base_again = 0.0
    for count in [0, *args.sizes]:
        runs = [asyncio.run(one_run(count)) for _ in range(args.repeats)]
        first, placed, again = (statistics.median(run[i] for run in runs) for i in range(3))
        if not count:
            base_first, base_again = first, again
        print(
            f"| {count:,} | {first * 1000:.0f} | {first / base_first:.2f} | {placed * 1000:.0f} | "
            f"{again * 1000:.0f} | {again / base_again:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
