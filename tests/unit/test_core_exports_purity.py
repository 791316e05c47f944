"""The settings, export and citation modules load neither textual nor rich (the CLI uses them without the app)."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "dipreader.model.sanitise",
    "dipreader.core.config",
    "dipreader.core.citation",
    "dipreader.core.exports.obsidian",
    "dipreader.core.exports.citations",
    "dipreader.core.exports.notes_markdown",
]

CHECK = f"""
import importlib, sys
for name in {MODULES!r}:
    importlib.import_module(name)
print(",".join(sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))))
"""


def test_core_exports_load_neither_textual_nor_rich() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
