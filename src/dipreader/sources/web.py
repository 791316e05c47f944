"""Fetch one URL safely: http(s) only, timeouts, a size cap, few redirects, conditional requests."""

from __future__ import annotations

import codecs
import email.message
import email.utils
import http.client
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from dipreader import __version__

USER_AGENT = f"dipreader/{__version__} (terminal news reader)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "text/plain",
        # Misconfigured servers send feeds as HTML or as bytes; the feed parser decides.
        "text/html",
        "application/octet-stream",
    }
)
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024
# The HTML prescan looks this far for a <meta charset>; pages put it in the head.
_META_SCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)["']""")
# Labels that browsers read as windows-1252, whose extra characters pages labelled so do use.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"}


class FetchError(Exception):
    """A URL that could not be fetched; `reason` is one line, `url` the address that failed."""

    def __init__(self, reason: str, url: str = "") -> None:
        super().__init__(f"{url}: {reason}" if url else reason)
        self.reason = reason
        self.url = url


@dataclass(frozen=True)
class FetchLimits:
    """How long to wait and how much to read; seconds and bytes."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    max_retry_wait: float = 30.0
    retries_on_429: int = 2


DEFAULT_LIMITS = FetchLimits()


@dataclass(frozen=True)
class FetchResult:
    """A response: `not_modified` for a 304, else the decoded-from-gzip body and its type."""

    url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text, by the declared charset (header, then <meta>), else UTF-8 or windows-1252."""
        return decode_body(self.body, self.charset)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _bom_codec(body: bytes) -> str | None:
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def declared_charset(body: bytes, header_charset: str | None) -> str | None:
    """The codec a document declares: a BOM, the HTTP header, a <meta charset> or an XML declaration."""
    head = body[:_META_SCAN_BYTES]
    meta = _META_CHARSET.search(head)
    xml = _XML_ENCODING.search(head)
    for label in (
        _bom_codec(body),
        header_charset,
        meta.group(1).decode("ascii") if meta else None,
        xml.group(1).decode("ascii") if xml else None,
    ):
        codec = label if label in ("utf-8-sig", "utf-16") else _codec(label)
        if codec:
            return codec
    return None


def decode_body(body: bytes, header_charset: str | None = None) -> str:
    """Bytes to text by the declared charset; undeclared bytes are UTF-8 if they decode, else windows-1252."""
    codec = declared_charset(body, header_charset)
    if codec:
        # A UTF-8 declaration over UTF-8 bytes that begin with a BOM keeps the BOM out of the text.
        text = body.decode(codec, errors="replace")
        return text.removeprefix("\ufeff")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    """("text/html", "utf-8") from a Content-Type header."""
    if not header:
        return None, None
    message = email.message.Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


@dataclass
class _Phase:
    """Whether the current request got past connecting, to tell a connect timeout from a read timeout."""

    connected: bool = False


class _TimedMixin:
    """A connection that connects within one timeout and then waits at most another for each read."""

    read_timeout: float = 20.0
    phase: _Phase | None = None
    sock: Any

    def _after_connect(self) -> None:
        self.sock.settimeout(self.read_timeout)
        if self.phase is not None:
            self.phase.connected = True


class _TimedHTTPConnection(_TimedMixin, http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        self._after_connect()


class _TimedHTTPSConnection(_TimedMixin, http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        self._after_connect()


class _TimedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout: float, phase: _Phase) -> None:
        super().__init__()
        self._read_timeout = read_timeout
        self._phase = phase

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        def connection(host: str, **kwargs: Any) -> http.client.HTTPConnection:
            made = _TimedHTTPConnection(host, **kwargs)
            made.read_timeout, made.phase = self._read_timeout, self._phase
            return made

        return self.do_open(connection, req)


class _TimedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, read_timeout: float, phase: _Phase) -> None:
        super().__init__()
        self._read_timeout = read_timeout
        self._phase = phase

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        def connection(host: str, **kwargs: Any) -> http.client.HTTPConnection:
            made = _TimedHTTPSConnection(host, **kwargs)
            made.read_timeout, made.phase = self._read_timeout, self._phase
            return made

        return self.do_open(connection, req, context=ssl.create_default_context())


