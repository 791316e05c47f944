"""Starting spawned worker processes from a threaded app whose standard streams are replaced."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def real_standard_streams() -> Iterator[None]:
    """Starting processes needs real file descriptors; a TUI replaces sys.stdout and sys.stderr."""
    saved = sys.stdout, sys.stderr
    if sys.__stdout__ is not None and sys.__stderr__ is not None:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
