"""Exports of articles, people and notes to the formats other tools read (Obsidian, Zotero, Markdown)."""
