"""Full-text search: index build time and size, query latency by kind, incremental re-indexing.

.venv/bin/python benchmarks/bench_search.py [--sizes 10000 100000] [--runs 21] [--seed 7]

Articles come from make_corpus.py (same generator, same seed, kept in memory, not written out):
titles, bodies, dates, sources and tags from the front matter; persons, sectors and countries are
the generator's own names found in the text (what extraction would give). One article gets the
word "catacombs", one in a hundred the word "hydrofoil". Each query runs once to warm up, then
`--runs` times; median and 95th percentile in ms (limit 50, snippets and offsets included).
Incremental: 10 articles change; timed as the indexer would do it (stored_hashes, then update of
the ten) and as a blind update of every article (fingerprints compared for all).
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
    print("\n| kind | query | hits | median ms | p95 ms |\n| --- | --- | ---: | ---: | ---: |")
    by_kind: dict[str, list[float]] = {}
    for kind, texts in QUERIES.items():
        for text in texts:
            hits = len(index.search(text, 50, read=read))
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                index.search(text, 50, read=read)
                timings.append((time.perf_counter() - started) * 1000)
            by_kind.setdefault(kind, []).extend(timings)
            print(
                f"| {kind} | `{text}` | {hits} | {statistics.median(timings):.1f} | {percentile(timings, 0.95):.1f} |"
            )
    everything = [timing for timings in by_kind.values() for timing in timings]
    print(f"| all | | | {statistics.median(everything):.1f} | {percentile(everything, 0.95):.1f} |")

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
    args = parser.parse_args(argv)
    import sqlite3

    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as work:
        for count in args.sizes:
            run(count, args.runs, args.seed, Path(work))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
