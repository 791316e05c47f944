"""Articles per second for extract_entities on a seeded synthetic corpus (median of repeated runs);
with --stages, the CPU of each step of a worker's analysis on a generated library.

.venv/bin/python benchmarks/bench_extraction.py [--articles 10000] [--repeats 5] [--seed 7]
.venv/bin/python benchmarks/bench_extraction.py --stages DIR [--articles 1500] [--repeats 3]

--stages DIR reads the first N article files of DIR (benchmarks/make_corpus.py) and prints, per
step, the median over the repeats of the CPU milliseconds an article (`time.process_time`, one
timer around each step, no profiler): reading the file, temporal expressions, officials, sectors,
events, countries named, the whole analysis, and encoding it for the cache.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.extract.entities import extract_entities
from dipreader.model.knowledge import bundled_knowledge

if TYPE_CHECKING:
    from dipreader.model.article import ArticleMeta

_COUNTRIES = [
    ("Azerbaijan", "Azerbaijani", "BAKU"),
    ("Italy", "Italian", "ROME"),
    ("Kazakhstan", "Kazakh", "ASTANA"),
    ("Hungary", "Hungarian", "BUDAPEST"),
    ("Japan", "Japanese", "TOKYO"),
    ("Brazil", "Brazilian", "BRASILIA"),
    ("Egypt", "Egyptian", "CAIRO"),
    ("Georgia", "Georgian", "TBILISI"),
    ("France", "French", "PARIS"),
    ("Pakistan", "Pakistani", "ISLAMABAD"),
    ("Uzbekistan", "Uzbek", "TASHKENT"),
    ("Spain", "Spanish", "MADRID"),
]
_GIVEN = [
    "Murat",
    "Péter",
    "Hakan",
    "Giorgia",
    "Shalva",
    "Yuriko",
    "Mauro",
    "Badr",
    "Irakli",
    "Khalaf",
    "Susana",
    "Quirino",
    "Jean-Noël",
    "Bakhtiyor",
    "Fariz",
    "Sahib",
    "Luis",
    "Wael",
]
_FAMILY = [
    "Nurtleu",
    "Kövér",
    "Fidan",
    "Meloni",
    "Papuashvili",
    "Koike",
    "Vieira",
    "Abdelatty",
    "Kobakhidze",
    "Khalafov",
    "Sumelzo",
    "Ordaz Coppel",
    "Barrot",
    "Saidov",
    "Rzayev",
    "Mammadov",
    "García Montero",
    "Hamed",
    "de la Fuente",
]
_TITLES = [
    "Deputy Foreign Minister",
    "Minister of Foreign Affairs",
    "President of the {adj} Senate",
    "Prime Minister",
    "Minister of Economy",
    "Ambassador",
    "Speaker of Parliament",
]
_SECTORS = [
    "trade",
    "energy",
    "defense",
    "transport",
    "logistics",
    "culture",
    "education",
    "tourism",
    "agriculture",
    "health",
    "digital technologies",
    "humanitarian",
    "investment",
]


def synthetic_article(rng: random.Random) -> str:
    (home, home_adj, city), (guest, guest_adj, _) = rng.sample(_COUNTRIES, 2)
    host = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    visitor = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    title = rng.choice(_TITLES).format(adj=guest_adj)
    fields = ", ".join(rng.sample(_SECTORS, rng.randint(3, 7)))
    paragraphs = [
        f"{city}, {home}, May {rng.randint(1, 28)}. {home_adj} {rng.choice(_TITLES).format(adj=home_adj)} "
        f"{host} met with {title} of {guest} {visitor}, Trend reports.",
        f"The sides discussed cooperation in {fields} and other areas, as well as political dialogue.",
        f"{host.split()[-1]} noted the role of the Heydar Aliyev Foundation and of his {guest_adj} "
        f"counterpart. Mr. {visitor.split()[-1]} said energy cooperation was a priority.",
    ]
    filler = "The parties also exchanged views on regional and international issues. " * rng.randint(2, 8)
    return "\n\n".join([*paragraphs, filler.strip()])


STAGES = ("read", "worker read", "dates", "officials", "sectors", "events", "countries", "analyse", "encode")


def stage_times(root: Path, count: int) -> dict[str, float]:
    """CPU milliseconds an article for each step, on the first `count` files of a library."""
    from dipreader.cache.analysis_codec import encode_analysis
    from dipreader.extract.analysis import analyse
    from dipreader.extract.dates.timeexpr import find_temporal_expressions
    from dipreader.extract.events import find_events, find_unresolved
    from dipreader.extract.officials.find import find_officials
    from dipreader.extract.pairs import countries_named
    from dipreader.extract.sectors import find_sectors
    from dipreader.model.article import Article
    from dipreader.model.knowledge import load_knowledge
    from dipreader.sources.files import find_article_files, read_article

    knowledge = load_knowledge(None)
    clock = time.process_time
    spent = dict.fromkeys(STAGES, 0.0)
    articles = []
    for path in sorted(find_article_files(root))[:count]:
        started = clock()
        article = read_article(path, root)
        spent["read"] += clock() - started
        if isinstance(article, Article):
            articles.append(article)
    worker_read = _worker_read()
    for article in articles:  # as an index worker reads a file the scan has parsed
        started = clock()
        worker_read(article.meta, root)
        spent["worker read"] += clock() - started
    if not articles:
        raise SystemExit(f"no articles in {root}")
    analyse(articles[0], knowledge)  # compile the patterns
    for article in articles:
        body, date = article.body, article.date
        marks = [clock()]
        expressions = find_temporal_expressions(body, date)
        marks.append(clock())
        find_officials(body, knowledge)
        marks.append(clock())
        find_sectors(body, knowledge.sectors)
        marks.append(clock())
        find_events(article.id, body, date, expressions)
        find_unresolved(article.id, body, date, expressions)
        marks.append(clock())
        countries_named(body)
        marks.append(clock())
        analysis = analyse(article, knowledge)
        marks.append(clock())
        encode_analysis(analysis)
        marks.append(clock())
        for stage, (start, end) in zip(STAGES[2:], itertools.pairwise(marks), strict=True):
            spent[stage] += end - start
    return {stage: seconds * 1000 / len(articles) for stage, seconds in spent.items()}


def _worker_read() -> Callable[[ArticleMeta, Path], object]:
    """How an index worker reads a scanned file: `read_scanned_article`, or before it existed
    (issue 18, branch cold18b) `read_article` of its path."""
    try:
        from dipreader.sources.files import read_scanned_article
    except ImportError:
        from dipreader.sources.files import read_article

        return lambda meta, root: read_article(Path(meta.path), root)
    return read_scanned_article


def print_stages(root: Path, count: int, repeats: int) -> None:
    runs = [stage_times(root, count) for _ in range(repeats)]
    print(f"{count} files of {root}, median of {repeats} runs, CPU ms an article:\n")
    print("| " + " | ".join(STAGES) + " |")
    print("|" + " ---: |" * len(STAGES))
    print(
        "| " + " | ".join(f"{statistics.median(run[stage] for run in runs):.2f}" for stage in STAGES) + " |"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="10,000 (synthetic) or 1,500 (--stages)")
    parser.add_argument("--repeats", type=int, default=None, help="5 (synthetic) or 3 (--stages)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stages", type=Path, help="a generated library: per-step CPU instead")
    options = parser.parse_args(argv)
    if options.stages is not None:
        print_stages(options.stages, options.articles or 1500, options.repeats or 3)
        return 0
    options.articles = options.articles or 10_000
    options.repeats = options.repeats or 5
    rng = random.Random(options.seed)
    corpus = [synthetic_article(rng) for _ in range(options.articles)]
    knowledge = bundled_knowledge()
    extract_entities(corpus[0], knowledge)  # warm the compiled patterns
    rates = []
    for _ in range(options.repeats):
        started = time.perf_counter()
        for text in corpus:
            extract_entities(text, knowledge)
        rates.append(len(corpus) / (time.perf_counter() - started))
    characters = sum(len(text) for text in corpus) / len(corpus)
    print(
        f"{options.articles} synthetic articles (~{characters:.0f} characters each), "
        f"{options.repeats} runs: median {statistics.median(rates):,.0f} articles/second "
        f"(min {min(rates):,.0f}, max {max(rates):,.0f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
