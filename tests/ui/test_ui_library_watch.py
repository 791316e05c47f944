"""A file added to the articles folder while the app runs is listed by the look at the folders'
times, not by the full scan of every file (which, for a big library, comes seldom)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from apphelpers import make_app, wait_for_index
from relations_corpus import write_corpus

from dipreader.core.library import Library, cached_library, scan_library
from dipreader.ui.app import DipReaderApp

MAX_PAUSES = 400
ADDED = """---
title: Azerbaijan and Japan discuss aviation cooperation
date: 2025-11-20
---
TOKYO, Japan, November 20. Azerbaijani Foreign Minister Jeyhun Bayramov met Japanese Foreign Minister Takeshi Iwaya in Tokyo on November 19, 2025.
"""


def listed(app: DipReaderApp, article_id: str) -> bool:
    library = app.main.library
    return library is not None and library.by_id(article_id) is not None


async def test_a_file_added_is_listed_without_waiting_for_the_full_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_corpus(tmp_path / "articles")
    app = make_app(tmp_path / "data", root)
    full_scans: list[Path] = []

    def counted_scan(folder: Path, *args: object, **options: object) -> Library:
        full_scans.append(folder)
        return scan_library(folder, *args, **options)  # type: ignore[arg-type]

    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_index(pilot, app)
        while any(worker.group == "rescan" and worker.is_running for worker in app.main.workers):
            await pilot.pause(0.05)
        app.main._next_poll = math.inf  # the full scan never comes again
        monkeypatch.setattr("dipreader.ui.screens.main.scan_library", counted_scan)
        (root / "later" / "asia").mkdir(parents=True)
        (root / "later" / "asia" / "a6.md").write_text(ADDED, encoding="utf-8")
        for _ in range(MAX_PAUSES):
            if listed(app, "later/asia/a6") and app.main.index_done:
                break
            await pilot.pause(0.05)
        assert listed(app, "later/asia/a6")
        for _ in range(MAX_PAUSES):  # the next start's list is written once the index is done
            if app.main._unsaved is None:
                break
            await pilot.pause(0.05)
        meta_cache = app.main.context.open_meta_cache()
        snapshot = cached_library(meta_cache, root)
        meta_cache.close()
        assert snapshot is not None and snapshot.by_id("later/asia/a6") is not None
        (root / "later" / "asia" / "a6.md").unlink()
        for _ in range(MAX_PAUSES):
            if not listed(app, "later/asia/a6"):
                break
            await pilot.pause(0.05)
        assert not listed(app, "later/asia/a6")
        assert full_scans == []
