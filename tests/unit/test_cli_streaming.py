"""The CLI streams: writers emit each row before reading the next, and the streamed JSON, CSV and Markdown
are the text the whole-list code wrote (json.dumps, merge_events, the list-based exports)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from generated_library import Stop, failing_after
from hypothesis import given
from hypothesis import strategies as st

from dipreader.cli import main
from dipreader.cli.views import write_chronology_csv
from dipreader.core.chronology_stream import merged_chronology
from dipreader.core.exports.notes_markdown import export_notes_markdown, write_notes_markdown
from dipreader.core.exports.records import ArticleRecord
from dipreader.core.json_stream import json_text, write_json_array, write_json_document
from dipreader.core.notes_io import export_json, export_w3c, write_json_export, write_w3c_export
from dipreader.core.notes_reader import ListedNotes, StoredNotes
from dipreader.model.anchoring import Annotation
from dipreader.model.article import PartialDate
from dipreader.model.chronology import Event, chronology_records, merge_events
from dipreader.paths import sample_articles_dir, store_path
from dipreader.store import Store


def note(number: int, article: str = "a", **changes: Any) -> Annotation:
    fields: dict[str, Any] = {
        "id": f"note-{number:04d}",
        "article_id": article,
        "content_hash": "hash",
        "start": number % 7,
        "end": number % 7 + 5,
        "exact": f"passage {number}",
        "prefix": "before ",
        "suffix": " after",
        "note": f"note {number}" if number % 2 else "",
        "tags": (f"tag{number % 3}",),
        "created": f"2025-01-0{1 + number % 3}T00:00:00Z",
        "updated": "2025-02-01T00:00:00Z",
        **changes,
    }
    return Annotation(**fields)


# JSON text


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF)),
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values, st.integers(min_value=0, max_value=3))
def test_json_text_is_what_json_dumps_writes(value: object, level: int) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    assert json_text(value, level) == expected


@given(st.lists(json_values, max_size=6))
def test_a_streamed_array_and_document_are_what_json_dumps_writes(items: list[object]) -> None:
    parts: list[str] = []
    write_json_array(parts.append, iter(items))
    assert "".join(parts) == json.dumps(items, ensure_ascii=False, indent=2)
    parts = []
    document = {"n": 1, "first": {"kind": "page", "items": None}}
    write_json_document(parts.append, document, ("first", "items"), iter(items))
    whole = {"n": 1, "first": {"kind": "page", "items": items}}
    assert "".join(parts) == json.dumps(whole, ensure_ascii=False, indent=2)


def test_a_json_array_is_written_item_by_item() -> None:
    parts: list[str] = []
    with pytest.raises(Stop):
        write_json_array(parts.append, failing_after([{"n": n} for n in range(100)], 3))
    assert "".join(parts).count('"n"') == 3


def test_the_streamed_array_must_be_the_last_key() -> None:
    with pytest.raises(ValueError, match="last key"):
        write_json_document(lambda _text: None, {"items": [], "after": 1}, ("items",), [])


# notes


def test_notes_json_and_w3c_exports_write_each_note_before_reading_the_next() -> None:
    notes = [note(n) for n in range(50)]
    for export in ("json", "w3c"):
        parts: list[str] = []
        with pytest.raises(Stop):
            if export == "json":
                write_json_export(parts.append, failing_after(notes, 7))
            else:
                write_w3c_export(parts.append, failing_after(notes, 7), len(notes))
        assert "".join(parts).count('"passage ') == 7, export


class SecondReadFails(ListedNotes):
    """The Markdown export reads every note's tags first, then the notes to write them: that read
    fails after `allowed` notes."""

    def __init__(self, notes: list[Annotation], allowed: int) -> None:
        super().__init__(notes)
        self.allowed = allowed

    def by_rank(self, ranks: Mapping[str, int]) -> Iterator[Annotation]:
        return failing_after(list(super().by_rank(ranks)), self.allowed)


def test_the_markdown_export_writes_each_note_before_reading_the_next() -> None:
    notes = [note(n) for n in range(40)]
    parts: list[str] = []
    with pytest.raises(Stop):
        write_notes_markdown(parts.append, SecondReadFails(notes, 5), [ArticleRecord("a", "An article")])
    written = "".join(parts)
    assert written.startswith("---\ntitle: dipreader notes\narticles: 1\nnotes: 40\n")
    assert written.count("<sub>") == 5


@pytest.fixture
def store_with_notes(tmp_path: Path) -> Store:
    store = Store.open(store_path(tmp_path / "state"))
    hostile = "evil\x1b]0;title\x07"
    notes = [note(n, article=("a", "b", "c", hostile, "évian")[n % 5]) for n in range(120)]
    notes += [note(200 + n, article="b", start=3, created="2025-01-01T00:00:00Z") for n in range(6)]  # ties
    notes += [note(300 + n, article="a", orphan=True) for n in range(4)]
    store.merge_annotations(notes)
    return store


def test_notes_read_in_pages_export_as_the_whole_list_did(store_with_notes: Store) -> None:
    whole = store_with_notes.annotations()
    records = [ArticleRecord("a", "Zeta"), ArticleRecord("b", "alpha"), ArticleRecord("évian", "Évian")]
    with StoredNotes(store_with_notes.path) as stored:
        parts: list[str] = []
        write_json_export(parts.append, stored.ordered())
        assert "".join(parts) == export_json(whole)
        parts = []
        write_w3c_export(parts.append, stored.ordered(), stored.count())
        assert "".join(parts) == export_w3c(whole)
        parts = []
        write_notes_markdown(parts.append, stored, records)
        assert "".join(parts) == export_notes_markdown(whole, records)


# chronology


DATES = [PartialDate(2024), PartialDate(2024, 5), PartialDate(2024, 5, 8), PartialDate(2025, 1, 2)]
WORDS = ["ministers", "signed", "agreement", "energy", "visit", "talks", "Rome", "Baku"]


@st.composite
def events(draw: st.DrawFn) -> Event:
    date = draw(st.sampled_from(DATES))
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))
    start = draw(st.integers(min_value=0, max_value=50))
    until = draw(st.sampled_from([None, PartialDate(2025, 6, 1)]))
    return Event(
        article=draw(st.sampled_from(["a", "b", "c", "d\udcff"])),
        date=date,
        precision=date.precision,
        expression=str(date.year),
        text=text,
        start=start,
        end=start + len(text),
        expr_start=start,
        expr_end=start + 4,
        status=draw(st.sampled_from(["past", "planned"])),
        end_date=until,
    )


@given(st.lists(events(), max_size=40))
def test_the_chronology_merged_one_date_at_a_time_is_merge_events(found: list[Event]) -> None:
    assert list(merged_chronology(iter(found))) == merge_events(found)


def test_the_chronology_csv_writes_each_row_before_reading_the_next() -> None:
    rows = [{"date": f"2024-05-{day:02d}", "text": f"event {day}", "status": "past"} for day in range(1, 20)]
    out = io.StringIO()
    with pytest.raises(Stop):
        write_chronology_csv(failing_after(rows, 4), out)
    assert out.getvalue().count("event ") == 4
    assert out.getvalue().startswith("date,precision,expression,text,article,start,end,status\r\n")


# the commands


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def old_json(data: object) -> str:
    """What `print_json` wrote before the output was streamed."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_json_of_the_sample_library_is_what_the_whole_list_code_wrote(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from samples import load_corpus

    from dipreader.cli.views import entity_record
    from dipreader.extract.analysis import analyse
    from dipreader.model.knowledge import load_knowledge
    from dipreader.model.people import build_people, who_records

    knowledge = load_knowledge(None)
    analysed = [
        (article.meta, analyse(article, knowledge)) for article in load_corpus(sample_articles_dir()).articles
    ]
    events = [event for _, analysis in analysed for event in analysis.events]
    people = build_people(
        ((meta, analysis.entities, analysis.paragraph_starts) for meta, analysis in analysed),
        known_names=frozenset(person.name for person in knowledge.people),
    )
    assert run(capsys, "entities", "--json") == (0, old_json([entity_record(m, a) for m, a in analysed]))
    assert run(capsys, "chronology", "--json") == (0, old_json(chronology_records(merge_events(events))))
    assert run(capsys, "who", "--json") == (0, old_json(who_records(people)))


