"""`dipreader notes export` of many notes on one article: time and peak memory of the process.

.venv/bin/python benchmarks/bench_notes_export.py [--sizes 100000 1000000] [--formats md json w3c]
    [--repeats 3] [--src DIR]

For each size N a fresh data folder gets N notes on the first sample article (`harness.seed_notes`),
then `dipreader notes export --format F` runs `--repeats` times as a child process writing to
/dev/null; reported are the median wall time and the child's peak resident memory (ru_maxrss, the
largest of the runs). The baseline is the same export with no notes, in the same run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import seed_notes


def seeded(root: Path, count: int, src: Path) -> tuple[Path, Path]:
    paths = importlib.import_module("dipreader.paths")
    library_mod = importlib.import_module("dipreader.core.library")
    meta_mod = importlib.import_module("dipreader.cache.metadata")
    store_mod = importlib.import_module("dipreader.store")
    articles, data = paths.sample_articles_dir(), root / "data"
    cache = meta_mod.MetaCache(None)
    library = library_mod.scan_library(articles, cache)
    article = library.load(library.articles[0].id)
    with store_mod.Store.open(paths.store_path(data)) as store:
        seed_notes(store, [article.id], article.body, article.meta.content_hash, count, step=1)
    return articles, data


def export(articles: Path, data: Path, form: str, src: Path) -> tuple[float, float]:
    """(wall seconds, peak MiB) of one export in a child process."""
    command = [sys.executable, "-m", "dipreader", "--articles", str(articles), "--data-dir", str(data)]
    command += ["notes", "export", "--format", form]
    env = {**os.environ, "PYTHONPATH": str(src), "DIPREADER_CONFIG_DIR": str(data / "config")}
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(
            f"export failed ({status}): {child.stderr.read().decode() if child.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--formats", nargs="+", default=["md", "json", "w3c"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / "src")
    args = parser.parse_args()
    src = args.src.resolve()
    sys.path.insert(0, str(src))
    print(f"src: {src}; medians of {args.repeats}; peak = the largest ru_maxrss of the runs")
    print("| notes | format | export s | peak MiB |")
    print("| ---: | --- | ---: | ---: |")
    for count in [0, *args.sizes]:
        with tempfile.TemporaryDirectory(prefix="dip-notes-export-") as folder:
            began = time.perf_counter()
            articles, data = seeded(Path(folder), count, src)
            print(f"(seeded {count:,} notes in {time.perf_counter() - began:.1f} s)", file=sys.stderr)
            for form in args.formats:
                runs = [export(articles, data, form, src) for _ in range(args.repeats)]
                seconds = statistics.median(run[0] for run in runs)
                peak = max(run[1] for run in runs)
                print(f"| {count:,} | {form} | {seconds:.2f} | {peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
