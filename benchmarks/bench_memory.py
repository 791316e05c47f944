"""Peak memory benchmark: dipreader's peak resident set (VmHWM, as ru_maxrss) after indexing N articles.

python benchmarks/bench_memory.py --sizes 10000,100000

Runs dipreader on the warm data dir that bench_startup.py prepared (or a fresh one),
waits for the index to complete, the chronology and who's-who to be built (their markers)
and the process to go idle, then reads the peak of the app process (builds of big
libraries run in a child process, which is not counted). The bare app with 10 titles is measured alongside.
"""

from __future__ import annotations

import argparse
import time

import harness
from bench_startup import corpus_dir
from make_corpus import ensure_corpus


def peak_after_index(count: int, timeout: float) -> tuple[float, float, bool]:
    """(peak MiB, seconds to idle, whether the index completed) for N = count."""
    corpus = ensure_corpus(corpus_dir(count), count)
    run = harness.start(harness.dipreader(corpus, harness.WORK / f"data-{count}-warm"))
    try:
        try:
            run.wait_for("index-complete", timeout)
            run.wait_for("chronology-built", timeout)  # the tabs may be built in another process,
            run.wait_for("who-built", timeout)  # while this one waits idle
            complete = True
        except TimeoutError:
            complete = False
        idle = run.wait_idle(quiet=2.0, timeout=timeout) if complete else float("nan")
        return run.peak_rss_mib(), idle, complete
    finally:
        run.stop()


def baseline_peak() -> float:
    run = harness.start(harness.baseline())
    try:
        run.wait_for("first-screen")
        time.sleep(1.0)
        return run.peak_rss_mib()
    finally:
        run.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    harness.setup()
    print(harness.machine())
    print("| N | bare app, 10 titles | dipreader peak | index complete |")
    print("| ---: | ---: | ---: | --- |")
    with harness.TmuxServer():
        for count in (int(size) for size in args.sizes.split(",")):
            base = baseline_peak()
            peak, idle, complete = peak_after_index(count, args.timeout)
            state = (
                f"yes, idle after {idle:.1f} s" if complete else f"no (stopped after {args.timeout:.0f} s)"
            )
            print(f"| {count:,} | {base:.0f} MiB | {peak:.0f} MiB | {state} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
