"""Feed fetch benchmark: `fetch_feeds` over ITEMS feed items served from local servers, medians of repeated runs.

python benchmarks/bench_fetch.py [--items 200] [--repeat 5] [--latency 0.02] [--workers 4]

Three cases, each run into a fresh library and feed list:
  summaries, one host   RSS 2.0 of summaries; every item's page fetched from 127.0.0.1 (one at a time)
  summaries, 4 hosts    the same items spread over four feeds on 127.0.0.1-127.0.0.4 (four at a time)
  full text             Atom entries carrying the whole article: no page requests, extraction only
Each server answer waits LATENCY seconds first, standing in for the network.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from dipreader.sources.feeds import add_feed, feeds_path, fetch_feeds

COUNTRIES = ["Azerbaijan", "Italy", "Georgia", "Kazakhstan", "Turkey", "Albania", "Poland", "Greece"]


def article_html(number: int) -> str:
    first, second = COUNTRIES[number % 8], COUNTRIES[(number * 3 + 1) % 8]
    paragraphs = "".join(
        f"<p>Paragraph {p} of report {number}: officials from {first} and {second} discussed transit, "
        f"energy and {number * 7 + p} proposals for cooperation, the ministries said after the talks.</p>"
        for p in range(8)
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Report {number}</title>'
        f'<meta property="og:site_name" content="Bench Daily"><meta property="article:published_time" '
        f'content="2024-09-{number % 28 + 1:02d}"></head><body><nav><a href="/">Home</a></nav>'
        f"<article><h1>Report {number}: {first} and {second}</h1>{paragraphs}</article>"
        "<footer>Bench Daily</footer></body></html>"
    )


def rss(base: str, numbers: range) -> str:
    items = "".join(
        f"<item><title>Report {n}</title><link>{base}/news/{n}.html</link><guid>bench-{n}</guid>"
        f"<pubDate>Fri, 13 Sep 2024 10:00:00 GMT</pubDate><description>Summary {n}.</description></item>"
        for n in numbers
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{items}</channel></rss>'


def atom(numbers: range) -> str:
    entries = "".join(
        f"<entry><title>Report {n}</title><id>urn:bench:{n}</id><link href='http://bench.invalid/{n}'/>"
        f"<updated>2024-09-13T10:00:00Z</updated><content type='html'>"
        + article_html(n)
        .split("<article>")[1]
        .split("</article>")[0]
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        + "</content></entry>"
        for n in numbers
    )
    return (
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title>{entries}</feed>'
    )


class Servers:
    """One ThreadingHTTPServer per loopback address, all answering the same routes after a pause."""

    def __init__(self, hosts: list[str], latency: float) -> None:
        self.routes: dict[str, tuple[str, bytes]] = {}
        self.latency = latency
        self.servers = [ThreadingHTTPServer((host, 0), self._handler()) for host in hosts]
        for server in self.servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()

    def base(self, index: int) -> str:
        host, port = self.servers[index].server_address[:2]
        return f"http://{host!s}:{port}"

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        servers = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                time.sleep(servers.latency)
                content_type, body = servers.routes.get(self.path, ("text/plain", b"missing"))
                self.send_response(200 if self.path in servers.routes else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def time_case(setup: Callable[[Path], None], repeat: int, workers: int, items: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        work = Path(tempfile.mkdtemp(prefix="bench-fetch-"))
        try:
            feeds, library = feeds_path(work / "data"), work / "articles"
            library.mkdir()
            setup(feeds)
            started = time.perf_counter()
            summary = fetch_feeds(feeds, library, workers=workers)
            samples.append(time.perf_counter() - started)
            if summary.added != items or summary.failures:
                raise RuntimeError(f"expected {items} new, got {summary.line()}: {summary.failures[:3]}")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        os.environ.pop(name, None)
    hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"]
    servers = Servers(hosts, args.latency)
    numbers = range(args.items)
    try:
        for index in range(len(hosts)):
            base = servers.base(index)
            for n in numbers:
                servers.routes[f"/news/{n}.html"] = ("text/html; charset=utf-8", article_html(n).encode())
            share = range(index, args.items, len(hosts))
            servers.routes[f"/part{index}.xml"] = ("application/rss+xml", rss(base, share).encode())
        servers.routes["/all.xml"] = ("application/rss+xml", rss(servers.base(0), numbers).encode())
        servers.routes["/atom.xml"] = ("application/atom+xml", atom(numbers).encode())

        def one_host(feeds: Path) -> None:
            add_feed(feeds, servers.base(0) + "/all.xml")

        def four_hosts(feeds: Path) -> None:
            for index in range(len(hosts)):
                add_feed(feeds, servers.base(index) + f"/part{index}.xml", name=f"part{index}")

        def full_text(feeds: Path) -> None:
            add_feed(feeds, servers.base(0) + "/atom.xml")

        cases = [
            ("summaries, one host", one_host),
            ("summaries, 4 hosts", four_hosts),
            ("full text", full_text),
        ]
        results = [(label, time_case(setup, args.repeat, args.workers, args.items)) for label, setup in cases]
    finally:
        servers.close()
    print(
        f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; {args.items} items; latency {args.latency * 1000:.0f} ms"
    )
    print(f"| fetch_feeds, {args.items} items, workers={args.workers} | median of {args.repeat} | items/s |")
    print("| --- | ---: | ---: |")
    for label, samples in results:
        median = statistics.median(samples)
        print(f"| {label} | {median:.2f} s | {args.items / median:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
