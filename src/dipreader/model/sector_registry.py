"""The bundled sectors in display order, from data/sectors.yaml: key, label and position (colour number)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class RegisteredSector:
    """A bundled sector: key (`energy`), label (`Energy`) and 1-based position in sectors.yaml."""

    key: str
    label: str
    position: int


@dataclass(frozen=True)
class SectorRegistry:
    """The sectors in the order sectors.yaml lists them; sector N is drawn in highlight colour N."""

    sectors: tuple[RegisteredSector, ...]
    _by_key: dict[str, RegisteredSector] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {sector.key: sector for sector in self.sectors})

    def __len__(self) -> int:
        return len(self.sectors)

    def __iter__(self) -> Iterator[RegisteredSector]:
        return iter(self.sectors)

    def keys(self) -> tuple[str, ...]:
        return tuple(sector.key for sector in self.sectors)

    def get(self, key: str) -> RegisteredSector | None:
        return self._by_key.get(key)

    def position(self, key: str) -> int:
        """The sector's position; a sector only a user's knowledge file names gets one of the
        registry's positions chosen from its key, the same in every run."""
        sector = self._by_key.get(key)
        if sector is not None:
            return sector.position
        return zlib.crc32(key.encode("utf-8")) % max(1, len(self.sectors)) + 1

    def label(self, key: str) -> str:
        sector = self._by_key.get(key)
        return sector.label if sector is not None else default_label(key)


def default_label(key: str) -> str:
    """The label of a sector whose file gives none: `youth_sports` -> `Youth sports`."""
    return key.replace("_", " ").strip().capitalize()


def parse_sector_registry(text: str) -> SectorRegistry:
    """The registry of a sectors document (`sectors:` mapping each key to its label and terms)."""
    import yaml  # on first use: the interface imports this module before its first screen

    document = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    sectors = document.get("sectors") if isinstance(document, dict) else None
    if not isinstance(sectors, dict) or not sectors:
        raise ValueError("a sectors file needs a non-empty `sectors:` mapping")
    registered = []
    for position, (key, fields) in enumerate(sectors.items(), start=1):
        label = fields.get("label") if isinstance(fields, dict) else None
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"sector {position} needs a key made of text")
        registered.append(
            RegisteredSector(key, str(label).strip() if label else default_label(key), position)
        )
    return SectorRegistry(tuple(registered))


@cache
def sector_registry() -> SectorRegistry:
    """The registry of the bundled data/sectors.yaml; read once."""
    text = resources.files("dipreader.data").joinpath("sectors.yaml").read_text("utf-8")
    return parse_sector_registry(text)
