"""UI tests: Pilot and snapshot tests of the Textual app, marked `ui` so `-m "not ui"` skips them."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.ui)