class _EveryStatus(urllib.request.HTTPErrorProcessor):
    """Hand every response back: redirects, 304 and errors are decided here, not by urllib."""

    def http_response(
        self, request: urllib.request.Request, response: http.client.HTTPResponse
    ) -> http.client.HTTPResponse:
        return response

    https_response = http_response


def _opener(limits: FetchLimits, phase: _Phase) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        _TimedHTTPHandler(limits.read_timeout, phase),
        _TimedHTTPSHandler(limits.read_timeout, phase),
        _EveryStatus(),
    )


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) URL with a host; raises FetchError otherwise."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise FetchError("not a valid URL", url) from None
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"'{parts.scheme}'" if parts.scheme else "none"
        raise FetchError(f"unsupported URL scheme {shown} (only http and https)", url)
    if not parts.hostname:
        raise FetchError("URL has no host", url)
    return urllib.parse.urlunsplit(parts)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe_os_error(error: BaseException, host: str, phase: str, limits: FetchLimits) -> str:
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        error = error.reason
    if isinstance(error, TimeoutError | socket.timeout):
        if phase == "connect":
            return f"timed out connecting to {host} (no answer in {limits.connect_timeout:g} s)"
        return f"timed out reading from {host} (no data for {limits.read_timeout:g} s)"
    if isinstance(error, socket.gaierror):
        return f"cannot resolve host {host}"
    if isinstance(error, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(error, ConnectionResetError):
        return f"connection reset by {host}"
    if isinstance(error, ssl.SSLError):
        return f"TLS error with {host}: {getattr(error, 'reason', None) or error}"
    if isinstance(error, http.client.HTTPException):
        return f"bad response from {host}: {type(error).__name__}"
    if isinstance(error, urllib.error.URLError):
        return f"cannot reach {host}: {error.reason}"
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return f"cannot reach {host}: {text}"


def _decompress(body: bytes, encoding: str, limits: FetchLimits, url: str) -> bytes:
    """Undo gzip or deflate, refusing output beyond the byte cap (a small bomb stays small)."""
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported Content-Encoding {encoding!r}", url)
    # 47 reads a gzip or a zlib header; -15 is the raw deflate some servers send as "deflate".
    for wbits in (47, -15) if encoding == "deflate" else (47,):
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(body, limits.max_bytes + 1)
        except zlib.error:
            continue
        if len(out) > limits.max_bytes or inflater.unconsumed_tail:
            raise FetchError(
                f"response larger than the {_size(limits.max_bytes)} limit once decompressed", url
            )
        return out
    raise FetchError(f"response is not valid {encoding} data", url)


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MB"
    if count >= 1024:
        return f"{count / 1024:g} KB"
    return f"{count} bytes"


def _read_capped(response: http.client.HTTPResponse, limits: FetchLimits, started: float, url: str) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(
            f"response of {_size(int(declared))} is over the {_size(limits.max_bytes)} limit", url
        )
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > limits.max_bytes:
            raise FetchError(f"response larger than the {_size(limits.max_bytes)} limit", url)
        if time.monotonic() - started > limits.total_timeout:
            raise FetchError(f"download took longer than {limits.total_timeout:g} s", url)
        chunks.append(chunk)
    return b"".join(chunks)


def _status_error(status: int, reason: str) -> str:
    phrase = reason or http.client.responses.get(status, "")
    return f"HTTP {status} {phrase}".rstrip()


def _type_error(media_type: str | None, accept: Collection[str]) -> str:
    wanted = "an HTML page" if set(accept) <= HTML_TYPES else "a feed" if set(accept) <= FEED_TYPES else None
    wanted = wanted or ", ".join(sorted(accept))
    return f"wrong content type {media_type} (expected {wanted})"


def _request(
    url: str, etag: str | None, last_modified: str | None, accept_header: str
) -> urllib.request.Request:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": accept_header,
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return urllib.request.Request(url, headers=headers, method="GET")


def _accept_header(accept: Collection[str] | None) -> str:
    if not accept:
        return "*/*"
    return ", ".join(sorted(accept)) + ", */*;q=0.1"


def _redirect_target(
    response: http.client.HTTPResponse, current: str, first: str, visited: list[str], limits: FetchLimits
) -> str:
    """Where a redirect leads, once checked: a Location, no loop, not too many hops, http(s) only."""
    location = response.headers.get("Location")
    if not location:
        raise FetchError(f"HTTP {response.status} redirect without a Location", current)
    target = urllib.parse.urldefrag(urllib.parse.urljoin(current, location.strip())).url
    if target in visited:
        raise FetchError(f"redirect loop (back to {target})", first)
    if len(visited) > limits.max_redirects:
        raise FetchError(f"more than {limits.max_redirects} redirects", first)
    try:
        checked = check_url(target)
    except FetchError as error:
        raise FetchError(f"redirected to a refused URL: {error.reason}", target) from None
    visited.append(checked)
    return checked


def _retry_wait(response: http.client.HTTPResponse, attempt: int, current: str, limits: FetchLimits) -> float:
    """Seconds to wait before retry `attempt` after a 429, as Retry-After asks, within the limits."""
    wait = _retry_after(response.headers.get("Retry-After"))
    if wait is None:
        wait = 1.0
    if wait > limits.max_retry_wait:
        raise FetchError(
            f"rate limited (HTTP 429): server asks to wait {wait:.0f} s, "
            f"more than {limits.max_retry_wait:g} s",
            current,
        )
    if attempt > limits.retries_on_429:
        raise FetchError(f"rate limited (HTTP 429) after {attempt - 1} retries", current)
    return wait


def fetch(
    url: str,
    *,
    accept: Collection[str] | None = HTML_TYPES,
    etag: str | None = None,
    last_modified: str | None = None,
    limits: FetchLimits = DEFAULT_LIMITS,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchResult:
    """GET `url`, following at most `limits.max_redirects` redirects; raises FetchError on any failure.

    `accept` lists the media types wanted (None takes any). `etag` and `last_modified` make the
    request conditional; a 304 comes back as a result whose `not_modified` is true.
    """
    current = check_url(url)
    phase = _Phase()
    opener = _opener(limits, phase)
    visited = [current]
    waits = 0
    started = time.monotonic()
    while True:
        host = urllib.parse.urlsplit(current).netloc
        request = _request(current, etag, last_modified, _accept_header(accept))
        phase.connected = False
        try:
            response = opener.open(request, timeout=limits.connect_timeout)
        except ValueError as error:
            raise FetchError(f"not a valid URL ({error})", current) from None
        except (OSError, http.client.HTTPException) as error:
            stage = "read" if phase.connected else "connect"
            raise FetchError(_describe_os_error(error, host, stage, limits), current) from None
        with response:
            status = response.status
            if status in _REDIRECTS:
                current = _redirect_target(response, current, url, visited, limits)
                continue
            if status == 429:
                waits += 1
                sleep(_retry_wait(response, waits, current, limits))
                continue
            etag_out = response.headers.get("ETag")
            modified_out = response.headers.get("Last-Modified")
            media_type, charset = _media_type(response.headers.get("Content-Type"))
            if status == 304:
                return FetchResult(
                    current, 304, media_type, charset, b"", etag_out or etag, modified_out or last_modified
                )
            if not 200 <= status < 300:
                raise FetchError(_status_error(status, response.reason), current)
            if accept and media_type is not None and media_type not in accept:
                raise FetchError(_type_error(media_type, accept), current)
            try:
                raw = _read_capped(response, limits, started, current)
            except (OSError, http.client.HTTPException) as error:
                raise FetchError(_describe_os_error(error, host, "read", limits), current) from None
            encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
            body = _decompress(raw, encoding, limits, current)
            return FetchResult(current, status, media_type, charset, body, etag_out, modified_out)
