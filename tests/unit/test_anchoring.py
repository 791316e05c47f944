"""Re-anchoring annotations after the article text changes: offsets, quote, close match, orphans."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from samples import seed_text

from dipreader.model.anchoring import (
    CONTEXT_CHARS,
    Annotation,
    anchor,
    make_annotation,
    reanchor,
)

BODY = seed_text("001")
QUOTE = "Khalafov emphasized that the continuation of high-level political dialogue in recent years"


def _annotate(body: str, quote: str, occurrence: int = 0) -> Annotation:
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(quote, start + 1)
    return make_annotation("art", body, "h1", start, start + len(quote), note="my note")


def _placed(ann: Annotation, body: str) -> str | None:
    found = anchor(ann, body)
    return None if found is None else body[found[0] : found[1]]


def test_make_annotation_keeps_quote_and_context() -> None:
    ann = _annotate(BODY, QUOTE)
    assert ann.exact == QUOTE
    assert len(ann.prefix) == CONTEXT_CHARS and len(ann.suffix) == CONTEXT_CHARS
    assert BODY[ann.start - CONTEXT_CHARS : ann.start] == ann.prefix
    assert len(ann.id) == 32 and ann.created == ann.updated and ann.created.endswith("Z")


@pytest.mark.parametrize("span", [(5, 5), (-1, 3), (0, len(BODY) + 1), (10, 2)])
def test_make_annotation_rejects_empty_or_outside_spans(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        make_annotation("art", BODY, "h", *span)


def test_unchanged_text_keeps_offsets() -> None:
    ann = _annotate(BODY, QUOTE)
    assert anchor(ann, BODY) == (ann.start, ann.end)


def _insert_before(body: str) -> str:
    return "Updated at 10:45. An editor's note was added here.\n\n" + body


def _delete_before(body: str) -> str:
    return body[body.index("\n\n") + 2 :]


def _edit_right_before(body: str) -> str:
    return body.replace("Furthermore, Khalafov", "Moreover, Khalafov")


def _edit_right_after(body: str) -> str:
    return body.replace("recent years, the visits", "recent years and the visits")


def _insert_after(body: str) -> str:
    return body.replace("Besides,", "A new paragraph about something else.\n\nBesides,")


def _paragraph_moved_to_front(body: str) -> str:
    paragraphs = body.split("\n\n")
    index = next(i for i, text in enumerate(paragraphs) if QUOTE in text)
    moved = paragraphs.pop(index)
    return "\n\n".join([moved, *paragraphs])


@pytest.mark.parametrize(
    "edit",
    [
        _insert_before,
        _delete_before,
        _edit_right_before,
        _edit_right_after,
        _insert_after,
        _paragraph_moved_to_front,
    ],
    ids=lambda edit: edit.__name__.strip("_"),
)
def test_edits_outside_the_quote_find_it_exactly(edit: Callable[[str], str]) -> None:
    ann = _annotate(BODY, QUOTE)
    new_body = edit(BODY)
    assert new_body != BODY
    assert _placed(ann, new_body) == QUOTE


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ("high-level political", "top-level political"),  # a word replaced
        ("continuation of high-level", "continuation of regular high-level"),  # a word inserted
        ("political dialogue in recent", "dialogue in recent"),  # a word deleted
        ("Khalafov emphasized", "Khalafov stressed"),  # the second word changed
        ("Khalafov emphasized", "He emphasized"),  # the first word changed
        ("recent years", "the past years"),  # the last words changed
        ("emphasized that", "emphasised that"),  # a spelling fix
    ],
)
def test_edits_inside_the_quote_find_the_close_match(changed: str, expected: str) -> None:
    ann = _annotate(BODY, QUOTE)
    new_body = "Editor's note: corrected.\n\n" + BODY.replace(changed, expected)
    assert _placed(ann, new_body) == QUOTE.replace(changed, expected)


def test_edit_inside_and_move_far_away_in_a_long_body() -> None:
    others = "\n\n".join(seed_text(prefix) for prefix in ("000", "002", "003", "004")) * 8
    old_body = others + "\n\n" + BODY
    ann = _annotate(old_body, QUOTE)
    new_body = BODY.replace("high-level", "top-level") + "\n\n" + others
    assert _placed(ann, new_body) == QUOTE.replace("high-level", "top-level")


def test_quote_deleted_is_an_orphan() -> None:
    ann = _annotate(BODY, QUOTE)
    paragraph_start = BODY.index("Furthermore")
    paragraph_end = BODY.index("\n\n", paragraph_start)
    new_body = BODY[:paragraph_start] + BODY[paragraph_end + 2 :]
    assert anchor(ann, new_body) is None
    moved = reanchor(ann, new_body, "h2")
    assert moved.orphan and moved.content_hash == "h2"
    assert (moved.exact, moved.note, moved.id) == (ann.exact, ann.note, ann.id)


def test_quote_rewritten_beyond_recognition_is_an_orphan() -> None:
    ann = _annotate(BODY, QUOTE)
    rewritten = "The minister said that talks between senior officials had become routine"
    assert anchor(ann, BODY.replace(QUOTE, rewritten)) is None


def test_short_quote_gone_is_an_orphan_not_a_random_match() -> None:
    ann = _annotate(BODY, "Mattarella")
    assert anchor(ann, BODY.replace("Mattarella", "Meloni")) is None


REPEATED = (
    "On Monday the ministers met in Baku. The talks were productive, the ministry said. "
    "Trade grew by ten percent last year. On Tuesday the ministers met in Rome. "
    "The talks were productive, the ministry said. Energy was on the agenda."
)
REPEATED_QUOTE = "The talks were productive"


def test_repeated_quote_context_picks_the_annotated_one() -> None:
    ann = _annotate(REPEATED, REPEATED_QUOTE, occurrence=1)
    new_body = "A new first sentence. " + REPEATED
    found = anchor(ann, new_body)
    assert found is not None
    assert new_body[found[0] - 30 : found[0]].endswith("ministers met in Rome. ")


def test_repeated_quote_offsets_landing_on_the_other_one_are_not_trusted() -> None:
    ann = _annotate(REPEATED, REPEATED_QUOTE, occurrence=1)
    first = REPEATED.index(REPEATED_QUOTE)
    new_body = "x" * (ann.start - first) + REPEATED
    assert new_body[ann.start : ann.end] == REPEATED_QUOTE  # old offsets hit the first one
    found = anchor(ann, new_body)
    assert found is not None
    assert new_body[found[0] - 30 : found[0]].endswith("ministers met in Rome. ")


def test_repeated_quote_with_its_context_edited_still_picks_by_context() -> None:
    ann = _annotate(REPEATED, REPEATED_QUOTE, occurrence=0)
    new_body = REPEATED.replace("met in Baku.", "met in the capital, Baku.")
    found = anchor(ann, new_body)
    assert found is not None
    assert new_body[found[0] - 20 : found[0]].endswith("capital, Baku. ")


def test_quote_only_annotation_is_anchored_by_quote() -> None:
    ann = replace(_annotate(BODY, QUOTE), start=-1, end=-1, prefix="", suffix="")
    assert _placed(ann, BODY) == QUOTE


def test_reanchor_refreshes_offsets_and_context_and_keeps_the_rest() -> None:
    ann = _annotate(BODY, QUOTE)
    new_body = _insert_before(BODY).replace("high-level", "top-level")
    moved = reanchor(ann, new_body, "h2")
    assert not moved.orphan and moved.content_hash == "h2"
    assert new_body[moved.start : moved.end] == moved.exact == QUOTE.replace("high", "top")
    assert new_body[moved.start - CONTEXT_CHARS : moved.start] == moved.prefix
    assert new_body[moved.end : moved.end + CONTEXT_CHARS] == moved.suffix
    assert (moved.id, moved.note, moved.created, moved.updated) == (
        ann.id,
        ann.note,
        ann.created,
        ann.updated,
    )


def test_orphan_comes_back_when_the_quote_returns() -> None:
    ann = _annotate(BODY, QUOTE)
    orphan = reanchor(ann, BODY.replace(QUOTE, ""), "h2")
    assert orphan.orphan
    restored = reanchor(orphan, BODY, "h1")
    assert not restored.orphan and restored.exact == QUOTE


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_sentence_of_the_samples_survives_a_prepended_paragraph(prefix: str) -> None:
    body = seed_text(prefix)
    new_body = "Correction appended by the editors.\n\n" + body
    for paragraph in (text for text in body.split("\n\n") if len(text) > 40):
        start = body.index(paragraph)
        ann = make_annotation("art", body, "h", start, start + len(paragraph))
        assert _placed(ann, new_body) == paragraph
