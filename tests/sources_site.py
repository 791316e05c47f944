"""A local web site for the sources tests: routes on 127.0.0.1, requests recorded, nothing from outside."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import pytest


@dataclass
class Reply:
    """What a route answers; `chunks` streams the body without a Content-Length when set."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes] | None = None
    delay: float = 0.0


@dataclass(frozen=True)
class Seen:
    """One request as the server saw it."""

    path: str
    host: str
    headers: dict[str, str]


Route = Callable[[Seen], Reply]
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def without_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to the local site must not go to a proxy set in the environment."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


class LocalSite:
    """A ThreadingHTTPServer on 127.0.0.1, port 0, answering from a table of routes."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.in_flight: dict[str, int] = {}
        self.most_in_flight: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def page(
        self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", **extra: str
    ) -> None:
        """A fixed 200 answer."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda _seen: Reply(200, data, {"Content-Type": content_type, **extra})

    def reply(self, path: str, reply: Reply) -> None:
        self.routes[path] = lambda _seen: reply

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route

    def gzipped(self, path: str, body: str, content_type: str = "text/html; charset=utf-8") -> None:
        data = gzip.compress(body.encode("utf-8"))
        self.routes[path] = lambda _seen: Reply(
            200, data, {"Content-Type": content_type, "Content-Encoding": "gzip"}
        )

    def paths(self) -> list[str]:
        with self._lock:
            return [seen.path for seen in self.requests]

    def wait(self, seconds: float) -> None:
        """Sleep in a handler, cut short when the site stops."""
        self._stopping.wait(seconds)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            _counted = False

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
                seen = Seen(self.path, host, {key.lower(): value for key, value in self.headers.items()})
                with site._lock:
                    site.requests.append(seen)
                    site.in_flight[host] = site.in_flight.get(host, 0) + 1
                    site.most_in_flight[host] = max(site.most_in_flight.get(host, 0), site.in_flight[host])
                self._counted = True
                try:
                    route = site.routes.get(self.path.split("?", 1)[0])
                    reply = route(seen) if route else Reply(404, b"not here", {"Content-Type": "text/plain"})
                    if reply.delay:
                        site.wait(reply.delay)
                    self._send(reply, host)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    self._done(host)

            def _done(self, host: str) -> None:
                # Counted out before the last bytes go: the client cannot ask again until it has them.
                if self._counted:
                    self._counted = False
                    with site._lock:
                        site.in_flight[host] -= 1

            def _send(self, reply: Reply, host: str) -> None:
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.chunks is not None:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for chunk in reply.chunks:
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self._done(host)
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self._done(host)
                self.wfile.write(reply.body)

        return Handler


def article_page(
    *,
    title: str,
    paragraphs: list[str],
    site_name: str | None = None,
    published: str | None = None,
    author: str | None = None,
    canonical: str | None = None,
    charset: str = "utf-8",
    json_ld: bool = False,
) -> str:
    """A news page with navigation, a sidebar and a footer around the article, in the given metadata style."""
    head = [f'<meta charset="{charset}">', f"<title>{title}{' | ' + site_name if site_name else ''}</title>"]
    if json_ld:
        author_part = f'"author": {{"@type": "Person", "name": "{author}"}},' if author else ""
        publisher = f'"publisher": {{"@type": "Organization", "name": "{site_name}"}},' if site_name else ""
        date_part = f'"datePublished": "{published}",' if published else ""
        head.append(
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            f'{author_part}{publisher}{date_part}"headline": "{title}"}}</script>'
        )
    else:
        if site_name:
            head.append(f'<meta property="og:site_name" content="{site_name}">')
        if published:
            head.append(f'<meta property="article:published_time" content="{published}">')
        if author:
            head.append(f'<meta name="author" content="{author}">')
        head.append(f'<meta property="og:title" content="{title}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head>' + "".join(head) + "</head><body>"
        '<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>'
        ' <a href="/opinion">Opinion</a></nav></header>'
        f'<main><article><h1>{title}</h1><div class="byline">{author or ""}</div>{body}</article>'
        '<aside><h2>Most read</h2><ul><li><a href="/a">Markets rally</a></li>'
        '<li><a href="/b">Storm warning</a></li></ul></aside></main>'
        '<footer><p>Copyright. All rights reserved.</p><a href="/privacy">Privacy</a></footer>'
        "</body></html>"
    )
