"""`dipreader add`, `feeds` and `fetch` against a local web site: the Done-when items of getting articles in."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sources_feeds_fixtures import BROKEN_XML, item_page, rss2
from sources_pages import AP_STORY, COURIER_PAGE, COURIER_TITLE, STEPPE_PAGE
from sources_site import LocalSite, without_proxies

from dipreader import paths
from dipreader.cli import main
from dipreader.cli.intake import ProgressBar
from dipreader.sources.feeds import FetchProgress

RSS = "application/rss+xml; charset=utf-8"


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalSite]:
    without_proxies(monkeypatch)
    with LocalSite() as local:
        yield local


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The default library: `<data dir>/articles` of the test's data dir."""
    return paths.articles_dir(None, paths.data_dir())


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def run_json(*argv: str) -> tuple[int, Any]:
    code, out, _ = run(*argv)
    return code, json.loads(out)


def _markdown_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.md"))


def test_add_a_url_then_the_same_url_is_a_duplicate_and_writes_nothing(
    site: LocalSite, library: Path
) -> None:
    site.page("/world/energy.html", COURIER_PAGE)
    before = _markdown_files(library)
    code, (record,) = run_json("add", site.url("/world/energy.html"), "--json")
    assert code == 0
    assert set(record) >= {"id", "title", "date", "source", "url", "path", "status"}
    assert record["status"] == "added"
    assert (record["title"], record["date"], record["source"]) == (
        COURIER_TITLE,
        "2024-09-13",
        "The Caspian Courier",
    )
    assert Path(record["path"]).is_file() and Path(record["path"]).parent.parent == library
    after_first = _markdown_files(library)
    assert len(after_first) == len(before) + 1

    code, (again,) = run_json("add", site.url("/world/energy.html"), "--json")
    assert code == 0
    assert (again["status"], again["id"]) == ("duplicate", record["id"])
    assert _markdown_files(library) == after_first

    code, rows = run_json("list", "--json")
    assert record["id"] in {row["id"] for row in rows}


def test_add_prints_the_new_id_and_exits_1_when_one_source_fails(site: LocalSite, library: Path) -> None:
    site.page("/steppe.html", STEPPE_PAGE)
    code, out, err = run("add", site.url("/steppe.html"), site.url("/missing.html"), "--tag", "corridor")
    assert code == 1
    (new_id,) = out.split()
    assert (library / f"{new_id}.md").is_file()
    text = (library / f"{new_id}.md").read_text(encoding="utf-8")
    assert "tags: [corridor]" in text and "source: Trend\n" in text
    assert "missing.html: HTTP 404" in err


