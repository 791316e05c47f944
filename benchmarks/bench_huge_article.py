"""Where the time of indexing one huge article goes, step by step, at doubling sizes.

.venv/bin/python benchmarks/bench_huge_article.py [--shape dated-run] [--sizes 225000 450000 900000 1800000]
    [--profile STEP --size N]

One article of N characters on one line (`bench_doubling.py`'s shapes: `dated-run`, the
"all-dates" article of short dated phrases joined by commas; `bare-run`; `long-line`), with no
front matter (its date is inferred from the text), in a folder beside 6 short articles. Each step
the app's index runs on it is timed apart, in CPU seconds of this process: reading the file (with
the publication date), each extractor, writing the analysis into the cache and reading it back, the
search index's record, and bringing the persisted index (chronology, who's who, relations) in step.
The growth per doubling of the total says whether the whole is linear (about 2).

`--profile STEP --size N` runs the steps once and prints cProfile's top functions of STEP.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_doubling import bare_run, dated_run, growth_per_doubling, long_line

SHAPES: dict[str, Callable[[int, int], str]] = {
    "dated-run": dated_run,
    "bare-run": bare_run,
    "long-line": long_line,
}
SHORT = (
    "---\ntitle: Short {n}\ndate: 2024-05-{day:02d}\n---\n\n"
    "Foreign Minister Murat Nurtleu met his counterpart in Astana on 3 May 2024. "
    "They discussed energy and transport.\n"
)
STEPS = (
    "read",
    "timeexpr",
    "entities",
    "events",
    "unresolved",
    "countries",
    "cache-put",
    "cache-get",
    "search",
    "index-sync",
)


def make_folder(root: Path, shape: str, size: int, run: int) -> None:
    articles = root / "articles"
    articles.mkdir(parents=True)
    for n in range(6):
        (articles / f"short-{n}.md").write_text(SHORT.format(n=n, day=n + 1), encoding="utf-8")
    (articles / "huge.txt").write_text(SHAPES[shape](size, run), encoding="utf-8")


def run_steps(root: Path, profile: str = "") -> dict[str, float]:
    from dipreader.core.builds import CachedAnalyses, LibraryIndex
    from dipreader.core.context import Context
    from dipreader.core.library import scan_library
    from dipreader.core.search import SearchFeed
    from dipreader.extract.dates.timeexpr import find_temporal_expressions
    from dipreader.extract.entities import extract_entities
    from dipreader.extract.events import find_events, find_unresolved
    from dipreader.extract.pairs import countries_named
    from dipreader.model.analysis import ArticleAnalysis
    from dipreader.model.article import Article
    from dipreader.sources.files import read_article

    context = Context.from_options(articles=root / "articles", data=root / "data", config=root / "config")
    meta_cache = context.open_meta_cache()
    library = scan_library(context.articles_dir, meta_cache)
    meta_cache.close()
    knowledge = context.knowledge
    times: dict[str, float] = {}
    found: dict[str, Any] = {}

    def step(name: str, work: Callable[[], Any]) -> Any:
        gc.collect()
        profiler = cProfile.Profile() if name == profile else None
        began = time.process_time()
        if profiler is not None:
            profiler.enable()
        result = work()
        if profiler is not None:
            profiler.disable()
        times[name] = time.process_time() - began
        if profiler is not None:
            stats = pstats.Stats(profiler, stream=sys.stdout)
            stats.sort_stats("tottime").print_stats(15)
            stats.sort_stats("cumulative").print_stats(30)
        return result

    meta = next(meta for meta in library.articles if meta.id == "huge")
    article = step("read", lambda: read_article(library.root / meta.path, library.root))
    assert isinstance(article, Article), article
    body, date = article.body, article.date
    found["expressions"] = step("timeexpr", lambda: find_temporal_expressions(body, date))
    expressions = found["expressions"]
    entities = step("entities", lambda: extract_entities(body, knowledge))
    events = step("events", lambda: tuple(find_events(article.id, body, date, expressions)))
    unresolved = step("unresolved", lambda: tuple(find_unresolved(article.id, body, date, expressions)))
    countries = step("countries", lambda: countries_named(body))
    analysis = ArticleAnalysis(
        article_id=article.id,
        content_hash=article.meta.content_hash,
        entities=entities,
        events=events,
        unresolved=unresolved,
        paragraph_starts=tuple(paragraph.start for paragraph in article.paragraphs),
        countries=countries,
    )
    cache = context.analysis_cache
    for other in library.articles:
        if other.id != "huge":
            loaded = library.load(other.id)
            assert isinstance(loaded, Article)
            cache.get(loaded)
    step("cache-put", lambda: cache.put(article.meta, analysis))
    step("cache-get", lambda: cache.lookup(article.meta))
    feed = SearchFeed(context.search_index, library, context.salt)
    step("search", lambda: feed.feed([m.id for m in library.articles], cache.lookup, {"huge": body}))
    known = frozenset(person.name for person in knowledge.people)
    index = LibraryIndex(library, CachedAnalyses(cache), known)
    path = index.analyses.index_path()
    assert path is not None

    def sync() -> object:
        from dipreader.core.index_sync import IndexSync

        return IndexSync(path, index.analyses.index_salt(), known)(library, index.analyses.reader(library))

    step("index-sync", sync)
    times["events found"] = float(len(events))
    context.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", default="dated-run", choices=sorted(SHAPES))
    parser.add_argument("--sizes", type=int, nargs="+", default=[225_000, 450_000, 900_000, 1_800_000])
    parser.add_argument("--profile", default="", choices=("", *STEPS))
    parser.add_argument("--size", type=int, default=1_800_000, help="article size for --profile")
    options = parser.parse_args()
    sizes = [options.size] if options.profile else options.sizes
    rows: list[tuple[int, dict[str, float]]] = []
    for run, size in enumerate(sizes):
        with tempfile.TemporaryDirectory(prefix="dip-huge-") as folder:
            root = Path(folder)
            make_folder(root, options.shape, size, run)
            rows.append((size, run_steps(root, options.profile)))
    if options.profile:
        return
    header = "| step | " + " | ".join(f"{size // 1000}K" for size, _ in rows) + " | ×/doubling |"
    print(header)
    print("| --- |" + " ---: |" * (len(rows) + 1))
    for name in (*STEPS, "total"):
        values = [
            (size, sum(times[s] for s in STEPS) if name == "total" else times[name]) for size, times in rows
        ]
        growth = growth_per_doubling(values) if len(values) > 2 else float("nan")
        cells = " | ".join(f"{seconds:.2f} s" for _size, seconds in values)
        print(f"| {name} | {cells} | {growth:.2f} |")
    print("| events found | " + " | ".join(f"{int(times['events found']):,}" for _s, times in rows) + " | |")


if __name__ == "__main__":
    main()
