"""Temporal extraction speed, before and after, in one run: ms per article and articles per second.

.venv/bin/python benchmarks/bench_timeexpr.py [--articles 300] [--repeats 5] [--seed 7]
    [--words N] [--baseline REV] [--pubdate]

Times what the index does per article (find_temporal_expressions, then find_events and
find_unresolved on its result; with --pubdate also infer_publication_date, as reading an
article without a date in its front matter does) over seeded generated articles (make_corpus.py lengths: a long
tail up to 5,000 words, or N words each; the article date from the front matter). Each repeat runs the current
src/ and the src/ of git revision REV (default: the last commit before the speed-up), each in a
fresh process, interleaved; medians are reported, and whether both gave identical output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASELINE = "f025d24^"  # before the temporal extraction was made faster (issue 7)


def _articles(count: int, seed: int, words: int) -> list[tuple[str, str]]:
    """(body, ISO date or "") of `count` generated articles."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import random

    from make_corpus import article_length, article_text

    rng = random.Random(seed)
    found: list[tuple[str, str]] = []
    for _ in range(count):
        length = words or article_length(rng)
        _slug, text = article_text(rng, length, front_matter=rng.random() >= 0.125)
        date = ""
        if text.startswith("---\n"):
            head, text = text[4:].split("\n---\n", 1)
            date = next(line[6:] for line in head.splitlines() if line.startswith("date: "))
        found.append((text, date))
    return found


def _worker(count: int, seed: int, words: int, pubdate: bool) -> None:
    """Time one pass over the articles with whichever dipreader is first on sys.path."""
    from dipreader.extract.dates.pubdate import infer_publication_date
    from dipreader.extract.dates.timeexpr import find_temporal_expressions
    from dipreader.extract.events import find_events, find_unresolved
    from dipreader.model.article import PartialDate

    articles = _articles(count, seed, words)
    digest = hashlib.sha256()
    started, started_cpu = time.perf_counter(), time.process_time()
    outputs = []
    for index, (body, iso) in enumerate(articles):
        date = PartialDate(*(int(part) for part in iso.split("-"))) if iso else None
        expressions = find_temporal_expressions(body, date)
        events = find_events(str(index), body, date, expressions)
        unresolved = find_unresolved(str(index), body, date, expressions)
        inferred = infer_publication_date(body) if pubdate else None
        outputs.append((expressions, events, unresolved, inferred))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    for output in outputs:
        digest.update(repr(output).encode())
    total = sum(len(body.split()) for body, _date in articles)
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "digest": digest.hexdigest(), "words": total}))


def _run(src: Path, count: int, seed: int, words: int, pubdate: bool) -> dict[str, float | str]:
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            "--articles",
            str(count),
            "--seed",
            str(seed),
            "--words",
            str(words),
            *(["--pubdate"] if pubdate else []),
        ],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    parsed: dict[str, float | str] = json.loads(result.stdout)
    return parsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=0, help="words per article (0: long tail)")
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--pubdate", action="store_true", help="also infer each body's publication date")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.articles, args.seed, args.words, args.pubdate)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", args.baseline, "src"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        sources = {"before": Path(tmp) / "src", "after": REPO / "src"}
        runs: dict[str, list[dict[str, float | str]]] = {name: [] for name in sources}
        for _ in range(args.repeats):
            for name, src in sources.items():
                runs[name].append(_run(src, args.articles, args.seed, args.words, args.pubdate))
    words = float(runs["after"][0]["words"])
    print(
        f"{args.articles} articles, {words / args.articles:.0f} words each on average, "
        f"{args.repeats} runs each (medians); before = {args.baseline}"
        + ("; publication dates too" if args.pubdate else "")
    )
    medians = {}
    for name, results in runs.items():
        seconds = statistics.median(float(result["seconds"]) for result in results)
        cpu = statistics.median(float(result["cpu"]) for result in results)
        medians[name] = seconds, cpu
        print(
            f"{name:>6}: {seconds * 1000 / args.articles:7.2f} ms/article  "
            f"{args.articles / seconds:8.1f} articles/s  "
            f"{seconds * 1000 / words * 1000:6.2f} ms per 1,000 words  "
            f"(CPU {cpu * 1000 / args.articles:.2f} ms/article)"
        )
    print(
        f"speed-up: {medians['before'][0] / medians['after'][0]:.2f}x wall, "
        f"{medians['before'][1] / medians['after'][1]:.2f}x CPU"
    )
    digests = {result["digest"] for results in runs.values() for result in results}
    print("identical output before and after:", "yes" if len(digests) == 1 else "NO")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
