"""Notes import checks each record on its own: types and ranges, distinct notes kept distinct, ids
kept exactly through every format, rejected records reported by number while the rest import."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from samples import seed_text

from dipreader.core.notes_io import export_json, export_w3c, parse_import, read_import
from dipreader.model.anchoring import Annotation, make_annotation
from dipreader.store import Store

BODY = seed_text("002")


def record(**fields: object) -> dict[str, object]:
    return {"article_id": "art-a", "exact": "some words"} | fields


def test_two_id_less_notes_on_one_passage_stay_two() -> None:
    found = parse_import(json.dumps([record(note="first"), record(note="second")]))
    assert len({ann.id for ann in found}) == 2
    again = parse_import(json.dumps([record(note="first"), record(note="second")]))
    assert [ann.id for ann in again] == [ann.id for ann in found]


def test_two_id_less_w3c_notes_on_one_passage_stay_two() -> None:
    def item(note: str) -> dict[str, object]:
        return {
            "type": "Annotation",
            "body": {"type": "TextualBody", "value": note},
            "target": {
                "source": "urn:dipreader:article:a",
                "selector": {"type": "TextQuoteSelector", "exact": "q"},
            },
        }

    found = parse_import(json.dumps([item("one"), item("two")]))
    assert len({ann.id for ann in found}) == 2


@pytest.mark.parametrize(
    "identifier",
    ["0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5bd9cb469fa16570867728950e", "note-7", "Ünïcode id"],
)
@pytest.mark.parametrize("export", [export_json, export_w3c], ids=["json", "w3c"])
def test_ids_survive_every_format_exactly(identifier: str, export: object) -> None:
    ann = replace(make_annotation("art-a", BODY, "h", 0, 30, note="n"), id=identifier)
    assert callable(export)
    (back,) = parse_import(export([ann]))
    assert back.id == identifier


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (record(orphan="no"), "orphan must be true or false"),
        (record(updated="yesterday"), "not an ISO 8601"),
        (record(start=0, end=10**30), "out of range"),
        (record(start=-5, end=3), "out of range"),
        (record(note="\ud800 lone"), "lone surrogate"),
        (record(tags=[3]), "tags must be a list of text"),
        (record(color=["red"]), "color must be text"),
        (record(note="x" * 300_000), "longer than"),
    ],
)
def test_a_bad_record_is_rejected_by_number_and_the_rest_import(bad: dict[str, object], reason: str) -> None:
    result = read_import(json.dumps([record(note="good"), bad, record(note="also good")], ensure_ascii=True))
    assert [ann.note for ann in result.annotations] == ["good", "also good"]
    ((number, message),) = result.rejected
    assert number == 2 and message.startswith("annotation 2:") and reason in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"type": "AnnotationCollection", "first": "https://example.org/page1"}', "pages are links"),
        ('{"type": "AnnotationCollection", "first": 7}', "no annotations"),
        ('{"@context": "x", "items": {"a": 1}}', "no annotations"),
    ],
)
def test_odd_documents_give_a_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_import(text)


def test_odd_w3c_items_are_rejected_not_raised() -> None:
    items = [
        {"type": "Annotation", "target": {"source": 5}},
        {"type": "Annotation", "target": [{"source": "urn:dipreader:article:a", "selector": "x"}]},
        {"type": "Annotation", "body": 3, "target": "urn:dipreader:article:a"},
    ]
    result = read_import(json.dumps({"type": "AnnotationPage", "items": items}))
    assert [number for number, _ in result.rejected] == [1, 2, 3]


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
ANNOTATIONS = st.builds(
    Annotation,
    id=st.one_of(st.uuids().map(str), st.uuids().map(lambda value: value.hex), TEXT.filter(bool)),
    article_id=TEXT.filter(bool),
    content_hash=st.text("0123456789abcdef", max_size=8),
    start=st.integers(0, 1000),
    end=st.integers(1001, 2000),
    exact=TEXT.filter(str.strip),
    prefix=TEXT,
    suffix=TEXT,
    note=TEXT,
    color=st.sampled_from(["yellow", "green", "blue", "pink"]),
    tags=st.lists(st.text("abcxyz", min_size=1, max_size=5), max_size=3, unique=True).map(tuple),
    created=st.just("2025-01-02T03:04:05Z"),
    updated=st.just("2025-01-02T03:04:06Z"),
    orphan=st.booleans(),
)


@given(st.lists(ANNOTATIONS, max_size=5, unique_by=lambda ann: ann.id), st.sampled_from(["json", "w3c"]))
def test_export_then_import_is_exact_and_idempotent(anns: list[Annotation], form: str) -> None:
    export = export_json if form == "json" else export_w3c
    back = parse_import(export(anns))
    assert {ann.id: ann for ann in back} == {ann.id: ann for ann in anns}
    assert parse_import(export(back)) == back


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | TEXT,
        lambda inner: st.lists(inner) | st.dictionaries(TEXT, inner),
        max_leaves=20,
    )
)
def test_any_json_gives_annotations_or_a_message(document: object) -> None:
    try:
        result = read_import(json.dumps(document))
    except ValueError:
        return
    for ann in result.annotations:
        assert ann.article_id and ann.exact


def test_importing_into_a_store_twice_adds_nothing(tmp_path: Path) -> None:
    text = json.dumps([record(note="first"), record(note="second"), record(orphan="bad")])
    with Store.open(tmp_path / "state.sqlite3") as store:
        result = read_import(text)
        assert store.merge_annotations(result.annotations) == 2
        assert store.merge_annotations(read_import(text).annotations) == 0
        assert len(store.annotations()) == 2
