"""Export to an Obsidian vault folder: a note per article and per person, updated in place on re-runs.

Generated notes carry `dipreader: generated`, their id and a hash of the text written. A re-run
finds them wherever they are in the folder (by id, so renamed or moved notes are updated where
they are), rewrites only those whose text still matches their hash, and reports the ones edited
since as skipped. Files without the mark are the user's: never written, their names never taken.
Notes of articles or people no longer exported are left as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from dipreader.core.atomic_write import write_texts_atomic
from dipreader.core.exports import obsidian_notes as notes
from dipreader.core.exports.file_names import safe_stem
from dipreader.core.exports.obsidian_state import VaultState, vault_paths
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
LINKS_KEPT = 4_096
"""People's links made lately, kept: an article's people are mostly the same few thousand."""
WRITE_BATCH = 1_000
"""Notes written (and synced) together: the texts of a vault are never all held at once."""
WRITE_BATCH_CHARS = 8 * 1024 * 1024
"""At most this much text waits to be written (a person's note lists every article naming them)."""

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


def _scan(folder: Path, state: VaultState) -> None:
    """Every path in the folder into `state` (the generated notes with their (kind, id))."""
    if not folder.is_dir():
        return
    for relative, entry in vault_paths(folder):
        key = None
        if relative.lower().endswith(".md"):
            try:
                if entry.is_file():
                    key = _generated_key(_read_head(Path(entry.path)))
            except OSError:
                pass
        state.add_found(relative, key)


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
    `people` as `VaultArticles` and a function are read twice (their names first), and not held:
    each note's path, each article's title, date and source, the people's names and every path in
    the vault wait in a temporary database (`obsidian_state`). Without `list_paths`, the summary
    counts the notes written and unchanged without listing them."""
    if not isinstance(articles, VaultArticles):
        listed = list(articles)
        articles = VaultArticles(lambda: listed, lambda: listed)
    if not callable(people):
        people_listed = list(people)
        people = lambda: people_listed  # noqa: E731 - read twice, as a function would be
    state = VaultState()
    try:
        return _export(
            folder, state, articles, _notes_reader(annotations), people, overwrite_edited, list_paths
        )
    finally:
        state.close()


def _export(
    folder: Path,
    state: VaultState,
    articles: VaultArticles,
    notes_of: Callable[[str, str], Sequence[Annotation]],
    people: PeopleRecords,
    overwrite_edited: bool,
    list_paths: bool,
) -> VaultSummary:
    state.add_articles((clean_article(record), record.id) for record in articles.outline())
    state.add_names(name for name in (safe_words(person.name) for person in people()) if name)
    _scan(folder, state)
    for ident, title, date in state.unplaced_articles(notes.ARTICLE_KIND):
        stem = safe_stem(title)
        dated = f"{stem} ({date})" if date else stem
        state.place(notes.ARTICLE_KIND, ident, ARTICLES_FOLDER, [stem, dated, f"{stem} ({safe_stem(ident)})"])
    for name in state.unplaced_names(notes.PERSON_KIND):
        state.place(notes.PERSON_KIND, name, PEOPLE_FOLDER, [safe_stem(name)])

    def article_link(ident: str) -> str | None:
        found = state.article_link(ident, notes.ARTICLE_KIND)
        return None if found is None else _link(*found)

    @functools.lru_cache(maxsize=LINKS_KEPT)
    def person_link(name: str) -> str | None:
        path = state.name_path(name, notes.PERSON_KIND)
        return None if path is None else _link(path, name)

    links = notes.Links(article=article_link, person=person_link)

    def texts() -> Iterator[tuple[str, bool, str]]:
        for record in articles.records():
            article = clean_article(record)
            first = state.first_article(article.id, notes.ARTICLE_KIND)
            if first is not None:
                path, existing, original = first
                yield path, existing, notes.article_note(article, notes_of(article.id, original), links)
        for person in map(clean_person, people()):
            found = state.first_name(person.name, notes.PERSON_KIND)
            if found is not None:
                cited = [*person.articles, *(role.article_id for role in person.roles)]
                listed = state.linked_articles(cited, notes.ARTICLE_KIND)
                shown = {ident: record for ident, (_path, record) in listed.items()}
                linked = {ident: _link(path, record.title) for ident, (path, record) in listed.items()}
                their_links = notes.Links(article=linked.get, person=person_link)
                yield found[0], found[1], notes.person_note(person, shown, their_links)

    return _write_all(folder, texts(), overwrite_edited, list_paths)


def _notes_reader(annotations: Iterable[Annotation] | NotesOf) -> Callable[[str, str], Sequence[Annotation]]:
    """Each article's notes, cleaned, by the article's cleaned id and its id as given."""
    if callable(annotations):
        read = annotations
        return lambda _ident, original: [clean_annotation(ann) for ann in read(original)]
    anns: dict[str, list[Annotation]] = {}
    for ann in map(clean_annotation, annotations):
        anns.setdefault(ann.article_id, []).append(ann)
    return lambda ident, _original: anns.get(ident, [])


def _write_all(
    folder: Path, texts: Iterable[tuple[str, bool, str]], overwrite_edited: bool, list_paths: bool
) -> VaultSummary:
    """Each note (its path relative to the folder, whether it is a generated note found there, its
    text), written a batch at a time (each file atomically)."""
    to_write: list[tuple[Path, str]] = []
    waiting = 0
    written: list[Path] = []
    unchanged: list[Path] = []
    counts = [0, 0]
    skipped: list[Path] = []
    for relative, existing, text in texts:
        path = folder / relative
        if existing:
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
        waiting += len(text)
        if len(to_write) >= WRITE_BATCH or waiting >= WRITE_BATCH_CHARS:
            _write_batch(to_write, written if list_paths else None, counts)
            to_write, waiting = [], 0
    _write_batch(to_write, written if list_paths else None, counts)
    return VaultSummary(
        tuple(sorted(written)), tuple(sorted(unchanged)), tuple(sorted(skipped)), counts[0], counts[1]
    )


def _write_batch(batch: list[tuple[Path, str]], written: list[Path] | None, counts: list[int]) -> None:
    write_texts_atomic(batch)
    counts[0] += len(batch)
    if written is not None:
        written.extend(path for path, _ in batch)
