"""Editing an article's title, date, source and tags rewrites its front matter and keeps its body's bytes."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import pytest
from sources_pages import AP_STORY, COURIER_PAGE

from dipreader.model.article import Article, PartialDate
from dipreader.sources.files import ArticleFileError, read_article
from dipreader.sources.front_matter_edit import update_front_matter

CHANGES = {"title": "Berlin talks", "date": _dt.date(2024, 9, 13), "source": "AP", "tags": ["border"]}


def _load(path: Path) -> Article:
    loaded = read_article(path, path.parent)
    assert isinstance(loaded, Article), loaded
    return loaded


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_front_matter_changes_and_the_body_stays_byte_for_byte(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "story.md"
    front = f"---{newline}title: Old{newline}place: Berlin{newline}custom: kept{newline}---{newline}"
    body = AP_STORY.replace("\n", newline) + f"  trailing spaces{newline}{newline}"
    path.write_bytes((front + body).encode("utf-8"))
    before = _load(path)
    update_front_matter(path, CHANGES)
    after = _load(path)
    assert path.read_bytes().endswith(body.encode("utf-8"))
    assert after.body == before.body and after.meta.content_hash == before.meta.content_hash
    assert (after.meta.title, after.meta.date, after.meta.source, after.meta.tags) == (
        "Berlin talks",
        PartialDate(2024, 9, 13),
        "AP",
        ("border",),
    )
    assert after.meta.place == "Berlin" and "custom: kept" in path.read_text(encoding="utf-8")


def test_a_file_without_front_matter_gets_one_and_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_bytes(b"\xef\xbb\xbf" + AP_STORY.encode("utf-8"))
    before = _load(path)
    update_front_matter(path, {"title": "Given", "source": None})
    after = _load(path)
    assert path.read_bytes() == b"\xef\xbb\xbf---\ntitle: Given\nsource: null\n---\n" + AP_STORY.encode(
        "utf-8"
    )
    assert after.body == before.body
    assert (after.meta.title, after.meta.source) == ("Given", None)


def test_no_temporary_file_is_left_and_the_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: Old\n---\nText of the article.\n", encoding="utf-8")
    os.chmod(path, 0o640)
    update_front_matter(path, {"title": "New"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.md"]
    assert path.stat().st_mode & 0o777 == 0o640


def test_pages_and_broken_files_are_refused_untouched(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(COURIER_PAGE, encoding="utf-8")
    with pytest.raises(ArticleFileError, match="saved web page"):
        update_front_matter(page, CHANGES)
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [x\n---\nText.\n", encoding="utf-8")
    with pytest.raises(ArticleFileError, match="front matter: "):
        update_front_matter(broken, CHANGES)
    assert broken.read_text(encoding="utf-8") == "---\ntitle: [x\n---\nText.\n"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ArticleFileError, match="not UTF-8"):
        update_front_matter(latin, CHANGES)
