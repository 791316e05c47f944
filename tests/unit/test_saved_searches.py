"""Saved searches in the store: save, list in order, replace, rename, delete, and what is refused."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dipreader.model.query import QueryError, SavedSearch
from dipreader.store.saved_searches import (
    SavedSearchError,
    delete,
    ensure_table,
    get_saved,
    list_saved,
    rename,
    save,
)


@pytest.fixture(params=["autocommit", "legacy"])
def connection(request: pytest.FixtureRequest) -> Iterator[sqlite3.Connection]:
    made = sqlite3.connect(":memory:", isolation_level=None if request.param == "autocommit" else "DEFERRED")
    ensure_table(made)
    ensure_table(made)  # twice: nothing happens
    yield made
    made.close()


def test_saved_searches_are_listed_in_the_order_saved(connection: sqlite3.Connection) -> None:
    save(connection, SavedSearch("Xinhua unread", "source:xinhua is:unread"))
    save(connection, SavedSearch("  Pipeline   notes ", "#pipeline"))
    save(connection, SavedSearch("Energy", "sector:energy from:2024-03"))
    assert list_saved(connection) == [
        SavedSearch("Xinhua unread", "source:xinhua is:unread"),
        SavedSearch("Pipeline notes", "#pipeline"),
        SavedSearch("Energy", "sector:energy from:2024-03"),
    ]
    assert get_saved(connection, "pipeline NOTES") == SavedSearch("Pipeline notes", "#pipeline")
    assert get_saved(connection, "missing") is None


def test_saving_a_name_again_replaces_its_query_in_place(connection: sqlite3.Connection) -> None:
    save(connection, SavedSearch("First", "a"))
    save(connection, SavedSearch("Second", "b"))
    save(connection, SavedSearch("FIRST", "c"))
    assert list_saved(connection) == [SavedSearch("FIRST", "c"), SavedSearch("Second", "b")]


def test_rename_and_delete(connection: sqlite3.Connection) -> None:
    save(connection, SavedSearch("One", "a"))
    save(connection, SavedSearch("Two", "b"))
    assert rename(connection, "one", "Uno")
    assert rename(connection, "Uno", "UNO")  # a change of case only
    assert not rename(connection, "missing", "Three")
    with pytest.raises(SavedSearchError, match="already a saved search called 'Two'"):
        rename(connection, "UNO", "two")
    assert delete(connection, "uno")
    assert not delete(connection, "uno")
    assert list_saved(connection) == [SavedSearch("Two", "b")]


@pytest.mark.parametrize(
    ("name", "query", "error"),
    [
        ("", "a", SavedSearchError),
        ("   ", "a", SavedSearchError),
        ("x" * 61, "a", SavedSearchError),
        ("bell\x07", "a", SavedSearchError),
        ("Empty", "  ", SavedSearchError),
        ("Broken", '"unclosed', QueryError),
        ("Unknown", "titel:x", QueryError),
    ],
)
def test_bad_names_and_queries_are_refused(
    connection: sqlite3.Connection, name: str, query: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        save(connection, SavedSearch(name, query))
    assert list_saved(connection) == []


def test_a_saved_search_survives_reopening_the_file(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    first = sqlite3.connect(path)
    ensure_table(first)
    save(first, SavedSearch("Kept", "person:Cirielli"))
    first.close()
    second = sqlite3.connect(path)
    assert list_saved(second) == [SavedSearch("Kept", "person:Cirielli")]
    second.close()


def test_a_callers_open_transaction_is_left_to_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    writer = sqlite3.connect(path, isolation_level=None)
    ensure_table(writer)
    writer.execute("BEGIN")
    save(writer, SavedSearch("Pending", "a"))
    reader = sqlite3.connect(path)
    assert list_saved(reader) == []
    writer.execute("COMMIT")
    assert list_saved(reader) == [SavedSearch("Pending", "a")]
    reader.close()
    writer.close()
