"""Cheap change detection for an articles folder: each folder's modification time, looked at often,
and a rescan of only the folders whose time moved (a file added, removed or renamed moves it)."""

from __future__ import annotations

import bisect
import os
import time
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dipreader.cache.metadata import MetaCache, collector_paused, decode_entry, encode_entry
from dipreader.core.library import Library
from dipreader.core.scan_pool import read_record
from dipreader.model.article import ArticleMeta, Problem
from dipreader.sources.safe_read import MAX_DEPTH, walk_article_paths

if TYPE_CHECKING:
    from dipreader.sources.files import FolderSource

FolderStamps = Mapping[str, int]
"""Folder path -> its modification time in nanoseconds, as it was just before it was listed."""
UNSURE = -1
"""The stamp of a folder changed so recently that a file written in the same clock tick, after the
listing, would leave its time as it was: the folder is listed again the next time."""
RECENT_NS = 2_000_000_000


def _stamp(folder: str, now_ns: int) -> int | None:
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return None
    return UNSURE if now_ns - mtime < RECENT_NS else mtime


def folder_stamps(root: Path) -> dict[str, int]:
    """The stamp of every folder a scan of `root` lists (hidden ones and folder symlinks are not
    listed by a scan, nor here); taken before the scan, so that nothing the scan missed is missed here."""
    top = os.fspath(root)
    now_ns = time.time_ns()
    stamps: dict[str, int] = {}
    stack = [(top, 0)]
    while stack:
        folder, depth = stack.pop()
        stamp = _stamp(folder, now_ns)
        if stamp is None:
            continue
        stamps[folder] = stamp
        if depth >= MAX_DEPTH:
            continue
        try:
            with os.scandir(folder) as entries:
                subfolders = [
                    entry.path for entry in entries if not entry.name.startswith(".") and _is_folder(entry)
                ]
        except OSError:
            continue
        stack.extend((path, depth + 1) for path in subfolders)
    return stamps


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def changed_folders(stamps: FolderStamps) -> list[str]:
    """The folders whose modification time is not the one stamped (or that are gone), sorted: one
    stat a folder, whatever the number of files."""
    now_ns = time.time_ns()
    return sorted(
        folder for folder, stamp in stamps.items() if stamp == UNSURE or _stamp(folder, now_ns) != stamp
    )


@dataclass(frozen=True)
class Changes:
    """A library with the changed folders scanned again, the folders' new stamps, and whether
    anything in the list changed (when not, `library` is the previous one itself)."""

    library: Library
    stamps: dict[str, int]
    changed: bool


def scan_changes(root: Path, cache: MetaCache, previous: Library, stamps: FolderStamps) -> Changes | None:
    """`previous` with only the folders whose stamp moved listed again: their files stat'ed, new or
    changed ones read (or found in the metadata cache), vanished ones dropped, new sub-folders
    listed whole. None when only a full scan can tell (the folder itself is missing, or was).

    An edit that leaves its folder's time alone (a file rewritten in place) is not seen here: the
    full scan, run less often, finds it."""
    top = os.fspath(root)
    if (
        not root.is_dir()
        or top not in stamps
        or any(_needs_full_scan(problem, top) for problem in previous.problems)
    ):
        return None
    folders = changed_folders(stamps)
    if not folders:
        return Changes(previous, dict(stamps), False)
    with collector_paused():
        return _rescan(root, cache, previous, stamps, folders)


def _needs_full_scan(problem: Problem, top: str) -> bool:
    """A problem that stands for the whole folder: it missing, unreadable, or too big to scan."""
    return problem.path == top or problem.reason.startswith("more than")


