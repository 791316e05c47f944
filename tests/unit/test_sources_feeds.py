"""sources.feeds: the feed list, OPML in and out, and fetching RSS and Atom items into the library once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sources_feeds_fixtures import BROKEN_XML, atom_full_text, item_page, item_title, rss1, rss2
from sources_site import LocalSite, Reply, Seen, without_proxies

from dipreader.sources.feeds import (
    FeedListError,
    FetchProgress,
    add_feed,
    export_opml,
    feeds_path,
    fetch_feeds,
    import_opml,
    list_feeds,
    load_feeds,
    remove_feed,
)
from dipreader.sources.files import parse_article
from dipreader.sources.opml import OpmlError, Outline, parse_opml, render_opml
from dipreader.sources.per_host import PerHostRunner
from dipreader.sources.web import FetchLimits

FAST = FetchLimits(connect_timeout=2.0, read_timeout=1.0, total_timeout=5.0)
RSS = "application/rss+xml; charset=utf-8"


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalSite]:
    without_proxies(monkeypatch)
    with LocalSite() as local:
        yield local


@pytest.fixture
def feeds(tmp_path: Path) -> Path:
    return feeds_path(tmp_path / "data")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    return root


def _serve_items(site: LocalSite, numbers: range) -> None:
    for number in numbers:
        site.page(f"/news/{number}.html", item_page(number))


def _with_etag(body: str, etag: str, content_type: str = RSS) -> Callable[[Seen], Reply]:
    def answer(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(200, body.encode("utf-8"), {"Content-Type": content_type, "ETag": etag})

    return answer


def test_feeds_are_added_listed_and_removed(feeds: Path) -> None:
    first = add_feed(feeds, "https://www.meridian.example/rss", tag="world")
    second = add_feed(feeds, "https://meridian.example/other.xml", name="Meridian other")
    third = add_feed(feeds, "https://www.meridian.example/business.xml")
    assert (first.name, first.tag) == ("meridian.example", "world")
    assert third.name == "meridian.example-2"
    assert [feed.name for feed in list_feeds(feeds)] == [
        "meridian.example",
        "Meridian other",
        "meridian.example-2",
    ]
    with pytest.raises(FeedListError, match="already in the feed list"):
        add_feed(feeds, "https://www.meridian.example/rss")
    with pytest.raises(FeedListError, match="a feed named 'Meridian other' is already"):
        add_feed(feeds, "https://elsewhere.example/rss", name="Meridian other")
    with pytest.raises(FeedListError, match="unsupported URL scheme 'ftp'"):
        add_feed(feeds, "ftp://meridian.example/rss")
    assert remove_feed(feeds, second.name).url == second.url
    assert remove_feed(feeds, "https://www.meridian.example/rss").name == "meridian.example"
    assert [feed.name for feed in list_feeds(feeds)] == ["meridian.example-2"]
    with pytest.raises(FeedListError, match="no feed named 'nothing'"):
        remove_feed(feeds, "nothing")


def test_a_damaged_feed_list_is_a_clear_error(feeds: Path) -> None:
    feeds.parent.mkdir(parents=True)
    feeds.write_text("feeds: [unclosed\n", encoding="utf-8")
    with pytest.raises(FeedListError, match="is not valid YAML"):
        load_feeds(feeds)
    feeds.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(FeedListError, match="expected a 'feeds:' list"):
        load_feeds(feeds)


NEWSBOAT_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>newsboat export</title></head><body>
  <outline text="Caucasus">
    <outline type="rss" text="Meridian World" xmlUrl="https://meridian.example/rss" htmlUrl="https://meridian.example/"/>
    <outline type="rss" text="Ionian Observer" xmlURL="https://ionian.example/atom" category="/sea"/>
  </outline>
  <outline type="rss" title="Balkan Digest" text="ignored" xmlUrl="https://balkan.example/rdf"/>
  <outline type="rss" text="Gopher" xmlUrl="gopher://old.example/feed"/>
</body></opml>"""


def test_opml_outlines_carry_names_and_folders_as_tags() -> None:
    assert parse_opml(NEWSBOAT_OPML) == [
        Outline("Meridian World", "https://meridian.example/rss", "Caucasus"),
        Outline("Ionian Observer", "https://ionian.example/atom", "sea"),
        Outline("Balkan Digest", "https://balkan.example/rdf", None),
        Outline("Gopher", "gopher://old.example/feed", None),
    ]


def test_opml_import_adds_new_feeds_and_export_gives_them_back(feeds: Path) -> None:
    add_feed(feeds, "https://balkan.example/rdf", name="Balkans")
    report = import_opml(feeds, NEWSBOAT_OPML)
    assert [feed.name for feed in report.added] == ["Meridian World", "Ionian Observer"]
    assert report.skipped == (
        ("https://balkan.example/rdf", "already in the feed list"),
        ("gopher://old.example/feed", "unsupported URL scheme 'gopher' (only http and https)"),
    )
    exported = export_opml(feeds)
    assert exported.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert parse_opml(exported) == [
        Outline("Balkans", "https://balkan.example/rdf", None),
        Outline("Meridian World", "https://meridian.example/rss", "Caucasus"),
        Outline("Ionian Observer", "https://ionian.example/atom", "sea"),
    ]


