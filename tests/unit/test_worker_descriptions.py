"""Every `@work` in the UI names itself: Textual's default description is the repr of every
argument, made on the event loop (a 10,000-article library's repr took 0.1 s a worker)."""

from __future__ import annotations

import ast
from pathlib import Path

import dipreader

UI = Path(dipreader.__file__).parent / "ui"


def work_decorators(tree: ast.AST) -> list[ast.Call]:
    return [
        decorator
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Name)
        and decorator.func.id == "work"
    ]


def test_the_scan_finds_a_work_decorator_without_a_description() -> None:
    tree = ast.parse("@work(thread=True)\ndef load(self) -> None: ...\n")
    (found,) = work_decorators(tree)
    assert "description" not in {keyword.arg for keyword in found.keywords}


def test_every_ui_worker_has_a_description() -> None:
    unnamed = []
    for path in sorted(UI.rglob("*.py")):
        for decorator in work_decorators(ast.parse(path.read_text(encoding="utf-8"))):
            if "description" not in {keyword.arg for keyword in decorator.keywords}:
                unnamed.append(f"{path.relative_to(UI)}:{decorator.lineno}")
    assert not unnamed, f"@work without description=: {unnamed}"
