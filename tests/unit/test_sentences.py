"""Sentence spans in agency prose."""

from __future__ import annotations

import pytest

from dipreader.extract.text.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The sides met. They agreed.", ["The sides met.", "They agreed."]),
        (
            "Mr. Aliyev met Dr. Smith in St. Petersburg. Then he left.",
            ["Mr. Aliyev met Dr. Smith in St. Petersburg.", "Then he left."],
        ),
        ("The U.S. side agreed. Talks ended.", ["The U.S. side agreed.", "Talks ended."]),
        ("Trade rose by 2.5 percent. Exports fell.", ["Trade rose by 2.5 percent.", "Exports fell."]),
        ("at a high level.His speeches were heard.", ["at a high level.", "His speeches were heard."]),
        (
            "BAKU, Azerbaijan, April 9. Another round was held.",
            ["BAKU, Azerbaijan, April 9.", "Another round was held."],
        ),
        ("“We agree,” he said. “Good.”", ["“We agree,” he said.", "“Good.”"]),
        ("Title line\n\nBody text here.", ["Title line", "Body text here."]),
        ("Agency)On November 26, they met.", ["Agency)", "On November 26, they met."]),
        ("", []),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_hard_wrapped_lines_stay_one_sentence() -> None:
    line = "The delegations discussed the strategic partnership between the two countries and"
    text = f"{line}\nagreed to continue the dialogue."
    assert _sentences(text) == [text]


def test_spans_point_into_the_text() -> None:
    text = "  First one.  Second one!  "
    assert sentence_spans(text) == [(2, 12), (14, 25)]
