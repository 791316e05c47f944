"""The reader showing an article that is one long line: the open, the first key, the keys after.

.venv/bin/python benchmarks/bench_long_line_reader.py [--size 1800000] [--repeats 5] [--src DIR]
    [--profile] [--cold-sentences]

Two articles, both with front matter: a short one (30 paragraphs, about 15 KB) and one of `--size`
characters of agency prose on one line with no newline (`bench_doubling.py`'s `long-line`), their
officials and sectors found beforehand (outside the timing). A headless Textual app (Pilot, 120×40)
holding only the reader, with the app's stylesheet, shows each article `--repeats` times with its
entities and the reader focused, `j` queued right behind the show, as a user presses it; then
`j` five times and `space` twice. Reported, medians: from the show to the first `j` answered (the
reader scrolled and the screen drawn, then Pilot's pause, which waits until the process is idle, so
it includes work left running after the key), and the keys after it, for the short and the long
article, and the long one's ratio to the short one; from the drawn lines alone (each frame draws
the reader's lines in one go): from the show to the first frame that shows the top of the article,
and to the first frame scrolled by the `j` (no waiting for idle); and how long the reader took over
a `G` queued right behind another show (the end is where the whole body is wrapped); and the CPU
time of the process from the show to the key's frame (less noisy than the wall clock on a busy
machine). Each run shows
the short article once before, untimed, so that the first show's one-off costs fall on neither.
`--cold-sentences` empties the sentence cache before each show (as in the app, where a long body is
analysed in another process; here the entities, found beforehand, leave the sentences cached).
`--profile` prints cProfile's top functions of one long show and its first key. `--src` runs another
checkout's `src/` with this same script (with PYTHONPATH set to the same folder).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import importlib
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from textual.app import App

sys.path.insert(0, str(Path(__file__).resolve().parent))

FRONT = "---\ntitle: {title}\ndate: 2024-05-20\nsource: Bench\n---\n\n"
MAX_WAIT_SECONDS = 600.0
POLL_SECONDS = 0.001


def articles(root: Path, size: int) -> dict[str, tuple[Any, Any]]:
    """Each article read from its file, with its entities."""
    files = importlib.import_module("dipreader.sources.files")
    entities_mod = importlib.import_module("dipreader.extract.entities")
    knowledge = importlib.import_module("dipreader.model.knowledge").load_knowledge(None)
    long_line = importlib.import_module("bench_doubling").long_line
    article_text = importlib.import_module("bench_reader_notes").article_text
    short = article_text(0, paragraphs=30).split("---\n\n", 1)[1]
    texts = {"short": short, "long": long_line(size, 1) + "\n"}
    found = {}
    for name, text in texts.items():
        path = root / f"{name}.md"
        path.write_text(FRONT.format(title=name) + text, encoding="utf-8")
        article = files.read_article(path, root)
        found[name] = (article, entities_mod.extract_entities(article.body, knowledge))
    return found


async def until(condition: Any, started: float) -> float:
    while not condition():
        if time.perf_counter() - started > MAX_WAIT_SECONDS:
            raise TimeoutError("the reader never answered")
        await asyncio.sleep(POLL_SECONDS)
    return time.perf_counter() - started


FRAME_SECONDS = 1 / 60


def frame_end(drawn: list[tuple[float, int, float]], scrolled: int) -> tuple[float, float]:
    """When the first repaint of the reader scrolled to `scrolled` ended: its lines are drawn in
    one go, and repaints are a frame apart. (wall clock, process time)."""
    first = next((when for when, y, _cpu in drawn if y == scrolled), None)
    if first is None:  # the key came before the first frame: that frame shows the top
        first, scrolled = drawn[0][0], drawn[0][1]
    return max((when, cpu) for when, y, cpu in drawn if y == scrolled and when < first + FRAME_SECONDS / 2)


Timings = tuple[float, float, float, float, float, float]
"""(show to first key answered and idle, next keys, show to the first frame, show to the key's
frame, G's own handling right after another show, CPU from the show to the key's frame)."""


def send_key(app: Any, key: str) -> None:
    importlib.import_module("bench_reader_notes").send_key(app, key)


async def one_run(shown: dict[str, tuple[Any, Any]], profile: bool, cold: bool) -> dict[str, Timings]:
    reader_mod = importlib.import_module("dipreader.ui.widgets.reader.reader")
    app_mod = importlib.import_module("dipreader.ui.app")
    sentences = importlib.import_module("dipreader.extract.text.sentences")
    drawn: list[tuple[float, int, float]] = []  # (when, scroll y, CPU) of each line drawn
    ends: list[float] = []  # how long each G took in the reader

    class FramedReader(reader_mod.ArticleReader):  # type: ignore[misc, name-defined]
        def render_line(self, y: int) -> Any:
            strip = super().render_line(y)
            drawn.append((time.perf_counter(), self.scroll_offset.y, time.process_time()))
            return strip

        def action_scroll_end(self) -> None:
            began = time.perf_counter()
            super().action_scroll_end()
            ends.append(time.perf_counter() - began)

    class ReaderOnly(App[None]):
        CSS_PATH = str(Path(str(app_mod.__file__)).with_name("app.tcss"))

        def compose(self) -> Any:
            yield FramedReader(None, id="reader")

    found: dict[str, Timings] = {}
    app = ReaderOnly()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(reader_mod.ArticleReader)
        reader.focus()
        await pilot.pause()
        warm_article, warm_entities = shown["short"]
        await reader.show_article(warm_article, warm_entities, 0)
        await pilot.pause()
        for name, (article, entities) in shown.items():
            reader.scroll_to(y=0, animate=False, immediate=True)
            await pilot.pause()
            if cold:
                sentences._sentence_spans.cache_clear()
            drawn.clear()
            profiler = cProfile.Profile() if profile and name == "long" else None
            if profiler is not None:
                profiler.enable()
            started, cpu_started = time.perf_counter(), time.process_time()
            await reader.show_article(article, entities, 0)
            send_key(app, "j")
            first = await until(lambda: reader.scroll_y >= 1, started)
            await pilot.pause()
            first = time.perf_counter() - started
            top_frame = frame_end(drawn, 0)[0] - started
            key_wall, key_cpu = frame_end(drawn, 1)
            key_frame, key_frame_cpu = key_wall - started, key_cpu - cpu_started
            if profiler is not None:
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(40)
            after = []
            for key in ("j",) * 5 + ("space",) * 2:
                before = reader.scroll_y
                began = time.perf_counter()
                send_key(app, key)
                await until(lambda before=before: reader.scroll_y != before, began)
                await pilot.pause()
                after.append(time.perf_counter() - began)
            reader.scroll_to(y=0, animate=False, immediate=True)
            await pilot.pause()
            await reader.show_article(article, entities, 0)
            send_key(app, "G")  # right behind the show, as for j
            await until(lambda: bool(ends), time.perf_counter())
            await pilot.pause()
            found[name] = (first, statistics.median(after), top_frame, key_frame, ends.pop(), key_frame_cpu)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_800_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cold-sentences", action="store_true")
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    # Before bench_doubling, which puts this checkout's src/ first and imports from it.
    print("dipreader from", Path(importlib.import_module("dipreader").__file__ or "").parent)
    with tempfile.TemporaryDirectory(prefix="dip-long-line-") as folder:
        shown = articles(Path(folder), args.size)
    repeats = 1 if args.profile else args.repeats
    runs = [asyncio.run(one_run(shown, args.profile, args.cold_sentences)) for _ in range(repeats)]
    cache = "emptied before each show" if args.cold_sentences else "as the entities left it"
    print(
        f"src: {args.src}; medians of {len(runs)}; one line of {args.size:,} characters against 30 "
        f"paragraphs; sentence cache {cache}"
    )
    print(
        "| article | show to first key (idle) ms | ratio | next keys ms | ratio "
        "| show to top frame ms | show to key's frame ms | over short ms | G at the open ms "
        "| CPU to key's frame ms | over short ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    short = [statistics.median(run["short"][column] for run in runs) for column in range(6)]
    for name in ("short", "long"):
        first, after, top, key, end, cpu = (
            statistics.median(run[name][column] for run in runs) for column in range(6)
        )
        print(
            f"| {name} | {first * 1000:.0f} | {first / short[0]:.2f} | {after * 1000:.0f} | "
            f"{after / short[1]:.2f} | {top * 1000:.1f} | {key * 1000:.1f} | {(key - short[3]) * 1000:.1f} | "
            f"{end * 1000:.1f} | {cpu * 1000:.1f} | {(cpu - short[5]) * 1000:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
