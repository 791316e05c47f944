"""Export annotations as JSON or W3C Web Annotation; parse JSON or W3C imports (Markdown: core.exports)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from dipreader.model.anchoring import Annotation, normalise_tags

JSON_FORMAT = "dipreader-notes"
JSON_VERSION = 1
ARTICLE_URN = "urn:dipreader:article:"
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
DIPREADER_VOCAB = "urn:dipreader:vocab#"
_FIELDS = (
    "id", "article_id", "content_hash", "start", "end", "exact", "prefix", "suffix",
    "note", "color", "tags", "created", "updated", "orphan",
)  # fmt: skip


def _ordered(anns: Iterable[Annotation]) -> list[Annotation]:
    return sorted(anns, key=lambda ann: (ann.article_id, ann.orphan, ann.start, ann.created))


# JSON


def export_json(anns: Iterable[Annotation]) -> str:
    records = [{name: _json_value(getattr(ann, name)) for name in _FIELDS} for ann in _ordered(anns)]
    document = {"format": JSON_FORMAT, "version": JSON_VERSION, "annotations": records}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


# W3C Web Annotation


def _w3c_id(ann_id: str) -> str:
    try:
        return uuid.UUID(hex=ann_id).urn
    except ValueError:
        return f"urn:dipreader:annotation:{ann_id}"


def _w3c_item(ann: Annotation) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if ann.note:
        bodies.append(
            {"type": "TextualBody", "value": ann.note, "format": "text/plain",
             "purpose": "commenting"}
        )  # fmt: skip
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in ann.tags]
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": ann.exact, "prefix": ann.prefix,
         "suffix": ann.suffix},
    ]  # fmt: skip
    if ann.start >= 0 and ann.end >= 0:
        selectors.append({"type": "TextPositionSelector", "start": ann.start, "end": ann.end})
    item: dict[str, Any] = {
        "id": _w3c_id(ann.id),
        "type": "Annotation",
        "motivation": "commenting" if ann.note else "highlighting",
        "created": ann.created,
        "modified": ann.updated,
        "body": bodies,
        "target": {
            "source": ARTICLE_URN + ann.article_id,
            "selector": selectors,
            "styleClass": ann.color,
        },
        "dipreader:contentHash": ann.content_hash,
    }
    if ann.orphan:
        item["dipreader:orphan"] = True
    return {key: value for key, value in item.items() if value not in ("", [])}


def export_w3c(anns: Iterable[Annotation]) -> str:
    """A W3C Web Annotation collection (JSON-LD) with quote and position selectors."""
    items = [_w3c_item(ann) for ann in _ordered(anns)]
    document = {
        "@context": [W3C_CONTEXT, {"dipreader": DIPREADER_VOCAB}],
        "type": "AnnotationCollection",
        "label": "dipreader notes",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# import


def parse_import(text: str) -> list[Annotation]:
    """Annotations from a dipreader JSON export or W3C Web Annotation JSON; ValueError if bad."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"not JSON: {err.msg} at line {err.lineno}, column {err.colno}") from err
    if _looks_w3c(document):
        items = _w3c_items(document)
        return [_from_w3c(item, index) for index, item in enumerate(items, start=1)]
    if isinstance(document, dict) and isinstance(document.get("annotations"), list):
        records: list[Any] = document["annotations"]
    elif isinstance(document, list):
        records = document
    else:
        raise ValueError("not a notes file: expected a dipreader JSON export or W3C Web Annotation JSON")
    return [_from_record(record, index) for index, record in enumerate(records, start=1)]


def _looks_w3c(document: Any) -> bool:
    if isinstance(document, list):
        return (
            bool(document)
            and all(isinstance(item, dict) for item in document)
            and any("target" in item for item in document)
        )
    if not isinstance(document, dict):
        return False
    return "@context" in document or document.get("type") in (
        "Annotation", "AnnotationCollection", "AnnotationPage",
    )  # fmt: skip


def _w3c_items(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    kind = document.get("type")
    if kind == "Annotation":
        return [document]
    if kind == "AnnotationPage" or "items" in document:
        items = document.get("items")
    else:
        items = (document.get("first") or {}).get("items")
    if not isinstance(items, list):
        raise ValueError("W3C document has no annotations (no items in its first page)")
    return items


def _text(value: Any, what: str, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where}: {what} must be text, not {type(value).__name__}")
    return value


def _offset(value: Any, what: str, where: str) -> int:
    if value is None:
        return -1
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}: {what} must be a whole number")
    return value


