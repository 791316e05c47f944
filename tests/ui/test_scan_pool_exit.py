"""An app closed while its first scan reads files in worker processes stops the scan and leaves no process."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any

import pytest
from apphelpers import make_app
from textual.worker import get_current_worker

from dipreader.core import library as library_module
from dipreader.core import scan_pool
from dipreader.core.library import Library, cached_library
from dipreader.core.scan_pool import ReadRecord
from dipreader.ui.screens import main as screen_module

FILES = 400
STOP_AFTER = 50
WAIT_SECONDS = 30.0


async def test_closing_the_app_mid_scan_stops_the_workers_and_keeps_no_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    for n in range(FILES):
        (root / f"{n:04d}.md").write_text(f"---\ntitle: Talks {n}\n---\nThe ministers met again.\n")
    monkeypatch.setattr(scan_pool, "SCAN_POOL_THRESHOLD", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    reading, ended = threading.Event(), threading.Event()
    real_read_records = scan_pool.read_records

    def held(
        source: Any, keys: Sequence[str], threshold: int | None = None
    ) -> Generator[ReadRecord, None, None]:
        """The scan's reads, held after a few until the app is closing."""
        worker = get_current_worker()
        reads = real_read_records(source, keys, threshold)
        try:
            for count, record in enumerate(reads, start=1):
                yield record
                if count == STOP_AFTER:
                    reading.set()
                    for _ in range(int(WAIT_SECONDS / 0.01)):
                        if worker.is_cancelled:
                            break
                        threading.Event().wait(0.01)
        finally:
            reads.close()

    real_scan_library = library_module.scan_library

    def scan_then_say(*args: Any, **kwargs: Any) -> Library:
        try:
            return real_scan_library(*args, **kwargs)
        finally:
            ended.set()

    monkeypatch.setattr(library_module, "read_records", held)
    monkeypatch.setattr(screen_module, "scan_library", scan_then_say)
    app = make_app(tmp_path / "data", root)
    async with app.run_test(size=(120, 40)):
        assert await asyncio.to_thread(reading.wait, WAIT_SECONDS)
        assert multiprocessing.active_children()  # the scan's workers
        app.exit()
    assert await asyncio.to_thread(ended.wait, WAIT_SECONDS)
    assert not multiprocessing.active_children()
    cache = app.context.open_meta_cache()
    try:
        assert cached_library(cache, root) is None  # the scan stopped: no list of half the files
        assert STOP_AFTER <= len(cache.entries()) < FILES
    finally:
        cache.close()
