"""The store keeps saved searches (a migration adds their table) and marks many articles at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipreader.model.query import QueryError, SavedSearch
from dipreader.store import Store
from dipreader.store.saved_searches import SavedSearchError


def test_saved_searches_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with Store.open(path) as store:
        store.save_search(SavedSearch("Energy", "#energy"))
        store.save_search(SavedSearch("Unread Trend", "source:Trend is:unread"))
    with Store.open(path) as store:
        assert store.saved_searches() == [
            SavedSearch("Energy", "#energy"),
            SavedSearch("Unread Trend", "source:Trend is:unread"),
        ]
        assert store.delete_saved_search("energy")
        assert [saved.name for saved in store.saved_searches()] == ["Unread Trend"]


def test_a_bad_query_or_name_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    with Store.open(tmp_path / "state.sqlite3") as store:
        with pytest.raises(QueryError):
            store.save_search(SavedSearch("Broken", '"open quote'))
        with pytest.raises(SavedSearchError):
            store.save_search(SavedSearch("  ", "energy"))
        assert store.saved_searches() == []


def test_set_read_many_marks_and_unmarks(tmp_path: Path) -> None:
    with Store.open(tmp_path / "state.sqlite3") as store:
        store.set_read("a", True)
        store.set_read_many(["a", "b", "c"], True)
        assert store.read_ids() == {"a", "b", "c"}
        store.set_read_many(["b", "c"], False)
        assert store.read_ids() == {"a"}
