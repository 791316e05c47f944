"""Make untrusted article text safe to show: strip escape sequences and control characters; find a title."""

from __future__ import annotations

import re

from dipreader.model.terminal_text import safe_for_terminal

# Zero-width spaces and directional marks, beyond what the terminal sanitiser removes.
_INVISIBLE_MARKS = re.compile(r"[\u200b\u200e\u200f]")
_FURNITURE_PREFIX = re.compile(r"^\s*(?:date\s+\d{4}-\d{2}-\d{2}\s*)?(?:[A-Z]{3,}\s*-\s*[^)]{1,60}\)\s*)?")
_DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z .'-]{1,40},(?:\s*[A-Z][A-Za-z .'-]{1,40},)?\s*"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:,\s*\d{4})?\s*[.:/–—-]+\s*"
)
_BYLINE = re.compile(r"^(?:By\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"])")
TITLE_MAX_CHARS = 100


def clean_text(text: str) -> str:
    """Remove ANSI/OSC escape sequences and control characters (keeping newlines); tabs become spaces.
    The one terminal sanitiser (model.terminal_text) does the removing."""
    return _INVISIBLE_MARKS.sub("", safe_for_terminal(text.replace("\t", " ")))


def _shorten(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(",;: ") + "…"


def title_from_body(body: str) -> str:
    """A short first line that is not a byline, else the first sentence without dateline or furniture."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines:
        return "(untitled)"
    first = lines[0]
    if _BYLINE.match(first) and len(lines) > 1:
        first = lines[1]
    if len(first) <= TITLE_MAX_CHARS and not first.endswith((".", ",", ";", ":")):
        return _shorten(first)
    lead = _FURNITURE_PREFIX.sub("", first, count=1)
    lead = _DATELINE_PREFIX.sub("", lead, count=1)
    sentence = _SENTENCE_END.split(lead, maxsplit=1)[0]
    return _shorten(sentence.rstrip(".")) or _shorten(first)
