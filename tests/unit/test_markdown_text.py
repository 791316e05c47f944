"""The Markdown pieces: front matter YAML that reads back exactly, Obsidian tags, escaping."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from dipreader.core.exports.markdown_text import block_id, escape_markdown, front_matter, markdown_tag

TRICKY = [
    "plain text", "yes", "No", "null", "~", "123", "1e3", "0x1F", ".inf", "2024-04-09", "12:30",
    "a: b", "#hash", "x #y", "- item", "'single'", '"double"', "[[link]]", "{a: 1}", " lead", "trail ",
    "two\nlines", "tab\there", "@at", "`tick`", "%pct", "!tag", "*alias", "&anchor", "|", ">", "?",
    "Azerbaijan: talks?", "naïve café", "北京", "emoji 🇦🇿", "back\\slash", "", "=", "a,b", "O'Brien",
]  # fmt: skip


@pytest.mark.parametrize("value", TRICKY)
def test_front_matter_reads_back_every_string_exactly(value: str) -> None:
    text = front_matter({"title": value, "tags": [value, "x"]})
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert yaml.safe_load(text.strip("-\n")) == {"title": value, "tags": [value, "x"]}


def test_front_matter_dates_numbers_and_empty_lists() -> None:
    text = front_matter({"date": dt.date(2024, 4, 9), "count": 3, "flag": True, "none": []})
    assert text == "---\ndate: 2024-04-09\ncount: 3\nflag: true\nnone: []\n---\n"
    assert yaml.safe_load(text.strip("-\n"))["date"] == dt.date(2024, 4, 9)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("energy", "energy"),
        ("people to people", "people-to-people"),
        ("EU/relations", "EU/relations"),
        ("2024", "_2024"),
        ("C++ & Rust!", "C-Rust"),
        ("#already", "already"),
        ("//nested//deep/", "nested/deep"),
        ("Азербайджан", "Азербайджан"),
        ("!!!", None),
    ],
)
def test_markdown_tag_follows_obsidian_rules(text: str, tag: str | None) -> None:
    assert markdown_tag(text) == tag


def test_escape_markdown_and_block_ids() -> None:
    assert escape_markdown("a *b* [c] #d $e ^f =g %h <i>") == r"a \*b\* \[c\] \#d \$e \^f \=g \%h \<i\>"
    assert block_id("4f1c-0d7e_9a2b") == "4f1c-0d7e-9a2b"
    assert block_id("!!!") == "note"
