"""Export to an Obsidian vault folder: a note per article and per person, updated in place on re-runs.

Generated notes carry `dipreader: generated`, their id and a hash of the text written. A re-run
finds them wherever they are in the folder (by id, so renamed or moved notes are updated where
they are), rewrites only those whose text still matches their hash, and reports the ones edited
since as skipped. Files without the mark are the user's: never written, their names never taken.
Notes of articles or people no longer exported are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
from dipreader.model.terminal_text import safe_words

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
    """Notes created or updated (empty when the export was asked for counts only)."""
    unchanged: tuple[Path, ...]
    """Notes that already held exactly this text (not touched, mtime kept; empty as `written`)."""
    skipped: tuple[Path, ...]
    """Generated notes edited since they were written: left as they are."""
    written_count: int = 0
    unchanged_count: int = 0


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


def _scan(folder: Path) -> tuple[dict[tuple[str, str], str], set[str]]:
    """The generated notes by (kind, id) (their paths relative to the folder), and every path in the
    folder (casefolded, relative)."""
    generated: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    if not folder.is_dir():
        return generated, taken
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue  # .obsidian, .trash, .git and our own temporary files
        posix = relative.as_posix()
        taken.add(posix.casefold())
        if path.suffix.lower() != ".md" or not path.is_file():
            continue
        try:
            key = _generated_key(_read_head(path))
        except OSError:
            continue
        if key is not None and key not in generated:
            generated[key] = posix
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


@dataclass(frozen=True)
class VaultArticles:
    """The articles of a vault, read twice and never all held: `outline` gives each one's record
    with at least its id, title, date and source (what names its note and what a person's list of
    articles shows), `records` each full record, in the same order, as its note is written."""

    outline: Callable[[], Iterable[ArticleRecord]]
    records: Callable[[], Iterable[ArticleRecord]]


PeopleRecords = Callable[[], Iterable[PersonRecord]]
"""The people of a vault, read twice (their names first, then each one as their note is written)."""


class _Outline(Mapping[str, ArticleRecord]):
    """The id, title, date and source of each article (what a person's note lists), by cleaned id."""

    def __init__(self) -> None:
        self.fields: dict[str, tuple[str, str | None, str | None]] = {}

    def __getitem__(self, ident: str) -> ArticleRecord:
        title, date, source = self.fields[ident]
        return ArticleRecord(ident, title, date, source)

    def __iter__(self) -> Iterator[str]:
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)


def export_obsidian(
    folder: Path,
    articles: Iterable[ArticleRecord] | VaultArticles,
    annotations: Iterable[Annotation] | NotesOf,
    people: Iterable[PersonRecord] | PeopleRecords,
    *,
    overwrite_edited: bool = False,
    list_paths: bool = True,
) -> VaultSummary:
    """Write (or update) the vault in `folder`; raises OSError when it cannot be written.

    `annotations`: every note, or a function giving one article's (then each article's are read
    as its note is written, and only a batch of notes' texts is held at a time). `articles` and
    `people` as `VaultArticles` and a function are read twice: what is held is then each note's
    path and each article's title, date and source, not the records. Without `list_paths`, the
    summary counts the notes written and unchanged without listing them."""
    if not isinstance(articles, VaultArticles):
        listed = list(articles)
        articles = VaultArticles(lambda: listed, lambda: listed)
    if not callable(people):
        people_listed = list(people)
        people = lambda: people_listed  # noqa: E731 - read twice, as a function would be
    outline = _Outline()
    original_ids: dict[str, str] = {}
    for record in articles.outline():
        article = clean_article(record)
        if article.id not in outline.fields:
            outline.fields[article.id] = (article.title, article.date, article.source)
            if article.id != record.id:
                original_ids[article.id] = record.id
    names = {name for name in (safe_words(person.name) for person in people()) if name}
    notes_of = _notes_reader(annotations, original_ids)

    generated, taken = _scan(folder)
    placed: dict[tuple[str, str], str] = dict(generated)
    for ident in sorted(outline.fields):
        key = (notes.ARTICLE_KIND, ident)
        if key not in placed:
            title, date, _source = outline.fields[ident]
            stem = safe_stem(title)
            dated = f"{stem} ({date})" if date else stem
            placed[key] = _free_path(ARTICLES_FOLDER, [stem, dated, f"{stem} ({safe_stem(ident)})"], taken)
            taken.add(placed[key].casefold())
    for name in sorted(names):
        key = (notes.PERSON_KIND, name)
        if key not in placed:
            placed[key] = _free_path(PEOPLE_FOLDER, [safe_stem(name)], taken)
            taken.add(placed[key].casefold())
    del taken

    def article_link(ident: str) -> str | None:
        fields = outline.fields.get(ident)
        return None if fields is None else _link(placed[(notes.ARTICLE_KIND, ident)], fields[0])

    def person_link(name: str) -> str | None:
        return None if name not in names else _link(placed[(notes.PERSON_KIND, name)], name)

    links = notes.Links(article=article_link, person=person_link)

    def texts() -> Iterator[tuple[str, str]]:
        done: set[str] = set()
        for record in articles.records():
            article = clean_article(record)
            if article.id in outline.fields and article.id not in done:
                done.add(article.id)
                yield (
                    placed[(notes.ARTICLE_KIND, article.id)],
                    notes.article_note(article, notes_of(article.id), links),
                )
        done.clear()
        for person in map(clean_person, people()):
            if person.name in names and person.name not in done:
                done.add(person.name)
                yield placed[(notes.PERSON_KIND, person.name)], notes.person_note(person, outline, links)

    return _write_all(folder, texts(), set(generated.values()), overwrite_edited, list_paths)


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
    folder: Path, texts: Iterable[tuple[str, str]], ours: set[str], overwrite_edited: bool, list_paths: bool
) -> VaultSummary:
    """Each note (its path relative to the folder, its text), written a batch at a time (each file
    atomically)."""
    to_write: list[tuple[Path, str]] = []
    written: list[Path] = []
    unchanged: list[Path] = []
    counts = [0, 0]
    skipped: list[Path] = []
    for relative, text in texts:
        path = folder / relative
        if relative in ours:
            with path.open("rb") as handle:
                current = handle.read(MAX_NOTE_BYTES + 1).decode("utf-8", errors="replace")
            if current == text:
                counts[1] += 1
                if list_paths:
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
            _write_batch(to_write, written if list_paths else None, counts)
            to_write = []
    _write_batch(to_write, written if list_paths else None, counts)
    return VaultSummary(
        tuple(sorted(written)), tuple(sorted(unchanged)), tuple(sorted(skipped)), counts[0], counts[1]
    )


def _write_batch(batch: list[tuple[Path, str]], written: list[Path] | None, counts: list[int]) -> None:
    write_texts_atomic(batch)
    counts[0] += len(batch)
    if written is not None:
        written.extend(path for path, _ in batch)
