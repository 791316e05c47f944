"""Corrections saved into the user's knowledge file, the same way from the reader and the command line.

Only the file's `corrections:` section is rewritten; the rest of the text, comments included, stays
as the user wrote it. The new text is read back before it is written, so a file the rewrite would
spoil is never written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from dipreader.core.atomic_write import write_text_atomic
from dipreader.model.corrections import COUNTRY, MERGE, NOT_PERSON, ROLE, SPLIT, Correction, Corrections
from dipreader.model.knowledge import (
    CORRECTIONS_SECTION,
    MAX_KNOWLEDGE_BYTES,
    Knowledge,
    read_knowledge_text,
    read_user_knowledge,
)

if TYPE_CHECKING:
    from dipreader.core.context import Context

SECTION_COMMENT = (
    "# Corrections made in dipreader (C on an official in the reader, or `dipreader correct`).\n"
)


class CorrectionError(Exception):
    """A correction that could not be saved; the message is one line."""


def apply_correction(context: Context, correction: Correction) -> Corrections:
    """Save a correction in the context's user knowledge file and put it in force at once (the
    context's knowledge and its analysis cache read the file again); returns the file's corrections."""
    saved = save_correction(context.user_knowledge_file, correction)
    context.knowledge_changed()
    return saved


def undo_last_correction(context: Context) -> Correction | None:
    """Remove the latest correction from the user knowledge file; returns it (None: there was none)."""
    user_file = context.user_knowledge_file
    text, known = _read(user_file)
    if not known.corrections:
        return None
    *kept, last = known.corrections.items
    _write(user_file, text, known, Corrections(tuple(kept)))
    context.knowledge_changed()
    return last


def user_corrections(user_file: Path) -> Corrections:
    """The corrections in one user knowledge file (raises CorrectionError when it cannot be read)."""
    return _read(user_file)[1].corrections


def save_correction(user_file: Path, correction: Correction) -> Corrections:
    """Add a correction to the file (taking the place of one that said the same thing); returns the
    file's corrections. Raises CorrectionError when the file cannot be read or written."""
    text, known = _read(user_file)
    corrections = known.corrections.with_correction(correction)
    _write(user_file, text, known, corrections)
    return corrections


def _read(user_file: Path) -> tuple[str, Knowledge]:
    if not user_file.exists():
        return "", Knowledge()
    known = read_user_knowledge(user_file)
    if isinstance(known, str):
        raise CorrectionError(f"{user_file}: {known}; fix the file first, then correct again")
    return user_file.read_text(encoding="utf-8"), known


def _write(user_file: Path, text: str, known: Knowledge, corrections: Corrections) -> None:
    new_text = with_corrections(text, corrections)
    written = read_knowledge_text(new_text)
    if (
        isinstance(written, str)
        or written.corrections != corrections
        or (written.people, written.sectors) != (known.people, known.sectors)
    ):
        raise CorrectionError(
            f"{user_file}: its layout does not take a corrections section at the end "
            "(one YAML document in block style does); nothing was written"
        )
    if len(new_text.encode("utf-8")) > MAX_KNOWLEDGE_BYTES:
        raise CorrectionError(
            f"{user_file}: would grow past {MAX_KNOWLEDGE_BYTES:,} bytes; nothing was written"
        )
    try:
        write_text_atomic(user_file, new_text)
    except OSError as error:
        raise CorrectionError(f"{user_file}: cannot be written: {error.strerror or error}") from None


def with_corrections(text: str, corrections: Corrections) -> str:
    """The knowledge file's text with its corrections section replaced (or added at the end)."""
    section = render_corrections(corrections)
    span = section_span(text, CORRECTIONS_SECTION)
    if span is not None:
        return text[: span[0]] + section + text[span[1] :]
    if not text.strip():
        return SECTION_COMMENT + section
    return text + ("" if text.endswith("\n") else "\n") + "\n" + SECTION_COMMENT + section


class _IndentedDumper(yaml.SafeDumper):
    """Lists indented under their key, as the bundled files write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def render_corrections(corrections: Corrections) -> str:
    """The `corrections:` section as YAML, one entry per correction."""
    entries = [correction_record(item) for item in corrections.items]
    dumped: str = yaml.dump(
        {CORRECTIONS_SECTION: entries},
        Dumper=_IndentedDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
    return dumped


def correction_record(correction: Correction) -> dict[str, str]:
    """One correction as the knowledge file writes it (and `dipreader correct list` prints it)."""
    name, value = correction.name, correction.value or ""
    record: dict[str, str] = {
        NOT_PERSON: {NOT_PERSON: name},
        ROLE: {"person": name, ROLE: value},
        COUNTRY: {"person": name, COUNTRY: value},
        MERGE: {MERGE: name, "into": value},
        SPLIT: {SPLIT: name, "as": value},
    }[correction.kind]
    if correction.article is not None:
        record["article"] = correction.article
    return record


def section_span(text: str, section: str) -> tuple[int, int] | None:
    """Where a top-level section of a knowledge file is, from its key to the end of the line its
    last value ends on (comments after it stay outside); None when the file has no such section
    or cannot be read."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == section:
            end = _content_end(value)
            line_end = text.find("\n", end)
            return key.start_mark.index, len(text) if line_end < 0 else line_end + 1
    return None


def _content_end(node: yaml.Node) -> int:
    """The offset just after the last character of a node's own text: a block collection's mark
    runs on to the next key, over the comments in between."""
    seen: set[int] = set()
    while (
        isinstance(node, (yaml.SequenceNode, yaml.MappingNode))
        and not node.flow_style
        and node.value
        and id(node) not in seen
    ):
        seen.add(id(node))
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return int(node.end_mark.index)
