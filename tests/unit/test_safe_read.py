"""Reading the library safely: FIFOs, devices, /dev/zero, symlinks out, deep trees, colliding ids."""

from __future__ import annotations

import os
import random
import socket
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dipreader.sources import safe_read
from dipreader.sources.safe_read import (
    ReadRefused,
    assign_ids,
    read_article_bytes,
    read_capped,
    walk_article_paths,
)

SUFFIXES = (".md", ".markdown", ".txt")
needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symlinks need POSIX")


def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    return root


def walked(
    root: Path, max_depth: int = safe_read.MAX_DEPTH, max_entries: int = safe_read.MAX_ENTRIES
) -> list[tuple[str, str | None]]:
    """(path relative to root, reason) for everything the walk yields."""
    walk = walk_article_paths(root, SUFFIXES, max_depth, max_entries)
    return [(os.path.relpath(path, root), reason) for path, reason in walk]


def refusal(path: Path, root: Path, limit: int = safe_read.MAX_ARTICLE_BYTES) -> str:
    with pytest.raises(ReadRefused) as caught:
        read_article_bytes(path, root, limit)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_regular_file_is_read_with_its_size_and_time(tmp_path: Path) -> None:
    root = library(tmp_path)
    article = root / "talks.md"
    article.write_bytes(b"Talks in Astana.\n")
    read = read_article_bytes(article, root)
    assert read.data == b"Talks in Astana.\n"
    assert read.size == len(read.data)
    assert read.mtime == article.stat().st_mtime


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    root = library(tmp_path)
    article = root / "big.md"
    article.write_bytes(b"x" * 2049)
    assert "too large" in refusal(article, root, limit=2048)
    article.write_bytes(b"x" * 2048)
    assert len(read_article_bytes(article, root, limit=2048).data) == 2048


@needs_posix
def test_a_fifo_is_refused_at_once_and_listed(tmp_path: Path) -> None:
    root = library(tmp_path)
    os.mkfifo(root / "x.md")
    assert "named pipe" in refusal(root / "x.md", root)
    assert walked(root) == [("x.md", "not a regular file: a named pipe (FIFO)")]


@needs_posix
def test_a_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = library(tmp_path)
    regular = root / "regular.md"
    regular.write_bytes(b"text")
    fifo = root / "x.md"
    os.mkfifo(fifo)
    real_stat = os.stat
    # The check sees a regular file; what is opened is the FIFO.
    monkeypatch.setattr(
        os, "stat", lambda path, *a, **k: real_stat(regular if str(path) == str(fifo) else path, *a, **k)
    )
    assert "named pipe" in refusal(fifo, root)


@needs_posix
def test_a_socket_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = library(tmp_path)
    monkeypatch.chdir(root)  # a socket's address must be short
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("s.md")
        assert walked(root) == [("s.md", "not a regular file: a socket")]
        assert "socket" in refusal(root / "s.md", root)


@needs_posix
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_symlink_to_dev_zero_is_refused_and_reading_it_stops_at_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = library(tmp_path)
    (root / "zero.md").symlink_to("/dev/zero")
    assert walked(root) == [("zero.md", "symlink to a file outside the library (/dev/zero): not followed")]
    assert "outside the library" in refusal(root / "zero.md", root)
    # Even with the whole file system as the library, a device is not read.
    assert "character device" in refusal(root / "zero.md", Path("/"))
    read_sizes: list[int] = []
    real_read = os.read

    def counted_read(fd: int, size: int) -> bytes:
        chunk = real_read(fd, size)
        read_sizes.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counted_read)
    fd = os.open(root / "zero.md", os.O_RDONLY)
    try:
        with pytest.raises(ReadRefused, match="too large"):
            read_capped(fd, 1024 * 1024)
    finally:
        os.close(fd)
    assert sum(read_sizes) == 1024 * 1024 + 1


def test_the_cap_counts_bytes_read_not_the_size_reported(tmp_path: Path) -> None:
    article = tmp_path / "grown.md"
    article.write_bytes(b"y" * 5000)
    fd = os.open(article, os.O_RDONLY)
    try:
        with pytest.raises(ReadRefused, match="too large"):
            read_capped(fd, 4096)
    finally:
        os.close(fd)