def test_opml_with_entity_declarations_is_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<opml version="2.0"><body><outline text="&lol2;" xmlUrl="https://x.example/"/></body></opml>'
    )
    with pytest.raises(OpmlError, match="OPML refused: it declares XML entities"):
        parse_opml(laughs)


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ("<opml><body><outline", "broken OPML"),
        ("<rss version='2.0'><channel/></rss>", "not an OPML document"),
    ],
)
def test_broken_or_foreign_opml_is_a_clear_error(feeds: Path, document: str, words: str) -> None:
    with pytest.raises(FeedListError, match=words):
        import_opml(feeds, document)


def test_render_opml_escapes_names() -> None:
    text = render_opml([Outline('Tom & Jerry "News"', "https://x.example/?a=1&b=2", "a<b")])
    assert parse_opml(text) == [Outline('Tom & Jerry "News"', "https://x.example/?a=1&b=2", "a<b")]


def test_an_rss_feed_of_summaries_adds_each_item_from_its_page_once(
    site: LocalSite, feeds: Path, library: Path
) -> None:
    _serve_items(site, range(6))
    site.route("/rss.xml", _with_etag(rss2(site.url(""), range(6)), '"r1"'))
    add_feed(feeds, site.url("/rss.xml"), name="Meridian", tag="world")
    summary = fetch_feeds(feeds, library, limits=FAST)
    assert summary.line() == "1 feed, 6 new, 0 failed"
    assert sorted(path for path in site.paths() if path.startswith("/news/")) == [
        f"/news/{n}.html" for n in range(6)
    ]
    by_title = {result.title: result for result in summary.results}
    result = by_title[item_title(3)]
    assert result.status == "added"
    assert result.source == "Meridian Daily"
    assert result.url == site.url("/news/3.html")
    article = parse_article(Path(result.path or "").read_text(encoding="utf-8"), "x", "x")
    assert article.meta.tags == ("world",)
    assert "round 3 of their talks" in article.body
    stored = load_feeds(feeds)[0]
    assert stored.etag == '"r1"'
    assert sorted(stored.seen) == sorted(f"meridian-{n}" for n in range(6))

    again = fetch_feeds(feeds, library, limits=FAST)
    assert again.line() == "1 feed, 0 new, 0 failed"
    assert again.not_modified == 1
    assert site.requests[-1].headers["if-none-match"] == '"r1"'


def test_items_already_seen_are_not_fetched_again_when_the_feed_changes(
    site: LocalSite, feeds: Path, library: Path
) -> None:
    _serve_items(site, range(5))
    site.page("/rss.xml", rss2(site.url(""), range(3)), content_type=RSS)
    add_feed(feeds, site.url("/rss.xml"))
    assert fetch_feeds(feeds, library, limits=FAST).added == 3
    site.page("/rss.xml", rss2(site.url(""), range(5)), content_type=RSS)
    second = fetch_feeds(feeds, library, limits=FAST)
    assert second.line() == "1 feed, 2 new, 0 failed"
    page_requests = [path for path in site.paths() if path.startswith("/news/")]
    assert sorted(page_requests) == sorted(f"/news/{n}.html" for n in range(5))


def test_an_atom_feed_with_full_text_needs_no_page(site: LocalSite, feeds: Path, library: Path) -> None:
    site.page("/atom.xml", atom_full_text(site.url(""), 3), content_type="application/atom+xml")
    add_feed(feeds, site.url("/atom.xml"), name="Ionian")
    summary = fetch_feeds(feeds, library, limits=FAST)
    assert summary.line() == "1 feed, 3 new, 0 failed"
    assert site.paths() == ["/atom.xml"]
    result = next(r for r in summary.results if r.title == "Ionian talks, entry 1")
    assert (result.date, result.source) == ("2024-10-02", "Ionian Observer")
    text = Path(result.path or "").read_text(encoding="utf-8")
    assert "author: Eleni Pappas" in text
    assert "Entry 1, paragraph 5" in text


def test_rss_1_0_is_read(site: LocalSite, feeds: Path, library: Path) -> None:
    _serve_items(site, range(500, 502))
    site.page("/rdf", rss1(site.url("")), content_type="application/rdf+xml")
    add_feed(feeds, site.url("/rdf"))
    summary = fetch_feeds(feeds, library, limits=FAST)
    assert summary.line() == "1 feed, 2 new, 0 failed"


