"""Opening an article that is one long line in the reader: the first key, and the keys after.

.venv/bin/python benchmarks/bench_long_line_reader.py [--size 1800000] [--repeats 3] [--src DIR]
    [--profile]

A fresh data folder holds a short article (30 paragraphs, about 15 KB) and one article of
`--size` characters of agency prose on one line with no newline (`bench_doubling.py`'s `long-line`),
both with front matter. A headless app (Pilot, 120×40), once idle, opens each with the reader
focused and `j` queued right behind the open, as a user presses it, then presses `j` five times and
`space` (page down) twice. Reported, medians of `--repeats` runs: from the open to the first `j`
answered (the reader scrolled), and the median of the keys after it (key to the reader scrolled and
the screen refreshed), for the short and the long article, and their ratio. `--profile` prints
cProfile's top functions of one long open and its first key. `--src` runs another checkout's `src/`.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import faulthandler
import importlib
import pstats
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_doubling import long_line
from bench_reader_notes import MAX_WAIT_SECONDS, POLL_SECONDS, article_text, open_and_key, send_key, settle

FRONT = "---\ntitle: {title}\ndate: 2024-05-20\nsource: Bench\n---\n\n"


def seed_folder(root: Path, size: int) -> Path:
    articles = root / "articles"
    articles.mkdir()
    short = article_text(0, paragraphs=30).split("---\n\n", 1)[1]
    (articles / "short.md").write_text(FRONT.format(title="Short") + short, encoding="utf-8")
    (articles / "long.md").write_text(
        FRONT.format(title="Long") + long_line(size, 1) + "\n", encoding="utf-8"
    )
    return articles


async def key_answered(app: Any, pilot: Any, reader: Any, key: str) -> float:
    """Seconds from `key` sent to the reader scrolled by it and the screen idle again."""
    before = reader.scroll_y
    started = time.perf_counter()
    send_key(app, key)
    while reader.scroll_y == before:
        if time.perf_counter() - started > MAX_WAIT_SECONDS:
            raise TimeoutError("the key was never answered")
        await asyncio.sleep(POLL_SECONDS)
    await pilot.pause()
    return time.perf_counter() - started


async def one_run(size: int, profile: bool) -> dict[str, tuple[float, float]]:
    app_mod = importlib.import_module("dipreader.ui.app")
    context_mod = importlib.import_module("dipreader.core.context")
    reader_mod = importlib.import_module("dipreader.ui.widgets.reader.reader")
    found: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="dip-long-line-") as folder:
        root = Path(folder)
        articles = seed_folder(root, size)
        context = context_mod.Context(articles, root / "data", root / "config")
        app = app_mod.DipReaderApp(context)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            reader = app.query_one(reader_mod.ArticleReader)
            for article_id in ("short", "long"):
                profiler = cProfile.Profile() if profile and article_id == "long" else None
                if profiler is not None:
                    profiler.enable()
                _started, first = await open_and_key(app, pilot, reader, article_id)
                if profiler is not None:
                    profiler.disable()
                    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(40)
                await pilot.pause()
                after = [await key_answered(app, pilot, reader, key) for key in ("j",) * 5 + ("space",) * 2]
                found[article_id] = (first, statistics.median(after))
            await app.workers.wait_for_complete()
            await pilot.press("q")
        context.close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_800_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    faulthandler.register(signal.SIGUSR1)  # kill -USR1 <pid>: where a slow run is
    sys.path.insert(0, str(args.src.resolve()))
    runs = [asyncio.run(one_run(args.size, args.profile)) for _ in range(1 if args.profile else args.repeats)]
    print(
        f"src: {args.src}; medians of {len(runs)}; one line of {args.size:,} characters against 30 paragraphs"
    )
    print("| article | first key ms | ratio | next keys ms | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    short_first = statistics.median(run["short"][0] for run in runs)
    short_next = statistics.median(run["short"][1] for run in runs)
    for article_id in ("short", "long"):
        first = statistics.median(run[article_id][0] for run in runs)
        after = statistics.median(run[article_id][1] for run in runs)
        print(
            f"| {article_id} | {first * 1000:.0f} | {first / short_first:.2f} | "
            f"{after * 1000:.0f} | {after / short_next:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
