"""Full-text search: index build time and size, query latency by kind, incremental re-indexing.

.venv/bin/python benchmarks/bench_search.py [--sizes 10000 100000] [--runs 21] [--seed 7]
    [--matcher-rows 50000]

Articles come from make_corpus.py (same generator, same seed, kept in memory, not written out):
titles, bodies, dates, sources and tags from the front matter; persons, sectors and countries are
the generator's own names found in the text (what extraction would give). One article gets the
word "catacombs", one in a hundred the word "hydrofoil". Each query runs once to warm up, then
`--runs` times; median and 95th percentile in ms (limit 50, snippets and offsets included), of
the wall clock and of this thread's CPU time (SQLite runs in it; on a shared machine the CPU
figures are the ones that do not depend on the neighbours).
Incremental: 10 articles change; timed as the indexer would do it (stored_hashes, then update of
the ten) and as a blind update of every article (fingerprints compared for all). Last, the
in-memory matcher (model/query_match.py) over chronology-like rows.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "src"))

from make_corpus import COUNTRIES, FIRST_NAMES, SECTORS, SURNAMES, article_length, article_text  # noqa: E402

from dipreader.cache.search_index import IndexedArticle, SearchIndex  # noqa: E402
from dipreader.model.article import PartialDate  # noqa: E402
from dipreader.model.query import parse  # noqa: E402
from dipreader.model.query_match import PreparedRecords, Record, filter_records  # noqa: E402

_PERSON = re.compile(rf"\b(?:{'|'.join(FIRST_NAMES)}) (?:{'|'.join(map(re.escape, SURNAMES))})\b")
_FRONT = re.compile(r"^---\n(.*?)\n---\n", re.DOTALL)
RARE_ARTICLE = 4321
QUERIES = {
    "rare word": ["catacombs"],
    "common word": ["memorandum", "energy", "hospitality"],
    "two words": ["jaishankar energy", "memorandum tourism"],
    "phrase": ['"strategic partnership"', '"green energy cooperation"'],
    "OR": ["tourism OR agriculture", "hydrofoil OR catacombs"],
    "negation": ["energy -tourism", "hydrofoil -memorandum"],
    "prefix (as you type)": ["jaish*", "hydro*"],
    "field only": ["person:Cirielli", "sector:energy", "source:Xinhua", "country:Japan"],
    "words and fields": [
        "energy person:Jaishankar from:2020-03",
        "hydrofoil country:Italy",
        "memorandum source:TASS",
    ],
    "dates only": ["from:2024-03 to:2024-06"],
    "read state": ["source:Xinhua is:unread", "hydrofoil is:unread"],
    "pure negation": ["-energy"],
}


def generated(count: int, seed: int, changed: frozenset[int] = frozenset()) -> Iterator[IndexedArticle]:
    """The corpus as index records; the articles in `changed` get a new sentence and hash."""
    rng = random.Random(seed)
    for index in range(count):
        _slug, text = article_text(rng, article_length(rng), front_matter=True)
        front = _FRONT.match(text)
        assert front is not None
        fields = dict(line.split(": ", 1) for line in front.group(1).splitlines())
        body = text[front.end() :]
        if index == RARE_ARTICLE:
            body += "\nThe delegation also toured the catacombs.\n"
        if index % 100 == 7:
            body += "\nA hydrofoil link across the sea was proposed.\n"
        content_hash = f"{seed}-{index}"
        if index in changed:
            body += "\nThe ministers agreed to meet again in spring.\n"
            content_hash += "-changed"
        yield IndexedArticle(
            article_id=f"a{index:06d}",
            content_hash=content_hash,
            title=fields["title"],
            body=body,
            date=PartialDate.parse(fields["date"]),
            source=fields["source"],
            persons=tuple(sorted(set(_PERSON.findall(body)))),
            sectors=tuple(sector for sector in SECTORS if sector in body),
            countries=tuple(name for name, _adjective, _capital in COUNTRIES if name in body),
            tags=(fields["tags"].strip("[]"),),
        )


def batches(items: Iterator[IndexedArticle], size: int = 1000) -> Iterator[list[IndexedArticle]]:
    batch: list[IndexedArticle] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(timings: list[float]) -> str:
    return f"{statistics.median(timings):.1f} | {percentile(timings, 0.95):.1f}"


def matcher_rows(count: int, seed: int) -> None:
    """The in-memory matcher over chronology-sized rows (a sentence, persons, sectors, a date)."""
    rng = random.Random(seed)
    rows = []
    for article in generated(count // 8, seed):
        for sentence in article.body.split(". ")[:8]:
            rows.append(
                Record(
                    title=article.title,
                    text=sentence,
                    persons=article.persons[:2],
                    sectors=article.sectors[:2],
                    countries=article.countries,
                    date=article.date,
                    read=rng.random() < 0.3,
                )
            )
    print(f"\n## In-memory matcher over {len(rows):,} chronology-like rows\n")
    print("filter_records folds every row each time (a small cache aside); PreparedRecords folds them on its")
    print("first filter and reuses that.\n")
    print("| query | matches | filter_records ms | PreparedRecords first ms | again ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for text in (
        "energy",
        "person:Cirielli sector:energy",
        '"strategic partnership" -tourism',
        "from:2020 is:unread",
    ):
        query = parse(text)
        started = time.perf_counter()
        found = filter_records(query, rows)
        plain = (time.perf_counter() - started) * 1000
        prepared = PreparedRecords(rows)
        timings = []
        for _ in range(4):
            started = time.perf_counter()
            assert prepared.filter(query) == found
            timings.append((time.perf_counter() - started) * 1000)
        again = statistics.median(timings[1:])
        print(f"| `{text}` | {len(found):,} | {plain:.0f} | {timings[0]:.0f} | {again:.0f} |")


def file_size(path: Path) -> int:
    return sum(
        Path(str(path) + suffix).stat().st_size
        for suffix in ("", "-wal")
        if Path(str(path) + suffix).exists()
    )


def run(count: int, runs: int, seed: int, work: Path) -> None:
    path = work / f"search-{count}.sqlite3"
    index = SearchIndex(path)
    started = time.perf_counter()
    text_bytes = 0
    for batch in batches(generated(count, seed)):
        text_bytes += sum(len(article.body.encode()) + len(article.title.encode()) for article in batch)
        index.update(batch)
    built = time.perf_counter() - started
    started = time.perf_counter()
    index.optimize()
    optimized = time.perf_counter() - started
    index._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"\n## {count:,} articles ({text_bytes / 2**20:.0f} MiB of text)\n")
    print(f"build (generation included): {built:.1f} s; optimize: {optimized:.1f} s")
    print(f"index file: {file_size(path) / 2**20:.0f} MiB ({file_size(path) / text_bytes:.2f}x the text)")

    read = {f"a{index:06d}" for index in range(0, count, 3)}
    print(
        "\n| kind | query | hits | median ms | p95 ms | CPU median ms | CPU p95 ms |"
        "\n| --- | --- | ---: | ---: | ---: | ---: | ---: |"
    )
    walls: list[float] = []
    cpus: list[float] = []
    for kind, texts in QUERIES.items():
        for text in texts:
            hits = len(index.search(text, 50, read=read))
            wall, cpu = [], []
            for _ in range(runs):
                started, started_cpu = time.perf_counter(), time.thread_time()
                index.search(text, 50, read=read)
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
            walls += wall
            cpus += cpu
            print(f"| {kind} | `{text}` | {hits} | {figures(wall)} | {figures(cpu)} |")
    print(f"| all | | | {figures(walls)} | {figures(cpus)} |")

    started = time.perf_counter()
    count_all = index.count("energy")
    counted = (time.perf_counter() - started) * 1000
    print(f"\ncount('energy') = {count_all}: {counted:.1f} ms (a saved search's count)")

    changed = frozenset(range(5, count, count // 10))
    assert len(changed) == 10
    fresh = [
        article for article in generated(count, seed, changed) if article.content_hash.endswith("changed")
    ]
    started = time.perf_counter()
    stored = index.stored_hashes()
    wanted = [article for article in fresh if stored.get(article.article_id) != article.content_hash]
    written = index.update(wanted)
    incremental = time.perf_counter() - started
    print(
        f"incremental, 10 changed (stored_hashes + update of those): {incremental * 1000:.0f} ms, {written} written"
    )
    fresh_again = list(generated(count, seed, frozenset(range(6, count, count // 10))))
    started = time.perf_counter()
    written = index.update(fresh_again)
    blind = time.perf_counter() - started
    print(
        f"incremental, 10 changed (update of all {count:,}, fingerprints compared): {blind:.2f} s, {written} written"
    )
    assert written == 20  # the ten changed again, the ten before changed back
    index.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--matcher-rows", type=int, default=50_000, help="0: skip the in-memory matcher")
    args = parser.parse_args(argv)
    import sqlite3

    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as work:
        for count in args.sizes:
            run(count, args.runs, args.seed, Path(work))
    if args.matcher_rows:
        matcher_rows(args.matcher_rows, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
