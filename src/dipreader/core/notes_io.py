"""Export annotations as JSON or W3C Web Annotation; parse JSON or W3C imports (Markdown: core.exports)."""

from __future__ import annotations

import datetime as _dt
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from dipreader.core.json_stream import Write, write_json_document
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


def annotation_record(ann: Annotation) -> dict[str, object]:
    """One annotation as the JSON export writes it."""
    return {name: _json_value(getattr(ann, name)) for name in _FIELDS}


def write_json_export(write: Write, ordered: Iterable[Annotation]) -> int:
    """The JSON export of notes already in export order, written one record at a time (the
    iterable is read once, lazily); returns how many were written."""
    document = {"format": JSON_FORMAT, "version": JSON_VERSION, "annotations": []}
    count = write_json_document(write, document, ("annotations",), map(annotation_record, ordered))
    write("\n")
    return count


def export_json(anns: Iterable[Annotation]) -> str:
    parts: list[str] = []
    write_json_export(parts.append, _ordered(anns))
    return "".join(parts)


def _json_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


# W3C Web Annotation


def _w3c_id(ann_id: str) -> str:
    """`urn:uuid:` only for ids in the 32-digit form import turns a UUID URN back into, so that
    every other id (one with hyphens, any text) comes back exactly."""
    try:
        if uuid.UUID(hex=ann_id).hex == ann_id:
            return uuid.UUID(hex=ann_id).urn
    except ValueError:
        pass
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


def write_w3c_export(write: Write, ordered: Iterable[Annotation], total: int) -> int:
    """A W3C Web Annotation collection (JSON-LD) with quote and position selectors, of `total` notes
    already in export order, written one item at a time; returns how many were written."""
    document = {
        "@context": [W3C_CONTEXT, {"dipreader": DIPREADER_VOCAB}],
        "type": "AnnotationCollection",
        "label": "dipreader notes",
        "total": total,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": []},
    }
    count = write_json_document(write, document, ("first", "items"), map(_w3c_item, ordered))
    write("\n")
    return count


def export_w3c(anns: Iterable[Annotation]) -> str:
    """A W3C Web Annotation collection (JSON-LD) with quote and position selectors."""
    ordered = _ordered(anns)
    parts: list[str] = []
    write_w3c_export(parts.append, ordered, len(ordered))
    return "".join(parts)


# import


MAX_TEXT_CHARS = 200_000
"""The longest quote, note, prefix or suffix accepted from an import."""
MAX_SHORT_CHARS = 1_000
"""The longest id, article id, colour, content hash or timestamp accepted from an import."""
MAX_TAGS, MAX_TAG_CHARS = 200, 200
MAX_OFFSET = 100_000_000
MAX_RECORDS = 1_000_000


@dataclass(frozen=True)
class NotesImport:
    """What an import file holds: the annotations that passed, and each rejected record's number
    (from 1) with its one-line reason."""

    annotations: list[Annotation]
    rejected: list[tuple[int, str]] = field(default_factory=list)


def read_import(text: str) -> NotesImport:
    """Annotations from a dipreader JSON export or W3C Web Annotation JSON, each record checked
    on its own; ValueError only when the document as a whole is not a notes file."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"not JSON: {err.msg} at line {err.lineno}, column {err.colno}") from None
    except RecursionError:
        raise ValueError("not a notes file: JSON nested too deeply") from None
    read: Callable[[Any, int], Annotation]
    if _looks_w3c(document):
        items, read = _w3c_items(document), _from_w3c
    elif isinstance(document, dict) and isinstance(document.get("annotations"), list):
        items, read = document["annotations"], _from_record
    elif isinstance(document, list):
        items, read = document, _from_record
    else:
        raise ValueError("not a notes file: expected a dipreader JSON export or W3C Web Annotation JSON")
    if len(items) > MAX_RECORDS:
        raise ValueError(f"more than {MAX_RECORDS:,} annotations in one file")
    result = NotesImport([])
    for index, item in enumerate(items, start=1):
        try:
            result.annotations.append(read(item, index))
        except ValueError as error:
            result.rejected.append((index, str(error)))
    return result


def parse_import(text: str) -> list[Annotation]:
    """Every annotation of an import file; ValueError for the whole file or its first bad record."""
    result = read_import(text)
    if result.rejected:
        raise ValueError(result.rejected[0][1])
    return result.annotations


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
        first = document.get("first")
        if isinstance(first, str):
            raise ValueError("W3C collection whose pages are links: only embedded pages can be imported")
        items = first.get("items") if isinstance(first, dict) else None
    if not isinstance(items, list):
        raise ValueError("W3C document has no annotations (no items in its first page)")
    return items


def _text(value: Any, what: str, where: str, limit: int = MAX_SHORT_CHARS) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where}: {what} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"{where}: {what} is longer than {limit:,} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{where}: {what} holds a lone surrogate (not valid Unicode text)") from None
    return value


def _long_text(value: Any, what: str, where: str) -> str:
    return _text(value, what, where, MAX_TEXT_CHARS)


def _timestamp(value: Any, what: str, where: str) -> str:
    text = _text(value, what, where)
    if text:
        try:
            _dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError(f"{where}: {what} {text[:40]!r} is not an ISO 8601 date and time") from None
    return text


def _flag(value: Any, what: str, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ValueError(f"{where}: {what} must be true or false, not {type(value).__name__}")
    return value


def _tag_list(tags: Any, where: str) -> tuple[str, ...]:
    if tags is None:
        return ()
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ValueError(f"{where}: tags must be a list of text")
    if len(tags) > MAX_TAGS:
        raise ValueError(f"{where}: more than {MAX_TAGS} tags")
    return normalise_tags([_text(tag, "a tag", where, MAX_TAG_CHARS) for tag in tags])


def _offset(value: Any, what: str, where: str) -> int:
    if value is None:
        return -1
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}: {what} must be a whole number")
    if not -1 <= value <= MAX_OFFSET:
        raise ValueError(f"{where}: {what} {value} is out of range (0 to {MAX_OFFSET:,})")
    return value


def _offsets(start: Any, end: Any, where: str) -> tuple[int, int]:
    first, last = _offset(start, "start", where), _offset(end, "end", where)
    if first < 0 or last < 0 or last <= first:
        return -1, -1  # no usable position: anchored by the quote
    return first, last


def _stable_id(*parts: str) -> str:
    """An id derived from the content, so that importing the same file twice adds nothing."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "\x1f".join(parts)).hex


