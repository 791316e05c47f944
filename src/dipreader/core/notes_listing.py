"""The Notes tab's list: the store's annotations by article (newest article first), placed ones before
orphans, filtered by a query, held as row keys (8 bytes a note) and read from the store a page at a time."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dipreader.core.library import Library
from dipreader.model.anchoring import Annotation
from dipreader.model.query import QueryError, parse
from dipreader.model.query_match import Record, compile_matcher, plain_words
from dipreader.store import Store
from dipreader.store.annotation_pages import KEYS_PER_QUERY, ListedAnnotation, ascii_words

PAGE_NOTES = 64
"""Notes read at once when the list needs one it has not read."""
CACHED_NOTES = 4096
"""Notes kept after reading; more, and the cache starts again (a screen needs a few dozen)."""
FILTER_BATCH = KEYS_PER_QUERY
WORDS_BATCH = 20_000
"""Notes SQL looks for words in at once (a tenth of a second or so: the store is free between)."""


@dataclass(frozen=True)
class ListedNote:
    """One annotation with what the list shows about its article; note and quote may be clipped."""

    annotation: Annotation
    title: str
    date: str
    sort_date: tuple[int, int, int]
    note_chars: int = 0
    clipped: bool = False

    def haystack(self) -> str:
        ann = self.annotation
        return " ".join((self.title, self.date, ann.exact, ann.note, *ann.tags)).casefold()


NoteTest = Callable[[ListedNote], bool]


def typed_words(query: str) -> list[str] | None:
    """The query's words when it is bare words or cannot be parsed (they match as parts of words, as
    you type), else None (a query of the search language)."""
    try:
        parsed = parse(query)
    except QueryError:
        parsed = None
    return query.casefold().split() if parsed is None or plain_words(parsed) else None


def note_filter(query: str) -> NoteTest | None:
    """A test of the search language (words, "phrases", -word, OR, `#tag` / `tag:`) on a note, or None
    for an empty query; bare words, or a query that cannot be parsed, match as parts of words (as
    you type) in the article's title and date, the quote, the note and the tags."""
    if not query.strip():
        return None
    words = typed_words(query)
    if words is not None:
        return lambda note: all(word in note.haystack() for word in words)
    test = compile_matcher(parse(query))

    def matches(note: ListedNote) -> bool:
        ann = note.annotation
        return test(Record(title=note.title, text=f"{note.date} {ann.exact} {ann.note}", tags=ann.tags))

    return matches


@dataclass
class NoteGroup:
    """One article's placed (or orphaned) notes that the filter kept, by row key in order of place."""

    article_id: str
    orphan: bool
    title: str
    date: str
    sort_date: tuple[int, int, int]
    keys: array[int] = field(default_factory=lambda: array("q"))

    def heading(self) -> str:
        """The title and date as the filter's words see them."""
        return f"{self.title} {self.date}".casefold()

    def note(self, listed: ListedAnnotation) -> ListedNote:
        return ListedNote(
            listed.annotation, self.title, self.date, self.sort_date, listed.note_chars, listed.clipped
        )


class NotesListing:
    """The notes in the list's order: placed groups, then orphan groups; positions count notes only."""

    def __init__(self, store: Store, groups: Sequence[NoteGroup], total: int) -> None:
        self.store = store
        self.groups = sorted(groups, key=_group_order)
        self.total = total
        """Every note in the store, filtered or not."""
        self._cache: dict[int, ListedAnnotation] = {}
        self._starts: list[int] = []
        self._renumber()

    def _renumber(self) -> None:
        self._starts, at = [], 0
        for group in self.groups:
            self._starts.append(at)
            at += len(group.keys)
        self._length = at
        self.orphan_count = sum(len(group.keys) for group in self.groups if group.orphan)

    def __len__(self) -> int:
        return self._length

    @property
    def placed_count(self) -> int:
        return self._length - self.orphan_count

    def _locate(self, position: int) -> tuple[NoteGroup, int]:
        if not 0 <= position < self._length:
            raise IndexError(position)
        index = bisect.bisect_right(self._starts, position) - 1
        while not self.groups[index].keys:  # empty groups share their start with the next
            index += 1
        return self.groups[index], position - self._starts[index]

    def key_at(self, position: int) -> int:
        group, offset = self._locate(position)
        return group.keys[offset]

    def note_at(self, position: int) -> ListedNote | None:
        """The note at `position` (None if it left the store since the list was read)."""
        group, offset = self._locate(position)
        key = group.keys[offset]
        if key not in self._cache:
            self._read_page(position)
        listed = self._cache.get(key)
        return None if listed is None else group.note(listed)

    def _read_page(self, position: int) -> None:
        if len(self._cache) > CACHED_NOTES:
            self._cache.clear()
        first = position - position % PAGE_NOTES
        wanted = [self.key_at(at) for at in range(first, min(first + PAGE_NOTES, self._length))]
        for listed in self.store.annotation_page([key for key in wanted if key not in self._cache]):
            self._cache[listed.key] = listed

    def position_of(self, key: int) -> int | None:
        for group, start in zip(self.groups, self._starts, strict=True):
            try:
                return start + group.keys.index(key)
            except ValueError:
                continue
        return None

    def remove(self, position: int) -> None:
        group, offset = self._locate(position)
        self._cache.pop(group.keys.pop(offset), None)
        self._renumber()

    def replace(self, position: int, key: int) -> None:
        """The note at `position` was saved again under a new row key (or changed under its own)."""
        group, offset = self._locate(position)
        self._cache.pop(group.keys[offset], None)
        self._cache.pop(key, None)
        group.keys[offset] = key

    def insert(self, annotation: Annotation, key: int, position: int) -> int:
        """Put a note back (an undone delete) near `position` in its article's group; returns where
        it went, or -1 when its article has no group in this list (reload it)."""
        for index, group in enumerate(self.groups):
            if group.article_id == annotation.article_id and group.orphan == annotation.orphan:
                start = self._starts[index]
                offset = max(0, min(position - start, len(group.keys)))
                group.keys.insert(offset, key)
                self._renumber()
                return start + offset
        return -1


