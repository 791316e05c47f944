"""Test helpers shared by the streaming and index tests: a generated library and a failing source."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


class Stop(Exception):
    """Raised by a source after its allowed items: what was written by then was streamed."""


def failing_after(items: list[Any], allowed: int) -> Iterator[Any]:
    for index, item in enumerate(items):
        if index == allowed:
            raise Stop
        yield item


def make_corpus(root: Path, count: int, seed: int) -> None:
    """`count` generated articles under `root`, by benchmarks/make_corpus.py."""
    name = "bench_make_corpus"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / "make_corpus.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    module.make_corpus(root, count, seed=seed)
