"""Change detection by folder times: additions, removals, renames, edits and new folders found by
listing only the folders whose time moved, with the list a full scan would give."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from dipreader.cache.metadata import MetaCache
from dipreader.core.library import Library, scan_library
from dipreader.core.library_changes import UNSURE, Changes, changed_folders, folder_stamps, scan_changes

OLD = 1_000_000_000  # a time long past, in seconds: no folder stamped at it is "just changed"


def article(title: str, day: int) -> str:
    return f"---\ntitle: {title}\ndate: 2024-03-{day:02d}\n---\nThe ministers met about {title}.\n"


def write(path: Path, title: str, day: int = 1) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article(title, day), encoding="utf-8")
    return path


def age(root: Path) -> None:
    """Every folder and file's times set long past, as if the library had not changed for a while."""
    for folder, _subfolders, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(folder, name), (OLD, OLD))
        os.utime(folder, (OLD, OLD))


def make_library(root: Path) -> None:
    for folder in ("a", "b", "b/inner"):
        for n in range(3):
            write(root / folder / f"{n}.md", f"{folder} talks {n}", n + 1)
    write(root / "top.md", "top talks", 9)


class Watched:
    """A library scanned once, its folders stamped before, and a rescan of the changes after."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path / "articles"
        make_library(self.root)
        age(self.root)
        self.cache = MetaCache(tmp_path / "meta.sqlite3")
        self.fresh_cache = tmp_path / "fresh"
        self.stamps = folder_stamps(self.root)
        self.library = scan_library(self.root, self.cache)

    def changes(self) -> Changes:
        changes = scan_changes(self.root, self.cache, self.library, self.stamps)
        assert changes is not None
        self.library, self.stamps = changes.library, changes.stamps
        return changes

    def full_scan(self) -> Library:
        self.fresh_cache.mkdir(exist_ok=True)
        return scan_library(self.root, MetaCache(self.fresh_cache / f"{random.random()}.sqlite3"))

    def assert_as_full_scan(self) -> None:
        full = self.full_scan()
        assert self.library.articles == full.articles
        assert set(self.library.problems) == set(full.problems)


@pytest.fixture
def watched(tmp_path: Path) -> Watched:
    return Watched(tmp_path)


def ids(library: Library) -> set[str]:
    return {meta.id for meta in library.articles}


def test_nothing_changed_lists_nothing_and_keeps_the_library(
    watched: Watched, files_read: list[Path]
) -> None:
    assert changed_folders(watched.stamps) == []
    before = watched.library
    changes = watched.changes()
    assert not changes.changed and changes.library is before
    assert files_read == []


def test_an_added_file_is_found_and_only_it_is_read(watched: Watched, files_read: list[Path]) -> None:
    before = watched.library
    added = write(watched.root / "b" / "new.md", "new talks", 20)
    assert changed_folders(watched.stamps) == [str(watched.root / "b")]
    changes = watched.changes()
    assert changes.changed
    assert ids(changes.library) == ids(before) | {"b/new"}
    assert files_read == [added]
    watched.assert_as_full_scan()


def test_a_removed_file_is_dropped(watched: Watched) -> None:
    (watched.root / "a" / "1.md").unlink()
    changes = watched.changes()
    assert changes.changed and "a/1" not in ids(changes.library)
    watched.assert_as_full_scan()


def test_a_renamed_file_and_a_renamed_folder_move_their_articles(watched: Watched) -> None:
    (watched.root / "a" / "0.md").rename(watched.root / "a" / "zero.md")
    (watched.root / "b" / "inner").rename(watched.root / "b" / "deeper")
    found = ids(watched.changes().library)
    assert {"a/zero", "b/deeper/0", "b/deeper/1", "b/deeper/2"} <= found
    assert not {"a/0", "b/inner/0"} & found
    watched.assert_as_full_scan()


def test_a_new_subfolder_is_listed_whole_and_its_later_additions_are_seen(watched: Watched) -> None:
    write(watched.root / "c" / "deep" / "1.md", "deep talks", 4)
    assert "c/deep/1" in ids(watched.changes().library)
    assert str(watched.root / "c" / "deep") in watched.stamps
    age(watched.root)
    watched.stamps = {folder: OLD * 1_000_000_000 for folder in watched.stamps}
    write(watched.root / "c" / "deep" / "2.md", "deeper talks", 5)
    assert "c/deep/2" in ids(watched.changes().library)
    watched.assert_as_full_scan()


def test_a_removed_folder_drops_its_articles(watched: Watched) -> None:
    for path in sorted((watched.root / "b").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (watched.root / "b").rmdir()
    found = ids(watched.changes().library)
    assert not any(article_id.startswith("b/") for article_id in found)
    assert all(not folder.endswith(("/b", "/inner")) for folder in watched.stamps)
    watched.assert_as_full_scan()


def test_an_edit_saved_by_renaming_over_the_file_is_read_again(watched: Watched) -> None:
    temporary = write(watched.root / "a" / ".2.md.swp", "edited talks", 2)
    temporary.replace(watched.root / "a" / "2.md")
    titles = {meta.title for meta in watched.changes().library.articles}
    assert "edited talks" in titles and "a talks 2" not in titles
    watched.assert_as_full_scan()


def test_an_edit_in_place_moves_no_folder_and_is_left_to_the_full_scan(watched: Watched) -> None:
    path = watched.root / "a" / "2.md"
    path.write_text(article("edited in place", 2), encoding="utf-8")
    os.utime(watched.root / "a", (OLD, OLD))  # as writing into a file leaves its folder's time
    changes = watched.changes()
    assert not changes.changed
    rescanned = scan_library(watched.root, watched.cache, previous=changes.library)
    assert "edited in place" in {meta.title for meta in rescanned.articles}


def test_a_folder_changed_just_now_is_listed_again_the_next_time(watched: Watched) -> None:
    write(watched.root / "a" / "new.md", "new talks", 7)
    watched.changes()
    assert watched.stamps[str(watched.root / "a")] == UNSURE
    assert changed_folders(watched.stamps) == [str(watched.root / "a")]


def test_an_unreadable_new_file_and_a_clash_of_ids_are_problems(watched: Watched) -> None:
    (watched.root / "a" / "empty.md").write_text("", encoding="utf-8")
    write(watched.root / "a" / "0.txt", "same id as 0.md", 3)
    problems = {(problem.id, problem.reason.split(" ")[0]) for problem in watched.changes().library.problems}
    assert ("a/empty", "empty") in problems and ("a/0", "same") in problems
    watched.assert_as_full_scan()
    (watched.root / "a" / "empty.md").unlink()
    assert "a/empty" not in {problem.id for problem in watched.changes().library.problems}
    watched.assert_as_full_scan()


def test_a_missing_articles_folder_asks_for_a_full_scan(tmp_path: Path) -> None:
    root = tmp_path / "gone"
    cache = MetaCache(tmp_path / "meta.sqlite3")
    library = scan_library(root, cache)
    assert scan_changes(root, cache, library, folder_stamps(root)) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_changes_give_the_list_a_full_scan_gives(watched: Watched, seed: int) -> None:
    chooser = random.Random(seed)
    folders = ["a", "b", "b/inner", "c", "c/d", ""]
    for step in range(12):
        files = sorted(path for path in watched.root.rglob("*.md") if not path.name.startswith("."))
        action = chooser.choice(["add", "add", "remove", "rename", "same title"])
        if action == "add" or not files:
            folder = chooser.choice(folders)
            write(
                watched.root / folder / f"n{step}.md",
                f"talks {chooser.randrange(4)}",
                chooser.randrange(1, 5),
            )
        elif action == "remove":
            chooser.choice(files).unlink()
        elif action == "rename":
            chooser.choice(files).rename(watched.root / chooser.choice(folders[:3]) / f"r{step}.md")
        else:  # equal sort keys: the walk's order decides, as in the full scan
            write(watched.root / chooser.choice(folders) / f"s{step}.md", "a talks 0", 1)
        watched.changes()
        watched.assert_as_full_scan()
