"""Tabs benchmark: the Chronology's rows and the Who's who's people after a warm start, tab switches,
and peak memory once every tab was visited, against the bare app in the same run.

python benchmarks/bench_tabs.py [--count 10000] [--runs 5] [--data-dir DIR] [--corpus DIR] [--headless]

The app runs in tmux (120x40) on a warm data dir (metadata, analysis cache and persisted index filled
by a first, untimed run). Per run, interleaved: the bare app to its first screen; dipreader with `2`
sent at its first screen, to `chronology-shown` (the rows painted); the same with `3` to `who-shown`.
Then one run waits until every tab's build is done and the process is idle, sends 2, 3, 4, 5, 1
several times (each timed from the key to the painted `tab-shown` marker), and reads its peak
resident memory (VmHWM).

With --headless, only the switches, in this process (`App.run_test`, 120x40) on the same warm data
dir: once indexed and every tab built, `--runs` rounds of 2 3 4 5 1, each timed from the key to the
`tab-shown` marker, in wall time and in CPU time of the process (`time.process_time`: the figure to
read on a loaded machine).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import harness
from make_corpus import ensure_corpus

TABS = ("2", "3", "4", "5", "1")
PANES = {"1": "tab-article", "2": "tab-chronology", "3": "tab-who", "4": "tab-notes", "5": "tab-relations"}


def warm(corpus: Path, data_dir: Path) -> float:
    """Run the app once until both index tabs are built (fills every cache); seconds to that."""
    run = harness.start(harness.dipreader(corpus, data_dir))
    try:
        run.wait_for("first-screen", timeout=600)
        run.send("2")
        run.wait_for("chronology-built", timeout=3600)
        run.wait_for("who-built", timeout=3600)
        return run.wait_idle(timeout=3600)
    finally:
        run.stop()


def time_to_tab(corpus: Path, data_dir: Path, key: str, marker: str) -> tuple[float, float]:
    """(first screen, `marker`) in seconds from the start, `key` sent at the first screen."""
    run = harness.start(harness.dipreader(corpus, data_dir))
    try:
        first = run.wait_for("first-screen", timeout=300)
        run.send(key)
        return first, run.wait_for(marker, timeout=600)
    finally:
        run.stop()


def bare_memory() -> float:
    """Peak resident memory of the bare app once its first screen is up, in MiB."""
    run = harness.start(harness.baseline())
    try:
        run.wait_for("first-screen")
        run.wait_idle(quiet=1.0, timeout=30)
        return run.peak_rss_mib()
    finally:
        run.stop()


def switches_and_memory(corpus: Path, data_dir: Path, rounds: int) -> tuple[dict[str, list[float]], float]:
    run = harness.start(harness.dipreader(corpus, data_dir))
    found: dict[str, list[float]] = {key: [] for key in TABS}
    try:
        run.wait_for("first-screen", timeout=300)
        for key in TABS:  # mount every tab once, so each one's build runs
            run.send(key)
            time.sleep(0.3)
        run.wait_for("chronology-built", timeout=600)
        run.wait_for("who-built", timeout=600)
        run.wait_for("relations-built", timeout=1200)
        run.wait_idle(quiet=3.0, timeout=1200)
        for _ in range(rounds):
            for key in TABS:
                pressed = run.send(key)
                found[key].append(run.wait_for(f"tab-shown {PANES[key]}", after=pressed) - pressed)
                time.sleep(0.3)
            print(
                "  switches " + " ".join(f"{found[key][-1] * 1000:.0f}" for key in TABS) + " ms",
                file=sys.stderr,
            )
        return found, run.peak_rss_mib()
    finally:
        run.stop()


async def headless_switches(
    corpus: Path, data_dir: Path, rounds: int
) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of each switch, key to the painted `tab-shown` marker, in this process."""
    import dipreader.ui.screens.main as main_screen
    from dipreader.core.context import Context
    from dipreader.ui.app import DipReaderApp

    shown: dict[str, tuple[float, float]] = {}
    marker = main_screen.__dict__["mark_ready"]  # the marker the screen calls, replaced here

    def mark(event: str) -> None:
        shown[event] = (time.perf_counter(), time.process_time())
        marker(event)

    setattr(main_screen, "mark_ready", mark)  # noqa: B010
    found: dict[str, list[tuple[float, float]]] = {key: [] for key in TABS}
    app: Any = DipReaderApp(Context(corpus, data_dir, harness.CONFIG_DIR))
    async with app.run_test(size=(120, 40)) as pilot:
        while app.main.library is None or not app.main.index_done:
            await pilot.pause(0.1)
        for key in TABS:  # every tab built once
            await pilot.press(key)
            await pilot.pause(0.5)
        await pilot.pause(10.0)
        for _ in range(rounds):
            for key in TABS:
                event = f"tab-shown {PANES[key]}"
                shown.pop(event, None)
                wall, cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                while event not in shown:
                    await asyncio.sleep(0.001)
                painted_wall, painted_cpu = shown[event]
                found[key].append((painted_wall - wall, painted_cpu - cpu))
                await pilot.pause(0.5)
    setattr(main_screen, "mark_ready", marker)  # noqa: B010
    return found


