"""Strip what a terminal would obey from untrusted text: escape sequences, controls, bidi overrides."""

from __future__ import annotations

import re

# String sequences (OSC, DCS, SOS, PM, APC) run to BEL or ST; their payload goes with them.
# The payload class stops at the next ESC, so a flood of unterminated introducers stays linear.
_STRING_SEQUENCE = re.compile(r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)")
_CSI_SEQUENCE = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]")
# Two-character escapes and nF escapes (ESC, intermediates, final byte), e.g. ESC c, ESC ( B.
_OTHER_ESCAPE = re.compile(r"\x1b[ -/]*[0-~]")
_LINE_BREAK = re.compile(r"\r\n?")
# C0 except tab and newline, DEL, C1, and the bidi embeddings, overrides and isolates
# (the "Trojan Source" characters). The marks LRM, RLM and ALM stay: real text needs them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_for_terminal(text: str) -> str:
    """The text without escape sequences or control characters; CR LF and lone CR become LF.

    An introducer with no terminator loses only itself: what follows is plain text by then.
    """
    text = _STRING_SEQUENCE.sub("", text)
    text = _CSI_SEQUENCE.sub("", text)
    text = _OTHER_ESCAPE.sub("", text)
    text = _LINE_BREAK.sub("\n", text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """The text cleaned and folded onto one line, runs of whitespace as one space."""
    return " ".join(clean_for_terminal(text).split())
