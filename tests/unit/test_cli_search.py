"""`dipreader search`: ranking, canonical persons, notes, the index kept up to date, malformed queries."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from samples import load_corpus

from dipreader import paths
from dipreader.cli import main
from dipreader.core.context import Context
from dipreader.model.anchoring import make_annotation


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = out
    try:
        code = main(list(argv))
    finally:
        sys.stdout = real_stdout
    return code, out.getvalue()


def search_json(*argv: str) -> list[dict[str, Any]]:
    code, text = run("search", *argv, "--json")
    assert code == 0
    rows: list[dict[str, Any]] = json.loads(text)
    return rows


def only_in_one_body() -> tuple[str, str]:
    """A word of at least 8 letters found in exactly one sample article's body and in no title."""
    corpus = load_corpus(paths.sample_articles_dir())
    seen: dict[str, set[str]] = {}
    for article in corpus.articles:
        for word in article.body.lower().split():
            if word.isalpha() and len(word) >= 8:
                seen.setdefault(word, set()).add(article.id)
    titles = " ".join(article.title.lower() for article in corpus.articles)
    for word, ids in sorted(seen.items()):
        if len(ids) == 1 and word not in titles:
            return word, next(iter(ids))
    raise AssertionError("no word appears in one body only")


def test_a_word_in_one_body_only_is_ranked_first_with_the_contract_fields() -> None:
    word, article_id = only_in_one_body()
    rows = search_json(word)
    assert rows[0]["article"] == article_id
    assert set(rows[0]) >= {"article", "title", "date", "source", "score", "snippet", "start", "end"}
    corpus = load_corpus(paths.sample_articles_dir())
    article = corpus.by_id(article_id)
    assert article is not None
    start, end = rows[0]["start"], rows[0]["end"]
    assert article.body[start:end].lower() == word
    assert word in rows[0]["snippet"].lower()


def test_person_finds_every_spelling() -> None:
    corpus = load_corpus(paths.sample_articles_dir())
    spelt_chirielli = {article.id for article in corpus.articles if "Chirielli" in article.body}
    assert spelt_chirielli
    found = {row["article"] for row in search_json("person:Cirielli")}
    assert spelt_chirielli <= found
    assert {row["article"] for row in search_json("person:Chirielli")} == found


def test_malformed_query_exits_2_with_a_caret_and_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("search", '"gas pipeline')
    assert code == 2
    assert out == ""
    error = capsys.readouterr().err
    assert "quote is never closed" in error
    assert "^" in error
    assert "Traceback" not in error


def test_limit_and_the_human_table() -> None:
    assert len(search_json("energy", "--limit", "2")) == 2
    code, text = run("search", "energy", "--limit", "1")
    assert code == 0
    assert "[energy]" in text.lower()
    code, text = run("search", "zzzunfindable")
    assert (code, text) == (0, "No match.\n")
    assert run("search", "energy", "--limit", "0")[0] == 2


def test_notes_come_back_as_note_rows_and_tags_find_them() -> None:
    corpus = load_corpus(paths.sample_articles_dir())
    article = corpus.articles[0]
    context = Context.from_options()
    store = context.store
    assert store is not None
    note = make_annotation(
        article.id,
        article.body,
        article.meta.content_hash,
        0,
        20,
        note="Ask about the sturgeon quota",
        tags=("pipeline",),
    )
    store.add_annotation(note)
    context.close()
    rows = search_json("sturgeon")
    assert [(row["kind"], row["article"], row["note"]) for row in rows] == [("note", article.id, note.id)]
    assert any(row["kind"] == "note" for row in search_json("tag:pipeline"))
    assert any(row["kind"] == "note" for row in search_json("#pipeline"))


def test_a_removed_article_leaves_and_an_edited_one_is_found_by_its_new_words(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.md").write_text("---\ntitle: One\ndate: 2024-01-02\n---\nThe walrus treaty.\n")
    (folder / "two.md").write_text("---\ntitle: Two\ndate: 2024-01-03\n---\nThe heron accord.\n")
    assert [row["article"] for row in search_json("walrus", "--articles", str(folder))] == ["one"]
    (folder / "one.md").unlink()
    assert search_json("walrus", "--articles", str(folder)) == []
    (folder / "two.md").write_text("---\ntitle: Two\ndate: 2024-01-03\n---\nThe pelican accord.\n")
    assert [row["article"] for row in search_json("pelican", "--articles", str(folder))] == ["two"]
    assert search_json("heron", "--articles", str(folder)) == []


def test_deleting_the_cache_loses_nothing() -> None:
    before = search_json("energy")
    cache = paths.cache_dir(paths.data_dir(None))
    for file in cache.iterdir():
        file.unlink()
    assert search_json("energy") == before