def _content_id(article_id: str, exact: str, start: int, note: str, tags: tuple[str, ...], color: str) -> str:
    """The id of an id-less record: its content, note included, so two notes on one passage stay
    two and importing the same file twice adds nothing."""
    return _stable_id(article_id, exact, str(start), note, "\x1e".join(tags), color)


def _from_record(record: Any, index: int) -> Annotation:
    where = f"annotation {index}"
    if not isinstance(record, dict):
        raise ValueError(f"{where}: expected an object, found {type(record).__name__}")
    article_id = _text(record.get("article_id"), "article_id", where)
    exact = _long_text(record.get("exact"), "exact", where)
    if not article_id or not exact:
        raise ValueError(f"{where}: needs at least an article_id and the exact quote")
    start, end = _offsets(record.get("start"), record.get("end"), where)
    tags = _tag_list(record.get("tags"), where)
    note = _long_text(record.get("note"), "note", where)
    color = _text(record.get("color"), "color", where) or "yellow"
    return Annotation(
        id=_text(record.get("id"), "id", where) or _content_id(article_id, exact, start, note, tags, color),
        article_id=article_id,
        content_hash=_text(record.get("content_hash"), "content_hash", where),
        start=start,
        end=end,
        exact=exact,
        prefix=_long_text(record.get("prefix"), "prefix", where),
        suffix=_long_text(record.get("suffix"), "suffix", where),
        note=note,
        color=color,
        tags=tags,
        created=_timestamp(record.get("created"), "created", where),
        updated=_timestamp(record.get("updated"), "updated", where),
        orphan=_flag(record.get("orphan"), "orphan", where),
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ann_id(iri: str, fallback: Iterable[str]) -> str:
    if iri.startswith("urn:uuid:"):
        try:
            return uuid.UUID(iri.removeprefix("urn:uuid:")).hex
        except ValueError:
            pass
    if iri.startswith("urn:dipreader:annotation:"):
        return iri.removeprefix("urn:dipreader:annotation:")
    return _stable_id(iri) if iri else _stable_id(*fallback)  # fallback: the content, note included


def _from_w3c(item: Any, index: int) -> Annotation:
    where = f"annotation {index}"
    if not isinstance(item, dict):
        raise ValueError(f"{where}: expected an object, found {type(item).__name__}")
    targets = [target for target in _as_list(item.get("target")) if isinstance(target, dict)]
    target = next((t for t in targets if str(t.get("source", "")).startswith(ARTICLE_URN)), None)
    if target is None:
        raise ValueError(f"{where}: its target.source must be {ARTICLE_URN}<article id>")
    article_id = _text(target["source"], "target.source", where).removeprefix(ARTICLE_URN)
    selectors = [s for s in _as_list(target.get("selector")) if isinstance(s, dict)]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    if quote is None or not _long_text(quote.get("exact"), "exact", where):
        raise ValueError(f"{where}: needs a TextQuoteSelector with the exact quote")
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
    start, end = _offsets(position.get("start"), position.get("end"), where)
    notes: list[str] = []
    tag_texts: list[str] = []
    for body in _as_list(item.get("body")):
        if isinstance(body, dict) and body.get("type") == "TextualBody":
            value = _long_text(body.get("value"), "body value", where)
            (tag_texts if body.get("purpose") == "tagging" else notes).append(value)
    exact = _long_text(quote.get("exact"), "exact", where)
    note = "\n\n".join(note for note in notes if note)
    if len(note) > MAX_TEXT_CHARS:
        raise ValueError(f"{where}: note is longer than {MAX_TEXT_CHARS:,} characters")
    tags = _tag_list(tag_texts, where)
    color = _text(target.get("styleClass"), "styleClass", where) or "yellow"
    content = (article_id, exact, str(start), note, "\x1e".join(tags), color)
    return Annotation(
        id=_ann_id(_text(item.get("id"), "id", where), content),
        article_id=article_id,
        content_hash=_text(item.get("dipreader:contentHash"), "contentHash", where),
        start=start,
        end=end,
        exact=exact,
        prefix=_long_text(quote.get("prefix"), "prefix", where),
        suffix=_long_text(quote.get("suffix"), "suffix", where),
        note=note,
        color=color,
        tags=tags,
        created=_timestamp(item.get("created"), "created", where),
        updated=_timestamp(item.get("modified"), "modified", where),
        orphan=_flag(item.get("dipreader:orphan"), "dipreader:orphan", where),
    )
