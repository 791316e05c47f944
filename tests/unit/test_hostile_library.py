"""`check` on a folder holding every hostile case of issue 17 finishes and lists each one."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_folders import make_deep_tree, remove_tree_iteratively

from dipreader.cli import main

ALIAS_BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [
        f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join(['*' + chr(97 + level)] * 10)}]"
        for level in range(8)
    ]
    + ["title: *i"]
)
DEEP_TREE_LEVELS = 3000


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "articles"
    root.mkdir()
    write(root, "good.md", "---\ntitle: Good\ndate: 2024-05-01\n---\nThe minister visited Hanoi tomorrow.\n")
    os.mkfifo(root / "pipe.md")
    if Path("/dev/zero").exists():
        (root / "zero.md").symlink_to("/dev/zero")
    write(root, "month13.md", "---\ndate: 2024-13-45\n---\nText.\n")
    write(root, "feb30.md", "---\nupdated: 2024-02-30\n---\nText.\n")
    write(root, "year0.md", "---\ncreated: 0000-01-01\n---\nText.\n")
    write(root, "hour25.md", "---\nwhen: 2024-01-01T25:00:00\n---\nText.\n")
    write(root, "far.md", "---\ndate: 9999-12-31\n---\nTomorrow and last January the talks go on.\n")
    write(root, "huge.md", "---\ncount: " + "9" * 5000 + "\n---\nText.\n")
    write(root, "bomb.md", f"---\n{ALIAS_BOMB}\n---\nText.\n")
    write(root, "nested.md", "---\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nText.\n")
    write(root, "same.md", "Same as markdown.\n")
    write(root, "same.txt", "Same as text.\n")
    outside = tmp_path / "outside.md"
    outside.write_text("Not in the library.\n")
    (root / "out.md").symlink_to(outside)
    make_deep_tree(root, DEEP_TREE_LEVELS)
    yield root
    remove_tree_iteratively(root / "d")


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    real_stdout = sys.stdout
    sys.stdout = out
    try:
        code = main(list(argv))
    finally:
        sys.stdout = real_stdout
    return code, out.getvalue()


def test_check_lists_every_hostile_case(hostile_folder: Path) -> None:
    code, text = run("check", "--json", "--articles", str(hostile_folder))
    assert code == 1
    report: dict[str, Any] = json.loads(text)
    reasons = {Path(problem["path"]).name: problem["reason"] for problem in report["problems"]}
    assert "named pipe" in reasons["pipe.md"]
    if Path("/dev/zero").exists():
        assert "outside the library" in reasons["zero.md"]
    assert "no month 13" in reasons["month13.md"]
    assert "no day 30" in reasons["feb30.md"]
    assert "year 0 is outside" in reasons["year0.md"]
    assert "no hour 25" in reasons["hour25.md"]
    assert "outside" in reasons["far.md"]
    assert "too large" in reasons["huge.md"]
    assert "expands to more than" in reasons["bomb.md"]
    assert "nested more than" in reasons["nested.md"]
    assert "same id 'same'" in reasons["same.txt"]
    assert "outside the library" in reasons["out.md"]
    assert any("nested more than" in reason for name, reason in reasons.items() if name == "d")
    assert report["articles"] == 2  # good.md and same.md


def test_list_and_views_keep_working_beside_the_hostile_files(hostile_folder: Path) -> None:
    code, text = run("list", "--json", "--articles", str(hostile_folder))
    assert code == 0
    assert sorted(row["id"] for row in json.loads(text)) == ["good", "same"]
    for command in ("entities", "chronology", "who"):
        code, _text = run(command, "--articles", str(hostile_folder))
        assert code == 0, command


def test_the_deep_tree_is_removed_without_recursion(tmp_path: Path) -> None:
    make_deep_tree(tmp_path, DEEP_TREE_LEVELS, name="deep")
    remove_tree_iteratively(tmp_path / "deep")
    assert not (tmp_path / "deep").exists()
