"""Relations benchmark: opening the Relations tab and switching pairs at 10,000 generated articles.

python benchmarks/bench_relations.py [--count 10000] [--repeat 7]

The app runs in tmux (120x40) on a warm data dir (the metadata and analysis caches filled by a first,
untimed run); after the index and every tab's build, `1` then `5` opens the tab, timed from the key
to the painted `relations-shown` marker; `j` moves to the next pair, timed the same way. Reported
beside them: how long the relations took to build after the index completed (in the app, where
libraries of 1,000+ articles build them in a separate process), and the same steps in this process
without a screen, in CPU time: building from the analysis cache, listing the pairs, one pair's figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import harness
from make_corpus import ensure_corpus


def warm(corpus: Path, data_dir: Path) -> float:
    """Run the app once until its relations are built (fills the caches); seconds to that."""
    run = harness.start(harness.dipreader(corpus, data_dir))
    try:
        return run.wait_for("relations-built", timeout=3600)
    finally:
        run.stop()


def time_app(corpus: Path, data_dir: Path, repeat: int) -> tuple[list[float], list[float], float]:
    run = harness.start(harness.dipreader(corpus, data_dir))
    opening: list[float] = []
    switching: list[float] = []
    try:
        indexed = run.wait_for("index-complete", timeout=600)
        built = run.wait_for("relations-built", timeout=600)
        run.wait_for("chronology-built", timeout=600)
        run.wait_for("who-built", timeout=600)
        run.wait_idle()
        for _ in range(repeat):
            run.send("1")
            time.sleep(0.5)
            pressed = run.send("5")
            opening.append(run.wait_for("relations-shown", after=pressed) - pressed)
            time.sleep(0.5)
        for _ in range(repeat):
            pressed = run.send("j")
            switching.append(run.wait_for("relations-shown", after=pressed) - pressed)
            time.sleep(0.3)
    finally:
        run.stop()
    return opening, switching, built - indexed


def time_in_process(corpus: Path, data_dir: Path, repeat: int) -> dict[str, float]:
    """The same work without a screen: build once from the cache, list the pairs, one pair's figures."""
    from dipreader.core.builds import CachedAnalyses
    from dipreader.core.context import Context
    from dipreader.core.library import cached_library
    from dipreader.core.pair_figures import pair_figures, pair_summaries
    from dipreader.core.relations import RelationsBuilder

    context = Context(corpus, data_dir, harness.CONFIG_DIR)
    meta_cache = context.open_meta_cache()
    library = cached_library(meta_cache, corpus)
    meta_cache.close()
    assert library is not None, "run the app once first"
    reader = CachedAnalyses(context.analysis_cache).reader(library)
    started = time.process_time()
    relations = RelationsBuilder()(library, reader)
    build = time.process_time() - started
    listing, figures = [], []
    summaries = pair_summaries(relations, set())
    for index in range(repeat):
        started = time.process_time()
        summaries = pair_summaries(relations, set())
        listing.append(time.process_time() - started)
        data = relations.get(summaries[index % len(summaries)].pair)
        assert data is not None
        started = time.process_time()
        pair_figures(data, set())
        figures.append(time.process_time() - started)
    context.close()
    articles = [len(data.articles) for data in relations.pairs.values()]
    return {
        "build": build,
        "list": statistics.median(listing),
        "figures": statistics.median(figures),
        "pairs": len(relations.pairs),
        "articles_per_pair": statistics.median(articles),
        "without_pair": sum(count for _, count in relations.without_pair),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    harness.setup()
    corpus = ensure_corpus(Path(f"/tmp/bench-corpus-{args.count}"), args.count)
    data_dir = harness.WORK / f"data-relations-{args.count}"
    with harness.TmuxServer():
        first = warm(corpus, data_dir)
        opening, switching, build = time_app(corpus, data_dir, args.repeat)
    alone = time_in_process(corpus, data_dir, args.repeat)
    print(harness.machine())
    print(f"{args.count:,} articles: first run to relations built {first:.1f} s (caches as they were)")
    print(
        f"{alone['pairs']} pairs (median {alone['articles_per_pair']:.0f} articles each), "
        f"{alone['without_pair']} articles without a pair"
    )
    print("| step | median |")
    print("| --- | ---: |")
    print(f"| open the tab (`5` to painted), {args.repeat} runs | {harness.median(opening) * 1000:.0f} ms |")
    print(f"| next pair (`j` to painted), {args.repeat} runs | {harness.median(switching) * 1000:.0f} ms |")
    print(f"| build after index-complete (in a process) | {build:.1f} s |")
    print(f"| build from the cache, no screen (CPU) | {alone['build']:.1f} s |")
    print(f"| list the pairs, no screen (CPU) | {alone['list'] * 1000:.1f} ms |")
    print(f"| one pair's figures, no screen (CPU) | {alone['figures'] * 1000:.1f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
