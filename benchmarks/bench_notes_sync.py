"""The search index's note sync at start-up: time and memory with many notes, unchanged and after one edit.

.venv/bin/python benchmarks/bench_notes_sync.py [--sizes 100000] [--repeats 5] [--src DIR]

A fresh store gets N notes (one transaction) and a fresh search index is synced once (the first
sync, which reads every note). Then, `--repeats` times each, medians: a sync with nothing changed
(what every start-up after the first does), and a sync after one note was edited. Memory is the
tracemalloc peak of one sync. The baseline is the same syncs of a store with no notes, in the same
run. `--src` runs another checkout's `src/` (the commit before a change) with this same script.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import seed_notes

BODY = "The ministers of both countries met in the capital and discussed energy and trade. " * 50


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(seconds, peak MiB): the time of one run, the memory of another (tracemalloc slows it)."""
    started = time.perf_counter()
    work()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return elapsed, peak


def run(count: int, repeats: int) -> dict[str, tuple[float, float]]:
    store_mod = importlib.import_module("dipreader.store")
    search_index = importlib.import_module("dipreader.cache.search_index")
    search = importlib.import_module("dipreader.core.search")
    with tempfile.TemporaryDirectory(prefix="dip-notes-sync-") as folder:
        root = Path(folder)
        store = store_mod.Store.open(root / "dipreader.sqlite3")
        index = search_index.SearchIndex(root / "search.sqlite3")
        seed_notes(store, [f"a{n}" for n in range(50)], BODY, "h", count, width=30, step=13, tags=["t"])
        started = time.perf_counter()
        search.sync_notes(index, store)
        first = (time.perf_counter() - started, 0.0)
        unchanged = [timed(lambda: search.sync_notes(index, store)) for _ in range(repeats)]
        edited = []
        some = store.annotation_page([1], None) if count else []
        for attempt in range(repeats):
            if some:
                store.update_annotation(some[0].annotation.id, note=f"edited {attempt}")
            edited.append(timed(lambda: search.sync_notes(index, store)))
        index.close()
        store.close()

    def median(samples: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)

    return {"first": first, "unchanged": median(unchanged), "edited": median(edited)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    print(f"src: {args.src}; medians of {args.repeats}; baseline: a store with no notes")
    print("| notes | first sync ms | unchanged ms (peak MiB) | ratio | one edited ms (peak MiB) | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    base: dict[str, Any] = {}
    for count in [0, *args.sizes]:
        found = run(count, args.repeats)
        base = base or found

        def cell(key: str, found: dict[str, tuple[float, float]] = found) -> str:
            return f"{found[key][0] * 1000:.1f} ({found[key][1]:.1f})"

        def ratio(
            key: str, found: dict[str, tuple[float, float]] = found, base: dict[str, Any] = base
        ) -> str:
            return f"{found[key][0] / base[key][0]:.1f}"

        print(
            f"| {count:,} | {found['first'][0] * 1000:.0f} | {cell('unchanged')} | {ratio('unchanged')} | "
            f"{cell('edited')} | {ratio('edited')} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
