"""The persisted index's sync runs with the garbage collector paused and leaves it as it was (issue 17)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from dipreader.core import index_sync
from dipreader.core.index_sync import IndexSync, SyncReport
from dipreader.core.library import Library


@pytest.fixture
def collector_state() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_state")
@pytest.mark.parametrize("enabled", [True, False])
def test_the_sync_pauses_the_collector_and_restores_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    seen: list[bool] = []
    real = index_sync.sync_index

    def watched(*args: object) -> SyncReport:
        seen.append(gc.isenabled())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(index_sync, "sync_index", watched)
    gc.enable() if enabled else gc.disable()
    report = IndexSync(tmp_path / "index.sqlite3", "salt", frozenset())(
        Library(tmp_path, (), ()), lambda _id: None
    )
    assert report == SyncReport(0, 0, 0, 0)
    assert seen == [False]
    assert gc.isenabled() is enabled
