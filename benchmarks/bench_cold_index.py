"""Cold index benchmark: articles analysed a minute and the first fill of the persisted index.

python benchmarks/bench_cold_index.py [--sizes 2000,10000] [--runs 3] [--before DIR] [--after DIR]
    [--no-search] [--no-fill] [--corpus DIR]

Per size and run, each source folder in turn (interleaved, so both see the same load) on a fresh
data dir: a child process scans the generated library (benchmarks/make_corpus.py), runs the index
as the app does (`Indexer(context).run`, every article analysed in the worker pool, the search
index fed batch by batch; `--no-search`: as the CLI does, without it), then brings the persisted
index (cache/index.sqlite3) in step from the analysis cache, as the first Chronology or Who's who
does. Printed: the median seconds of the scan, the index and the fill, and the index's articles a
minute, the CPU seconds of the parent (scan and index) and of every process (the workers and the
fill's process included: steadier than wall time on a shared machine), and what the index alone
would run at on every core of an idle machine (with --no-fill): cores x 60 / (CPU of every
process less the scan's, an article). `--before DIR` is another checkout's source folder (a copy of main's `src`), `--after DIR`
the one measured (default: this checkout's `src`). `--no-fill` stops after the index; `--corpus DIR`
reads (or generates) the library there instead of /tmp/bench-corpus-N (one size only).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from make_corpus import ensure_corpus

REPO = Path(__file__).resolve().parents[1]
WORK = Path(os.environ.get("DIPREADER_BENCH_DIR", "/tmp/dipreader-bench"))

# Run in the measured source folder: only APIs that both the baseline and this checkout have.
DRIVER = """
import json, resource, sys, time
from pathlib import Path
from dipreader.core.builds import CachedAnalyses, LibraryIndex
from dipreader.core.context import Context
from dipreader.core.indexer import Indexer
from dipreader.core.library import scan_library

articles, data, config = sys.argv[1], sys.argv[2], sys.argv[3]
search, fill = sys.argv[4] == "1", sys.argv[5] == "1"
context = Context.from_options(articles, data, config)
started = time.perf_counter()
cpu_started = time.process_time()
cache = context.open_meta_cache()
library = scan_library(context.articles_dir, cache)
cache.close()
scanned = time.perf_counter()
cpu_scanned = time.process_time()
scan_children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the scan's workers, reaped when it ends
indexer = Indexer(context, feed_search=search)
for batch in indexer.run(library):
    pass
indexed = time.perf_counter()
cpu_indexed = time.process_time()
path = None
if fill:
    known = frozenset(person.name for person in context.knowledge.people)
    index = LibraryIndex(library, CachedAnalyses(context.analysis_cache), known)
    path = index.index_file()
filled = time.perf_counter()
context.close()
time.sleep(1.0)  # the pool's workers are reaped by its own thread
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "articles": len(library.articles),
    "scan": scanned - started,
    "index": indexed - scanned,
    "fill": filled - indexed,
    "filled": path is not None,
    "parent_cpu": cpu_indexed - cpu_started,
    "scan_cpu": cpu_scanned - cpu_started,
    "scan_cpu_all": cpu_scanned - cpu_started + scan_children.ru_utime + scan_children.ru_stime,
    "cpu": time.process_time() - cpu_started + children.ru_utime + children.ru_stime,
}))
"""


def corpus_dir(count: int) -> Path:
    return Path(f"/tmp/bench-corpus-{count}")


def run_once(src: Path, corpus: Path, search: bool, fill: bool, keep: Path | None = None) -> dict[str, float]:
    WORK.mkdir(parents=True, exist_ok=True)
    if keep is None:
        work = Path(tempfile.mkdtemp(prefix="cold-", dir=WORK))
    elif keep.exists():
        raise SystemExit(f"{keep} exists: --keep takes a new folder")
    else:
        work = keep
        work.mkdir(parents=True)
    try:
        (work / "data").mkdir()
        (work / "config").mkdir()
        env = {**os.environ, "PYTHONPATH": str(src)}
        argv = [sys.executable, "-c", DRIVER, str(corpus), str(work / "data"), str(work / "config")]
        flags = ["1" if search else "0", "1" if fill else "0"]
        done = subprocess.run([*argv, *flags], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"{src}: the driver failed:\n{done.stderr}")
        result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        return result
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def bench_size(
    count: int,
    runs: int,
    sources: dict[str, Path],
    search: bool,
    fill: bool,
    root: Path | None,
    keep: Path | None = None,
) -> None:
    corpus = ensure_corpus(root or corpus_dir(count), count)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in sources}
    for _ in range(runs):
        for name, src in sources.items():
            result = run_once(src, corpus, search, fill, keep)
            results[name].append(result)
            print(f"  {name} {count}: {json.dumps(result)}", file=sys.stderr)
    print(f"\n### {count:,} articles, median of {runs} ({os.cpu_count()} cores)\n")
    print(
        "| source | scan s | scan CPU s, all processes | index s | articles/min | first fill s "
        "| parent CPU s (scan + index) | CPU s, all processes | idle-machine articles/min |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    medians: dict[str, float] = {}
    for name, runs_of in results.items():
        scan = statistics.median(run["scan"] for run in runs_of)
        scan_cpu = statistics.median(run["scan_cpu_all"] for run in runs_of)
        index = statistics.median(run["index"] for run in runs_of)
        filling = statistics.median(run["fill"] for run in runs_of)
        rate = statistics.median(run["articles"] * 60 / run["index"] for run in runs_of)
        parent = statistics.median(run["parent_cpu"] for run in runs_of)
        cpu = statistics.median(run["cpu"] for run in runs_of)
        cores = os.cpu_count() or 1
        capacity = statistics.median(
            cores * 60 * run["articles"] / (run["cpu"] - run["scan_cpu_all"]) for run in runs_of
        )
        shown = "—" if any(run["filled"] for run in runs_of) else f"{capacity:,.0f}"
        medians[name] = rate
        print(
            f"| {name} | {scan:.1f} | {scan_cpu:.1f} | {index:.1f} | {rate:,.0f} | {filling:.1f} | {parent:.1f} | {cpu:.1f} "
            f"| {shown} |"
        )
    if "before" in medians:
        print(f"\nindex rate after / before: {medians['after'] / medians['before']:.2f}x")
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout's source folder, run alongside")
    parser.add_argument("--after", type=Path, default=REPO / "src", help="the source folder measured")
    parser.add_argument("--no-search", action="store_true", help="index as the CLI does (no search feed)")
    parser.add_argument("--no-fill", action="store_true", help="stop after the index (no persisted index)")
    parser.add_argument("--corpus", type=Path, help="the library's folder (one size only)")
    parser.add_argument(
        "--keep", type=Path, help="a new folder to leave the data and config dirs in (one run)"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.corpus and len(sizes) != 1:
        parser.error("--corpus takes one size")
    if args.keep and (len(sizes) != 1 or args.runs != 1 or args.before):
        parser.error("--keep takes one size, one run and no --before")
    for count in sizes:
        sources = {"after": args.after.resolve()}
        if args.before:
            sources = {"before": args.before.resolve(), **sources}
        bench_size(count, args.runs, sources, not args.no_search, not args.no_fill, args.corpus, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
