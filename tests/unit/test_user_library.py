"""The user library in the data dir, saved web pages in it, and metadata from the text of bare files."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from samples import load_corpus
from sources_pages import AP_STORY, COURIER_PAGE, COURIER_TITLE, CYRILLIC_PAGE, CYRILLIC_TITLE, STEPPE_PAGE

from dipreader import paths
from dipreader.cache.metadata import MetaCache
from dipreader.cli import main
from dipreader.core.context import Context
from dipreader.core.library import scan_library
from dipreader.model.article import Article, PartialDate
from dipreader.sources.library_index import LibraryIndex


def _tree(folder: Path) -> dict[str, tuple[int, float]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime)
        for path in folder.rglob("*")
    }


def test_the_default_library_is_in_the_data_dir_seeded_with_the_samples(tmp_path: Path) -> None:
    bundled = _tree(paths.sample_articles_dir())
    context = Context.from_options()
    assert context.articles_dir == paths.data_dir() / "articles"
    assert sorted(path.name for path in context.articles_dir.iterdir()) == sorted(bundled)
    assert len(load_corpus(context.articles_dir).articles) == 5
    assert _tree(paths.sample_articles_dir()) == bundled


def test_a_library_once_made_is_the_users_and_is_never_refilled(tmp_path: Path) -> None:
    library = Context.from_options().articles_dir
    for path in library.iterdir():
        path.unlink()
    assert list(Context.from_options().articles_dir.iterdir()) == []


def test_data_dir_moves_the_library_and_articles_chooses_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    assert Context.from_options(data=elsewhere).articles_dir == elsewhere / "articles"
    assert (elsewhere / "articles").is_dir()
    monkeypatch.setenv("DIPREADER_DATA_DIR", str(tmp_path / "by-env"))
    assert Context.from_options().articles_dir == tmp_path / "by-env" / "articles"
    clippings = tmp_path / "clippings"
    assert Context.from_options(articles=clippings).articles_dir == clippings
    monkeypatch.setenv("DIPREADER_ARTICLES", str(clippings))
    assert Context.from_options().articles_dir == clippings
    assert not clippings.exists()  # a folder the user names is theirs: nothing is made in it


def test_is_bundled_knows_the_package_from_a_users_folder(tmp_path: Path) -> None:
    assert paths.is_bundled(paths.sample_articles_dir())
    assert paths.is_bundled(paths.package_dir() / "data")
    assert not paths.is_bundled(tmp_path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    return root


def _articles(root: Path) -> dict[str, Article]:
    return {article.id: article for article in load_corpus(root).articles}


def test_saved_web_pages_load_through_the_same_extraction(folder: Path) -> None:
    (folder / "courier.html").write_text(COURIER_PAGE, encoding="utf-8")
    (folder / "steppe.htm").write_text(STEPPE_PAGE, encoding="utf-8")
    (folder / "cyrillic.html").write_bytes(CYRILLIC_PAGE)
    articles = _articles(folder)
    courier = articles["courier"].meta
    assert (courier.title, courier.date, courier.source) == (
        COURIER_TITLE,
        PartialDate(2024, 9, 13),
        "The Caspian Courier",
    )
    assert (courier.author, courier.url) == (
        "Leyla Hasanova",
        "https://courier.example/world/azerbaijan-italy-energy",
    )
    assert articles["courier"].body.startswith("BAKU (AP) — Azerbaijan and Italy agreed")
    assert "<p>" not in articles["courier"].body and "Most read" not in articles["courier"].body
    steppe = articles["steppe"].meta
    assert (steppe.source, steppe.date, steppe.date_basis) == ("Trend", PartialDate(2025, 3, 12), "dateline")
    assert articles["cyrillic"].meta.title == CYRILLIC_TITLE


def test_check_lists_a_page_without_article_text_but_not_other_files(folder: Path) -> None:
    (folder / "courier.html").write_text(COURIER_PAGE, encoding="utf-8")
    (folder / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8"
    )
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "empty.htm").write_text("", encoding="utf-8")
    out = io.StringIO()
    saved, sys.stdout = sys.stdout, out
    try:
        code = main(["check", "--json", "--articles", str(folder)])
    finally:
        sys.stdout = saved
    report = json.loads(out.getvalue())
    assert code == 1
    assert report["articles"] == 1
    assert {(Path(problem["path"]).name, problem["reason"]) for problem in report["problems"]} == {
        ("menu.html", "no article text found in the page"),
        ("empty.htm", "empty file"),
    }


def test_a_bare_wire_story_gets_its_outlet_date_and_a_title_without_its_dateline(folder: Path) -> None:
    (folder / "berlin.txt").write_text(AP_STORY, encoding="utf-8")
    (folder / "tass.txt").write_text(
        "MOSCOW, June 5. /TASS/. Russian and Chinese diplomats held consultations on Central Asia in "
        "Moscow on June 4, 2024, the foreign ministry said.\n\nThe sides agreed to meet again.\n",
        encoding="utf-8",
    )
    (folder / "kept.md").write_text("---\nsource: null\ntitle: As given\n---\n" + AP_STORY, encoding="utf-8")
    articles = _articles(folder)
    berlin = articles["berlin"].meta
    assert berlin.source == "Associated Press"
    assert (berlin.date, berlin.date_basis) == (PartialDate(2024, 9, 13), "inferred")
    assert berlin.title.startswith("German and Polish foreign ministers met in Berlin")
    assert articles["berlin"].body.startswith("BERLIN (AP) — ")  # the body keeps every character
    tass = articles["tass"].meta
    assert (tass.source, tass.date, tass.date_basis) == ("TASS", PartialDate(2024, 6, 5), "dateline")
    assert tass.title.startswith("Russian and Chinese diplomats held consultations")
    kept = articles["kept"].meta
    assert (kept.source, kept.title) == (None, "As given")  # what the front matter says stands


def test_the_duplicate_index_knows_saved_pages_by_address_and_text(folder: Path) -> None:
    (folder / "courier.html").write_text(COURIER_PAGE, encoding="utf-8")
    index = LibraryIndex.scan(folder)
    body = _articles(folder)["courier"].body
    assert index.duplicate_of(["https://courier.example/world/azerbaijan-italy-energy"], "other") == (
        "courier",
        "same URL as courier",
    )
    assert index.duplicate_of([], body.upper()) == ("courier", "same text as courier")


def test_the_metadata_cache_keeps_saved_pages_between_scans(folder: Path, tmp_path: Path) -> None:
    (folder / "courier.html").write_text(COURIER_PAGE, encoding="utf-8")
    cache = MetaCache(tmp_path / "meta.sqlite3")
    first = scan_library(folder, cache)
    second = scan_library(folder, cache, previous=None)
    assert first.articles == second.articles and first.articles[0].source == "The Caspian Courier"
    cache.close()