def _group_order(group: NoteGroup) -> tuple[bool, tuple[int, int, int], str, str]:
    negated = (-group.sort_date[0], -group.sort_date[1], -group.sort_date[2])
    return group.orphan, negated, group.title, group.article_id


def _group(article_id: str, orphan: bool, library: Library | None) -> NoteGroup:
    found = library.by_id(article_id) if library is not None else None
    title = (found.title if found is not None else "") or article_id
    date = found.date if found is not None else None
    label = date.label() if date is not None else "undated"
    sort_date = date.sort_key() if date is not None else (0, 0, 0)
    return NoteGroup(article_id, orphan, title, label, sort_date)


def list_notes(
    store: Store, library: Library | None, query: str = "", cancelled: Callable[[], bool] = lambda: False
) -> NotesListing | None:
    """Every annotation of the store that matches `query`, in the list's order; None when
    `cancelled()` turned true meanwhile. Without a query only row keys are read (a million notes
    take about 8 MB); with one, the notes are read a batch at a time and tested (for words, only
    those SQL found holding them)."""
    test = note_filter(query)
    words = typed_words(query) if test is not None else None
    groups: list[NoteGroup] = []
    total = 0
    for found in store.annotation_groups():
        total += found.count
        group = _group(found.article_id, found.orphan, library)
        # Words in the article's title or date hold for all its notes; SQL looks for the others first.
        left = None if words is None else [word for word in words if word not in group.heading()]
        prefilter = left if left and ascii_words(left) else ()
        keys = store.annotation_keys(found.article_id, found.orphan)
        if test is not None and left != []:
            kept = _matching(store, group, keys, test, prefilter, cancelled)
            if kept is None:
                return None
            keys = kept
        group.keys = keys
        groups.append(group)
        if cancelled():
            return None
    return NotesListing(store, groups, total)


def _matching(
    store: Store,
    group: NoteGroup,
    keys: array[int],
    test: NoteTest,
    words: Sequence[str],
    cancelled: Callable[[], bool],
) -> array[int] | None:
    """The keys whose notes pass `test`, a batch at a time (the store free between batches); with
    `words`, SQL first finds the notes that hold them (`_holding`)."""
    if words:
        return _holding(store, group, keys, test, words, cancelled)
    kept: array[int] = array("q")
    for at in range(0, len(keys), FILTER_BATCH):
        if cancelled():
            return None
        batch: Sequence[int] = keys[at : at + FILTER_BATCH]
        kept.extend(
            listed.key for listed in store.annotation_page(batch, clip=None) if test(group.note(listed))
        )
    return kept


def _holding(
    store: Store,
    group: NoteGroup,
    keys: array[int],
    test: NoteTest,
    words: Sequence[str],
    cancelled: Callable[[], bool],
) -> array[int] | None:
    """The keys whose notes hold `words`: SQL looks WORDS_BATCH notes at a time, in the order of
    their rows (each page of the table read once, not once a batch), and only the notes it is unsure
    of are read and tested; the kept ones are marked in a byte a row key, then listed in place order."""
    if not keys:
        return array("q")
    by_row = sorted(keys)
    marks = bytearray(by_row[-1] + 1)
    for at in range(0, len(by_row), WORDS_BATCH):
        if cancelled():
            return None
        hits = store.annotations_holding(by_row[at : at + WORDS_BATCH], words)
        for key in hits.held:
            marks[key] = 1
        for part in range(0, len(hits.unsure), FILTER_BATCH):
            for listed in store.annotation_page(hits.unsure[part : part + FILTER_BATCH], clip=None):
                if test(group.note(listed)):
                    marks[listed.key] = 1
    return array("q", (key for key in keys if marks[key]))