def print_headless(corpus: Path, data_dir: Path, rounds: int) -> None:
    switches = asyncio.run(headless_switches(corpus, data_dir, rounds))
    print(harness.machine())
    print(f"headless, {rounds} rounds; medians")
    print("| switch to | wall ms | CPU ms |")
    print("| --- | ---: | ---: |")
    for key in TABS:
        wall = statistics.median(pair[0] for pair in switches[key]) * 1000
        cpu = statistics.median(pair[1] for pair in switches[key]) * 1000
        print(f"| {PANES[key]} | {wall:.0f} | {cpu:.0f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=None, help="default: /tmp/bench-corpus-COUNT")
    parser.add_argument("--headless", action="store_true", help="only the switches, in this process")
    args = parser.parse_args()
    harness.setup()
    corpus = ensure_corpus(args.corpus or Path(f"/tmp/bench-corpus-{args.count}"), args.count)
    data_dir = args.data_dir or harness.WORK / f"data-tabs-{args.count}"
    if args.headless:
        print_headless(corpus, data_dir, args.runs)
        return 0
    bare: list[float] = []
    chronology: list[float] = []
    who: list[float] = []
    firsts: list[float] = []
    with harness.TmuxServer():
        first_run = warm(corpus, data_dir)
        print(f"  warm-up {first_run:.1f} s", file=sys.stderr)
        for _ in range(args.runs):
            bare.append(harness.time_to(harness.baseline()))
            first, shown = time_to_tab(corpus, data_dir, "2", "chronology-shown")
            chronology.append(shown)
            firsts.append(first)
            first, shown = time_to_tab(corpus, data_dir, "3", "who-shown")
            who.append(shown)
            firsts.append(first)
            print(
                f"  bare {bare[-1]:.2f} s, chronology {chronology[-1]:.2f} s, who {who[-1]:.2f} s",
                file=sys.stderr,
            )
        switches, peak = switches_and_memory(corpus, data_dir, args.runs)
        bare_peak = bare_memory()
    base = harness.median(bare)
    print(harness.machine())
    print(f"{args.count:,} articles; warm-up run to idle with both tabs built: {first_run:.1f} s")
    print("| measure | median | / bare app start |")
    print("| --- | ---: | ---: |")
    print(f"| bare app, first screen | {base:.2f} s | 1.00x |")
    print(
        f"| dipreader, first screen | {harness.median(firsts):.2f} s | {harness.median(firsts) / base:.2f}x |"
    )
    rows = harness.median(chronology)
    people = harness.median(who)
    print(f"| start to Chronology rows painted (`2` at first screen) | {rows:.2f} s | {rows / base:.2f}x |")
    print(
        f"| start to Who's who people painted (`3` at first screen) | {people:.2f} s | {people / base:.2f}x |"
    )
    for key in TABS:
        print(
            f"| switch to {PANES[key]} (key to painted) | {harness.median(switches[key]) * 1000:.0f} ms | |"
        )
    print(
        f"| peak memory after visiting every tab (VmHWM) | {peak:.0f} MiB | bare app: {bare_peak:.0f} MiB |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
