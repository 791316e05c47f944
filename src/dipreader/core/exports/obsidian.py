"""Export to an Obsidian vault folder: a note per article and per person, updated in place on re-runs.

Generated notes carry `dipreader: generated`, their id and a hash of the text written. A re-run
finds them wherever they are in the folder (by id, so renamed or moved notes are updated where
they are), rewrites only those whose text still matches their hash, and reports the ones edited
since as skipped. Files without the mark are the user's: never written, their names never taken.
Notes of articles or people no longer exported are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from dipreader.core.atomic_write import write_texts_atomic
from dipreader.core.exports import obsidian_notes as notes
from dipreader.core.exports.file_names import safe_stem
from dipreader.core.exports.records import (
    ArticleRecord,
    PersonRecord,
    clean_annotation,
    clean_article,
    clean_person,
)
from dipreader.model.anchoring import Annotation

ARTICLES_FOLDER = "Articles"
PEOPLE_FOLDER = "People"
MAX_NOTE_BYTES = 8 * 1024 * 1024
_HEAD_BYTES = 64 * 1024
# libyaml when present: reading the front matter of a large vault is most of a re-run.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LABEL_JUNK = str.maketrans({"|": " ", "[": "(", "]": ")", "#": " ", "^": " "})
WRITE_BATCH = 1_000
"""Notes written (and synced) together: the texts of a vault are never all held at once."""

NotesOf = Callable[[str], Sequence[Annotation]]
"""An article's notes and highlights by its id (read from the store one article at a time)."""


@dataclass(frozen=True)
class VaultSummary:
    written: tuple[Path, ...]
    """Notes created or updated."""
    unchanged: tuple[Path, ...]
    """Notes that already held exactly this text (not touched, mtime kept)."""
    skipped: tuple[Path, ...]
    """Generated notes edited since they were written: left as they are."""


def _front_matter(text: str) -> str | None:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end == -1 and text.endswith("\n---"):
        end = len(text) - 4
    return text[4 : end + 1] if end != -1 else None


