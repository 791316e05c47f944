"""The Obsidian vault: valid properties, links that resolve, real tags, re-runs in place, the user's notes untouched."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from dipreader.core.exports.file_names import safe_stem
from dipreader.core.exports.obsidian import VaultSummary, export_obsidian
from dipreader.core.exports.records import ArticleRecord, PersonRecord, RoleEntry
from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.paths import sample_articles_dir

WIKILINK = re.compile(r"\[\[([^\]|#^]+)(?:[#^][^\]|]*)?(?:\|[^\]]*)?\]\]")
OBSIDIAN_TAG = re.compile(r"(?<![\w#/\\])#([\w/-]+)")  # as Obsidian reads them: an escaped \\# is no tag
VALID_TAG = re.compile(r"(?=[\w/-]*[^\d/])[\w-]+(?:/[\w-]+)*")
CALLOUT = re.compile(r"(> \[!quote\][^\n]*\n(?:>[^\n]*\n)+)\n\^([A-Za-z0-9-]+)\n")
OLD = 1_000_000_000  # an mtime long ago, so that any rewrite shows


def _front_matter(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    block, body = text[4:].split("\n---\n", 1)
    properties = yaml.safe_load(block)
    assert isinstance(properties, dict)
    return properties, body


def _sample_articles() -> tuple[list[ArticleRecord], dict[str, str]]:
    """The sample library's articles as records (from their front matter), and their bodies."""
    records: list[ArticleRecord] = []
    bodies: dict[str, str] = {}
    for path in sorted(sample_articles_dir().glob("*.md")):
        _, block, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(block)
        date = meta.get("date")
        records.append(
            ArticleRecord(
                id=path.stem,
                title=meta["title"],
                date=str(date) if date else None,
                source=meta.get("source"),
                author=meta.get("author"),
                url=meta.get("url") or f"https://news.example/{path.stem}",
                tags=tuple(meta.get("tags") or ()),
                people=("Fariz Rzayev", "Edmondo Cirielli")
                if "consultations" in path.stem
                else ("Jeyhun Bayramov",),
                sectors=("Politics", "Energy"),
            )
        )
        bodies[path.stem] = body
    return records, bodies


PEOPLE = [
    PersonRecord(
        name="Fariz Rzayev",
        country="Azerbaijan",
        aliases=("Rzayev",),
        roles=(
            RoleEntry(
                "Deputy Foreign Minister", "2024-04-09-azerbaijan-italy-consultations-rome", "2024-04-09"
            ),
            RoleEntry("Deputy Foreign Minister", "azerbaijan-italy-deputy-ministers-consultations", None),
        ),
        articles=(
            "2024-04-09-azerbaijan-italy-consultations-rome",
            "azerbaijan-italy-deputy-ministers-consultations",
        ),
    ),
    PersonRecord(
        name="Edmondo Cirielli",
        country="Italy",
        roles=(
            RoleEntry(
                "Deputy Minister of Foreign Affairs",
                "2024-04-09-azerbaijan-italy-consultations-rome",
                "2024-04-09",
            ),
        ),
        articles=("2024-04-09-azerbaijan-italy-consultations-rome", "not-in-the-export"),
    ),
    PersonRecord(
        name="Jeyhun Bayramov",
        country="Azerbaijan",
        roles=(RoleEntry("Foreign Minister", "2025-11-27-bayramov-meets-tajani", "2025-11-27"),),
        articles=("2025-11-26-bayramov-meets-la-russa", "2025-11-27-bayramov-meets-tajani"),
    ),
]


