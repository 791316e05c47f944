"""ArticleAnalysis as plain marshal-able values (dicts, tuples, text, numbers), never pickles."""

from __future__ import annotations

import dataclasses
import marshal
import operator
from collections.abc import Callable
from typing import Any

from dipreader.model.analysis import ArticleAnalysis
from dipreader.model.article import Entities, OfficialMention, PartialDate, SectorMention
from dipreader.model.chronology import Event
from dipreader.model.names import NameParts
from dipreader.model.temporal import TemporalExpression

# The fields that hold records rather than plain values: (the record's class, whether it is a
# tuple of them). A plain field added with a default needs nothing here; a record-valued one
# is one line.
_RECORD_FIELDS: dict[type, dict[str, tuple[type, bool]]] = {
    ArticleAnalysis: {
        "entities": (Entities, False),
        "events": (Event, True),
        "unresolved": (TemporalExpression, True),
    },
    Entities: {"officials": (OfficialMention, True), "sectors": (SectorMention, True)},
    OfficialMention: {"name_parts": (NameParts, False)},
    Event: {"date": (PartialDate, False), "end_date": (PartialDate, False)},
    TemporalExpression: {"value": (PartialDate, False), "end_value": (PartialDate, False)},
}
_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)
_STORED = (*_PLAIN, tuple)
_STORED_TYPES = frozenset(_STORED)

Convert = Callable[[Any], Any]
_SHARED_DATES = 50_000
"""Dates kept for sharing (a few MiB at most)."""


class CodecError(ValueError):
    """Stored bytes that are not an analysis of this shape (stale or damaged): recompute."""


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return value
    if kind is tuple or kind is list:
        return tuple(map(_plain, value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, tuple):  # a NamedTuple
        return tuple(_plain(part) for part in value)
    if isinstance(value, _PLAIN):
        return value
    raise CodecError(f"cannot store a {type(value).__name__}")


def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def _encoder(kind: type) -> Convert:
    """One record as a dict of its fields (in field order), records within it encoded in turn."""
    nested = _RECORD_FIELDS.get(kind, {})
    table: list[tuple[str, Convert]] = []
    for name in _field_names(kind):
        if name not in nested:
            table.append((name, _plain))
            continue
        inner, many = nested[name]
        encode_inner = _ENCODERS.get(inner) or _ENCODERS.setdefault(inner, _encoder(inner))
        table.append((name, _many(encode_inner) if many else _optional(encode_inner)))

    def encode(record: Any) -> dict[str, Any]:
        if type(record) is not kind:
            return _plain(record)  # type: ignore[no-any-return]
        return {name: convert(getattr(record, name)) for name, convert in table}

    return encode


def _many(convert: Convert) -> Convert:
    def each(values: Any) -> Any:
        return tuple(map(convert, values)) if isinstance(values, (tuple, list)) else _plain(values)

    return each


def _optional(convert: Convert) -> Convert:
    def one(value: Any) -> Any:
        return None if value is None else convert(value)

    return one


def _decoder(kind: type) -> Convert:
    """One record back from its dict: fields missing take their defaults, unknown keys are ignored.

    A dict with every field whose plain values are plain takes the fast way: its values fetched at
    once in field order, checked by type at once, the record made from them by position.
    """
    nested = _RECORD_FIELDS.get(kind, {})
    names = _field_names(kind)
    table: list[tuple[str, Convert | None]] = []
    for name in names:
        if name not in nested:
            table.append((name, None))
            continue
        inner, many = nested[name]
        decode_inner = _DECODERS.get(inner) or _DECODERS.setdefault(inner, _decoder(inner))
        table.append((name, _decode_many(kind, name, decode_inner) if many else decode_inner))
    every_value = _getter(names)
    plain_values = _getter(tuple(name for name in names if name not in nested))
    converted = [(place, convert) for place, (_name, convert) in enumerate(table) if convert is not None]

    def decode_each(data: dict[str, Any]) -> Any:
        values: dict[str, Any] = {}
        for name, convert in table:
            if name not in data:
                continue  # a field added since: its default applies
            raw = data[name]
            if convert is not None:
                values[name] = convert(raw)
            elif isinstance(raw, _STORED):
                values[name] = raw
            else:
                raise CodecError(f"{kind.__name__}.{name}: not a plain value")
        return kind(**values)

    def decode(data: Any) -> Any:
        if data is None:
            return None
        if not isinstance(data, dict):
            raise CodecError(f"{kind.__name__}: expected a mapping")
        try:
            values = list(every_value(data))
        except KeyError:
            return decode_each(data)
        if not _STORED_TYPES.issuperset(map(type, plain_values(data))):
            return decode_each(data)
        for place, convert in converted:
            values[place] = convert(values[place])
        return kind(*values)

    if kind is PartialDate:
        return _shared_dates(decode)
    return decode


def _getter(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of these keys, always as a tuple (itemgetter gives one value bare)."""
    if len(names) == 1:
        only = names[0]
        return lambda data: (data[only],)
    if not names:
        return lambda data: ()
    return operator.itemgetter(*names)


def _shared_dates(decode: Convert) -> Convert:
    """Dates decoded once per value: an analysis repeats a few dates many times (frozen, so shared)."""
    known: dict[tuple[Any, ...], Any] = {}

    def decode_date(data: Any) -> Any:
        if type(data) is not dict:
            return decode(data)
        key = tuple(data.items())
        found = known.get(key)
        if found is None:
            found = decode(data)
            if len(known) < _SHARED_DATES:
                known[key] = found
        return found

    return decode_date


def _decode_many(kind: type, name: str, convert: Convert) -> Convert:
    def each(raw: Any) -> Any:
        if not isinstance(raw, tuple):
            raise CodecError(f"{kind.__name__}.{name}: expected a tuple")
        return tuple(map(convert, raw))

    return each


_ENCODERS: dict[type, Convert] = {}
_DECODERS: dict[type, Convert] = {}
_encode_record = _ENCODERS.setdefault(ArticleAnalysis, _encoder(ArticleAnalysis))
_decode_record = _DECODERS.setdefault(ArticleAnalysis, _decoder(ArticleAnalysis))
_decode_entities = _DECODERS[Entities]


def encode_analysis(analysis: ArticleAnalysis) -> bytes:
    """The analysis as marshalled plain values."""
    return marshal.dumps(_encode_record(analysis))


def decode_entities(blob: bytes) -> tuple[str, Entities]:
    """Only the article id and the officials and sectors of an analysis `encode_analysis` gave (not
    its events, the bulk of it); CodecError for anything else."""
    try:
        data = marshal.loads(blob)
        article_id = data["article_id"] if isinstance(data, dict) else None
        entities = _decode_entities(data["entities"]) if isinstance(data, dict) else None
    except CodecError:
        raise
    except (ValueError, TypeError, EOFError, KeyError) as error:
        raise CodecError(f"not a stored analysis: {error}") from None
    if not isinstance(entities, Entities) or not isinstance(article_id, str):
        raise CodecError("not a stored analysis")
    return article_id, entities


def decode_analysis(blob: bytes) -> ArticleAnalysis:
    """The analysis back from `encode_analysis`; CodecError for anything else."""
    try:
        data = marshal.loads(blob)
        analysis = _decode_record(data)
    except CodecError:
        raise
    except (ValueError, TypeError, EOFError, KeyError) as error:
        raise CodecError(f"not a stored analysis: {error}") from None
    if not isinstance(analysis, ArticleAnalysis):
        raise CodecError("not a stored analysis")
    return analysis