def _offsets(start: Any, end: Any, where: str) -> tuple[int, int]:
    first, last = _offset(start, "start", where), _offset(end, "end", where)
    if first < 0 or last < 0 or last <= first:
        return -1, -1  # no usable position: anchored by the quote
    return first, last


def _stable_id(*parts: str) -> str:
    """An id derived from the content, so that importing the same file twice adds nothing."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "\x1f".join(parts)).hex


def _from_record(record: Any, index: int) -> Annotation:
    where = f"annotation {index}"
    if not isinstance(record, dict):
        raise ValueError(f"{where}: expected an object, found {type(record).__name__}")
    article_id = _text(record.get("article_id"), "article_id", where)
    exact = _text(record.get("exact"), "exact", where)
    if not article_id or not exact:
        raise ValueError(f"{where}: needs at least an article_id and the exact quote")
    start, end = _offsets(record.get("start"), record.get("end"), where)
    tags = record.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError(f"{where}: tags must be a list of text")
    return Annotation(
        id=_text(record.get("id"), "id", where) or _stable_id(article_id, exact, str(start)),
        article_id=article_id,
        content_hash=_text(record.get("content_hash"), "content_hash", where),
        start=start,
        end=end,
        exact=exact,
        prefix=_text(record.get("prefix"), "prefix", where),
        suffix=_text(record.get("suffix"), "suffix", where),
        note=_text(record.get("note"), "note", where),
        color=_text(record.get("color"), "color", where) or "yellow",
        tags=normalise_tags(tags),
        created=_text(record.get("created"), "created", where),
        updated=_text(record.get("updated"), "updated", where),
        orphan=bool(record.get("orphan", False)),
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ann_id(iri: str, fallback: tuple[str, ...]) -> str:
    if iri.startswith("urn:uuid:"):
        try:
            return uuid.UUID(iri.removeprefix("urn:uuid:")).hex
        except ValueError:
            pass
    if iri.startswith("urn:dipreader:annotation:"):
        return iri.removeprefix("urn:dipreader:annotation:")
    return _stable_id(iri) if iri else _stable_id(*fallback)


def _from_w3c(item: Any, index: int) -> Annotation:
    where = f"annotation {index}"
    if not isinstance(item, dict):
        raise ValueError(f"{where}: expected an object, found {type(item).__name__}")
    targets = [target for target in _as_list(item.get("target")) if isinstance(target, dict)]
    target = next((t for t in targets if str(t.get("source", "")).startswith(ARTICLE_URN)), None)
    if target is None:
        raise ValueError(f"{where}: its target.source must be {ARTICLE_URN}<article id>")
    article_id = str(target["source"]).removeprefix(ARTICLE_URN)
    selectors = [s for s in _as_list(target.get("selector")) if isinstance(s, dict)]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    if quote is None or not _text(quote.get("exact"), "exact", where):
        raise ValueError(f"{where}: needs a TextQuoteSelector with the exact quote")
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
    start, end = _offsets(position.get("start"), position.get("end"), where)
    notes: list[str] = []
    tags: list[str] = []
    for body in _as_list(item.get("body")):
        if isinstance(body, dict) and body.get("type") == "TextualBody":
            value = _text(body.get("value"), "body value", where)
            (tags if body.get("purpose") == "tagging" else notes).append(value)
    exact = _text(quote.get("exact"), "exact", where)
    return Annotation(
        id=_ann_id(_text(item.get("id"), "id", where), (article_id, exact, str(start))),
        article_id=article_id,
        content_hash=_text(item.get("dipreader:contentHash"), "contentHash", where),
        start=start,
        end=end,
        exact=exact,
        prefix=_text(quote.get("prefix"), "prefix", where),
        suffix=_text(quote.get("suffix"), "suffix", where),
        note="\n\n".join(note for note in notes if note),
        color=_text(target.get("styleClass"), "styleClass", where) or "yellow",
        tags=normalise_tags(tags),
        created=_text(item.get("created"), "created", where),
        updated=_text(item.get("modified"), "modified", where),
        orphan=bool(item.get("dipreader:orphan", False)),
    )
