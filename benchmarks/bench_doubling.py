"""Doubling benchmark: does each text extractor and the list's text fitting stay linear in its input?

.venv/bin/python benchmarks/bench_doubling.py [--cases NAME,...] [--start N] [--doublings 5]
    [--repeats 5] [--budget 20] [--profile NAME --size N]

Each case feeds one function an input of N characters, then 2N, 4N, ..., and prints the median
CPU time of `--repeats` runs (CPU, not wall time: the machine may be shared), its ratio to the
previous size, and the growth per doubling fitted over all sizes but the first: about 2 is
linear, about 4 quadratic. A case stops doubling once one run takes more than `--budget`
seconds. Every run gets a different text (a numbered prefix), so no cache keyed by it helps.

Inputs: `dated-run`, short dated phrases joined by commas with no sentence break (the shape
that made `check` take 50 s on 40 KB); `bare-run`, the same phrases joined by spaces only (no
comma or full stop: every date of a run shares one clause); `long-line`, ordinary agency sentences
on one line with no newline; `title`, a long title cut to 60 cells (as the article list does per row).

`--profile NAME --size N` runs one case once under cProfile and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import itertools
import math
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dipreader.extract.dates.pubdate import infer_publication_date
from dipreader.extract.dates.timeexpr import find_temporal_expressions
from dipreader.extract.entities import extract_entities
from dipreader.extract.events import find_events
from dipreader.model.article import PartialDate

# Short and dense: every phrase holds a date, and none ends a sentence.
DATED_PHRASES = (
    "in 2019",
    "on 5 May",
    "talks on 3 May 2024",
    "last Monday",
    "2024-05-01",
    "will meet on 6 June",
    "met on 4 May",
    "next week",
    "this year marks the 30th anniversary",
    "relations were established in 1992",
    "from 8 to 10 July",
    "two days ago",
)
SENTENCES = (
    "President Kassym-Jomart Tokayev met Prime Minister Viktor Orbán in Astana on 5 March 2024.",
    "The two sides discussed cooperation in energy, transport and agriculture.",
    "Foreign Minister Murat Nurtleu said the roadmap would be signed next month.",
    "Trade between the countries grew by 12 percent last year, the ministry said.",
    "The next round of consultations is planned for October in Budapest.",
    "Deputy Prime Minister Serik Zhumangarin noted the joint investment fund.",
)
TITLE_WORDS = ("Kazakhstan", "and", "Hungary", "sign", "a", "roadmap", "on", "energy", "東京", "talks")
ARTICLE_DATE = PartialDate(2024, 5, 20)
# Numbers every run's text, across all cases: the extractors cache by text (sentences, tense).
_RUN_NUMBERS = itertools.count()
FIT_WIDTH = 60


def repeat_text(parts: tuple[str, ...], separator: str, size: int, prefix: str) -> str:
    """`prefix`, then `parts` cycled and joined by `separator` until `size` characters."""
    pieces = [prefix]
    length = len(prefix)
    for part in itertools.cycle(parts):
        if length >= size:
            break
        pieces.append(part)
        length += len(part) + len(separator)
    return separator.join(pieces)[:size]


def dated_run(size: int, run: int) -> str:
    return repeat_text(DATED_PHRASES, ", ", size, f"run {run} notes")


def bare_run(size: int, run: int) -> str:
    return repeat_text(
        tuple(phrase.replace("-", " ") for phrase in DATED_PHRASES), " ", size, f"run {run} notes"
    )


def long_line(size: int, run: int) -> str:
    return repeat_text(SENTENCES, " ", size, f"Note {run}.")


def long_title(size: int, run: int) -> str:
    return repeat_text(TITLE_WORDS, " ", size, f"#{run}")


def _fit() -> Callable[[str], object]:
    from dipreader.ui.widgets.common.text_fit import fit

    return lambda text: fit(text, FIT_WIDTH)


@dataclass(frozen=True)
class Case:
    name: str
    function: Callable[[], Callable[[str], object]]
    make_input: Callable[[int, int], str]
    start: int


CASES = (
    Case("pubdate/dated-run", lambda: infer_publication_date, dated_run, 2_000),
    Case("pubdate/bare-run", lambda: infer_publication_date, bare_run, 2_000),
    Case("pubdate/long-line", lambda: infer_publication_date, long_line, 8_000),
    Case(
        "timeexpr/dated-run",
        lambda: lambda text: find_temporal_expressions(text, ARTICLE_DATE),
        dated_run,
        1_000,
    ),
    Case(
        "timeexpr/bare-run",
        lambda: lambda text: find_temporal_expressions(text, ARTICLE_DATE),
        bare_run,
        1_000,
    ),
    Case(
        "timeexpr/long-line",
        lambda: lambda text: find_temporal_expressions(text, ARTICLE_DATE),
        long_line,
        4_000,
    ),
    Case("events/dated-run", lambda: lambda text: find_events("a", text, ARTICLE_DATE), dated_run, 2_000),
    Case("events/bare-run", lambda: lambda text: find_events("a", text, ARTICLE_DATE), bare_run, 2_000),
    Case("events/long-line", lambda: lambda text: find_events("a", text, ARTICLE_DATE), long_line, 8_000),
    Case("entities/dated-run", lambda: extract_entities, dated_run, 2_000),
    Case("entities/bare-run", lambda: extract_entities, bare_run, 2_000),
    Case("entities/long-line", lambda: extract_entities, long_line, 8_000),
    Case("fit/title", _fit, long_title, 1_000),
)


def time_case(case: Case, start: int, doublings: int, repeats: int, budget: float) -> list[tuple[int, float]]:
    function = case.function()
    function(case.make_input(200, -1))  # load knowledge, compile patterns
    rows: list[tuple[int, float]] = []
    size = start
    for _step in range(doublings + 1):
        times = []
        for _run in range(repeats):
            text = case.make_input(size, next(_RUN_NUMBERS))
            gc.collect()
            began = time.process_time()
            function(text)
            times.append(time.process_time() - began)
            if times[-1] > budget:
                break  # one slow run is enough to show the growth
        rows.append((size, statistics.median(times)))
        if max(times) > budget:
            break
        size *= 2
    return rows


def growth_per_doubling(rows: list[tuple[int, float]]) -> float:
    """2 ** (the slope of log time against log size), fitted over all sizes but the smallest,
    where fixed costs hide the growth: about 2 for linear work, about 4 for quadratic."""
    points = [(math.log2(size), math.log2(max(seconds, 1e-9))) for size, seconds in rows[1:]]
    if len(points) < 2:
        return float("nan")
    mean_x = statistics.fmean(x for x, _y in points)
    mean_y = statistics.fmean(y for _x, y in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _y in points)
    return float(2**slope)


def report(case: Case, rows: list[tuple[int, float]]) -> None:
    cells = []
    for index, (size, seconds) in enumerate(rows):
        ratio = "" if index == 0 else f" ×{seconds / max(rows[index - 1][1], 1e-9):.1f}"
        cells.append(f"{size // 1000}K {seconds * 1000:.1f}ms{ratio}")
    growth = growth_per_doubling(rows)
    verdict = "linear" if growth <= 2.2 else ("super-linear" if growth <= 3.0 else "quadratic or worse")
    print(f"{case.name:20} {verdict:18} fit ×{growth:.2f} | " + " | ".join(cells), flush=True)


def profile(case: Case, size: int) -> None:
    function = case.function()
    function(case.make_input(200, -1))
    text = case.make_input(size, next(_RUN_NUMBERS))
    profiler = cProfile.Profile()
    profiler.enable()
    function(text)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="", help="comma-separated case names (default: all)")
    parser.add_argument("--start", type=int, default=0, help="first size in characters (default: per case)")
    parser.add_argument("--doublings", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--budget", type=float, default=20.0, help="stop doubling after a run this slow (s)")
    parser.add_argument("--profile", default="", help="profile this case once instead")
    parser.add_argument("--size", type=int, default=16_000, help="input size for --profile")
    options = parser.parse_args()
    by_name = {case.name: case for case in CASES}
    if options.profile:
        profile(by_name[options.profile], options.size)
        return
    chosen = [by_name[name] for name in options.cases.split(",") if name] or list(CASES)
    for case in chosen:
        try:
            rows = time_case(
                case, options.start or case.start, options.doublings, options.repeats, options.budget
            )
        except ImportError as error:
            print(f"{case.name:20} skipped: {error}")
            continue
        report(case, rows)


if __name__ == "__main__":
    main()
