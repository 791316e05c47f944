"""Benchmarks smoke test: the corpus generator is deterministic and the baseline app starts (untimed)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*.*"))}


def test_make_corpus_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    make_corpus = _load("make_corpus")
    make_corpus.make_corpus(tmp_path / "a", 20, seed=3)
    make_corpus.make_corpus(tmp_path / "b", 20, seed=3)
    make_corpus.make_corpus(tmp_path / "c", 20, seed=4)
    first, second, other = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert len(first) == 20
    assert first == second
    assert first != other


def test_generated_articles_load_with_and_without_front_matter(tmp_path: Path) -> None:
    from samples import load_corpus

    make_corpus = _load("make_corpus")
    make_corpus.make_corpus(tmp_path, 20, seed=1)
    suffixes = {path.suffix for path in tmp_path.rglob("*.*")}
    corpus = load_corpus(tmp_path)
    assert suffixes == {".md", ".txt"}
    assert len(corpus.articles) == 20 and not corpus.problems
    assert all(article.date is not None for article in corpus.articles if article.meta.path.endswith(".md"))


@pytest.mark.skipif(shutil.which("tmux") is None, reason="the benchmarks run apps in tmux")
def test_startup_harness_sees_both_apps_ready(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPREADER_BENCH_DIR", str(tmp_path / "work"))
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    harness = _load("harness")
    harness.setup()
    make_corpus = _load("make_corpus")
    corpus = make_corpus.make_corpus(tmp_path / "corpus", 20, seed=2)[0].parents[1]
    with harness.TmuxServer():
        baseline = harness.start(harness.baseline())
        ours = harness.start(harness.dipreader(corpus, tmp_path / "data"))
        try:
            assert baseline.wait_for("first-screen", timeout=60) > 0
            assert ours.wait_for("first-screen", timeout=60) > 0
            assert ours.wait_for("index-complete", timeout=60) > 0
        finally:
            baseline.stop()
            ours.stop()
    assert time.monotonic() > 0 and sys.executable  # the harness ran in this interpreter
    assert (
        subprocess.run(
            ["tmux", "-L", harness.TMUX_SOCKET, "has-session"], capture_output=True, check=False
        ).returncode
        != 0
    )  # server gone


def test_extraction_stages_are_timed_on_a_generated_library(tmp_path: Path) -> None:
    make_corpus = _load("make_corpus")
    make_corpus.make_corpus(tmp_path, 12, seed=2)
    bench = _load("bench_extraction")
    times = bench.stage_times(tmp_path, 10)
    assert set(times) == set(bench.STAGES)
    assert all(value >= 0 for value in times.values())
    assert times["analyse"] > 0


def test_the_cold_index_can_stop_before_the_persisted_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPREADER_BENCH_DIR", str(tmp_path / "work"))
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    make_corpus = _load("make_corpus")
    corpus = make_corpus.ensure_corpus(tmp_path / "corpus", 15)
    bench = _load("bench_cold_index")
    source = BENCHMARKS.parent / "src"
    without = bench.run_once(source, corpus, search=False, fill=False)
    assert without["articles"] == 15 and without["filled"] is False
    with_fill = bench.run_once(source, corpus, search=True, fill=True)
    assert with_fill["filled"] is True


def test_key_echo_is_measured_while_a_small_cold_index_runs_and_idle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    make_corpus = _load("make_corpus")
    corpus = make_corpus.ensure_corpus(tmp_path / "corpus", 15)
    bench = _load("bench_index_responsive")
    (tmp_path / "config").mkdir()
    app = bench.DipReaderApp(bench.Context(corpus, tmp_path / "data", tmp_path / "config"))
    result = asyncio.run(bench.measure(app, 3, False))
    idle = result.phases[1]
    assert result.articles == 15 and [phase.name for phase in result.phases] == ["indexing", "idle"]
    assert len(idle.shown) == 3 and all(
        cursor <= shown for cursor, shown in zip(idle.cursor, idle.shown, strict=True)
    )
    bench.report(result)
    assert "key to screen update shown" in capsys.readouterr().out


def test_adding_an_article_is_timed_step_by_step_on_a_small_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    make_corpus = _load("make_corpus")
    corpus = make_corpus.ensure_corpus(tmp_path / "corpus", 12)
    bench = _load("bench_add_steps")
    timings = bench.measure(corpus, tmp_path / "data", tmp_path / "config", 1)
    for change in ("added", "removed"):
        assert f"{change}: index_file" in timings and f"{change}: total" in timings
    assert all(len(values) == 1 for values in timings.values())
    assert not (corpus / "bench-added" / "bench-added-article.md").exists()
