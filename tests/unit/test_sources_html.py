"""sources.html: HTML or plain text, and the article trafilatura finds in pages of several house styles."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sources_pages import (
    ADRIATIC_PAGE,
    ADRIATIC_TITLE,
    COURIER_PAGE,
    COURIER_TITLE,
    CYRILLIC_PAGE,
    CYRILLIC_TITLE,
    STEPPE_PAGE,
    STEPPE_TITLE,
)

from dipreader.model.article import PartialDate
from dipreader.sources.html import ExtractionError, extract_article, fragment_text, looks_like_html
from dipreader.sources.web import decode_body


@pytest.mark.parametrize(
    "text",
    [
        COURIER_PAGE,
        "<!doctype html><title>x</title>",
        "  <html><body>hello</body></html>",
        '<?xml version="1.0"?>\n<!-- saved page -->\n<!DOCTYPE html><html></html>',
        "<div><p>A pasted fragment</p><p>with <a href='/x'>a link</a></p></div>",
    ],
)
def test_markup_is_recognised_as_html(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "BERLIN (AP) — Ministers met on Friday.\n\nThey talked.",
        "# A Markdown heading\n\nSome *emphasis* and a list:\n\n- one\n- two",
        "Trade rose when tariffs < 5% and quotas > 10 applied; see <https://example.org>.",
        "The tag <p> starts a paragraph in HTML, the article explained.",
    ],
)
def test_plain_text_and_markdown_are_not_html(text: str) -> None:
    assert not looks_like_html(text)


def test_open_graph_page_gives_title_date_author_outlet_and_canonical_url() -> None:
    page = extract_article(COURIER_PAGE, "http://127.0.0.1:1/story")
    assert page.title == COURIER_TITLE
    assert page.date == PartialDate(2024, 9, 13)
    assert page.author == "Leyla Hasanova"
    assert page.sitename == "The Caspian Courier"
    assert page.url == "https://courier.example/world/azerbaijan-italy-energy"
    assert page.text.startswith("BAKU (AP) — Azerbaijan and Italy agreed")
    assert "Most read" not in page.text and "All rights reserved" not in page.text
    assert page.text.count("\n\n") == 3  # four paragraphs, the repeated headline dropped


def test_json_ld_page_gives_its_metadata() -> None:
    page = extract_article(ADRIATIC_PAGE, "https://adriatic.example/news/accord")
    assert page.title == ADRIATIC_TITLE
    assert page.date == PartialDate(2024, 11, 6)
    assert page.author == "Marco Bellini"
    assert page.sitename == "Adriatic Wire"
    assert page.text.startswith("ROME, Nov 6 (Reuters) - Italy and Albania")


def test_a_page_with_only_a_title_has_no_invented_date() -> None:
    page = extract_article(STEPPE_PAGE)
    assert page.title == STEPPE_TITLE
    assert page.date is None
    assert "Middle Corridor" in page.text
    assert "Steppe Telegraph 2025" not in page.text


def test_a_windows_1251_page_decodes_and_extracts() -> None:
    page = extract_article(decode_body(CYRILLIC_PAGE))
    assert page.title == CYRILLIC_TITLE
    assert "энергетического" in page.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Index</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body></body></html>",
        "",
    ],
)
def test_a_page_without_article_text_is_a_clear_error(html: str) -> None:
    with pytest.raises(ExtractionError, match="no article text found in the page"):
        extract_article(html)


def test_a_fragment_keeps_its_paragraphs() -> None:
    text = fragment_text("<p>First &amp; foremost.</p><p>Second <b>bold</b> line.</p>")
    assert text == "First & foremost.\n\nSecond bold line."
    with pytest.raises(ExtractionError):
        fragment_text("<img src='x.png'>")


def test_the_sources_modules_load_no_heavy_or_ui_package_until_used() -> None:
    check = (
        "import sys\n"
        "import dipreader.sources.feeds, dipreader.sources.intake, dipreader.sources.wire\n"
        "heavy = ('trafilatura', 'feedparser', 'defusedxml', 'lxml', 'textual', 'rich')\n"
        "print(','.join(sorted(n for n in sys.modules if n.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
