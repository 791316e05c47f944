"""Text made harmless for a terminal: no escape sequences, control characters or bidi overrides."""

from __future__ import annotations

import re

# Each branch starts with ESC or a C1 introducer and its repeated parts exclude ESC and every
# introducer, so the regex engine scans each character a bounded number of times: linear.
_STRING_BODY = r"[^\x07\x1b\x9c\x90\x98\x9d\x9e\x9f\n]*"
_SEQUENCES = re.compile(
    # CSI: ESC [ parameters intermediates final (colours, cursor moves, screen clears).
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    # OSC (title, clipboard 52, hyperlink 8), then DCS, SOS, PM and APC strings, ended by BEL
    # or ST (ESC \\) on the same line. One without its end loses only its introducer (the next
    # branch, or the control filter for C1): what follows is plain text by then.
    rf"|\x1b[\]PX^_]{_STRING_BODY}(?:\x07|\x1b\\)"
    # Any other escape: ESC, intermediate bytes, one final byte (ESC c resets the terminal).
    r"|\x1b[ -/]*[0-~]"
    # The same introducers in their 8-bit C1 form.
    r"|\x9b[0-?]*[ -/]*[@-~]"
    rf"|[\x90\x98\x9d\x9e\x9f]{_STRING_BODY}(?:\x07|\x9c|\x1b\\)"
)
# C0 except tab and newline, DEL, C1, bidi embeddings/overrides/isolates.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Lone surrogates (undecodable file names under surrogateescape) cannot be encoded for output.
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_CARRIAGE_RETURNS = re.compile(r"\r\n?")
_LINE_BREAKS = re.compile(r"[\n\t\u2028\u2029]")
ELLIPSIS = "…"
# What JSON leaves raw (it escapes only C0) that a terminal would act on or cannot encode.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def json_for_terminal(json_text: str) -> str:
    """JSON text with DEL, C1 controls, bidi controls, line separators and lone surrogates
    written as \\u escapes: the same data, nothing a terminal acts on."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)


def safe_for_terminal(text: str) -> str:
    """`text` without escape sequences, C0 controls (newline and tab kept), C1 controls and bidi
    overrides or isolates; lone surrogates become U+FFFD. Linear in the length; idempotent."""
    if text.isprintable():
        # False for every control, format (bidi), surrogate and line-separator character.
        return text
    without_sequences = _SEQUENCES.sub("", text)
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", without_sequences))


def safe_lines(text: str) -> str:
    """`safe_for_terminal` with CR LF and lone CR as LF: text of many lines for a file or a page."""
    return safe_for_terminal(_CARRIAGE_RETURNS.sub("\n", text))


def safe_words(text: str) -> str:
    """`safe_for_terminal` folded onto one line, every run of whitespace one space (names, labels)."""
    return " ".join(safe_for_terminal(text).split())


def safe_one_line(text: str, limit: int | None = 200) -> str:
    """`safe_for_terminal` on one line for ids, paths and reasons: line breaks and tabs become
    spaces, and the result is at most `limit` code points (None: no limit), ending in an
    ellipsis when cut."""
    flat = _LINE_BREAKS.sub(" ", safe_for_terminal(text))
    if limit is None:
        return flat
    if limit <= 0:
        return ""
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1] + ELLIPSIS
