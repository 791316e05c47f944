"""Notes export (Markdown, JSON, W3C Web Annotation) and import: shapes, round trips, bad input."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from samples import seed_text

from dipreader.core.notes_io import export_json, export_w3c, parse_import
from dipreader.model.anchoring import Annotation, make_annotation, reanchor
from dipreader.store import Store

BODY = seed_text("002")


def _sample() -> list[Annotation]:
    first = BODY.index(". ") + 2
    highlight = make_annotation("art-b", BODY, "hash-b", 0, 40, color="green")
    noted = make_annotation(
        "art-a", BODY, "hash-a", first, first + 60, note="Line one.\nLine two.", tags=["energy"]
    )
    tagged = make_annotation("art-a", BODY, "hash-a", 100, 150, note="n", tags=["a", "b"])
    orphan = replace(make_annotation("art-a", BODY, "hash-a", 200, 230, note="lost passage"), orphan=True)
    return [highlight, noted, tagged, orphan]


def _by_id(anns: list[Annotation]) -> dict[str, Annotation]:
    return {ann.id: ann for ann in anns}


@pytest.mark.parametrize("export", [export_json, export_w3c], ids=["json", "w3c"])
def test_round_trip_keeps_every_field(export: object) -> None:
    anns = _sample()
    assert callable(export)
    assert _by_id(parse_import(export(anns))) == _by_id(anns)


def test_w3c_shape() -> None:
    anns = _sample()
    document = json.loads(export_w3c(anns))
    assert "http://www.w3.org/ns/anno.jsonld" in document["@context"]
    assert document["type"] == "AnnotationCollection" and document["total"] == 4
    items = document["first"]["items"]
    noted = next(item for item in items if item.get("body") and "energy" in json.dumps(item))
    assert noted["type"] == "Annotation" and noted["id"].startswith("urn:uuid:")
    assert noted["target"]["source"] == "urn:dipreader:article:art-a"
    kinds = {selector["type"]: selector for selector in noted["target"]["selector"]}
    quote, position = kinds["TextQuoteSelector"], kinds["TextPositionSelector"]
    assert BODY[position["start"] : position["end"]] == quote["exact"]
    assert BODY[: position["start"]].endswith(quote["prefix"])
    assert BODY[position["end"] :].startswith(quote["suffix"])
    purposes = {(body["purpose"], body["value"]) for body in noted["body"]}
    assert purposes == {("commenting", "Line one.\nLine two."), ("tagging", "energy")}
    assert all(body["type"] == "TextualBody" for body in noted["body"])
    highlight = next(item for item in items if item["target"]["source"].endswith("art-b"))
    assert highlight["motivation"] == "highlighting" and "body" not in highlight


def test_quote_only_w3c_annotation_gets_no_offsets_and_anchors_by_quote() -> None:
    exact = BODY[300:360]
    document = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://example.org/anno/7",
        "body": {"type": "TextualBody", "value": "from another tool"},
        "target": {
            "source": "urn:dipreader:article:art-a",
            "selector": {"type": "TextQuoteSelector", "exact": exact},
        },
    }
    (ann,) = parse_import(json.dumps(document))
    assert (ann.start, ann.end, ann.note, ann.article_id) == (-1, -1, "from another tool", "art-a")
    assert parse_import(json.dumps(document))[0].id == ann.id  # stable: safe to import twice
    placed = reanchor(ann, BODY, "hash-a")
    assert (placed.start, placed.end, placed.orphan) == (300, 360, False)


def test_plain_json_list_without_ids_or_offsets_is_accepted() -> None:
    records = [{"article_id": "art-a", "exact": "some words", "note": "x"}]
    (ann,) = parse_import(json.dumps(records))
    assert (ann.start, ann.end, ann.color, ann.tags) == (-1, -1, "yellow", ())
    assert parse_import(json.dumps(records))[0].id == ann.id


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json at all", "not JSON"),
        ('{"hello": 1}', "not a notes file"),
        ('{"annotations": [{"article_id": "a"}]}', "annotation 1"),
        ('{"annotations": [3]}', "annotation 1: expected an object"),
        ('[{"article_id": "a", "exact": "q", "start": "x"}]', "start must be a whole number"),
        ('[{"article_id": "a", "exact": "q", "tags": "t"}]', "tags must be a list"),
        ('{"type": "Annotation", "target": "https://example.org/page"}', "target.source"),
        (
            '{"type": "Annotation", "target": {"source": "urn:dipreader:article:a"}}',
            "TextQuoteSelector",
        ),
        (
            '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}',
            "no annotations",
        ),
    ],
)
def test_bad_input_raises_a_clear_value_error(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_import(text)


@pytest.mark.parametrize("export", [export_json, export_w3c], ids=["json", "w3c"])
def test_export_then_import_into_another_store_twice_is_idempotent(tmp_path: Path, export: object) -> None:
    assert callable(export)
    sample = _sample()
    with Store.open(tmp_path / "one.sqlite3") as source:
        for ann in sample:
            source.add_annotation(ann)
        exported = export(source.annotations())
    with Store.open(tmp_path / "two.sqlite3") as target:
        assert target.merge_annotations(parse_import(exported)) == 4
        assert target.merge_annotations(parse_import(exported)) == 0
        assert _by_id(target.annotations()) == _by_id(sample)


def test_import_merges_newer_edits_by_id(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as store:
        original = store.add_annotation(_sample()[1])
        exported = export_json([replace(original, note="edited elsewhere", updated="2999-01-01T00:00:00Z")])
        assert store.merge_annotations(parse_import(exported)) == 1
        assert [ann.note for ann in store.annotations()] == ["edited elsewhere"]
        stale = export_json([replace(original, note="stale", updated="2000-01-01T00:00:00Z")])
        assert store.merge_annotations(parse_import(stale)) == 0
        assert [ann.note for ann in store.annotations()] == ["edited elsewhere"]
