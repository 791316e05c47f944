"""Start-up benchmark: process start to a usable first screen, cold and warm, against bare Textual apps.

python benchmarks/bench_startup.py --sizes 10,1000,10000,100000 --repeat 5

For each N: the bare app with 10 titles (the baseline), the bare app with an OptionList of
N titles, dipreader on a warm data dir (second run: metadata snapshot and analysis cache
filled by an earlier run) and on a fresh one (cold). Runs are interleaved so noise hits
all alike; figures are medians, ratios are against the baseline of the same N.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import harness
from make_corpus import ensure_corpus


def corpus_dir(count: int) -> Path:
    return Path(f"/tmp/bench-corpus-{count}")


def titles_file(corpus: Path, count: int) -> Path:
    """The corpus's titles (from the file names), one a line, for the OptionList baseline."""
    target = harness.WORK / f"titles-{count}.txt"
    if not target.exists():
        names = sorted(
            path.stem.split("-", 1)[-1].replace("-", " ")
            for path in corpus.rglob("*.*")
            if path.suffix in (".md", ".txt")
        )
        target.write_text("\n".join(name.capitalize() for name in names) + "\n", encoding="utf-8")
    return target


def has_snapshot(data_dir: Path) -> bool:
    database = data_dir / "cache" / "metadata.sqlite3"
    if not database.exists():
        return False
    try:
        with sqlite3.connect(database) as connection:
            return bool(connection.execute("SELECT count(*) FROM snapshot").fetchone()[0])
    except sqlite3.Error:
        return False


def warm_up(corpus: Path, data_dir: Path, index_timeout: float) -> float | None:
    """Run dipreader once on `data_dir` until the index is complete (or the timeout);
    return seconds to index-complete, None when it did not finish in time."""
    run = harness.start(harness.dipreader(corpus, data_dir))
    try:
        return run.wait_for("index-complete", index_timeout)
    except TimeoutError:
        while not has_snapshot(data_dir):
            time.sleep(0.5)
        return None
    finally:
        run.stop()


def bench_size(count: int, repeat: int, index_timeout: float) -> dict[str, object]:
    corpus = ensure_corpus(corpus_dir(count), count)
    titles = titles_file(corpus, count)
    warm_dir = harness.WORK / f"data-{count}-warm"
    index_seconds = None
    if not has_snapshot(warm_dir):
        index_seconds = warm_up(corpus, warm_dir, index_timeout)
    samples: dict[str, list[float]] = {"baseline": [], "optionlist": [], "warm": [], "cold": []}
    for _ in range(repeat):
        samples["baseline"].append(harness.time_to(harness.baseline()))
        samples["optionlist"].append(harness.time_to(harness.baseline("--titles", str(titles)), timeout=300))
        samples["warm"].append(harness.time_to(harness.dipreader(corpus, warm_dir)))
        cold_dir = Path(tempfile.mkdtemp(prefix="cold-", dir=harness.WORK))
        try:
            samples["cold"].append(harness.time_to(harness.dipreader(corpus, cold_dir)))
        finally:
            shutil.rmtree(cold_dir, ignore_errors=True)
    medians = {name: harness.median(values) for name, values in samples.items()}
    base = medians["baseline"]
    return {
        "count": count,
        "samples": samples,
        "median": medians,
        "ratio": {name: value / base for name, value in medians.items()},
        "cold_index_seconds": index_seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--index-timeout",
        type=float,
        default=900.0,
        help="longest wait for the first (cold) run to complete the index",
    )
    parser.add_argument("--json", type=Path, help="write every sample here")
    args = parser.parse_args()
    harness.setup()
    print(harness.machine())
    print("| N | bare, 10 titles | bare, OptionList of N | dipreader warm | dipreader cold |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    results = []
    with harness.TmuxServer():
        for count in (int(size) for size in args.sizes.split(",")):
            result = bench_size(count, args.repeat, args.index_timeout)
            results.append(result)
            median, ratio = result["median"], result["ratio"]
            assert isinstance(median, dict) and isinstance(ratio, dict)
            cells = [f"{median[name]:.2f} s ({ratio[name]:.2f}x)" for name in ("optionlist", "warm", "cold")]
            print(f"| {count:,} | {median['baseline']:.2f} s | " + " | ".join(cells) + " |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
