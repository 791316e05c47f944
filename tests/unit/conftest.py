"""Unit tests: pure code only; property tests run a modest number of examples unless asked for more."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from dipreader.sources import files as corpus

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "long", max_examples=int(os.environ.get("DIPREADER_HYPOTHESIS_EXAMPLES", "5000")), deadline=None
)
settings.load_profile(os.environ.get("DIPREADER_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def files_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The article files read from now on (every scan reads through corpus.read_article)."""
    read: list[Path] = []
    real_read = corpus.read_article

    def counting_read(path: Path, base: Path) -> object:
        read.append(path)
        return real_read(path, base)

    monkeypatch.setattr(corpus, "read_article", counting_read)
    return read