def _generated_key(head: str) -> tuple[str, str] | None:
    """(kind, id) of a generated note, from the start of its text."""
    block = _front_matter(head)
    if block is None or f"{notes.MARK_PROPERTY}: {notes.MARK_VALUE}" not in block:
        return None
    try:
        properties = yaml.load(block, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(properties, dict) or properties.get(notes.MARK_PROPERTY) != notes.MARK_VALUE:
        return None
    kind, ident = properties.get(notes.KIND_PROPERTY), properties.get(notes.ID_PROPERTY)
    return (kind, ident) if isinstance(kind, str) and isinstance(ident, str) else None


def _is_pristine(text: str) -> bool:
    block = _front_matter(text)
    try:
        properties = yaml.load(block, Loader=_Loader) if block is not None else None
    except yaml.YAMLError:
        return False
    recorded = properties.get(notes.HASH_PROPERTY) if isinstance(properties, dict) else None
    return recorded is not None and str(recorded) == notes.content_hash(text)


def _read_head(path: Path) -> str:
    with path.open("rb") as handle:
        return handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")


def _scan(folder: Path) -> tuple[dict[tuple[str, str], Path], set[str]]:
    """The generated notes by (kind, id), and every path in the folder (casefolded, relative)."""
    generated: dict[tuple[str, str], Path] = {}
    taken: set[str] = set()
    if not folder.is_dir():
        return generated, taken
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue  # .obsidian, .trash, .git and our own temporary files
        taken.add(relative.as_posix().casefold())
        if path.suffix.lower() != ".md" or not path.is_file():
            continue
        try:
            key = _generated_key(_read_head(path))
        except OSError:
            continue
        if key is not None and key not in generated:
            generated[key] = path
    return generated, taken


def _free_path(folder: str, stems: Iterable[str], taken: set[str]) -> str:
    """The first of the stems (then numbered ones) whose note is not yet taken, ignoring case."""
    candidates = list(dict.fromkeys(stems))
    for stem in candidates:
        relative = f"{folder}/{stem}.md"
        if relative.casefold() not in taken:
            return relative
    number = 2
    while f"{folder}/{candidates[0]} {number}.md".casefold() in taken:
        number += 1
    return f"{folder}/{candidates[0]} {number}.md"


def _link(relative: str, label: str) -> str:
    target = str(PurePosixPath(relative).with_suffix(""))
    shown = " ".join(label.translate(_LABEL_JUNK).split()) or PurePosixPath(relative).stem
    return f"[[{target}|{shown}]]"


def export_obsidian(
    folder: Path,
    articles: Sequence[ArticleRecord],
    annotations: Iterable[Annotation] | NotesOf,
    people: Sequence[PersonRecord],
    *,
    overwrite_edited: bool = False,
) -> VaultSummary:
    """Write (or update) the vault in `folder`; raises OSError when it cannot be written.

    `annotations`: every note, or a function giving one article's (then each article's are read
    as its note is written, and only a batch of notes' texts is held at a time)."""
    by_id: dict[str, ArticleRecord] = {}
    original_ids: dict[str, str] = {}
    for record in articles:
        article = clean_article(record)
        if article.id not in by_id:
            by_id[article.id] = article
            if article.id != record.id:
                original_ids[article.id] = record.id
    by_name: dict[str, PersonRecord] = {}
    for person in map(clean_person, people):
        if person.name:
            by_name.setdefault(person.name, person)
    notes_of = _notes_reader(annotations, original_ids)

    generated, taken = _scan(folder)
    placed: dict[tuple[str, str], str] = {}
    for key, path in generated.items():
        placed[key] = path.relative_to(folder).as_posix()
    for ident in sorted(by_id):
        key = (notes.ARTICLE_KIND, ident)
        if key not in placed:
            article = by_id[ident]
            stem = safe_stem(article.title)
            dated = f"{stem} ({article.date})" if article.date else stem
            placed[key] = _free_path(ARTICLES_FOLDER, [stem, dated, f"{stem} ({safe_stem(ident)})"], taken)
            taken.add(placed[key].casefold())
    for name in sorted(by_name):
        key = (notes.PERSON_KIND, name)
        if key not in placed:
            placed[key] = _free_path(PEOPLE_FOLDER, [safe_stem(name)], taken)
            taken.add(placed[key].casefold())
    del taken

    def article_link(ident: str) -> str | None:
        article = by_id.get(ident)
        return None if article is None else _link(placed[(notes.ARTICLE_KIND, ident)], article.title)

    def person_link(name: str) -> str | None:
        return None if name not in by_name else _link(placed[(notes.PERSON_KIND, name)], name)

    links = notes.Links(article=article_link, person=person_link)

    def text_of(key: tuple[str, str]) -> str:
        kind, ident = key
        if kind == notes.ARTICLE_KIND:
            return notes.article_note(by_id[ident], notes_of(ident), links)
        return notes.person_note(by_name[ident], by_id, links)

    wanted = [(notes.ARTICLE_KIND, ident) for ident in by_id]
    wanted += [(notes.PERSON_KIND, name) for name in by_name]
    ordered = sorted((placed[key], key) for key in wanted)
    return _write_all(folder, ordered, text_of, set(generated.values()), overwrite_edited)


def _notes_reader(annotations: Iterable[Annotation] | NotesOf, original_ids: dict[str, str]) -> NotesOf:
    """Each article's notes, cleaned, by the article's cleaned id."""
    if callable(annotations):
        read = annotations
        return lambda ident: [clean_annotation(ann) for ann in read(original_ids.get(ident, ident))]
    anns: dict[str, list[Annotation]] = {}
    for ann in map(clean_annotation, annotations):
        anns.setdefault(ann.article_id, []).append(ann)
    return lambda ident: anns.get(ident, [])


def _write_all(
    folder: Path,
    ordered: Iterable[tuple[str, tuple[str, str]]],
    text_of: Callable[[tuple[str, str]], str],
    ours: set[Path],
    overwrite_edited: bool,
) -> VaultSummary:
    """Each note in the order of its path, written a batch at a time (each file atomically)."""
    to_write: list[tuple[Path, str]] = []
    written: list[Path] = []
    unchanged: list[Path] = []
    skipped: list[Path] = []
    for relative, key in ordered:
        path = folder / relative
        text = text_of(key)
        if path in ours:
            with path.open("rb") as handle:
                current = handle.read(MAX_NOTE_BYTES + 1).decode("utf-8", errors="replace")
            if current == text:
                unchanged.append(path)
                continue
            if not overwrite_edited and not _is_pristine(current):
                skipped.append(path)
                continue
        elif path.exists():
            skipped.append(path)  # appeared since the scan: someone else's now
            continue
        to_write.append((path, text))
        if len(to_write) >= WRITE_BATCH:
            write_texts_atomic(to_write)
            written.extend(path for path, _ in to_write)
            to_write = []
    write_texts_atomic(to_write)
    written.extend(path for path, _ in to_write)
    return VaultSummary(tuple(written), tuple(unchanged), tuple(skipped))
