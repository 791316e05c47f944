"""JSON written piece by piece: the same text as `json.dumps(..., ensure_ascii=False, indent=2)`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from json.encoder import encode_basestring  # the C speed-up when built

Write = Callable[[str], object]
INDENT = "  "
_encode_string: Callable[[str], str] = encode_basestring


def json_text(value: object, level: int = 0) -> str:
    """`value` as `json.dumps(value, ensure_ascii=False, indent=2)` writes it, as if nested `level`
    deep (every line after the first indented `level` more steps). Faster than the library's
    indenting encoder, which is pure Python; the same output, checked by a property test."""
    kind = type(value)
    if kind is str:
        return _encode_string(value)  # type: ignore[arg-type]
    if kind is dict or (kind is not list and kind is not tuple and isinstance(value, Mapping)):
        return _object_text(value, level)  # type: ignore[arg-type]
    if kind is list or kind is tuple:
        return _array_text(value, level)  # type: ignore[arg-type]
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, list | tuple):
        return _array_text(value, level)
    raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")


def _object_text(value: Mapping[object, object], level: int) -> str:
    if not value:
        return "{}"
    inner = "\n" + INDENT * (level + 1)
    deeper = level + 1
    members = []
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError(f"keys must be str, not {type(key).__name__}")
        members.append(_encode_string(key) + ": " + json_text(item, deeper))
    return "{" + inner + ("," + inner).join(members) + "\n" + INDENT * level + "}"


def _array_text(value: Sequence[object], level: int) -> str:
    if not value:
        return "[]"
    inner = "\n" + INDENT * (level + 1)
    deeper = level + 1
    return (
        "["
        + inner
        + ("," + inner).join([json_text(item, deeper) for item in value])
        + "\n"
        + INDENT * level
        + "]"
    )


def write_json_array(write: Write, items: Iterable[object], level: int = 0) -> int:
    """Write the items as one JSON array, each as soon as it comes (the iterable is read once,
    one item at a time); returns how many were written."""
    count = 0
    inner = "\n" + INDENT * (level + 1)
    for item in items:
        write(("[" if count == 0 else ",") + inner + json_text(item, level + 1))
        count += 1
    write("[]" if count == 0 else "\n" + INDENT * level + "]")
    return count


def write_json_document(
    write: Write, document: Mapping[str, object], path: Sequence[str], items: Iterable[object]
) -> int:
    """Write `document` with `items` streamed as the array at `path`, which must be the last key at
    each level (its value in `document` is ignored); returns how many items were written."""
    head, tail = _split_around(document, path)
    write(head)
    count = write_json_array(write, items, len(path))
    write(tail)
    return count


def _split_around(document: Mapping[str, object], path: Sequence[str]) -> tuple[str, str]:
    placeholder = _with_empty_list(document, path)
    text = json_text(placeholder)
    head, _empty, tail = text.rpartition("[]")  # the last value in the text: the one at `path`
    return head, tail


def _with_empty_list(document: Mapping[str, object], path: Sequence[str]) -> dict[str, object]:
    if not path:
        raise ValueError("the path to the streamed array is empty")
    key, rest = path[0], path[1:]
    if not document or list(document)[-1] != key:
        raise ValueError(f"{key!r} must be the document's last key")
    inner = document[key]
    if rest:
        if not isinstance(inner, Mapping):
            raise ValueError(f"{key!r} does not hold an object")
        return {**document, key: _with_empty_list(inner, rest)}
    return {**document, key: []}