def _rescan(
    root: Path, cache: MetaCache, previous: Library, stamps: FolderStamps, folders: list[str]
) -> Changes:
    from dipreader.sources.files import ARTICLE_SUFFIXES, FolderSource, accepted_and_refused

    top = os.fspath(root)
    now_ns = time.time_ns()
    new_stamps = {folder: stamp for folder, stamp in stamps.items() if folder not in folders}
    present = [folder for folder in folders if os.path.isdir(folder)]

    def listed(folder: str) -> None:
        stamp = _stamp(folder, now_ns)
        if stamp is not None:
            new_stamps[folder] = stamp

    known = new_stamps.keys() | set(present)  # listed on their own, or not changed
    walked = walk_article_paths(top, ARTICLE_SUFFIXES, start=present, known=known, listed=listed)
    accepted, refused = accepted_and_refused(top, walked)
    affected = set(folders)
    before = {meta.path: meta for meta in previous.articles if os.path.dirname(meta.path) in affected}
    source = FolderSource(root)
    fresh: list[tuple[str, int, float, bytes]] = []
    same: set[str] = set()
    added: list[ArticleMeta] = []
    problems: list[Problem] = []
    for path in accepted:
        loaded = _current(source, cache, path, before.get(path), fresh)
        if isinstance(loaded, Problem):
            problems.append(loaded)
        elif loaded is before.get(path):
            same.add(path)
        else:
            added.append(loaded)
    cache.store(fresh)
    problems.extend(refused)
    untouched = [problem for problem in previous.problems if not _in_folders(problem.path, affected)]
    gone = len(before) - len(same)
    if not added and not gone and set(problems) == set(previous.problems) - set(untouched):
        return Changes(previous, new_stamps, False)
    kept = [meta for meta in previous.articles if meta.path not in before or meta.path in same]
    library = Library(root, tuple(_merged(top, kept, added)), (*untouched, *problems))
    return Changes(library, new_stamps, True)


def _in_folders(path: str, folders: AbstractSet[str]) -> bool:
    """Whether the entry is in one of the folders, or is one of them."""
    return path in folders or os.path.dirname(path) in folders


def _current(
    source: FolderSource,
    cache: MetaCache,
    path: str,
    before: ArticleMeta | None,
    fresh: list[tuple[str, int, float, bytes]],
) -> ArticleMeta | Problem:
    """The file's record: the previous one when its size and time are the same, else the metadata
    cache's, else read now (and added to `fresh` for the cache)."""
    try:
        status: os.stat_result | None = os.stat(path)
    except OSError:
        status = None
    if status is not None:
        if before is not None and (before.size, before.mtime) == status_key(status):
            return before
        cached = cache.lookup(path)
        decoded = decode_entry(cached[2]) if cached is not None and cached[:2] == status_key(status) else None
        if decoded is not None:
            return decoded
    loaded, lasting = read_record(source, path)
    if status is not None and lasting:
        fresh.append((path, status.st_size, status.st_mtime, encode_entry(loaded)))
    return loaded


def status_key(status: os.stat_result) -> tuple[int, float]:
    """What says a file changed (as the full scan compares it): its size and modification time."""
    return status.st_size, status.st_mtime


def walk_key(top: str, path: str) -> tuple[tuple[int, str], ...]:
    """Where a file comes in the scan's walk: a folder's files by name, then its sub-folders."""
    parts = os.path.relpath(path, top).split(os.sep)
    return (*((1, part) for part in parts[:-1]), (0, parts[-1]))


def _merged(top: str, kept: list[ArticleMeta], added: list[ArticleMeta]) -> list[ArticleMeta]:
    """`kept` (in the list's order) with `added` put where a full scan would put them: newest first,
    and in the walk's order between equal keys (the full scan's sort is stable over its walk)."""
    from dipreader.sources.files import newest_first_key

    def key(meta: ArticleMeta) -> tuple[tuple[int, tuple[int, int, int], str], tuple[tuple[int, str], ...]]:
        return newest_first_key(meta), walk_key(top, meta.path)

    merged = list(kept)
    for meta in sorted(added, key=key):
        merged.insert(bisect.bisect_right(merged, key(meta), key=key), meta)
    return merged
