"""The Markdown notes export: front matter that parses, each article's URL and date, real #tags."""

from __future__ import annotations

import re
from dataclasses import replace

import yaml

from dipreader.core.exports.notes_markdown import export_notes_markdown
from dipreader.core.exports.records import ArticleRecord
from dipreader.model.anchoring import Annotation, make_annotation

BODY = (
    "BAKU, April 9. Another round of political consultations was held in Rome on April 8. "
    "The delegations were led by the deputy ministers. They discussed energy, transport and culture."
)
ROME = ArticleRecord(
    id="rome",
    title="Azerbaijan and Italy hold political consultations in Rome",
    date="2024-04-09",
    source="Trend",
    url="https://en.trend.az/a/1",
    tags=("consultations",),
)
STAGE = ArticleRecord(id="stage", title="A new stage", date="2024-11", source="AZERTAC")
TAG = re.compile(r"(?<![\w#/\\])#([\w/-]+)")


def _notes() -> list[Annotation]:
    stamp = "2024-05-01T09:30:00.000000Z"
    made = [
        make_annotation("rome", BODY, "h", 0, 40, note="First **round**.", tags=["follow up", "energy"]),
        make_annotation("rome", BODY, "h", 86, 130, color="green"),
        replace(make_annotation("stage", BODY, "h", 131, 180, note="lost"), orphan=True),
        make_annotation("gone", BODY, "h", 0, 10, tags=["2024"]),
    ]
    return [replace(ann, id=f"n{index}", created=stamp, updated=stamp) for index, ann in enumerate(made)]


def _split(text: str) -> tuple[dict[str, object], str]:
    assert text.startswith("---\n")
    block, body = text[4:].split("\n---\n", 1)
    properties = yaml.safe_load(block)
    assert isinstance(properties, dict)
    return properties, body


def test_front_matter_parses_with_counts_and_every_tag() -> None:
    properties, _ = _split(export_notes_markdown(_notes(), [ROME, STAGE]))
    assert properties == {
        "title": "dipreader notes",
        "articles": 3,
        "notes": 4,
        "tags": ["follow-up", "energy", "_2024"],  # in the order of the sections
    }


def test_each_article_has_its_title_source_date_and_url() -> None:
    _, body = _split(export_notes_markdown(_notes(), [ROME, STAGE]))
    sections = body.split("\n## ")[1:]
    titles = [section.split("\n", 1)[0] for section in sections]
    assert titles == ["A new stage", "Azerbaijan and Italy hold political consultations in Rome", "gone"]
    rome = sections[1]
    assert "Trend · 2024-04-09 · <https://en.trend.az/a/1>" in rome
    assert "AZERTAC · 2024-11" in sections[0]
    assert "Article `gone`" in sections[2]


def test_tags_are_hash_tags_not_code() -> None:
    _, body = _split(export_notes_markdown(_notes(), [ROME, STAGE]))
    assert TAG.findall(body) == ["consultations", "follow-up", "energy", "_2024"]
    assert "`follow up`" not in body and "Tags:" not in body


def test_quotes_notes_orphans_and_details() -> None:
    _, body = _split(export_notes_markdown(_notes(), [ROME, STAGE]))
    assert "> BAKU, April 9. Another round of politica\n\nFirst **round**.\n\n#follow-up #energy\n" in body
    assert "*Orphan: this passage is no longer in the article.*" in body
    assert "<sub>green · 2024-05-01T09:30:00.000000Z · n1</sub>" in body


def test_article_text_is_escaped_and_controls_removed() -> None:
    body = "Price: $5 and #1 [[link]] *bold*\x1b]52;c;eA==\x07 end"
    ann = make_annotation("x", body, "h", 0, len(body))
    title = ArticleRecord("x", "Title\u202e #tag")
    text = export_notes_markdown([ann], [title])
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "> Price: \\$5 and \\#1 \\[\\[link\\]\\] \\*bold\\* end" in text
    assert "## Title \\#tag" in text
    assert TAG.findall(_split(text)[1]) == []


def test_nothing_to_export_is_still_a_valid_document() -> None:
    properties, body = _split(export_notes_markdown([], []))
    assert properties == {"title": "dipreader notes", "articles": 0, "notes": 0}
    assert body.strip() == "# Notes"
