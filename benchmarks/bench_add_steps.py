"""Adding one article to an indexed library, step by step in this process: where the seconds go.

python benchmarks/bench_add_steps.py --articles DIR --data-dir DIR [--config-dir DIR] [--runs 3]

On a library whose caches and persisted index an earlier run filled, the steps the app takes once
its folder look finds a new file are run one after another in this process, without the app: the
changed folder listed again (`scan_changes`), the index's run (`Indexer.run`: the new article
analysed, the search index fed), the persisted index brought in step (`LibraryIndex.index_file`),
then each tab's read: the Who's who's listed people, the Chronology's order, the Relations' list of
pairs and the added article's pair (the people and the pairs from the last read, as the views read
them: only what the update changed is read again). `bench_add_article.py`'s article is written, the steps timed,
then it is removed and the steps timed again; per step, the median wall and CPU seconds over the
runs (CPU: `time.process_time`, the figure to read on a loaded machine). The first look at the
library (a full scan, a whole index run, the index brought in step) is not timed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_add_article import ADDED_ID, PAIR, TEXT

Timings = dict[str, list[tuple[float, float]]]


def timed(timings: Timings, label: str, step: Callable[..., Any], *args: Any) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = step(*args)
    timings.setdefault(label, []).append((time.perf_counter() - wall, time.process_time() - cpu))
    return result


def measure(articles: Path, data_dir: Path, config_dir: Path, runs: int) -> Timings:
    from dipreader.core.builds import CachedAnalyses, LibraryIndex
    from dipreader.core.context import Context
    from dipreader.core.indexer import Indexer
    from dipreader.core.library import Library, scan_library
    from dipreader.core.library_changes import folder_stamps, scan_changes

    context = Context(articles, data_dir, config_dir)
    meta_cache = context.open_meta_cache()
    known = frozenset(person.name for person in context.knowledge.people)
    cached = CachedAnalyses(context.analysis_cache)
    path = articles / ADDED_ID.split("/")[0] / f"{ADDED_ID.split('/')[1]}.md"
    path.unlink(missing_ok=True)
    stamps = folder_stamps(articles)
    library: Library = scan_library(articles, meta_cache)
    indexer = Indexer(context)
    list(indexer.run(library))
    first = LibraryIndex(library, cached, known)
    people, relations = first.listed_people(), first.indexed_relations()
    timings: Timings = {}
    for _ in range(runs):
        for change in ("added", "removed"):
            if change == "added":
                path.parent.mkdir(exist_ok=True)
                path.write_text(TEXT, encoding="utf-8")
            else:
                path.unlink()
            started = time.perf_counter(), time.process_time()
            changes = timed(
                timings,
                f"{change}: scan_changes",
                scan_changes,
                articles,
                meta_cache,
                library,
                stamps,
            )
            assert changes is not None and changes.changed
            library, stamps = changes.library, changes.stamps
            timed(timings, f"{change}: Indexer.run", list, indexer.run(library))
            index = LibraryIndex(library, cached, known)
            timed(timings, f"{change}: index_file", index.index_file)
            # As the views read them: only what changed since their last read, from that read.
            people = timed(timings, f"{change}: Who's who people", index.listed_people, people)
            timed(timings, f"{change}: Chronology order", index.indexed_timeline)
            earlier = relations
            relations = timed(timings, f"{change}: Relations pairs", index.indexed_relations, earlier)
            timed(timings, f"{change}: Relations pair", relations.get, PAIR)
            if earlier is not None:
                earlier.close()
            timings.setdefault(f"{change}: total", []).append(
                (time.perf_counter() - started[0], time.process_time() - started[1])
            )
    if relations is not None:
        relations.close()
    meta_cache.close()
    context.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--config-dir", type=Path, default=Path("/tmp/dipreader-bench/config"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    args.config_dir.mkdir(parents=True, exist_ok=True)
    timings = measure(args.articles, args.data_dir, args.config_dir, args.runs)
    print("| step | median wall s | median CPU s |")
    print("| --- | ---: | ---: |")
    for label, values in timings.items():
        wall = statistics.median(value[0] for value in values)
        cpu = statistics.median(value[1] for value in values)
        print(f"| {label} | {wall:.3f} | {cpu:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
