"""A library's metadata held as the metadata cache's encoded records, decoded when read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from dipreader.cache.metadata import decode_entry
from dipreader.model.article import ArticleMeta


class MetaRecords(Sequence[ArticleMeta]):
    """Article records in order, each kept as the few hundred bytes the metadata cache stores
    (`encode_entry`) and made an `ArticleMeta` when read: a third of the memory of the records
    themselves, for the command line, which reads each one once or twice."""

    __slots__ = ("_records",)

    def __init__(self, records: list[bytes]) -> None:
        self._records = records

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> ArticleMeta: ...

    @overload
    def __getitem__(self, index: slice) -> MetaRecords: ...

    def __getitem__(self, index: int | slice) -> ArticleMeta | MetaRecords:
        if isinstance(index, slice):
            return MetaRecords(self._records[index])
        return _decoded(self._records[index])

    def __iter__(self) -> Iterator[ArticleMeta]:
        return map(_decoded, self._records)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MetaRecords):
            return self._records == other._records
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._records))

    def __reduce__(self) -> tuple[type[MetaRecords], tuple[list[bytes]]]:
        return MetaRecords, (self._records,)


def _decoded(record: bytes) -> ArticleMeta:
    meta = decode_entry(record)
    if not isinstance(meta, ArticleMeta):  # only articles' records are ever put in
        raise ValueError("not an article's record")
    return meta
