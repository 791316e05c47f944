"""Builders for hostile article folders: trees thousands deep made and removed without recursion."""

from __future__ import annotations

import os
from pathlib import Path


def make_deep_tree(root: Path, depth: int, name: str = "d") -> None:
    """`depth` nested folders under `root`, made through directory descriptors: the path of the
    deepest is far past PATH_MAX, so it is never spelled out."""
    descriptor = os.open(root, os.O_RDONLY)
    try:
        for _level in range(depth):
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        with open(os.open("leaf.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor), "w") as leaf:
            leaf.write("A leaf at the bottom.\n")
    finally:
        os.close(descriptor)


def remove_tree_iteratively(top: Path) -> None:
    """Delete `top` and everything below it without recursion and without long paths: the
    contents of each sub-folder are renamed up into `top` and the emptied folder removed, until
    `top` holds no folders; every path touched is at most two levels below `top`."""
    if not top.exists():
        return
    hoisted = 0
    while True:
        folders: list[str] = []
        with os.scandir(top) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                else:
                    os.unlink(entry.path)
        if not folders:
            break
        for folder in folders:
            with os.scandir(folder) as inner_entries:
                inner = [entry.path for entry in inner_entries]
            for path in inner:
                hoisted += 1
                os.rename(path, top / f"{hoisted}")
            os.rmdir(folder)
    os.rmdir(top)