def test_notes_export_prints_what_the_whole_list_code_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    with Store.open(store_path(data)) as store:
        store.merge_annotations([note(n, article=("a", "b")[n % 2]) for n in range(30)])
        whole = store.annotations()
    assert run(capsys, "notes", "export", "--format", "json") == (0, export_json(whole))
    assert run(capsys, "notes", "export", "--format", "w3c") == (0, export_w3c(whole))


def test_entities_json_is_written_article_by_article(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.cli import views

    real = views.entity_record
    made = 0

    def fails_on_the_third(meta: Any, analysis: Any) -> dict[str, object]:
        nonlocal made
        made += 1
        if made == 3:
            raise Stop
        return real(meta, analysis)

    monkeypatch.setattr(views, "entity_record", fails_on_the_third)
    code, out = run(capsys, "entities", "--json")
    assert code == 3  # the unexpected error, after two records were out
    assert out.count('"article": ') == 2


def test_list_reads_no_file_once_the_metadata_cache_has_them(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dipreader.sources.files import FolderSource

    first = run(capsys, "list")
    assert first[0] == 0 and first[1].count("\n") == 5

    def no_reading(self: FolderSource, key: str) -> Any:
        raise AssertionError(f"read {key}")

    monkeypatch.setattr(FolderSource, "read", no_reading)
    assert run(capsys, "list") == first


def test_notes_export_as_json_needs_no_articles_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "notes", "export", "--format", "json", "--articles", str(tmp_path / "gone"))
    assert code == 0
    assert json.loads(out)["annotations"] == []
