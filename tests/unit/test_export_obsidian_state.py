"""The vault written with its state on disk is the one the same notes placed in dicts give, re-runs included."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dipreader.core.exports import obsidian
from dipreader.core.exports import obsidian_notes as notes
from dipreader.core.exports.file_names import safe_stem
from dipreader.core.exports.obsidian import VaultSummary, export_obsidian
from dipreader.core.exports.records import (
    ArticleRecord,
    PersonRecord,
    RoleEntry,
    clean_annotation,
    clean_article,
    clean_person,
)
from dipreader.model.anchoring import Annotation
from dipreader.model.terminal_text import safe_words


def _held_texts(
    folder: Path, articles: list[ArticleRecord], anns: list[Annotation], people: list[PersonRecord]
) -> list[tuple[str, bool, str]]:
    """Each note's (path, found in the vault, text) as the export made them before its state went
    to disk: every title, path and name held in dicts and sets, the vault's paths sorted whole."""
    outline: dict[str, ArticleRecord] = {}
    for record in articles:
        outline.setdefault(clean_article(record).id, clean_article(record))
    names = {name for name in (safe_words(person.name) for person in people) if name}
    generated: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        taken.add(relative.as_posix().casefold())
        if path.suffix.lower() == ".md" and path.is_file():
            key = obsidian._generated_key(obsidian._read_head(path))
            if key is not None and key not in generated:
                generated[key] = relative.as_posix()
    placed = dict(generated)

    def place(key: tuple[str, str], folder_name: str, stems: list[str]) -> None:
        candidates = list(dict.fromkeys(stems))
        free = [
            f"{folder_name}/{stem}.md"
            for stem in candidates
            if f"{folder_name}/{stem}.md".casefold() not in taken
        ]
        number = 2
        while not free and f"{folder_name}/{candidates[0]} {number}.md".casefold() in taken:
            number += 1
        placed[key] = free[0] if free else f"{folder_name}/{candidates[0]} {number}.md"
        taken.add(placed[key].casefold())

    for ident in sorted(outline):
        if (notes.ARTICLE_KIND, ident) not in placed:
            stem, date = safe_stem(outline[ident].title), outline[ident].date
            dated = f"{stem} ({date})" if date else stem
            place((notes.ARTICLE_KIND, ident), "Articles", [stem, dated, f"{stem} ({safe_stem(ident)})"])
    for name in sorted(names):
        if (notes.PERSON_KIND, name) not in placed:
            place((notes.PERSON_KIND, name), "People", [safe_stem(name)])

    def article_link(ident: str) -> str | None:
        found = outline.get(ident)
        return None if found is None else obsidian._link(placed[(notes.ARTICLE_KIND, ident)], found.title)

    def person_link(name: str) -> str | None:
        return None if name not in names else obsidian._link(placed[(notes.PERSON_KIND, name)], name)

    links = notes.Links(article=article_link, person=person_link)
    by_article: dict[str, list[Annotation]] = {}
    for ann in map(clean_annotation, anns):
        by_article.setdefault(ann.article_id, []).append(ann)
    ours = set(generated.values())
    texts: list[tuple[str, bool, str]] = []
    done: set[str] = set()
    for article in map(clean_article, articles):
        if article.id not in done:
            done.add(article.id)
            note = placed[(notes.ARTICLE_KIND, article.id)]
            texts.append(
                (note, note in ours, notes.article_note(article, by_article.get(article.id, []), links))
            )
    done.clear()
    for person in map(clean_person, people):
        if person.name in names and person.name not in done:
            done.add(person.name)
            note = placed[(notes.PERSON_KIND, person.name)]
            texts.append((note, note in ours, notes.person_note(person, outline, links)))
    return texts


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def _skipped(summary: VaultSummary, folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in summary.skipped)


ARTICLES = [
    ArticleRecord("b-talks", "Talks", "2024-01-02", "Agency", people=("Ana Li", "Bo Chen")),
    ArticleRecord("a-talks", "Talks", "2024-01-02", "Other", people=("Ana Li",)),
    ArticleRecord("c-talks", "talks", None, None, people=("Bo Chen",)),
    ArticleRecord("d-talks", "TALKS", "2024-01-02", None),
    ArticleRecord("e\ttalks", "Talks", "2024-01-02", "Tabbed"),  # its id cleans to "e talks"
    ArticleRecord("e talks", "Talks again", None, "Second of the same cleaned id"),
    ArticleRecord("f", "A/B: visit", "2023-05", "Agency", people=("Ana/Li",)),
    ArticleRecord("x/1", "Talks", "2024-01-02", None),  # every name of its note taken: numbered
    ArticleRecord("x 1", "Talks", "2024-01-02", None),
]
PEOPLE = [
    PersonRecord(
        "Bo Chen",
        "China",
        roles=(RoleEntry("Envoy", "b-talks", "2024-01-02"),),
        articles=("b-talks", "c-talks"),
    ),
    PersonRecord("Ana Li", aliases=("Li",), articles=("a-talks", "b-talks", "gone")),
    PersonRecord("Ana/Li", articles=("f",)),  # the same file name as Ana Li's
    PersonRecord("Bo Chen", "a second record of the same name"),
    PersonRecord("\x1b[2J"),  # no name once cleaned: no note
]
ANNS = [
    Annotation(
        "n1",
        "e\ttalks",
        "",
        0,
        5,
        "Talks",
        "",
        "",
        "from the store by the id as given",
        "yellow",
        ("x",),
        "t",
        "t",
    ),
    Annotation("n2", "b-talks", "", 0, 5, "Talks", "", "", "", "green", (), "t", "t"),
]