def test_each_failure_is_named_while_the_rest_go_on(site: LocalSite, feeds: Path, library: Path) -> None:
    _serve_items(site, range(3))
    site.page("/rss.xml", rss2(site.url(""), range(4)), content_type=RSS)  # item 3 has no page: 404
    site.page("/broken.xml", BROKEN_XML, content_type=RSS)
    site.page("/not-a-feed", "<html><body><p>Hello</p></body></html>", content_type="text/html")
    site.reply("/error.xml", Reply(500, b"", {"Content-Type": "text/plain"}))
    add_feed(feeds, site.url("/rss.xml"), name="Meridian")
    add_feed(feeds, site.url("/broken.xml"), name="Broken")
    add_feed(feeds, site.url("/not-a-feed"), name="Page")
    add_feed(feeds, site.url("/error.xml"), name="Down")
    summary = fetch_feeds(feeds, library, limits=FAST)
    assert summary.line() == "4 feeds, 3 new, 4 failed"
    lines = sorted(failure.line() for failure in summary.failures)
    assert lines[0].startswith("Broken: broken XML at line 1:")
    assert lines[1:] == [
        "Down: HTTP 500 Internal Server Error",
        f"Meridian: {item_title(3)}: HTTP 404 Not Found",
        "Page: not an RSS or Atom feed",
    ]
    # The feed with a failed item keeps no validators, and the failed item is not marked seen.
    meridian = load_feeds(feeds)[0]
    assert "meridian-3" not in meridian.seen
    site.page("/news/3.html", item_page(3))
    assert fetch_feeds(feeds, library, ["Meridian"], limits=FAST).line() == "1 feed, 1 new, 0 failed"


def test_an_unknown_feed_name_is_refused_before_fetching(feeds: Path, library: Path) -> None:
    add_feed(feeds, "https://meridian.example/rss", name="Meridian")
    with pytest.raises(FeedListError, match="no feed named 'Nothing'"):
        fetch_feeds(feeds, library, ["Nothing"])


def test_an_item_already_in_the_library_is_a_duplicate_not_a_failure(
    site: LocalSite, feeds: Path, library: Path
) -> None:
    _serve_items(site, range(2))
    site.page("/a.xml", rss2(site.url(""), range(2), title="Feed A"), content_type=RSS)
    site.page("/b.xml", rss2(site.url(""), range(2), title="Feed B"), content_type=RSS)
    add_feed(feeds, site.url("/a.xml"), name="A")
    add_feed(feeds, site.url("/b.xml"), name="B")
    summary = fetch_feeds(feeds, library, limits=FAST)
    assert summary.line() == "2 feeds, 2 new, 0 failed"
    assert summary.duplicates == 2
    assert all(len(feed.seen) == 2 for feed in load_feeds(feeds))


def test_downloads_run_one_at_a_time_per_host_and_progress_is_reported(
    site: LocalSite, feeds: Path, library: Path
) -> None:
    for number in range(8):
        # A short pause in each answer gives overlapping requests the chance to happen.
        site.reply(
            f"/news/{number}.html",
            Reply(200, item_page(number).encode("utf-8"), {"Content-Type": "text/html"}, delay=0.02),
        )
    site.page("/one.xml", rss2(site.url(""), range(4)), content_type=RSS)
    site.page("/two.xml", rss2(site.url("", host="localhost"), range(4, 8)), content_type=RSS)
    add_feed(feeds, site.url("/one.xml"))
    add_feed(feeds, site.url("/two.xml", host="localhost"))
    seen: list[FetchProgress] = []
    summary = fetch_feeds(feeds, library, progress=seen.append, workers=4, limits=FAST)
    assert summary.line() == "2 feeds, 8 new, 0 failed"
    assert site.most_in_flight == {"127.0.0.1": 1, "localhost": 1}
    assert [step.done for step in seen] == list(range(1, 11))
    assert seen[-1].total == 10
    assert all(step.done <= step.total for step in seen)


def test_the_runner_keeps_each_host_to_one_job_and_runs_jobs_added_while_running() -> None:
    runner = PerHostRunner(workers=3)
    lock = threading.Lock()
    busy: dict[str, int] = {}
    most: dict[str, int] = {}
    finished: list[str] = []

    def job(host: str, name: str, then: Callable[[], None] | None = None) -> Callable[[], Callable[[], None]]:
        def work() -> Callable[[], None]:
            with lock:
                busy[host] = busy.get(host, 0) + 1
                most[host] = max(most.get(host, 0), busy[host])
            threading.Event().wait(0.005)
            with lock:
                busy[host] -= 1

            def finish() -> None:
                finished.append(name)
                if then is not None:
                    then()

            return finish

        return work

    def add_c(number: int) -> Callable[[], None]:
        return lambda: runner.add("c", job("c", f"c{number}"))

    for number in range(4):
        runner.add("a", job("a", f"a{number}"))
        runner.add("b", job("b", f"b{number}", add_c(number)))
    runner.run()
    assert sorted(finished) == sorted([f"{h}{n}" for h in "abc" for n in range(4)])
    assert most == {"a": 1, "b": 1, "c": 1}
    assert [name for name in finished if name.startswith("a")] == ["a0", "a1", "a2", "a3"]
