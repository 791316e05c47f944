"""Paths of the test fixtures and the sample articles' raw text, for unit and UI tests alike."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"


def seed_text(name_prefix: str) -> str:
    """The raw text of a sample article by its file-name prefix ("000" ... "004")."""
    (path,) = SEEDS.glob(f"{name_prefix}_*.txt")
    return path.read_text(encoding="utf-8")
