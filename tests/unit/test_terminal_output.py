"""No escape sequence, C1 control or bidi override from file names, titles or notes reaches the terminal."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from dipreader.cli import main

HOSTILE = {
    "csi": "\x1b[2J\x1b[31m",
    "osc-title": "\x1b]0;pwned\x07",
    "osc-clipboard": "\x1b]52;c;ZWNobyBoaQ==\x1b\\",
    "osc-hyperlink": "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d0;pwned\x9c",
    "bidi": "\u202eexe.md\u202c\u2066x\u2069",
}
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def hostile_articles(tmp_path: Path) -> Path:
    if sys.platform == "win32":
        pytest.skip("control characters are not allowed in Windows file names")
    root = tmp_path / "articles"
    root.mkdir()
    for name, payload in HOSTILE.items():
        in_name = payload.replace("/", "|")
        (root / f"{name}{in_name}.md").write_text(f"Title {payload}\n\nThe minister met.\n", encoding="utf-8")
        (root / f"broken-{name}{in_name}.md").write_text(
            "---\ndate: 2024-13-45\n---\nText.\n", encoding="utf-8"
        )
    return root


@pytest.mark.parametrize("command", [["list"], ["check"], ["list", "--json"], ["check", "--json"]])
def test_list_and_check_print_nothing_a_terminal_acts_on(
    hostile_articles: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    _code, output = run(capsys, *command, "--articles", str(hostile_articles))
    assert "\x1b" not in output
    assert not UNSAFE.search(output), repr(UNSAFE.search(output))
    assert "csi" in output and "bidi" in output  # the harmless rest of each name is kept


def test_json_keeps_the_exact_ids_as_escapes(
    hostile_articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--json", "--articles", str(hostile_articles)])
    report = json.loads(capsys.readouterr().out)
    ids = {problem["id"] for problem in report["problems"]}
    assert "broken-bidi\u202eexe.md\u202c\u2066x\u2069" in ids  # the data survives, escaped


def test_notes_export_markdown_is_sanitised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = [
        {
            "article_id": f"article{payload}",
            "exact": f"quote {payload}",
            "note": f"note {payload}\nsecond line",
            "tags": [f"tag{name}{payload}"],
        }
        for name, payload in HOSTILE.items()
    ]
    source = tmp_path / "notes.json"
    source.write_text(json.dumps({"format": "dipreader-notes", "version": 1, "annotations": notes}))
    code, output = run(capsys, "notes", "import", str(source))
    assert code == 0, output
    assert not UNSAFE.search(output)
    code, output = run(capsys, "notes", "export", "--format", "md")
    assert code == 0
    assert "\x1b" not in output and not UNSAFE.search(output)
    assert "second line" in output and "note " in output
    code, output = run(capsys, "notes", "export", "--format", "json")
    assert code == 0 and not UNSAFE.search(output)
    assert len(json.loads(output)["annotations"]) == len(HOSTILE)