@needs_posix
def test_symlinks_inside_are_followed_and_symlinks_out_are_listed(tmp_path: Path) -> None:
    root = library(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("secret")
    (root / "a.md").write_text("inside")
    (root / "sub").mkdir()
    (root / "sub" / "alias.md").symlink_to("../a.md")
    (root / "secret.md").symlink_to(outside / "secret.md")
    (root / "elsewhere").symlink_to(outside)
    (root / "broken.md").symlink_to("nowhere.md")
    assert walked(root) == [
        ("a.md", None),
        ("broken.md", "broken symlink (or a symlink loop)"),
        ("elsewhere", f"symlink to a folder outside the library ({outside}): not followed"),
        ("secret.md", f"symlink to a file outside the library ({outside / 'secret.md'}): not followed"),
        ("sub/alias.md", None),
    ]
    assert read_article_bytes(root / "sub" / "alias.md", root).data == b"inside"
    assert "outside the library" in refusal(root / "secret.md", root)


@needs_posix
def test_folder_symlinks_inside_or_in_a_cycle_are_not_walked_twice(tmp_path: Path) -> None:
    root = library(tmp_path)
    (root / "sub").mkdir()
    (root / "sub" / "a.md").write_text("a")
    (root / "sub" / "up").symlink_to("..")
    (root / "again").symlink_to("sub")
    assert walked(root) == [("sub/a.md", None)]


def test_a_tree_deeper_than_the_bound_is_listed_once_and_the_rest_is_read(tmp_path: Path) -> None:
    root = library(tmp_path)
    deep = root.joinpath(*["d"] * 80)
    deep.mkdir(parents=True)
    (deep / "bottom.md").write_text("deep")
    (root / "d" / "top.md").write_text("top")
    found = walked(root)
    assert found == [
        ("d/top.md", None),
        (os.path.join(*["d"] * 65), "folder nested more than 64 levels deep: not scanned"),
    ]


@needs_posix  # 1,200 levels pass Windows' path length limit
def test_the_walk_has_no_recursion_limit(tmp_path: Path) -> None:
    root = library(tmp_path)
    folders = [str(root)]
    for _level in range(1200):  # os.makedirs (and shutil.rmtree) recurse: build and remove by hand
        folders.append(os.path.join(folders[-1], "d"))
        os.mkdir(folders[-1])
    bottom = Path(folders[-1], "bottom.md")
    bottom.write_text("deep")
    try:
        assert walked(root, max_depth=2000) == [(os.path.join(*["d"] * 1200, "bottom.md"), None)]
    finally:
        bottom.unlink()
        for folder in reversed(folders[1:]):
            os.rmdir(folder)


def test_entries_past_the_bound_are_listed_not_scanned(tmp_path: Path) -> None:
    root = library(tmp_path)
    for index in range(10):
        (root / f"{index}.md").write_text("x")
    found = walked(root, max_entries=5)
    assert found == [(".", "more than 5 entries in the library: the rest were not scanned")]


def test_order_hidden_entries_and_suffixes(tmp_path: Path) -> None:
    root = library(tmp_path)
    for name in ["b.md", "A.MD", "c.txt", "notes.pdf", ".hidden.md", "z.markdown"]:
        (root / name).write_text("x")
    (root / ".git").mkdir()
    (root / ".git" / "x.md").write_text("x")
    (root / "a").mkdir()
    (root / "a" / "inner.md").write_text("x")
    (root / "b").mkdir()
    (root / "b" / "inner.txt").write_text("x")
    assert [path for path, _reason in walked(root)] == [
        "A.MD",
        "b.md",
        "c.txt",
        "z.markdown",
        "a/inner.md",
        "b/inner.txt",
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_listed(tmp_path: Path) -> None:
    root = library(tmp_path)
    locked = root / "locked"
    locked.mkdir()
    (locked / "a.md").write_text("x")
    locked.chmod(0)
    try:
        assert walked(root) == [("locked", "cannot read folder: Permission denied")]
    finally:
        locked.chmod(stat.S_IRWXU)


def test_a_missing_library_is_one_problem(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing")
    assert list(walk_article_paths(missing, SUFFIXES)) == [
        (missing, "cannot read folder: No such file or directory")
    ]


def test_colliding_ids_keep_the_first_by_suffix_order_whatever_the_input_order() -> None:
    for paths in (["same.txt", "same.md", "other.md"], ["other.md", "same.md", "same.txt"]):
        by_path = {assigned.path: assigned for assigned in assign_ids(paths, SUFFIXES)}
        assert by_path["same.md"].collision is None
        assert by_path["same.txt"].article_id == "same"
        assert by_path["same.txt"].collision == "same id 'same' as same.md"
        assert by_path["other.md"].collision is None


def test_ids_use_forward_slashes_and_drop_only_the_last_suffix() -> None:
    assigned = assign_ids([os.path.join("2024", "05", "talks.v2.md"), "README"], SUFFIXES)
    assert [(a.article_id, a.collision) for a in assigned] == [("2024/05/talks.v2", None), ("README", None)]


PATHS = st.lists(
    st.tuples(st.sampled_from(["a", "b", "x/a", "x/b"]), st.sampled_from(SUFFIXES)).map("".join),
    unique=True,
)


@given(PATHS, st.randoms(use_true_random=False))
def test_each_id_has_exactly_one_owner_whatever_the_order(paths: list[str], rng: random.Random) -> None:
    assigned = assign_ids(paths, SUFFIXES)
    assert [a.path for a in assigned] == paths
    owners = {a.article_id: a.path for a in assigned if a.collision is None}
    assert set(owners) == {a.article_id for a in assigned}
    assert len(owners) == sum(1 for a in assigned if a.collision is None)
    shuffled = list(paths)
    rng.shuffle(shuffled)
    again = {a.article_id: a.path for a in assign_ids(shuffled, SUFFIXES) if a.collision is None}
    assert again == owners
