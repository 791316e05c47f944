"""The sector registry: bundled sectors in file order with labels, stable positions for unknown keys."""

from __future__ import annotations

import pytest

from dipreader.model.sector_registry import default_label, parse_sector_registry, sector_registry

DOCUMENT = """
sectors:
  energy:
    label: Energy
    terms: [energy, oil]
  youth_sports:
    terms: [sports]
  trade:
    label: Trade and commerce
"""


def test_sectors_keep_the_file_order_with_their_labels_and_positions() -> None:
    registry = parse_sector_registry(DOCUMENT)
    assert registry.keys() == ("energy", "youth_sports", "trade")
    assert [sector.position for sector in registry] == [1, 2, 3]
    assert registry.label("trade") == "Trade and commerce"
    assert registry.label("youth_sports") == "Youth sports"
    assert registry.position("trade") == 3


def test_a_sector_outside_the_registry_gets_a_stable_position_in_its_range() -> None:
    registry = parse_sector_registry(DOCUMENT)
    positions = {registry.position(key) for key in ("space", "maritime", "fisheries", "banking", "law")}
    assert positions <= {1, 2, 3} and len(positions) > 1
    assert registry.position("space") == registry.position("space")
    assert registry.get("space") is None and registry.label("space") == "Space"


@pytest.mark.parametrize("text", ["", "sectors: []", "sectors: {}", "people: []", "- a\n- b"])
def test_a_document_without_sectors_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(ValueError, match="sectors"):
        parse_sector_registry(text)


def test_the_bundled_registry_lists_every_bundled_sector_once() -> None:
    registry = sector_registry()
    assert len(registry) >= 24
    assert len(set(registry.keys())) == len(registry)
    assert [sector.position for sector in registry] == list(range(1, len(registry) + 1))
    assert registry.keys()[:3] == ("politics", "economy", "trade")


def test_default_label_reads_like_words() -> None:
    assert default_label("youth_sports") == "Youth sports"
    assert default_label("energy") == "Energy"