def _both(
    tmp_path: Path, change: Callable[[Path], None], articles: list[ArticleRecord], people: list[PersonRecord]
) -> tuple[Path, VaultSummary]:
    """The same change made to two vaults, then one written by `export_obsidian`, the other from the held texts."""
    on_disk, held = tmp_path / "on-disk", tmp_path / "held"
    for folder in (on_disk, held):
        folder.mkdir(exist_ok=True)
        change(folder)
    summary = export_obsidian(on_disk, articles, ANNS, people)
    reference = obsidian._write_all(held, _held_texts(held, articles, ANNS, people), False, True)
    assert _files(on_disk) == _files(held)
    assert _skipped(summary, on_disk) == _skipped(reference, held)
    assert (
        summary.written_count == reference.written_count
        and summary.unchanged_count == reference.unchanged_count
    )
    return on_disk, summary


def test_the_vault_on_disk_equals_the_vault_from_held_dicts_over_reruns(tmp_path: Path) -> None:
    def user_notes(folder: Path) -> None:
        (folder / "Articles").mkdir()
        (folder / "Articles" / "talks.md").write_text("mine\n", encoding="utf-8")
        (folder / "People").mkdir()
        (folder / "People" / "ana li.md").write_text("mine too\n", encoding="utf-8")
        (folder / ".obsidian").mkdir()
        (folder / ".obsidian" / "Talks (2024-01-02).md").write_text("hidden: not taken\n", encoding="utf-8")

    on_disk, _ = _both(tmp_path, user_notes, ARTICLES, PEOPLE)
    names = sorted(_files(on_disk))
    assert {"Articles/Talks 2.md", "Articles/Talks (x 1).md", "Articles/Talks (e talks).md"} <= set(names)
    assert {"People/Ana Li 2.md", "People/Ana Li 3.md"} <= set(names)

    def moved_copied_edited(folder: Path) -> None:
        (folder / "Elsewhere").mkdir()
        (folder / "People" / "Bo Chen.md").rename(folder / "Elsewhere" / "Bo.md")
        original = folder / "Articles" / "Talks (2024-01-02).md"
        copy = original.read_bytes()
        (folder / "Articles a").mkdir()
        original.rename(folder / "Articles a" / "copy.md")
        (folder / "Articles" / "a").mkdir()
        (folder / "Articles" / "a" / "copy.md").write_bytes(
            copy
        )  # the same id twice: the first in sorted order is kept
        edited = folder / "Articles" / "A B visit.md"
        edited.write_text(edited.read_text(encoding="utf-8") + "\nmy addition\n", encoding="utf-8")

    more = [
        *ARTICLES,
        ArticleRecord("g", "Talks", "2024-01-02", "New"),
        ArticleRecord("h", "talks", None, None),
    ]
    people = [*PEOPLE, PersonRecord("Cy Dee", articles=("g", "f"))]
    on_disk, summary = _both(tmp_path, moved_copied_edited, more, [replace_country(p) for p in people])
    assert _skipped(summary, on_disk) == ["Articles/A B visit.md"]
    assert "[[Elsewhere/Bo|Bo Chen]]" in (on_disk / "Articles" / "Talks (b-talks).md").read_text(
        encoding="utf-8"
    )
    assert "[[Articles/a/copy|Talks]]" in (on_disk / "People" / "Ana Li 2.md").read_text(encoding="utf-8")
    assert "Other" in (on_disk / "Articles a" / "copy.md").read_text(encoding="utf-8")  # left as it was
    on_disk, summary = _both(tmp_path, lambda folder: None, more, [replace_country(p) for p in people])
    assert summary.written_count == 0 and _skipped(summary, on_disk) == ["Articles/A B visit.md"]


def replace_country(person: PersonRecord) -> PersonRecord:
    """The person with another country: their note changes, so a re-run rewrites it."""
    return replace(person, country=f"{person.country or 'no'} country")