def _two_notes(bodies: dict[str, str]) -> list[Annotation]:
    first = "2024-04-09-azerbaijan-italy-consultations-rome"
    body = bodies[first]
    start = body.index("The delegations")
    stamp = "2024-05-01T09:30:00.000000Z"
    noted = make_annotation(
        first,
        body,
        "h",
        start,
        start + 80,
        note="Who led the delegations.",
        tags=["people to people", "2024"],
    )
    highlight = make_annotation(first, body, "h", 0, 40, color="green")
    # Fixed ids and times: the same notes on every run, as the store would give them.
    return [
        replace(noted, id="4f1c0d7e9a2b4c6d8e0f1a2b3c4d5e6f", created=stamp, updated=stamp),
        replace(highlight, id="0a1b2c3d4e5f40718293a4b5c6d7e8f9", created=stamp, updated=stamp),
    ]


@pytest.fixture
def vault(tmp_path: Path) -> tuple[Path, VaultSummary]:
    articles, bodies = _sample_articles()
    folder = tmp_path / "vault"
    return folder, export_obsidian(folder, articles, _two_notes(bodies), PEOPLE)


def _notes(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.md"))


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_one_note_per_article_and_per_person(vault: tuple[Path, VaultSummary]) -> None:
    folder, summary = vault
    articles, _ = _sample_articles()
    kinds = [_front_matter(path)[0]["dipreader_kind"] for path in _notes(folder)]
    assert kinds.count("article") == len(articles) and kinds.count("person") == len(PEOPLE)
    assert sorted(summary.written) == _notes(folder)
    assert summary.unchanged == () and summary.skipped == ()
    assert [path for path in folder.rglob("*") if path.name.startswith(".")] == []  # no temporary files left


def test_every_note_has_valid_yaml_properties(vault: tuple[Path, VaultSummary]) -> None:
    folder, _ = vault
    for path in _notes(folder):
        properties, _ = _front_matter(path)
        assert properties["dipreader"] == "generated"
        assert isinstance(properties["title"], str) and properties["title"]
        for key in ("tags", "aliases", "people", "sectors"):
            value = properties.get(key, [])
            assert isinstance(value, list) and all(isinstance(item, str) for item in value), (path, key)
    article, _ = _front_matter(
        folder / "Articles" / "Azerbaijan and Italy hold political consultations in Rome.md"
    )
    assert {"title", "date", "source", "url", "people", "sectors", "tags"} <= set(article)
    assert str(article["date"]) == "2024-04-09" and article["source"] == "Trend"


def test_every_wikilink_resolves_to_a_file_in_the_vault(vault: tuple[Path, VaultSummary]) -> None:
    folder, _ = vault
    targets = [
        target for path in _notes(folder) for target in WIKILINK.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(targets) > 10
    for target in targets:
        assert (folder / f"{target}.md").is_file(), target


def test_people_link_to_their_articles_with_their_roles(vault: tuple[Path, VaultSummary]) -> None:
    folder, _ = vault
    properties, body = _front_matter(folder / "People" / "Fariz Rzayev.md")
    assert properties["aliases"] == ["Rzayev"] and properties["country"] == "Azerbaijan"
    roles = body.split("## Roles")[1].split("## Articles")[0]
    assert "Deputy Foreign Minister" in roles and "2024-04-09" in roles and roles.count("[[Articles/") == 2
    assert body.split("## Articles")[1].count("[[Articles/") == 2
    cirielli = (folder / "People" / "Edmondo Cirielli.md").read_text(encoding="utf-8")
    assert "not-in-the-export" not in cirielli  # no link to an article the vault does not have


def test_highlights_are_quote_callouts_with_the_note_and_a_block_reference(
    vault: tuple[Path, VaultSummary],
) -> None:
    folder, _ = vault
    _, bodies = _sample_articles()
    anns = _two_notes(bodies)
    _, body = _front_matter(
        folder / "Articles" / "Azerbaijan and Italy hold political consultations in Rome.md"
    )
    callouts = CALLOUT.findall(body.split("## Highlights\n\n")[1])
    # In passage order, each a callout then its block id on its own line after a blank one.
    assert [ref for _, ref in callouts] == [ann.id for ann in sorted(anns, key=lambda ann: ann.start)]
    assert body.count("> [!quote]") == len(anns)
    assert "> Who led the delegations." in body
    assert "> BAKU, Azerbaijan, April 9. Another round" in body


def test_tags_are_real_obsidian_tags(vault: tuple[Path, VaultSummary]) -> None:
    folder, _ = vault
    path = folder / "Articles" / "Azerbaijan and Italy hold political consultations in Rome.md"
    properties, body = _front_matter(path)
    assert properties["tags"] == ["consultations", "people-to-people", "_2024"]
    inline = OBSIDIAN_TAG.findall(body)
    assert inline == ["people-to-people", "_2024"]
    for tag in [*inline, *(tag for note in _notes(folder) for tag in _front_matter(note)[0].get("tags", []))]:
        assert VALID_TAG.fullmatch(tag), tag
    assert "`" not in body


def test_a_rerun_changes_nothing(vault: tuple[Path, VaultSummary]) -> None:
    folder, first = vault
    for path in folder.rglob("*"):
        os.utime(path, ns=(OLD, OLD))
    before = _snapshot(folder)
    articles, bodies = _sample_articles()
    again = export_obsidian(folder, articles, _two_notes(bodies), PEOPLE)
    assert again.written == () and again.skipped == ()
    assert sorted(again.unchanged) == sorted(first.written)
    assert _snapshot(folder) == before


def test_a_new_note_updates_the_article_in_place(vault: tuple[Path, VaultSummary]) -> None:
    folder, _ = vault
    articles, bodies = _sample_articles()
    target = "2025-11-27-bayramov-meets-tajani"
    added = make_annotation(target, bodies[target], "h", 0, 30, note="Later meeting.")
    files_before = _notes(folder)
    summary = export_obsidian(folder, articles, [*_two_notes(bodies), added], PEOPLE)
    assert _notes(folder) == files_before
    (changed,) = summary.written
    assert _front_matter(changed)[0]["dipreader_id"] == target
    assert "Later meeting." in changed.read_text(encoding="utf-8")


def test_a_hand_written_note_is_never_touched_nor_its_name_taken(tmp_path: Path) -> None:
    articles, bodies = _sample_articles()
    folder = tmp_path / "vault"
    mine = folder / "Articles" / "Azerbaijan and Italy hold political consultations in Rome.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("---\ntitle: My own\n---\nmy thoughts\n", encoding="utf-8")
    other = folder / "People" / "fariz rzayev.md"  # same name but for case: taken on macOS and Windows
    other.parent.mkdir()
    other.write_text("my notes on him\n", encoding="utf-8")
    os.utime(mine, ns=(OLD, OLD))
    for run in range(2):
        summary = export_obsidian(folder, articles, _two_notes(bodies), PEOPLE)
        assert mine.read_text(encoding="utf-8") == "---\ntitle: My own\n---\nmy thoughts\n"
        assert mine.stat().st_mtime_ns == OLD
        assert other.read_text(encoding="utf-8") == "my notes on him\n"
        assert mine not in summary.written and other not in summary.written
        assert len(summary.written if run == 0 else summary.unchanged) == len(articles) + len(PEOPLE)
    names = {path.name for path in _notes(folder)}
    assert "Azerbaijan and Italy hold political consultations in Rome (2024-04-09).md" in names
    assert "Fariz Rzayev 2.md" in names


def test_a_generated_note_edited_since_is_skipped_unless_forced(vault: tuple[Path, VaultSummary]) -> None:
    folder, _ = vault
    path = folder / "People" / "Jeyhun Bayramov.md"
    edited = path.read_text(encoding="utf-8") + "\nMy addition.\n"
    path.write_text(edited, encoding="utf-8")
    articles, bodies = _sample_articles()
    people = [replace(PEOPLE[2], country="Republic of Azerbaijan"), *PEOPLE[:2]]
    summary = export_obsidian(folder, articles, _two_notes(bodies), people)
    assert summary.skipped == (path,)
    assert path.read_text(encoding="utf-8") == edited
    forced = export_obsidian(folder, articles, _two_notes(bodies), people, overwrite_edited=True)
    assert forced.written == (path,)
    assert "My addition." not in path.read_text(encoding="utf-8")


def test_a_moved_or_renamed_generated_note_is_updated_where_it_is(vault: tuple[Path, VaultSummary]) -> None:
    folder, _ = vault
    old = folder / "People" / "Edmondo Cirielli.md"
    moved = folder / "Italy" / "Cirielli.md"
    moved.parent.mkdir()
    old.rename(moved)
    articles, bodies = _sample_articles()
    people = [*PEOPLE[:1], replace(PEOPLE[1], aliases=("Cirielli",)), PEOPLE[2]]
    summary = export_obsidian(folder, articles, _two_notes(bodies), people)
    assert moved in summary.written and not old.exists()
    assert _front_matter(moved)[0]["aliases"] == ["Cirielli"]
    rome = (folder / "Articles" / "Azerbaijan and Italy hold political consultations in Rome.md").read_text(
        encoding="utf-8"
    )
    assert "[[Italy/Cirielli|Edmondo Cirielli]]" in rome


def test_same_titles_get_distinct_names_and_hostile_text_is_made_safe(tmp_path: Path) -> None:
    hostile = 'CON: a/b \\ c*? "d" <e> |f| #g ^h [i] \x1b]52;c;eA==\x07\u202eevil. '
    articles = [
        ArticleRecord("one", hostile, "2024-01-02", "Outlet\x1b[2J", url="https://x.example/1"),
        ArticleRecord("two", hostile, "2024-01-02", "Outlet"),
        ArticleRecord("three", hostile, None, "Outlet"),
        ArticleRecord("long", "word " * 100, None, None),
    ]
    folder = tmp_path / "vault"
    summary = export_obsidian(folder, articles, [], [PersonRecord("Nul")])
    assert len(set(summary.written)) == 5
    for path in summary.written:
        stem = path.stem
        assert not re.search(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f-\x9f\u202a-\u202e]', stem), stem
        assert stem == stem.strip(" .") and len(stem) <= 120 and len(path.name.encode()) <= 255
        assert stem.split(".")[0].strip().upper() not in {"CON", "NUL"}
        text = path.read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert len({path.name.casefold() for path in summary.written}) == 5


def test_safe_stem_examples() -> None:
    assert safe_stem("Azerbaijan: Italy talks?") == "Azerbaijan Italy talks"
    assert safe_stem("aux") == "aux_"
    assert safe_stem("...") == "Untitled"
    assert safe_stem("LPT1.report") == "LPT1.report_"
    assert len(safe_stem("é" * 300).encode()) <= 200


def test_an_orphaned_highlight_says_so(tmp_path: Path) -> None:
    body = "One sentence here. Another sentence there."
    ann = replace(make_annotation("a", body, "h", 0, 18), orphan=True)
    summary = export_obsidian(tmp_path / "v", [ArticleRecord("a", "A title")], [ann], [])
    (path,) = summary.written
    assert "no longer in the article" in path.read_text(encoding="utf-8")


def test_article_text_cannot_make_links_tags_or_block_ids(tmp_path: Path) -> None:
    body = "See [[Secret note]] and #notatag, $x$ ==mark== %%hidden%% end ^fake"
    ann = make_annotation("a", body, "h", 0, len(body))
    export_obsidian(tmp_path / "v", [ArticleRecord("a", "Title [[x]] #t")], [ann], [])
    text = (tmp_path / "v" / "Articles" / "Title x t.md").read_text(encoding="utf-8")
    _, note_body = text[4:].split("\n---\n", 1)
    assert WIKILINK.findall(note_body) == []
    assert OBSIDIAN_TAG.findall(note_body) == []
    assert "\\[\\[Secret note\\]\\]" in note_body and "\\^fake" in note_body
