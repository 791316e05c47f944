"""CLI benchmark: each command's wall time and peak memory on generated libraries, warm caches.

python benchmarks/bench_cli.py [--sizes 1000,10000] [--runs 3] [--notes 100000] [--before DIR] [--after DIR]
    [--only PREFIXES] [--keep DIR]

Per size: a fresh data dir, one `entities --json` (the cold index, timed on its own), one
`list --json` (the story cache) and one `who` (the persisted index brought in step), `--notes` generated notes merged into the state file; then every
command `--runs` times, interleaved, stdout to /dev/null. Each run is a child process; its peak
memory is ru_maxrss from wait4 (the largest of the process and the worker processes it waited for).
Medians are printed as a Markdown table. `--before DIR` also runs another source folder on the same
data dir, each command right before this one's, for a before/after comparison made under the same
load; `--after DIR` measures a source folder other than this checkout's (a copy, so that the
checkout can change while the benchmark runs). `--keep DIR` prepares the data dir under DIR (one
per size) and keeps it: a later run with the same DIR skips the cold index and the notes. The
corpora are generated under $DIPREADER_BENCH_CORPUS (default /tmp/bench-corpus), one per size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_corpus import ensure_corpus

REPO = Path(__file__).resolve().parents[1]
WORK = Path(os.environ.get("DIPREADER_BENCH_DIR", "/tmp/dipreader-bench"))
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check",),
    ("list",),
    ("list", "--json"),
    ("entities",),
    ("entities", "--json"),
    ("chronology",),
    ("chronology", "--json"),
    ("chronology", "--csv"),
    ("who",),
    ("who", "--json"),
    ("notes", "export"),
    ("notes", "export", "--format", "json"),
    ("notes", "export", "--format", "w3c"),
    ("export", "csl-json"),
    ("export", "bibtex"),
    ("export", "obsidian", "{vault}"),
)
"""`{vault}` is a folder of the data dir, one per source measured (a rerun updates it)."""


def corpus_dir(count: int) -> Path:
    return Path(f"{os.environ.get('DIPREADER_BENCH_CORPUS', '/tmp/bench-corpus')}-{count}")


def environment(src: Path, data_dir: Path, config_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(src),
        "DIPREADER_DATA_DIR": str(data_dir),
        "DIPREADER_CONFIG_DIR": str(config_dir),  # empty: no user knowledge, the same cache keys
        "COLUMNS": "120",
    }


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit code) of one child process."""
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        child = subprocess.Popen(argv, env=env, stdout=sink, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, child.returncode


def seed_notes(src: Path, data_dir: Path, corpus: Path, count: int) -> None:
    """`count` notes spread over the corpus's articles, merged into the state file in one go."""
    script = (
        "import sys; from pathlib import Path\n"
        "from dipreader.model.anchoring import Annotation\n"
        "from dipreader.paths import store_path\n"
        "from dipreader.store import Store\n"
        "corpus, data, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])\n"
        "ids = sorted(path.stem for path in corpus.rglob('*.*') if path.suffix in ('.md', '.txt'))\n"
        "def notes():\n"
        "    for n in range(count):\n"
        "        yield Annotation(id=f'bench-{n:08d}', article_id=ids[n % len(ids)], content_hash='',\n"
        "            start=n % 500, end=n % 500 + 20, exact=f'quoted passage {n}', prefix='', suffix='',\n"
        "            note=f'note number {n}' if n % 3 else '', color='yellow',\n"
        "            tags=(f'tag{n % 40}',), created='2025-01-01T00:00:00Z', updated='2025-01-01T00:00:00Z')\n"
        "with Store.open(store_path(data)) as store:\n"
        "    store.merge_annotations(notes())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run(
        [sys.executable, "-c", script, str(corpus), str(data_dir), str(count)], env=env, check=True
    )


def bench_size(
    count: int,
    runs: int,
    notes: int,
    sources: dict[str, Path],
    commands: tuple[tuple[str, ...], ...],
    keep: Path | None = None,
) -> None:
    corpus = ensure_corpus(corpus_dir(count), count)
    WORK.mkdir(parents=True, exist_ok=True)
    if keep is None:
        work = Path(tempfile.mkdtemp(prefix=f"cli-{count}-", dir=WORK))
    else:
        work = keep / f"cli-{count}-{notes}"
    prepared = work / "prepared"
    data_dir, config_dir = work / "data", work / "config"
    data_dir.mkdir(parents=True, exist_ok=True)
    config_dir.mkdir(exist_ok=True)
    envs = {name: environment(src, data_dir, config_dir) for name, src in sources.items()}
    base = [sys.executable, "-m", "dipreader", "--articles", str(corpus)]
    try:
        if prepared.exists():
            cold, cold_peak, sync, sync_peak = (float(field) for field in prepared.read_text().split())
        else:
            cold, cold_peak, _code = run_once([*base, "entities", "--json"], envs["after"])
            run_once([*base, "list", "--json"], envs["after"])
            sync, sync_peak, _code = run_once([*base, "who"], envs["after"])
            seed_notes(sources["after"], data_dir, corpus, notes)
            prepared.write_text(f"{cold} {cold_peak} {sync} {sync_peak}\n")
        times: dict[tuple[str, tuple[str, ...]], list[float]] = {}
        peaks: dict[tuple[str, tuple[str, ...]], list[float]] = {}
        codes: dict[tuple[str, tuple[str, ...]], int] = {}
        for _ in range(runs):
            for command in commands:
                for name, env in envs.items():
                    vault = str(work / f"vault-{name}")
                    argv = [*base, *(vault if part == "{vault}" else part for part in command)]
                    seconds, peak, code = run_once(argv, env)
                    times.setdefault((name, command), []).append(seconds)
                    peaks.setdefault((name, command), []).append(peak)
                    codes[(name, command)] = code
        print(f"\n### {count:,} articles ({notes:,} notes), median of {runs}\n")
        print(f"cold index (`entities --json` on a fresh data dir): {cold:.1f} s, {cold_peak:.0f} MiB")
        print(f"persisted index brought in step (the first `who`): {sync:.1f} s, {sync_peak:.0f} MiB\n")
        names = list(envs)
        print("| command | " + " | ".join(f"{name} s | {name} MiB" for name in names) + " | exit |")
        print("| --- |" + " ---: | ---: |" * len(names) + " ---: |")
        for command in commands:
            cells = [
                f"{statistics.median(times[(name, command)]):.2f} | {statistics.median(peaks[(name, command)]):.0f}"
                for name in names
            ]
            exits = "/".join(str(codes[(name, command)]) for name in names)
            print(f"| `{' '.join(command)}` | " + " | ".join(cells) + f" | {exits} |")
        sys.stdout.flush()
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--notes", type=int, default=100_000, help="notes in the state file")
    parser.add_argument("--before", type=Path, help="another checkout's source folder, run alongside")
    parser.add_argument("--after", type=Path, default=REPO / "src", help="the source folder measured")
    parser.add_argument("--only", default="", help="comma-separated command prefixes, like 'notes,who'")
    parser.add_argument("--keep", type=Path, help="prepare the data dirs here and keep them for later runs")
    args = parser.parse_args()
    wanted = [prefix.strip() for prefix in args.only.split(",") if prefix.strip()]
    commands = tuple(
        command for command in COMMANDS if not wanted or any(" ".join(command).startswith(w) for w in wanted)
    )
    for count in (int(size) for size in args.sizes.split(",")):
        sources = {"after": args.after.resolve()}
        if args.before:
            sources = {"before": args.before.resolve(), **sources}
        bench_size(count, args.runs, args.notes, sources, commands, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
