"""Tabs benchmark: the Chronology's rows and the Who's who's people after a warm start, tab switches,
and peak memory once every tab was visited, against the bare app in the same run.

python benchmarks/bench_tabs.py [--count 10000] [--runs 5] [--data-dir DIR] [--corpus DIR]

The app runs in tmux (120x40) on a warm data dir (metadata, analysis cache and persisted index filled
by a first, untimed run). Per run, interleaved: the bare app to its first screen; dipreader with `2`
sent at its first screen, to `chronology-shown` (the rows painted); the same with `3` to `who-shown`.
Then one run waits until every tab's build is done and the process is idle, sends 2, 3, 4, 5, 1
several times (each timed from the key to the painted `tab-shown` marker), and reads its peak
resident memory (VmHWM).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

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
        return found, run.peak_rss_mib()
    finally:
        run.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=None, help="default: /tmp/bench-corpus-COUNT")
    args = parser.parse_args()
    harness.setup()
    corpus = ensure_corpus(args.corpus or Path(f"/tmp/bench-corpus-{args.count}"), args.count)
    data_dir = args.data_dir or harness.WORK / f"data-tabs-{args.count}"
    bare: list[float] = []
    chronology: list[float] = []
    who: list[float] = []
    firsts: list[float] = []
    with harness.TmuxServer():
        first_run = warm(corpus, data_dir)
        for _ in range(args.runs):
            bare.append(harness.time_to(harness.baseline()))
            first, shown = time_to_tab(corpus, data_dir, "2", "chronology-shown")
            chronology.append(shown)
            firsts.append(first)
            first, shown = time_to_tab(corpus, data_dir, "3", "who-shown")
            who.append(shown)
            firsts.append(first)
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
