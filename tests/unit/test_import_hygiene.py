"""The model layer and the store never load textual or rich."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE_MODULES = [
    "dipreader.model",
    "dipreader.model.article",
    "dipreader.sources.files",
    "dipreader.model.knowledge",
    "dipreader.extract.entities",
    "dipreader.extract.dates.timeexpr",
    "dipreader.model.chronology",
    "dipreader.model.people",
    "dipreader.model.anchoring",
    "dipreader.store",
    "dipreader.cache.analysis",
    "dipreader.core.notes_io",
]

CHECK = """
import importlib, pkgutil, sys
import dipreader.model
for info in pkgutil.walk_packages(dipreader.model.__path__, "dipreader.model."):
    importlib.import_module(info.name)
importlib.import_module({module!r})
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "rich"))
print(",".join(loaded))
"""


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_layers_load_neither_textual_nor_rich(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"
