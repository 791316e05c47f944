"""File names that every OS and Obsidian accept, made from titles and names."""

from __future__ import annotations

import re
import unicodedata

from dipreader.model.terminal_text import safe_words

MAX_STEM_CHARS = 100
MAX_STEM_BYTES = 200
# Forbidden on Windows or macOS (\ / : * ? " < > |), or breaking Obsidian links (# ^ [ ] |).
_FORBIDDEN = re.compile(r'[\\/:*?"<>|#^\[\]]+')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{name}{digit}" for name in ("COM", "LPT") for digit in "0123456789¹²³"}
)


def safe_stem(text: str, fallback: str = "Untitled") -> str:
    """A file name without extension: no forbidden characters, no leading or trailing dots and
    spaces, not a Windows device name, at most `MAX_STEM_CHARS` characters and `MAX_STEM_BYTES`
    bytes of UTF-8 (cut at a word where it can be)."""
    stem = " ".join(_FORBIDDEN.sub(" ", unicodedata.normalize("NFC", safe_words(text))).split())
    stem = _shorten(stem).strip(" .")
    if not stem:
        stem = fallback
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = f"{stem}_"
    return stem


def _shorten(stem: str) -> str:
    if len(stem) <= MAX_STEM_CHARS and len(stem.encode()) <= MAX_STEM_BYTES:
        return stem
    cut = stem[:MAX_STEM_CHARS]
    while len(cut.encode()) > MAX_STEM_BYTES:
        cut = cut[:-1]
    at_word = cut.rsplit(" ", 1)[0]
    return at_word if len(at_word) >= len(cut) // 2 else cut
