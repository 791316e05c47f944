"""sources.web against a local server: statuses, redirects, limits, encodings, charsets, conditional requests."""

from __future__ import annotations

import gzip
import socket
import zlib
from collections.abc import Iterator

import pytest
from sources_pages import COURIER_PAGE, CYRILLIC_PAGE, CYRILLIC_TITLE
from sources_site import LocalSite, Reply, Seen, without_proxies

from dipreader import __version__
from dipreader.sources.web import (
    FEED_TYPES,
    FetchError,
    FetchLimits,
    check_url,
    declared_charset,
    decode_body,
    fetch,
)

FAST = FetchLimits(connect_timeout=2.0, read_timeout=0.3, total_timeout=5.0, max_retry_wait=2.0)


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalSite]:
    without_proxies(monkeypatch)
    with LocalSite() as local:
        yield local


def test_a_page_comes_back_decoded_with_its_type_and_our_user_agent(site: LocalSite) -> None:
    site.page("/story.html", COURIER_PAGE)
    result = fetch(site.url("/story.html"), limits=FAST)
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert "Southern Gas Corridor" in result.text()
    agent = site.requests[0].headers["user-agent"]
    assert agent.startswith(f"dipreader/{__version__}")
    assert "gzip" in site.requests[0].headers["accept-encoding"]


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500")])
def test_an_error_status_is_one_line_naming_it(site: LocalSite, status: int, words: str) -> None:
    site.reply("/gone", Reply(status, b"no", {"Content-Type": "text/html"}))
    with pytest.raises(FetchError) as caught:
        fetch(site.url("/gone"), limits=FAST)
    assert words in caught.value.reason
    assert "\n" not in str(caught.value)
    assert caught.value.url == site.url("/gone")


def test_redirects_are_followed_to_the_final_url(site: LocalSite) -> None:
    site.reply("/old", Reply(301, headers={"Location": "/newer"}))
    site.reply("/newer", Reply(302, headers={"Location": site.url("/newest")}))
    site.page("/newest", COURIER_PAGE)
    result = fetch(site.url("/old"), limits=FAST)
    assert result.url == site.url("/newest")
    assert site.paths() == ["/old", "/newer", "/newest"]


def test_a_redirect_loop_is_caught(site: LocalSite) -> None:
    site.reply("/a", Reply(302, headers={"Location": "/b"}))
    site.reply("/b", Reply(302, headers={"Location": "/a"}))
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(site.url("/a"), limits=FAST)
    assert site.paths() == ["/a", "/b"]


def test_more_than_five_redirects_are_refused(site: LocalSite) -> None:
    for hop in range(7):
        site.reply(f"/hop{hop}", Reply(307, headers={"Location": f"/hop{hop + 1}"}))
    site.page("/hop7", COURIER_PAGE)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(site.url("/hop0"), limits=FAST)
    assert len(site.requests) == 6


def test_a_redirect_to_another_scheme_is_refused(site: LocalSite) -> None:
    site.reply("/sneaky", Reply(302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
        fetch(site.url("/sneaky"), limits=FAST)


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://example.org/file", "unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("javascript:alert(1)", "unsupported URL scheme 'javascript'"),
        ("example.org/page", "unsupported URL scheme none"),
        ("http:///nohost", "URL has no host"),
        ("http://example.org:notaport/", "not a valid URL"),
    ],
)
def test_urls_that_are_not_http_are_refused_before_any_connection(url: str, words: str) -> None:
    with pytest.raises(FetchError, match=words):
        check_url(url)
    with pytest.raises(FetchError, match=words):
        fetch(url)


def test_a_server_slower_than_the_read_timeout_fails_clearly(site: LocalSite) -> None:
    site.reply("/slow", Reply(200, COURIER_PAGE.encode(), {"Content-Type": "text/html"}, delay=3.0))
    with pytest.raises(FetchError, match=r"timed out reading from 127\.0\.0\.1:\d+ \(no data for 0\.3 s\)"):
        fetch(site.url("/slow"), limits=FAST)


def test_a_declared_length_over_the_cap_is_refused_unread(site: LocalSite) -> None:
    site.page("/big", "x" * 5000)
    with pytest.raises(FetchError, match="over the 1000 bytes limit"):
        fetch(site.url("/big"), limits=FetchLimits(max_bytes=1000))


def test_the_cap_counts_bytes_read_when_no_length_is_declared(site: LocalSite) -> None:
    site.reply("/stream", Reply(200, headers={"Content-Type": "text/html"}, chunks=[b"y" * 800] * 4))
    with pytest.raises(FetchError, match="larger than the 2 KB limit"):
        fetch(site.url("/stream"), limits=FetchLimits(max_bytes=2048))
    site.reply("/small", Reply(200, headers={"Content-Type": "text/html"}, chunks=[b"<p>", b"ok", b"</p>"]))
    assert fetch(site.url("/small"), limits=FetchLimits(max_bytes=2048)).body == b"<p>ok</p>"


def test_a_wrong_content_type_is_named(site: LocalSite) -> None:
    site.page("/logo.png", b"\x89PNG\r\n", content_type="image/png")
    with pytest.raises(FetchError, match=r"wrong content type image/png \(expected an HTML page\)"):
        fetch(site.url("/logo.png"), limits=FAST)
    with pytest.raises(FetchError, match=r"expected a feed"):
        fetch(site.url("/logo.png"), accept=FEED_TYPES, limits=FAST)
    assert fetch(site.url("/logo.png"), accept=None, limits=FAST).body == b"\x89PNG\r\n"


