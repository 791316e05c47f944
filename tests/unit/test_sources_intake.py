"""sources.intake: files, URLs and pasted text become Markdown articles in the library, once, atomically."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sources_pages import AP_STORY, COURIER_PAGE, COURIER_TITLE, CYRILLIC_PAGE, CYRILLIC_TITLE, STEPPE_PAGE
from sources_site import LocalSite, Reply, without_proxies

from dipreader.model.article import PartialDate
from dipreader.sources.draft import DraftError, Overrides
from dipreader.sources.files import parse_article
from dipreader.sources.intake import IntakeResult, add_sources, draft_from_input, draft_from_text, read_source
from dipreader.sources.library_index import LibraryIndex, normalise_url, normalised_text_hash
from dipreader.sources.web import FetchLimits

FAST = FetchLimits(connect_timeout=2.0, read_timeout=1.0, total_timeout=5.0)


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalSite]:
    without_proxies(monkeypatch)
    with LocalSite() as local:
        yield local


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    return root


def _files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def _add(
    sources: list[str], library: Path, stdin: str | None = None, **overrides: object
) -> list[IntakeResult]:
    return add_sources(
        sources,
        library,
        Overrides(**overrides),  # type: ignore[arg-type]
        stdin=io.StringIO(stdin) if stdin is not None else None,
        limits=FAST,
    )


def test_a_url_becomes_a_markdown_article_under_its_outlet(site: LocalSite, library: Path) -> None:
    site.page("/world/energy.html", COURIER_PAGE)
    (result,) = _add([site.url("/world/energy.html")], library)
    assert result.status == "added", result.reason
    assert (
        result.id == "the-caspian-courier/2024-09-13-azerbaijan-and-italy-agree-to-widen-energy-cooperation"
    )
    assert (result.title, result.date, result.source) == (COURIER_TITLE, "2024-09-13", "The Caspian Courier")
    assert result.url == site.url("/world/energy.html")
    path = Path(result.path or "")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "---\ntitle: Azerbaijan and Italy agree to widen energy cooperation\ndate: 2024-09-13\n"
    )
    for key in (
        "date_basis: text",
        "source: The Caspian Courier",
        "author: Leyla Hasanova",
        "tags: []",
        "added: '",
    ):
        assert f"\n{key}" in text
    article = parse_article(text, result.id or "", str(path))
    assert article.meta.title == COURIER_TITLE
    assert article.meta.date == PartialDate(2024, 9, 13)
    assert article.meta.source == "The Caspian Courier"
    assert article.meta.url == site.url("/world/energy.html")
    assert article.body.startswith("BAKU (AP) — Azerbaijan and Italy agreed")


def test_the_same_url_again_is_a_duplicate_and_writes_nothing(site: LocalSite, library: Path) -> None:
    site.page("/story", COURIER_PAGE)
    (first,) = _add([site.url("/story")], library)
    before = _files(library)
    (again,) = _add([site.url("/story") + "?utm_source=rss#top"], library)
    assert again.status == "duplicate"
    assert again.id == first.id
    assert again.reason == f"same URL as {first.id}"
    assert _files(library) == before


def test_the_canonical_url_of_a_page_already_added_is_a_duplicate(site: LocalSite, library: Path) -> None:
    site.page("/story", COURIER_PAGE)
    _add([site.url("/story")], library)
    site.page("/mirror", COURIER_PAGE.replace("Officials said", "Diplomats said"))
    (again,) = _add([site.url("/mirror")], library)
    assert again.status == "duplicate"
    assert again.reason is not None and again.reason.startswith("same URL as")


def test_the_same_text_pasted_is_a_duplicate_of_the_fetched_page(site: LocalSite, library: Path) -> None:
    site.page("/story", COURIER_PAGE)
    (first,) = _add([site.url("/story")], library)
    body = Path(first.path or "").read_text(encoding="utf-8").split("---\n", 2)[2]
    pasted = body.upper().replace("\n\n", "\n  \n")
    (again,) = _add(["-"], library, stdin=pasted)
    assert again.status == "duplicate"
    assert again.reason == f"same text as {first.id}"


def test_a_pasted_wire_story_gets_outlet_date_and_a_title_without_dateline(library: Path) -> None:
    (result,) = _add(["-"], library, stdin=AP_STORY)
    assert result.status == "added"
    assert result.source == "Associated Press"
    assert result.date == "2024-09-13"
    assert result.title is not None and result.title.startswith("German and Polish foreign ministers met")
    assert "BERLIN" not in result.title
    article = parse_article(Path(result.path or "").read_text(encoding="utf-8"), "x", "x")
    assert article.meta.date_basis == "inferred"
    assert article.body == AP_STORY


def test_pasted_html_is_detected_and_extracted(library: Path) -> None:
    (result,) = _add(["-"], library, stdin=STEPPE_PAGE)
    assert result.status == "added"
    assert result.source == "Trend"
    assert result.date == "2025-03-12"
    assert result.title == "Kazakhstan and Azerbaijan discuss the Middle Corridor"


def test_html_markdown_and_text_files(tmp_path: Path, library: Path) -> None:
    html = tmp_path / "saved.htm"
    html.write_bytes(CYRILLIC_PAGE)
    with_front = tmp_path / "note.md"
    with_front.write_text(
        "---\ntitle: Talks in Rome\ndate: 2024-04-08\ndate_basis: guessed\nsource: Trend\nplace: Rome\n"
        "tags: consultations, visit\n---\n"
        "Azerbaijani and Italian diplomats held consultations in Rome.\n",
        encoding="utf-8",
    )
    with_heading = tmp_path / "heading.markdown"
    with_heading.write_text(
        "# Ministers meet in Tbilisi\n\nThe ministers met in Tbilisi.\n", encoding="utf-8"
    )
    plain = tmp_path / "plain.txt"
    plain.write_text(
        "Georgia and Armenia signed a transit accord.\r\n\r\nIt covers rail freight.\r\n", encoding="utf-8"
    )
    results = _add([str(html), str(with_front), str(with_heading), str(plain)], library)
    assert [r.status for r in results] == ["added"] * 4, [r.reason for r in results]
    assert results[0].title == CYRILLIC_TITLE
    assert results[0].source == "Каспийский вестник"
    assert (results[1].title, results[1].date, results[1].source) == ("Talks in Rome", "2024-04-08", "Trend")
    written = Path(results[1].path or "").read_text(encoding="utf-8")
    assert "tags: [consultations, visit]\n" in written
    assert "date_basis: front-matter\n" in written
    assert "\nplace: Rome\n" in written
    assert results[2].title == "Ministers meet in Tbilisi"
    assert results[2].id == "unknown-source/undated-ministers-meet-in-tbilisi"
    heading_body = Path(results[2].path or "").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert heading_body == "The ministers met in Tbilisi.\n"
    assert "\r" not in Path(results[3].path or "").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "report.pdf",
            b"%PDF-1.4",
            "unsupported file type .pdf (expected .html, .htm, .md, .markdown or .txt)",
        ),
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"  \n", "empty file"),
        ("latin.txt", "Café".encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 3)"),
        ("binary.md", b"abc\x00def", "binary file (contains NUL bytes)"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nBody.\n", "front matter: "),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found"),
    ],
)
def test_unusable_files_fail_with_a_reason(
    tmp_path: Path, library: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    (result,) = _add([str(path)], library)
    assert result.status == "failed"
    assert result.reason is not None and result.reason.startswith(reason)
    assert _files(library) == []


def test_failures_do_not_stop_the_rest(site: LocalSite, library: Path) -> None:
    site.page("/good", COURIER_PAGE)
    site.reply("/gone", Reply(404, b"", {"Content-Type": "text/html"}))
    site.page("/image", b"\x89PNG", content_type="image/png")
    results = _add(
        [site.url("/gone"), "ftp://example.org/x", site.url("/image"), site.url("/good"), "-"],
        library,
        stdin="  ",
    )
    assert [(r.status, r.reason) for r in results] == [
        ("failed", "HTTP 404 Not Found"),
        ("failed", "unsupported URL scheme 'ftp' (only http and https)"),
        ("failed", "wrong content type image/png (expected an HTML page)"),
        ("added", None),
        ("failed", "no text on standard input"),
    ]
    assert results[0].url == site.url("/gone")
    assert all("\n" not in (r.reason or "") for r in results)


def test_overrides_win_and_tags_are_added(library: Path) -> None:
    (result,) = _add(
        ["-"],
        library,
        stdin=AP_STORY,
        title="Border talks",
        date=PartialDate(2024, 9),
        source="AP",
        tags=("border",),
    )
    assert (result.title, result.date, result.source) == ("Border talks", "2024-09", "AP")
    assert result.id == "ap/2024-09-border-talks"
    text = Path(result.path or "").read_text(encoding="utf-8")
    assert "date: 2024-09\ndate_basis: front-matter\n" in text
    assert "tags: [border]" in text


def test_overrides_from_strings_check_the_date() -> None:
    assert Overrides.from_strings(date="2024-09-13", tags=[" a ", ""]).date == PartialDate(2024, 9, 13)
    assert Overrides.from_strings(tags=[" a ", ""]).tags == ("a",)
    with pytest.raises(DraftError, match="date '13/09/2024' is not YYYY, YYYY-MM or YYYY-MM-DD"):
        Overrides.from_strings(date="13/09/2024")


def test_an_existing_file_is_never_overwritten(library: Path) -> None:
    first = _add(["-"], library, stdin="Ministers met in Rome.\n\nThey talked about gas.\n", source="Wire")
    second = _add(
        ["-"], library, stdin="Ministers met in Rome.\n\nThey talked about wind farms.\n", source="Wire"
    )
    assert [first[0].id, second[0].id] == [
        "wire/undated-ministers-met-in-rome",
        "wire/undated-ministers-met-in-rome-2",
    ]
    assert "gas" in Path(first[0].path or "").read_text(encoding="utf-8")


def test_a_failed_write_leaves_no_file_behind(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    (result,) = _add(["-"], library, stdin=AP_STORY)
    assert result.status == "failed"
    assert result.reason == "cannot write into the library: No space left on device"
    assert [path.name for path in library.rglob("*") if path.is_file()] == []


def test_the_library_index_reads_existing_articles(library: Path) -> None:
    (library / "trend").mkdir()
    (library / "trend" / "a.md").write_text(
        "---\ntitle: A\nurl: 'https://www.trend.az/a?utm_medium=x'\n---\nFirst body text.\n", encoding="utf-8"
    )
    (library / "plain.txt").write_text("A plain article without front matter.\n", encoding="utf-8")
    (library / ".hidden.md").write_text("---\nurl: https://hidden.example/\n---\nHidden.\n", encoding="utf-8")
    index = LibraryIndex.scan(library)
    assert index.duplicate_of(["http://trend.az/a/"], "other") == ("trend/a", "same URL as trend/a")
    assert index.duplicate_of([None], "a PLAIN article, without front-matter") == (
        "plain",
        "same text as plain",
    )
    assert index.duplicate_of(["https://hidden.example/"], "Hidden.") is None
    draft = draft_from_text("First body text.")
    assert index.duplicate_of([draft.url], draft.body) == ("trend/a", "same text as trend/a")


def test_normalisation_of_text_and_urls() -> None:
    assert normalised_text_hash("Hello,  World!\n\nAgain") == normalised_text_hash("hello world again")
    assert normalised_text_hash("Hello world") != normalised_text_hash("Hello word")
    assert (
        normalise_url("HTTP://WWW.Example.org:80/a/?utm_source=x&id=3#frag") == "https://example.org/a?id=3"
    )
    assert normalise_url("https://example.org:8443/") == "https://example.org:8443/"


def test_a_draft_shows_how_each_value_was_found(library: Path) -> None:
    draft = draft_from_input(AP_STORY)
    found = dict(draft.found)
    assert found["source"] == "dateline credit (AP)"
    assert "dateline 'BERLIN (AP) —' removed" in found["title"]
    assert "September 13, 2024" in found["date"]
    fixed = draft.with_overrides(Overrides(title="Talks in Berlin"))
    assert fixed.title == "Talks in Berlin"
    assert dict(fixed.found)["title"] == "given"


def test_read_source_rejects_a_directory(tmp_path: Path) -> None:
    from dipreader.sources.intake import IntakeError

    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(IntakeError, match="is a folder, not a file"):
        read_source(str(folder))
