"""Shared benchmark plumbing: start an app in a private tmux server, wait for its ready marker lines."""

from __future__ import annotations

import importlib
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TMUX_SOCKET = f"dipbench-{os.getpid()}"
WORK = Path(os.environ.get("DIPREADER_BENCH_DIR", "/tmp/dipreader-bench"))
CONFIG_DIR = WORK / "config"  # empty: no user knowledge file, same cache keys every run


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", TMUX_SOCKET, *args], capture_output=True, text=True, check=False)


class TmuxServer:
    """A tmux server kept alive by an idle session, so each run does not pay for starting one."""

    def __enter__(self) -> TmuxServer:
        tmux("new-session", "-d", "-s", "keeper", "-x", "120", "-y", "40", "sleep 1000000")
        return self

    def __exit__(self, *exc: object) -> None:
        tmux("kill-server")


@dataclass
class Run:
    """One app process in a tmux session, and the marker events it wrote (seconds since start)."""

    session: str
    marker: Path
    started: float

    def events(self) -> list[tuple[float, str, int]]:
        found = []
        if self.marker.exists():
            for line in self.marker.read_text(encoding="utf-8").splitlines():
                stamp, *words = line.split()
                peak = (
                    int(words.pop()[len("maxrss_kib=") :]) if words and words[-1].startswith("maxrss") else 0
                )
                found.append((float(stamp) - self.started, " ".join(words), peak))
        return found

    def wait_for(self, prefix: str, timeout: float = 120.0, after: float = float("-inf")) -> float:
        """Seconds from process start to the first `prefix` event later than `after`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for moment, event, _peak in self.events():
                if event.startswith(prefix) and moment > after:
                    return moment
            time.sleep(0.005)
        raise TimeoutError(f"no {prefix!r} marker within {timeout} s ({self.session})")

    def send(self, *keys: str) -> float:
        """Press keys; return the moment (seconds since start) just before they were sent."""
        moment = time.monotonic() - self.started
        tmux("send-keys", "-t", self.session, *keys)
        return moment

    def pid(self) -> int | None:
        shown = tmux("list-panes", "-t", self.session, "-F", "#{pane_pid}").stdout.split()
        return int(shown[0]) if shown else None

    def peak_rss_mib(self) -> float:
        """Peak resident memory of the app process so far (VmHWM, as ru_maxrss), in MiB."""
        pid = self.pid()
        if pid is None:
            return float("nan")
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def wait_idle(self, quiet: float = 2.0, timeout: float = 600.0) -> float:
        """Wait until the process has used no CPU for `quiet` seconds; return seconds since start."""
        pid = self.pid()
        deadline = time.monotonic() + timeout
        last, still_since = -1, time.monotonic()
        while pid is not None and time.monotonic() < deadline:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used = int(fields[11]) + int(fields[12])
            now = time.monotonic()
            if used != last:
                last, still_since = used, now
            elif now - still_since >= quiet:
                return still_since - self.started
            time.sleep(0.1)
        return float("nan")

    def stop(self) -> None:
        tmux("kill-session", "-t", self.session)


_counter = 0


def start(argv: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Start `argv` in a fresh 120x40 tmux session with a ready-marker file; the clock starts here."""
    global _counter
    _counter += 1
    session = f"run{_counter}"
    marker = Path(tempfile.mkdtemp(prefix="marker-", dir=WORK)) / "ready"
    variables = {"DIPREADER_READY_FILE": str(marker), "DIPREADER_CONFIG_DIR": str(CONFIG_DIR), **(env or {})}
    command = shlex.join(["env", *(f"{k}={v}" for k, v in variables.items()), *argv])
    started = time.monotonic()
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    return Run(session, marker, started)


def dipreader(articles: Path, data_dir: Path) -> list[str]:
    return [PYTHON, "-m", "dipreader", "--articles", str(articles), "--data-dir", str(data_dir)]


def baseline(*args: str) -> list[str]:
    return [PYTHON, str(REPO / "benchmarks" / "baseline_app.py"), *args]


def time_to(
    argv: Sequence[str],
    event: str = "first-screen",
    timeout: float = 120.0,
    env: dict[str, str] | None = None,
) -> float:
    """Start, wait for `event`, stop: seconds from process start to the event."""
    run = start(argv, env)
    try:
        return run.wait_for(event, timeout)
    finally:
        run.stop()


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def setup() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    CONFIG_DIR.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO / "benchmarks"))


def machine() -> str:
    """One line about where the figures come from."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import textual

    return (
        f"{os.cpu_count()} cores, {cpu}; Python {sys.version.split()[0]}; "
        f"Textual {textual.__version__}; tmux 120x40"
    )


def seed_notes(
    store: Any,
    article_ids: Sequence[str],
    body: str,
    content_hash: str,
    count: int,
    *,
    width: int = 40,
    step: int = 7919,
    note: str = "note {n}",
    tags: Sequence[str] = ("bench",),
) -> None:
    """Save `count` notes of `width` characters on `body` into `store` (one `merge_annotations`: one
    transaction, written in batches), the n-th on `article_ids[n % len(article_ids)]` at offset
    n * `step` (modulo the body, so they spread over it), saved against `content_hash` (another
    text's: the reader places them again). dipreader is imported here, after the caller chose which
    `src/` to run. A million notes took 19 minutes a note at a time; see benchmarks/README.md."""
    anchoring = importlib.import_module("dipreader.model.anchoring")
    room = max(1, len(body) - width)
    # Ids in order (after a random run prefix) and one timestamp: the store's id index is appended
    # to, not written at random pages, and no clock is read per note.
    run, now = uuid.uuid4().hex[:8], anchoring.utc_now_iso()

    def made(n: int) -> Any:
        start = (n * step) % room
        prefix, suffix = anchoring.context_around(body, start, start + width)
        return anchoring.Annotation(
            id=f"{run}{n:024x}",
            article_id=article_ids[n % len(article_ids)],
            content_hash=content_hash,
            start=start,
            end=start + width,
            exact=body[start : start + width],
            prefix=prefix,
            suffix=suffix,
            note=note.format(n=n),
            tags=tuple(tags),
            created=now,
            updated=now,
        )

    store.merge_annotations(made(n) for n in range(count))
