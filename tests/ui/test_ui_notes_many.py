"""Pilot tests of an article with many notes in the reader: only those near the view are read, notes
saved against an older text are placed in a worker, and none is lost or changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from apphelpers import make_app, wait_for_article, wait_for_index, wait_for_workers

from dipreader.model.anchoring import make_annotation
from dipreader.ui.widgets.reader import notes_window
from dipreader.ui.widgets.reader.reader import ArticleReader

WINDOW = 300


async def test_many_notes_are_placed_in_a_worker_and_read_near_the_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_window, "NOTES_WINDOW_CHARS", WINDOW)
    monkeypatch.setattr(notes_window, "PLACE_HERE", 5)
    app = make_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_index(pilot, app)
        assert app.main.library is not None and app.store is not None
        meta = max(app.main.library.articles, key=lambda meta: meta.size)
        article = app.main.library.load(meta.id)
        body = article.body  # type: ignore[union-attr]
        assert len(body) > 6 * WINDOW
        saved = [
            make_annotation(meta.id, body, "an older text", start, start + 15, note=f"n{start}", tags=["x"])
            for start in range(0, len(body) - 20, 40)
        ]
        app.store.merge_annotations(saved)
        reader = app.query_one(ArticleReader)
        reader.focus()
        app.main.open_article(meta.id, at=0)
        await wait_for_article(pilot, app, meta.id)
        await pilot.press("j")
        await wait_for_workers(app)
        await pilot.pause()

        assert app.store.stale_annotations(meta.id, meta.content_hash, 10**6) == 0
        stored = {ann.id: ann for ann in app.store.annotations(meta.id)}
        assert stored.keys() == {ann.id for ann in saved}
        for before in saved:
            after = stored[before.id]
            assert not after.orphan and body[after.start : after.end] == before.exact
            assert (after.note, after.tags) == (before.note, before.tags)

        window = reader.notes_window
        assert window is not None and window[0] == 0 and window[1] < len(body)
        shown = {ann.id for ann in reader.annotations}
        assert shown and len(shown) < len(saved)
        assert shown == {ann.id for ann in saved if ann.start < window[1] and ann.end > window[0]}

        await pilot.press("G")  # the end of the article: the notes there are read
        await pilot.pause()
        end_window = reader.notes_window
        assert end_window is not None and end_window[1] == len(body)
        last = max(saved, key=lambda ann: ann.start)
        assert last.id in {ann.id for ann in reader.annotations}
        line = reader.offset_to_y(last.start)
        assert line is not None
