"""The seam for where articles come from: a source lists its entries and reads each into an Article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from dipreader.model.article import Article, Problem


class ArticleSource(Protocol):
    """A place articles are read from. The library scans one and reads entries on demand.

    `sources/files.py` is the folder of files; every other kind (a web page, a feed) ends up there
    as a file written by `dipreader add` or `fetch`, so the library only ever reads a folder.
    """

    @property
    def root(self) -> Path:
        """What ids are relative to."""
        ...

    def entries(self) -> Iterator[str]:
        """Every entry (a path) that may hold an article, in a stable order."""
        ...

    def refused(self) -> tuple[Problem, ...]:
        """The entries the last `entries()` left out (unreadable, unsafe or clashing), with reasons."""
        ...

    def read(self, entry: str) -> Article | Problem:
        """The article of one entry, or the reason it cannot be one."""
        ...
