"""Officials and sectors of one article: a pure, deterministic function of the text."""

from __future__ import annotations

from dipreader.extract.officials.find import find_officials
from dipreader.extract.sectors import find_sectors
from dipreader.model.article import Entities
from dipreader.model.knowledge import Knowledge, bundled_knowledge


def extract_entities(text: str, knowledge: Knowledge | None = None) -> Entities:
    """Officials and sectors in `text`, each sorted by start, never overlapping; offsets in code
    points. Without `knowledge` the bundled knowledge base is used."""
    chosen = bundled_knowledge() if knowledge is None else knowledge
    return Entities(
        officials=tuple(find_officials(text, chosen)),
        sectors=tuple(find_sectors(text, chosen.sectors)),
    )
