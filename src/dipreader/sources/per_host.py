"""Run downloads a few at a time but one at a time per host, finishing each in the caller's thread."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

# A job runs in a worker thread and returns the step that finishes it in the calling thread.
Job = Callable[[], Callable[[], None]]


class PerHostRunner:
    """A queue of jobs per host; `run` keeps up to `workers` hosts busy until every queue is empty.

    A finishing step may add jobs (a feed's items after the feed), which run in the same `run`.
    """

    def __init__(self, workers: int) -> None:
        self._workers = max(1, workers)
        self._queues: dict[str, deque[Job]] = {}
        self._waiting: deque[str] = deque()
        self._busy: set[str] = set()

    def add(self, host: str, job: Job) -> None:
        self._queues.setdefault(host, deque()).append(job)
        if host not in self._busy and host not in self._waiting:
            self._waiting.append(host)

    def run(self) -> None:
        with ThreadPoolExecutor(self._workers, thread_name_prefix="dipreader-fetch") as pool:
            running: dict[Future[Callable[[], None]], str] = {}
            while True:
                while self._waiting and len(running) < self._workers:
                    host = self._waiting.popleft()
                    self._busy.add(host)
                    running[pool.submit(self._queues[host].popleft())] = host
                if not running:
                    return
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    host = running.pop(future)
                    self._busy.discard(host)
                    if self._queues[host]:
                        self._waiting.append(host)
                    future.result()()
