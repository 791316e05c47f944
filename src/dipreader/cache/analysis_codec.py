"""ArticleAnalysis as plain marshal-able values (dicts, tuples, text, numbers), never pickles."""

from __future__ import annotations

import dataclasses
import marshal
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


class CodecError(ValueError):
    """Stored bytes that are not an analysis of this shape (stale or damaged): recompute."""


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple
        return tuple(_plain(part) for part in value)
    if isinstance(value, (tuple, list)):
        return tuple(_plain(part) for part in value)
    if isinstance(value, _PLAIN):
        return value
    raise CodecError(f"cannot store a {type(value).__name__}")


def _record(kind: type, data: Any) -> Any:
    if data is None:
        return None
    if not dataclasses.is_dataclass(kind):
        if not isinstance(data, tuple):
            raise CodecError(f"{kind.__name__}: expected a tuple")
        return kind(*data)
    if not isinstance(data, dict):
        raise CodecError(f"{kind.__name__}: expected a mapping")
    nested = _RECORD_FIELDS.get(kind, {})
    values: dict[str, Any] = {}
    for field in dataclasses.fields(kind):
        if field.name not in data:
            continue  # a field added since: its default applies
        raw = data[field.name]
        if field.name in nested:
            inner, many = nested[field.name]
            if many:
                if not isinstance(raw, tuple):
                    raise CodecError(f"{kind.__name__}.{field.name}: expected a tuple")
                values[field.name] = tuple(_record(inner, item) for item in raw)
            else:
                values[field.name] = _record(inner, raw)
        else:
            if not isinstance(raw, (*_PLAIN, tuple)):
                raise CodecError(f"{kind.__name__}.{field.name}: not a plain value")
            values[field.name] = raw
    return kind(**values)


def encode_analysis(analysis: ArticleAnalysis) -> bytes:
    """The analysis as marshalled plain values."""
    return marshal.dumps(_plain(analysis))


def decode_analysis(blob: bytes) -> ArticleAnalysis:
    """The analysis back from `encode_analysis`; CodecError for anything else."""
    try:
        data = marshal.loads(blob)
        analysis = _record(ArticleAnalysis, data)
    except CodecError:
        raise
    except (ValueError, TypeError, EOFError, KeyError) as error:
        raise CodecError(f"not a stored analysis: {error}") from None
    if not isinstance(analysis, ArticleAnalysis):
        raise CodecError("not a stored analysis")
    return analysis
