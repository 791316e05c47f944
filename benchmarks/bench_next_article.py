"""Next-article benchmark: key press to a 5,000-word article shown with its highlights, against a bare app.

python benchmarks/bench_next_article.py --repeat 5 [--words 5000]

dipreader: three generated articles of WORDS words, index complete (so highlights are
known); in the sidebar `j` then Enter opens the next one; timed from Enter to the
`article-shown` marker (painted). Baseline: the bare app showing the same bodies in a
Static; `n` swaps to the next body; timed from the key to its marker.
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from pathlib import Path

import harness
from make_corpus import article_text


def make_long_articles(root: Path, words: int, count: int = 3) -> list[Path]:
    """`count` articles of about `words` words (front matter), and their bodies as .body files."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    rng = random.Random(5000)
    bodies = []
    for index in range(count):
        slug, text = article_text(rng, words, front_matter=True)
        (root / f"{index}-{slug}.md").write_text(text, encoding="utf-8")
        body = root.parent / f"{root.name}-{index}.body"
        body.write_text(text.split("---\n", 2)[2], encoding="utf-8")
        bodies.append(body)
    return bodies


def time_dipreader(
    corpus: Path, data_dir: Path, repeat: int, env: dict[str, str] | None = None
) -> list[float]:
    run = harness.start(harness.dipreader(corpus, data_dir), env)
    samples = []
    try:
        run.wait_for("index-complete", timeout=300)
        time.sleep(0.5)
        pressed = run.send("Enter")  # the first opening is not timed (first paint of a reader)
        run.wait_for("article-shown", after=pressed)
        for _ in range(repeat):
            time.sleep(0.5)
            run.send("BTab")  # reader -> tabs -> sidebar
            run.send("BTab")
            run.send("j")
            time.sleep(0.3)
            pressed = run.send("Enter")
            shown = run.wait_for("article-shown", after=pressed)
            last = [event for _, event, _ in run.events() if event.startswith("article-shown")][-1]
            if "highlights=yes" not in last:
                raise RuntimeError(f"article shown without highlights: {last}")
            samples.append(shown - pressed)
    finally:
        run.stop()
    return samples


def time_baseline(bodies: list[Path], repeat: int) -> list[float]:
    args = [arg for body in bodies for arg in ("--text", str(body))]
    run = harness.start(harness.baseline(*args))
    samples = []
    try:
        run.wait_for("first-screen")
        for _ in range(repeat):
            time.sleep(0.5)
            pressed = run.send("n")
            samples.append(run.wait_for("article-shown", after=pressed) - pressed)
    finally:
        run.stop()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--words", type=int, default=5000)
    args = parser.parse_args()
    harness.setup()
    corpus = harness.WORK / f"long-{args.words}"
    bodies = make_long_articles(corpus, args.words)
    data_dir = harness.WORK / f"data-long-{args.words}"
    shutil.rmtree(data_dir, ignore_errors=True)
    with harness.TmuxServer():
        base = time_baseline(bodies, args.repeat)
        ours = time_dipreader(corpus, data_dir, args.repeat)
    print(harness.machine())
    print(
        f"| next article, {args.words:,} words | bare app, same text in a Static | dipreader, with highlights |"
    )
    print("| --- | ---: | ---: |")
    base_median, our_median = harness.median(base), harness.median(ours)
    print(
        f"| median of {args.repeat} | {base_median * 1000:.0f} ms | "
        f"{our_median * 1000:.0f} ms ({our_median / base_median:.2f}x) |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
