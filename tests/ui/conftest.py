"""UI tests: Pilot and snapshot tests of the Textual app, marked `ui` so `-m "not ui"` skips them."""

from __future__ import annotations

import pytest

from dipreader.ui.widgets.reader import reader


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.ui)


@pytest.fixture(autouse=True)
def lasting_flash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A flashed passage stays highlighted long enough for a test on a busy machine to see it."""
    monkeypatch.setattr(reader, "FLASH_SECONDS", 60.0)
