"""Reading the library within bounds: regular files only, a byte cap, no escape through symlinks."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_ENTRIES = 1_000_000
_CHUNK = 256 * 1024
# O_NONBLOCK: a FIFO swapped in after the check opens at once instead of waiting for a writer.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
)


class ReadRefused(Exception):
    """A file that was not read; the message is a one-line reason."""


@dataclass(frozen=True, slots=True)
class FileBytes:
    """The bytes of an article file and the size and modification time of what was read."""

    data: bytes
    size: int
    mtime: float


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def is_inside(path: str, real_root: str) -> bool:
    """Whether the resolved `path` is `real_root` or lies below it (both already realpath'd)."""
    try:
        return os.path.commonpath([real_root, path]) == real_root
    except ValueError:  # different drives
        return False


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_capped(fd: int, limit: int) -> bytes:
    """Everything `fd` gives up to end of file; ReadRefused once more than `limit` bytes arrive.

    The cap counts the bytes actually read, so a file that grows, or a device that never ends,
    stops at `limit + 1` bytes whatever its size said."""
    chunks: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
        except BlockingIOError:
            raise ReadRefused("would block (not a regular file)") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ReadRefused(
                f"too large (more than {_megabytes(limit)} read; the limit is {_megabytes(limit)})"
            )


def read_article_bytes(
    path: str | os.PathLike[str], root: str | os.PathLike[str], limit: int = MAX_ARTICLE_BYTES
) -> FileBytes:
    """The bytes of the article file at `path` in the library `root`; ReadRefused when it is not a
    regular file, resolves to a place outside the library (a symlink), is over `limit` or
    cannot be read. Never blocks: a FIFO is refused, and opened without waiting if swapped in."""
    try:
        target = os.path.realpath(path)
        if not is_inside(target, os.path.realpath(root)):
            raise ReadRefused(f"leads outside the library (to {target})")
        _check_regular(os.stat(target), limit)
        fd = os.open(target, _OPEN_FLAGS)
    except ReadRefused:
        raise
    except OSError as error:
        raise ReadRefused(f"cannot read: {error.strerror or error}") from None
    try:
        opened = os.fstat(fd)
        # The file may have been swapped between the checks and the open.
        _check_regular(opened, limit)
        data = read_capped(fd, limit)
    except OSError as error:
        raise ReadRefused(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    return FileBytes(data, len(data), opened.st_mtime)


def _check_regular(status: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise ReadRefused(f"not a regular file: {file_kind(status.st_mode)}")
    if status.st_size > limit:
        raise ReadRefused(f"too large ({_megabytes(status.st_size)}; the limit is {_megabytes(limit)})")


# What the walk does with one directory entry.
_SKIP, _FILE, _FOLDER = "skip", "file", "folder"


def walk_article_paths(
    root: str | os.PathLike[str],
    suffixes: Sequence[str],
    max_depth: int = MAX_DEPTH,
    max_entries: int = MAX_ENTRIES,
    *,
    start: Sequence[str] = (),
    known: Container[str] = frozenset(),
    listed: Callable[[str], None] | None = None,
) -> Iterator[tuple[str, str | None]]:
    """(path, None) for every article file under `root` (name ending in one of `suffixes`, any
    case), and (path, reason) for each entry that was refused or not scanned, in a stable
    order: a folder's files by name, then its sub-folders by name, depth first.

    Iterative, so any depth is safe; folders deeper than `max_depth` and entries past
    `max_entries` are reported, not scanned. Hidden entries are skipped. File symlinks are
    followed when they stay inside the library; folder symlinks never are (one inside the
    library only repeats a folder scanned anyway; one leading out is reported), and a folder
    reached twice (a bind-mount loop) is reported.

    `start`, if given, are the folders (under `root`) walked instead of `root` itself, and the
    sub-folders in `known` are not entered (a rescan of only the folders that changed);
    `listed` is told each folder just before it is listed."""
    top = os.fspath(root)
    real_root = os.path.realpath(top)
    wanted = tuple(suffix.lower() for suffix in suffixes)
    try:
        visited = {_identity(os.stat(real_root))}
    except OSError as error:
        yield top, f"cannot read folder: {error.strerror or error}"
        return
    firsts = [(folder, _depth_below(top, folder)) for folder in reversed(start)] if start else [(top, 0)]
    stack: list[tuple[str, int]] = firsts
    seen_entries = 0
    while stack:
        folder, depth = stack.pop()
        if listed is not None:
            listed(folder)
        entries: list[os.DirEntry[str]] = []
        try:
            with os.scandir(folder) as scan:
                for entry in scan:
                    seen_entries += 1
                    if seen_entries > max_entries:
                        break
                    entries.append(entry)
        except OSError as error:
            yield folder, f"cannot read folder: {error.strerror or error}"
            continue
        if seen_entries > max_entries:
            yield folder, f"more than {max_entries:,} entries in the library: the rest were not scanned"
            return
        subfolders: list[str] = []
        for entry in sorted(entries, key=lambda entry: entry.name):
            if entry.name.startswith("."):
                continue
            action, refusal = _classify(entry, wanted, real_root)
            if action == _FOLDER and refusal is None:
                if entry.path in known:
                    continue
                refusal = _folder_refusal(entry, depth, visited, max_depth)
                if refusal is None:
                    subfolders.append(entry.path)
                    continue
            if action != _SKIP or refusal is not None:
                yield entry.path, refusal
        stack.extend((path, depth + 1) for path in reversed(subfolders))


def _depth_below(root: str, folder: str) -> int:
    relative = os.path.relpath(folder, root)
    return 0 if relative == "." else len(relative.split(os.sep))


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


def _folder_refusal(
    entry: os.DirEntry[str], depth: int, visited: set[tuple[int, int]], max_depth: int
) -> str | None:
    try:
        identity = _identity(entry.stat(follow_symlinks=False))
    except OSError as error:
        return f"cannot read folder: {error.strerror or error}"
    if identity in visited:
        return "folder reached a second time (a mount loop): not scanned"
    visited.add(identity)
    if depth + 1 > max_depth:
        return f"folder nested more than {max_depth} levels deep: not scanned"
    return None


def _classify(entry: os.DirEntry[str], wanted: tuple[str, ...], real_root: str) -> tuple[str, str | None]:
    """(what to do with the entry, the reason it is refused or None).

    Only article-named entries and folders are examined; anything else is skipped silently."""
    is_article_name = entry.name.lower().endswith(wanted)
    try:
        if entry.is_symlink():
            return _classify_symlink(entry.path, is_article_name, real_root)
        # Both answers come from the directory listing itself, without a stat per file.
        if entry.is_dir(follow_symlinks=False):
            return _FOLDER, None
        if not is_article_name:
            return _SKIP, None
        if entry.is_file(follow_symlinks=False):
            return _FILE, None
        return _FILE, _regular_refusal(entry.stat(follow_symlinks=False).st_mode)
    except OSError as error:
        return (_FILE, f"cannot read: {error.strerror or error}") if is_article_name else (_SKIP, None)


def _classify_symlink(path: str, is_article_name: bool, real_root: str) -> tuple[str, str | None]:
    target = os.path.realpath(path)
    if os.path.isdir(target):
        if is_inside(target, real_root):
            return _SKIP, None
        return _FILE, f"symlink to a folder outside the library ({target}): not followed"
    if not is_article_name:
        return _SKIP, None
    if not os.path.exists(target):
        return _FILE, "broken symlink (or a symlink loop)"
    if not is_inside(target, real_root):
        return _FILE, f"symlink to a file outside the library ({target}): not followed"
    return _FILE, _regular_refusal(os.stat(target).st_mode)


def _regular_refusal(mode: int) -> str | None:
    return None if stat.S_ISREG(mode) else f"not a regular file: {file_kind(mode)}"


@dataclass(frozen=True, slots=True)
class IdAssignment:
    """The id of one article file, and the reason it cannot have it when another file does."""

    path: str
    article_id: str
    collision: str | None


def article_id_of(relative_path: str) -> str:
    """The path relative to the library without its last suffix, with forward slashes."""
    pure = PurePath(relative_path)
    return pure.with_suffix("").as_posix() if pure.suffix else pure.as_posix()


def assign_ids(relative_paths: Iterable[str], suffixes: Sequence[str]) -> list[IdAssignment]:
    """An id for each path (relative to the library), in the input order.

    When files share an id (`same.md`, `same.txt`) the first by suffix order in `suffixes`, then
    by path, keeps it whatever the input order; each other one gets a collision reason."""
    paths = list(relative_paths)
    ranks = {suffix.lower(): rank for rank, suffix in enumerate(suffixes)}
    owners: dict[str, str] = {}
    for path in sorted(paths, key=lambda path: (ranks.get(PurePath(path).suffix.lower(), len(ranks)), path)):
        owners.setdefault(article_id_of(path), path)
    assigned: list[IdAssignment] = []
    for path in paths:
        identifier = article_id_of(path)
        owner = owners[identifier]
        reason = None if owner == path else f"same id {identifier!r} as {PurePath(owner).as_posix()}"
        assigned.append(IdAssignment(path, identifier, reason))
    return assigned
