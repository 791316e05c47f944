"""The layers: nothing below the front ends loads textual, rich or dipreader.ui, and no module imports
itself back through a cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import dipreader

PACKAGE = Path(dipreader.__file__).parent
FRONT_ENDS = ("dipreader.ui", "dipreader.cli")
UI_ONLY = ("textual", "rich", "dipreader.ui")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_names(module: str, path: Path) -> Iterator[tuple[str, bool]]:
    """(imported module, whether at module level rather than inside a function) for every import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    type_checking = {
        id(child)
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test)
        for child in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in type_checking:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, id(node) in top_level
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            yield base, id(node) in top_level
            for alias in node.names:
                yield f"{base}.{alias.name}", id(node) in top_level


def is_within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def test_no_module_below_the_front_ends_imports_textual_rich_or_the_ui() -> None:
    offenders = [
        f"{module} imports {name}"
        for module, path in all_modules().items()
        if not is_within(module, FRONT_ENDS)
        for name, _ in imported_names(module, path)
        if is_within(name, UI_ONLY)
    ]
    assert offenders == []


def test_no_import_cycles_between_modules() -> None:
    """Imports, at module level or deferred inside functions (TYPE_CHECKING aside), never form a cycle."""
    modules = all_modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = {name for name, _ in imported_names(module, path) if name in modules}
        graph[module] = {
            target for target in targets if target != module and not module.startswith(target + ".")
        }
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []


CHECK = """
import importlib, pkgutil, sys
import dipreader
for info in pkgutil.walk_packages(dipreader.__path__, "dipreader."):
    if not info.name.startswith(("dipreader.ui", "dipreader.cli")):
        importlib.import_module(info.name)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))
print(",".join(loaded))
"""


def test_importing_every_core_module_loads_neither_textual_nor_rich() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    "source", ["import textual\n", "from rich.text import Text\n", "from dipreader.ui import app\n"]
)
def test_the_rule_would_catch_an_offender(tmp_path: Path, source: str) -> None:
    path = tmp_path / "offender.py"
    path.write_text(source)
    names = [name for name, _ in imported_names("dipreader.core.offender", path)]
    assert any(is_within(name, UI_ONLY) for name in names)
