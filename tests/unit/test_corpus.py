"""Loader tests: front matter, fallbacks, ids, and every kind of problem file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from samples import load_corpus

from dipreader.extract.text.textclean import clean_text, title_from_body
from dipreader.model.article import PartialDate
from dipreader.paths import sample_articles_dir
from dipreader.sources.files import split_paragraphs
from dipreader.sources.safe_read import MAX_ARTICLE_BYTES

GOOD = """---
title: Kazakhstan and Hungary sign a roadmap
date: 2024-03-05
source: Kazinform
tags: [visit, energy]
---
ASTANA, March 5. Foreign Minister Murat Nurtleu met his Hungarian counterpart.

Second paragraph.
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_sample_articles_load_without_problems() -> None:
    corpus = load_corpus(sample_articles_dir())
    assert len(corpus.articles) == 5
    assert corpus.problems == ()
    dates = [article.date.iso() if article.date else None for article in corpus.articles]
    assert dates == ["2025-11-27", "2025-11-26", "2024-04-09", "2024", None]


def test_front_matter_fields_and_id(tmp_path: Path) -> None:
    write(tmp_path, "europe/hu.md", GOOD)
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.id == "europe/hu"
    assert article.title == "Kazakhstan and Hungary sign a roadmap"
    assert article.date == PartialDate(2024, 3, 5)
    assert article.meta.date_basis == "front-matter"
    assert article.meta.source == "Kazinform"
    assert article.meta.tags == ("visit", "energy")
    assert article.body.startswith("ASTANA, March 5.")
    assert [p.text for p in article.paragraphs][1] == "Second paragraph."


def test_paragraph_offsets_point_into_the_body() -> None:
    body = "First line\ncontinues.\n\n\n  Second.  \n\nThird."
    for paragraph in split_paragraphs(body):
        assert body[paragraph.start : paragraph.end] == paragraph.text
    assert [p.text for p in split_paragraphs(body)] == ["First line\ncontinues.", "Second.", "Third."]


def test_without_front_matter_title_and_date_come_from_text(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Leaders meet in Rome\n\ndate 2025-11-26 They met on November 26.\n")
    (article,) = load_corpus(tmp_path).articles
    assert article.title == "Leaders meet in Rome"
    assert article.date == PartialDate(2025, 11, 26)


def test_undated_text_stays_undated(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "The ministers discussed energy cooperation at length.\n")
    (article,) = load_corpus(tmp_path).articles
    assert article.date is None
    assert article.meta.date_basis is None


def test_byline_is_not_the_title() -> None:
    assert title_from_body("Sabina Mammadli\n\nThe ministers met in Baku.") == ("The ministers met in Baku")


def test_dateline_is_dropped_from_a_sentence_title() -> None:
    body = "BAKU, Azerbaijan, April 9. Another round of consultations was held in Rome on April 8, Trend reports."
    assert title_from_body(body).startswith("Another round of consultations")


def test_newest_first_and_undated_last(tmp_path: Path) -> None:
    write(tmp_path, "old.md", "---\ntitle: Old\ndate: 1997\n---\nText.\n")
    write(tmp_path, "new.md", "---\ntitle: New\ndate: 2024-05\n---\nText.\n")
    write(tmp_path, "none.md", "---\ntitle: None\ndate: null\n---\nText.\n")
    assert [a.id for a in load_corpus(tmp_path).articles] == ["new", "old", "none"]


def test_markup_and_escapes_are_neutralised(tmp_path: Path) -> None:
    text = "Title\n\n[bold]x[/] [link=http://x]y[/link] [@click=quit]z[/] \x1b[31mred\x1b[0m \x1b]8;;u\x07o\x1b]8;;\x07 \x07"
    write(tmp_path, "markup.txt", text)
    (article,) = load_corpus(tmp_path).articles
    assert "[bold]x[/]" in article.body and "[@click=quit]" in article.body
    assert "\x1b" not in article.body and "\x07" not in article.body
    assert "red" in article.body


def test_clean_text_keeps_newlines_and_removes_controls() -> None:
    assert clean_text("a\x00b\nc\x7fd\x85e") == "ab\ncde"


PROBLEMS: list[tuple[str, bytes, str]] = [
    ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nBody\n", "front matter"),
    ("not-mapping.md", b"---\n- a\n- b\n---\nBody\n", "front matter"),
    ("unclosed.md", b"---\ntitle: x\nBody without end\n", "no closing"),
    ("bad-date.md", b"---\ndate: someday\n---\nBody\n", "date"),
    ("latin1.txt", "Caf\u00e9 diplomacy".encode("latin-1"), "not UTF-8"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n \n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("only-front.md", b"---\ntitle: x\n---\n\n", "no article text"),
]


@pytest.mark.parametrize(("name", "content", "reason"), PROBLEMS)
def test_problem_files_are_reported_and_good_files_still_load(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    write(tmp_path, "good.md", GOOD)
    write(tmp_path, name, content)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["good"]
    (problem,) = corpus.problems
    assert problem.path.endswith(name)
    assert reason in problem.reason
    assert "\n" not in problem.reason


def test_too_large_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)
    (problem,) = load_corpus(tmp_path).problems
    assert "too large" in problem.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.md", GOOD)
    path.chmod(0)
    try:
        (problem,) = load_corpus(tmp_path).problems
        assert "cannot read" in problem.reason
    finally:
        path.chmod(0o644)


def test_hidden_and_other_files_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, ".hidden.md", GOOD)
    write(tmp_path, ".git/x.md", GOOD)
    write(tmp_path, "notes.pdf", b"%PDF")
    write(tmp_path, "a.markdown", GOOD)
    assert [a.id for a in load_corpus(tmp_path).articles] == ["a"]


def test_missing_folder_is_a_problem(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path / "nope")
    assert corpus.articles == ()
    assert "not found" in corpus.problems[0].reason
