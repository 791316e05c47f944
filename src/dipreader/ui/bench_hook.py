"""Benchmark ready marker: with DIPREADER_READY_FILE set, append `<monotonic> <event>` lines to it."""

from __future__ import annotations

import os
import resource
import time

READY_FILE_ENV = "DIPREADER_READY_FILE"


def mark_ready(event: str) -> None:
    """Record that `event` happened now (and the peak memory so far, in KiB); a no-op by default.

    Events: `first-screen` (the sidebar shows titles), `index-complete`, `chronology-built`,
    `who-built`, `chronology-shown` and `who-shown` (their rows painted), `tab-shown <pane>`
    (painted after a switch), `relations-built`, `relations-shown <pair>` (painted), and
    `article-shown <id> highlights=<yes|no>`. benchmarks/ reads them.
    """
    target = os.environ.get(READY_FILE_ENV)
    if not target:
        return
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open(target, "a", encoding="utf-8") as marker:
            marker.write(f"{time.monotonic():.6f} {event} maxrss_kib={peak_kib}\n")
    except OSError:
        pass  # a benchmark aid must never disturb the reader
