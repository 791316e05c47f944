"""The stories are rebuilt by one process at a time: a build asked for while another runs waits for it."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from apphelpers import make_app, wait_for_index
from textual.pilot import Pilot

from dipreader.core.library import Library
from dipreader.ui.screens.main import MainScreen


@asynccontextmanager
async def indexed_app_builds_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[Pilot[Any], MainScreen, Library, list[Library]]]:
    """An app with its library indexed, and the libraries its stories' builds are started on from
    now on (recorded, not built)."""
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        screen = app.main
        library = screen.library
        assert library is not None
        started: list[Library] = []
        monkeypatch.setattr(MainScreen, "build_stories", lambda self, asked: started.append(asked))
        yield pilot, screen, library, started


async def until_started(pilot: Pilot[Any], started: list[Library]) -> None:
    for _ in range(100):
        if started:
            return
        await pilot.pause(0.05)


async def test_stories_asked_for_while_a_build_runs_are_built_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with indexed_app_builds_recorded(tmp_path, monkeypatch) as (pilot, screen, library, started):
        release = threading.Event()
        earlier = screen.run_worker(release.wait, thread=True, group="stories", exclusive=True)
        try:
            screen._build_stories_after_tabs(library, time.monotonic() - 60.0, seen=True)
            await pilot.pause(0.5)
            assert started == []  # the earlier build's process is still at work
        finally:
            release.set()
        await earlier.wait()
        await until_started(pilot, started)
        # The app's own rebuild, asked for at the index's end, may come too: for the same library.
        assert started and all(asked is library for asked in started)


async def test_stories_wait_a_moment_for_the_tabs_reads_to_begin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with indexed_app_builds_recorded(tmp_path, monkeypatch) as (pilot, screen, library, started):
        screen._build_stories_after_tabs(library, time.monotonic())
        assert started == []  # no tab seen reading yet: it looks again
        await until_started(pilot, started)
        assert started and all(asked is library for asked in started)