def test_gzip_and_deflate_bodies_are_decoded(site: LocalSite) -> None:
    site.gzipped("/zipped", COURIER_PAGE)
    assert fetch(site.url("/zipped"), limits=FAST).text() == COURIER_PAGE
    for path, data in (
        ("/zlib", zlib.compress(b"<p>zlib wrapped</p>")),
        ("/raw", zlib.compress(b"<p>raw deflate</p>")[2:-4]),
    ):
        site.reply(path, Reply(200, data, {"Content-Type": "text/html", "Content-Encoding": "deflate"}))
    assert fetch(site.url("/zlib"), limits=FAST).body == b"<p>zlib wrapped</p>"
    assert fetch(site.url("/raw"), limits=FAST).body == b"<p>raw deflate</p>"


def test_a_small_gzip_that_inflates_past_the_cap_is_refused(site: LocalSite) -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 10_000
    site.reply("/bomb", Reply(200, bomb, {"Content-Type": "text/html", "Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="once decompressed"):
        fetch(site.url("/bomb"), limits=FetchLimits(max_bytes=100_000))


def test_corrupt_gzip_is_a_clear_error(site: LocalSite) -> None:
    site.reply(
        "/broken", Reply(200, b"not gzip at all", {"Content-Type": "text/html", "Content-Encoding": "gzip"})
    )
    with pytest.raises(FetchError, match="not valid gzip data"):
        fetch(site.url("/broken"), limits=FAST)


def test_a_charset_in_the_header_is_honoured_latin1_read_as_browsers_do(site: LocalSite) -> None:
    body = "<p>Caf\u00e9 \u201cconsultations\u201d</p>".encode("cp1252")
    site.page("/latin", body, content_type="text/html; charset=ISO-8859-1")
    result = fetch(site.url("/latin"), limits=FAST)
    assert result.charset == "ISO-8859-1"
    assert result.text() == "<p>Caf\u00e9 \u201cconsultations\u201d</p>"


def test_a_charset_declared_only_in_meta_is_honoured(site: LocalSite) -> None:
    site.page("/ru", CYRILLIC_PAGE, content_type="text/html")
    text = fetch(site.url("/ru"), limits=FAST).text()
    assert CYRILLIC_TITLE in text


def test_the_header_charset_wins_over_meta() -> None:
    body = '<meta charset="windows-1251"><p>Ça va</p>'.encode()
    assert declared_charset(body, "utf-8") == "utf-8"
    assert decode_body(body, "utf-8").endswith("Ça va</p>")


def test_undeclared_bytes_are_utf8_when_they_decode_else_windows_1252() -> None:
    assert decode_body("naïve".encode()) == "naïve"
    assert decode_body("naïve".encode("cp1252")) == "naïve"
    assert decode_body(b"\xef\xbb\xbfwith a BOM") == "with a BOM"
    assert decode_body(b"<p>x</p>", "no-such-charset") == "<p>x</p>"


def test_conditional_requests_send_validators_and_a_304_is_not_modified(site: LocalSite) -> None:
    def conditional(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(
            200,
            b"<rss></rss>",
            {
                "Content-Type": "application/rss+xml",
                "ETag": '"v1"',
                "Last-Modified": "Fri, 13 Sep 2024 10:00:00 GMT",
            },
        )

    site.route("/feed.xml", conditional)
    first = fetch(site.url("/feed.xml"), accept=FEED_TYPES, limits=FAST)
    assert (first.etag, first.last_modified) == ('"v1"', "Fri, 13 Sep 2024 10:00:00 GMT")
    assert not first.not_modified
    second = fetch(
        site.url("/feed.xml"),
        accept=FEED_TYPES,
        etag=first.etag,
        last_modified=first.last_modified,
        limits=FAST,
    )
    assert second.not_modified
    assert second.body == b""
    assert second.last_modified == first.last_modified
    sent = site.requests[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Fri, 13 Sep 2024 10:00:00 GMT"


def test_429_waits_as_retry_after_asks_then_succeeds(site: LocalSite) -> None:
    answers = [
        Reply(429, headers={"Retry-After": "1"}),
        Reply(200, b"<p>ok</p>", {"Content-Type": "text/html"}),
    ]
    site.route("/busy", lambda _seen: answers.pop(0))
    waited: list[float] = []
    result = fetch(site.url("/busy"), limits=FAST, sleep=waited.append)
    assert result.body == b"<p>ok</p>"
    assert waited == [1.0]


def test_429_asking_for_too_long_a_wait_fails_without_waiting(site: LocalSite) -> None:
    site.reply("/busy", Reply(429, headers={"Retry-After": "3600"}))
    waited: list[float] = []
    with pytest.raises(FetchError, match=r"rate limited \(HTTP 429\): server asks to wait 3600 s"):
        fetch(site.url("/busy"), limits=FAST, sleep=waited.append)
    assert waited == []


def test_429_for_ever_gives_up_after_the_retries(site: LocalSite) -> None:
    site.reply("/busy", Reply(429, headers={"Retry-After": "0"}))
    waited: list[float] = []
    with pytest.raises(FetchError, match=r"rate limited \(HTTP 429\) after 2 retries"):
        fetch(site.url("/busy"), limits=FAST, sleep=waited.append)
    assert waited == [0.0, 0.0]


def test_a_closed_port_is_connection_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    without_proxies(monkeypatch)
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(FetchError, match=r"connection refused by 127\.0\.0\.1"):
        fetch(f"http://127.0.0.1:{port}/", limits=FAST)


def test_an_unknown_host_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    without_proxies(monkeypatch)

    def no_such_host(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(FetchError, match=r"cannot resolve host news\.invalid"):
        fetch("http://news.invalid/story", limits=FAST)