def test_add_with_overrides_and_a_bad_date(tmp_path: Path, library: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(AP_STORY, encoding="utf-8")
    code, (record,) = run_json("add", str(story), "--title", "Berlin talks", "--source", "AP", "--json")
    assert code == 0
    assert (record["title"], record["source"], record["date"]) == ("Berlin talks", "AP", "2024-09-13")
    code, _, err = run("add", str(story), "--date", "13/09/2024")
    assert code == 2 and "is not YYYY" in err


def test_echo_text_into_add_dash_adds_a_pasted_article(library: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dipreader", "add", "-", "--json"],
        input=AP_STORY,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["status"] == "added"
    assert record["source"] == "Associated Press"
    assert record["title"].startswith("German and Polish foreign ministers met in Berlin")
    text = Path(record["path"]).read_text(encoding="utf-8")
    assert "date_basis: inferred" in text and "BERLIN (AP)" in text


def test_nothing_is_written_into_the_bundled_samples(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(AP_STORY, encoding="utf-8")
    before = sorted(path.name for path in paths.sample_articles_dir().iterdir())
    code, _, err = run("add", str(story), "--articles", str(paths.sample_articles_dir()))
    assert code == 2 and "never written to" in err
    assert sorted(path.name for path in paths.sample_articles_dir().iterdir()) == before


def _serve_feed(site: LocalSite, path: str, numbers: range) -> None:
    base = site.url("")
    site.page(path, rss2(base, numbers), RSS)
    for number in numbers:
        site.page(f"/news/{number}.html", item_page(number))


def test_feeds_add_and_fetch_add_every_item_once(site: LocalSite, library: Path) -> None:
    _serve_feed(site, "/rss.xml", range(6))
    code, out, _ = run("feeds", "add", site.url("/rss.xml"), "--name", "meridian", "--tag", "world")
    assert code == 0 and "added feed meridian" in out
    before = len(_markdown_files(library))
    code, out, err = run("fetch")
    assert code == 0, err
    assert out == "1 feed, 6 new, 0 failed\n"
    assert len(_markdown_files(library)) == before + 6
    assert "█" not in err  # standard error is no terminal here: no progress bar
    code, out, _ = run("fetch")
    assert (code, out) == (0, "1 feed, 0 new, 0 failed\n")
    assert len(_markdown_files(library)) == before + 6


def test_fetch_names_each_failure_and_goes_on(site: LocalSite, library: Path) -> None:
    _serve_feed(site, "/good.xml", range(3))
    site.page("/broken.xml", BROKEN_XML, RSS)
    run("feeds", "add", site.url("/good.xml"), "--name", "good")
    run("feeds", "add", site.url("/broken.xml"), "--name", "broken")
    run("feeds", "add", site.url("/gone.xml"), "--name", "gone")
    code, summary = run_json("fetch", "--json")
    assert code == 1
    assert (summary["feeds"], summary["added"], summary["failed"]) == (3, 3, 2)
    reasons = {failure["feed"]: failure["reason"] for failure in summary["failures"]}
    assert reasons["broken"].startswith("broken XML")
    assert "404" in reasons["gone"]
    code, out, err = run("fetch", "good", "gone")
    assert code == 1 and out == "2 feeds, 0 new, 1 failed\n"
    assert "dipreader: gone: HTTP 404" in err
    code, _, err = run("fetch", "nothing")
    assert code == 2 and "no feed named 'nothing'" in err


def test_feeds_list_remove_import_and_export(tmp_path: Path) -> None:
    opml = tmp_path / "newsboat.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="News">'
        '<outline type="rss" text="Meridian" xmlUrl="https://meridian.example/rss"/>'
        '<outline type="rss" text="Ionian" xmlUrl="https://ionian.example/atom"/></outline></body></opml>',
        encoding="utf-8",
    )
    code, out, _ = run("feeds", "import", str(opml))
    assert (code, out) == (0, "2 feed(s) added, 0 skipped\n")
    code, listed = run_json("feeds", "list", "--json")
    assert listed == [
        {"name": "Meridian", "url": "https://meridian.example/rss", "tag": "News"},
        {"name": "Ionian", "url": "https://ionian.example/atom", "tag": "News"},
    ]
    code, out, _ = run("feeds", "remove", "Meridian")
    assert code == 0 and "removed feed Meridian" in out
    code, exported, _ = run("feeds", "export")
    assert code == 0 and 'xmlUrl="https://ionian.example/atom"' in exported and "meridian" not in exported
    code, _, err = run("feeds", "remove", "Meridian")
    assert code == 2 and "no feed named 'Meridian'" in err
    code, _, err = run("feeds", "import", str(tmp_path / "missing.opml"))
    assert code == 2 and "cannot read" in err
    (tmp_path / "bad.opml").write_text("<opml><body>", encoding="utf-8")
    code, _, err = run("feeds", "import", str(tmp_path / "bad.opml"))
    assert code == 2 and "broken OPML" in err
    code, _, err = run("feeds")
    assert code == 2 and "needs an action" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_on_a_terminal_only() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        bar = ProgressBar(stream)
        bar.update(FetchProgress(1, 4, "meridian: 3 new items"))
        bar.update(FetchProgress(4, 4, "meridian: done"))
        bar.close()
    assert pipe.getvalue() == ""
    drawn = terminal.getvalue()
    assert "1/4 meridian: 3 new items" in drawn and "4/4" in drawn and "█" * 24 in drawn
    assert drawn.endswith("\r")
