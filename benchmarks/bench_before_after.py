"""Start-up and next-article of two commits in the same run, each against the bare app.

python benchmarks/bench_before_after.py --before REF [--count 1000] [--repeat 5]

The commit REF is checked out into a temporary worktree and run with PYTHONPATH pointing at its
src/; "after" is this checkout. Runs are interleaved (bare app, before, after) so a busy machine
slows all three alike; the table gives medians and ratios against the bare app of the same run.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

import harness
from bench_next_article import make_long_articles, time_baseline, time_dipreader
from bench_startup import corpus_dir
from make_corpus import ensure_corpus


def checkout(ref: str) -> Path:
    target = Path(tempfile.mkdtemp(prefix="before-", dir=harness.WORK)) / "tree"
    subprocess.run(
        ["git", "-C", str(harness.REPO), "worktree", "add", "--detach", str(target), ref], check=True
    )
    return target


def remove(tree: Path) -> None:
    subprocess.run(["git", "-C", str(harness.REPO), "worktree", "remove", "--force", str(tree)], check=False)


def startup(count: int, repeat: int, envs: dict[str, dict[str, str]]) -> dict[str, float]:
    corpus = ensure_corpus(corpus_dir(count), count)
    samples: dict[str, list[float]] = {"bare": [], **{name: [] for name in envs}}
    data = {name: harness.WORK / f"before-after-{name}-{count}" for name in envs}
    for name, env in envs.items():
        run = harness.start(harness.dipreader(corpus, data[name]), env)
        try:
            run.wait_for("index-complete", 900)
        finally:
            run.stop()
    for _ in range(repeat):
        samples["bare"].append(harness.time_to(harness.baseline()))
        for name, env in envs.items():
            samples[name].append(harness.time_to(harness.dipreader(corpus, data[name]), env=env))
    return {name: harness.median(values) for name, values in samples.items()}


def next_article(repeat: int, envs: dict[str, dict[str, str]]) -> dict[str, float]:
    root = harness.WORK / "before-after-long"
    bodies = make_long_articles(root, 5000)
    result = {"bare": harness.median(time_baseline(bodies, repeat))}
    for name, env in envs.items():
        data = Path(tempfile.mkdtemp(prefix=f"next-{name}-", dir=harness.WORK))
        result[name] = harness.median(time_dipreader(root, data, repeat, env))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the commit to compare with")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    harness.setup()
    print(harness.machine())
    tree = checkout(args.before)
    try:
        envs = {
            "before": {"PYTHONPATH": str(tree / "src")},
            "after": {"PYTHONPATH": str(harness.REPO / "src")},
        }
        with harness.TmuxServer():
            warm = startup(args.count, args.repeat, envs)
            opened = next_article(args.repeat, envs)
    finally:
        remove(tree)
    print(f"| measure | bare app | before ({args.before}) | after | after / before |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, figures in ((f"warm start, {args.count} articles", warm), ("next 5,000-word article", opened)):
        bare, before, after = figures["bare"], figures["before"], figures["after"]
        print(
            f"| {label} | {bare:.3f} s | {before:.3f} s ({before / bare:.2f}x) "
            f"| {after:.3f} s ({after / bare:.2f}x) | {after / before:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
