"""The status line's words for an official: name, role, and the country with where it was read."""

from __future__ import annotations

from dipreader.model.article import OfficialMention

COUNTRY_BASIS_WORDS = {
    "title": "title",
    "knowledge": "knowledge base",
    "nationality": "nationality word",
    "counterpart": "counterpart frame",
    "host": "host",
    "visitor": "visitor",
    "elimination": "by elimination",
    "companion": "accompanying an official",
    "dateline": "dateline",
    "lead": "the lead names it first",
    "correction": "your correction",
}
"""How each `OfficialMention.country_basis` is said (an unknown one is shown as it is)."""


def country_text(mention: OfficialMention) -> str:
    """ "Italy (title)", "country unknown"."""
    if mention.country is None:
        return "country unknown"
    if mention.country_basis is None:
        return mention.country
    return f"{mention.country} ({COUNTRY_BASIS_WORDS.get(mention.country_basis, mention.country_basis)})"


def official_text(mention: OfficialMention) -> str:
    """ "Official: Antonio Tajani — Foreign Minister · Italy (title)", with how the text wrote the
    name when it differs."""
    written = f" (written “{mention.surface}”)" if mention.surface != mention.name else ""
    role = mention.role or "role not stated"
    return f"Official: {mention.name}{written} — {role} · {country_text(mention)}"
